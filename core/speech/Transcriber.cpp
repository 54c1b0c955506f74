#include "core/speech/Transcriber.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>
#include <span>

#include "core/agents/OpenAiModel.h"
#include "core/agents/local/LocalModel.h"
#include "core/agents/openai/HttpCall.h"
#include "core/io/MediaImporter.h"
#include "core/media/AudioDecoder.h"
#include "core/media/WavFile.h"
#include "core/util/RemainingTime.h"
#include "motor/gpu/speech.h"

namespace motor::speech {
namespace {

// The messages a person reads (the app's transcription dialog shows them) go through the
// interface's translator; the CLI installs none, so it stays English.
struct Texts {
    Q_DECLARE_TR_FUNCTIONS(motor::speech::Transcriber)
};

QString qs(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString provenanceKey(const Media& m) {
    return QStringLiteral("transcript-provenance/%1").arg(m.id);
}

// openai/whisper's rule for a segment that is silence: the no-speech probability is
// high and the text was not confidently decoded (a server that gives no log-prob is
// trusted on the probability alone).
constexpr double kNoSpeechThreshold = 0.6;
constexpr double kLogprobThreshold = -1.0;
// The upload's rate is averaged over a few seconds: a network's pace wavers that fast.
constexpr int64_t kUploadSmoothingMs = 3000;

struct Recognized {
    QVector<Utterance> utterances;
    QJsonObject provenance;
};

Result<Recognized> recognizeLocally(const Media& media, const QString& audioPath, const TranscribeOptions& options,
                                    TranscribeReport* report) {
    const QString modelPath = agents::resolveModelPath(options.model);
    auto weights = gpu::openModel(modelPath.toStdString());
    if (!weights) return makeError(qs(weights.error().message));
    const std::string format = weights.value()->formatName();
    auto model = gpu::SpeechModel::load(std::move(weights.value()), options.threads);
    if (!model) return makeError(qs(model.error().message));
    auto placed = agents::placeSpeechModel(*model.value(), options.device);
    if (!placed) return placed.error();
    report->device = placed->line();

    auto pcm = media::AudioDecoder::decode(audioPath, 0, media.durationMs, media::AudioFormat{});
    if (!pcm) return pcm.error();
    const std::span<const float> samples(pcm->floats(), size_t(pcm->frameCount()));

    gpu::SpeechOptions so;
    so.language = options.language.toStdString();
    so.beamSize = std::max(1, options.beamSize);
    so.vad.enabled = options.voiceActivity;
    gpu::SpeechCallbacks cb;
    if (options.cancel) cb.cancel = options.cancel->atomic();
    if (options.progress)
        cb.progress = [&](const gpu::SpeechProgress& p) {
            TranscribeProgress now;
            now.doneMs = p.doneMs;
            now.totalMs = p.totalMs;
            now.etaSeconds = p.etaSeconds;
            options.progress(now);
        };
    QElapsedTimer timer;
    timer.start();
    auto transcript = model.value()->transcribe(samples, so, cb);
    if (!transcript) {
        if (agents::cancelled(options.cancel))
            return cancelledError(Texts::tr("%1: transcription cancelled; the project is unchanged").arg(audioPath));
        return makeError(audioPath + QStringLiteral(": ") + qs(transcript.error().message));
    }
    report->seconds = double(timer.elapsed()) / 1000.0;
    report->language = qs(transcript->language);
    report->durationMs = transcript->durationMs;
    report->windows = transcript->windows;
    Recognized out;
    for (const gpu::SpeechSegment& s : transcript->segments) {
        const QString text = qs(s.text).trimmed();
        if (text.isEmpty()) continue;
        Utterance u;
        u.startMs = s.startMs;
        u.endMs = std::max(s.startMs, s.endMs);
        u.text = text;
        u.language = report->language;
        out.utterances.push_back(u);
    }
    out.provenance = QJsonObject{{QStringLiteral("backend"), QStringLiteral("local")},
                                 {QStringLiteral("model"), QFileInfo(modelPath).absoluteFilePath()},
                                 {QStringLiteral("format"), qs(format)},
                                 {QStringLiteral("device"), placed->device},
                                 {QStringLiteral("beam_size"), so.beamSize},
                                 {QStringLiteral("voice_activity"), options.voiceActivity},
                                 {QStringLiteral("windows"), report->windows},
                                 {QStringLiteral("fallbacks"), transcript->fallbacks}};
    if (auto hash = agents::modelContentHash(modelPath); hash)
        out.provenance.insert(QStringLiteral("content"), hash.value());
    return out;
}

Result<Recognized> recognizeOnServer(const Media& media, const QString& audioPath, const TranscribeOptions& options,
                                     TranscribeReport* report) {
    ServerTranscriptionOptions so = options.server;
    so.language = options.language;
    const QUrl endpoint = transcriptionEndpoint(so.url);
    if (!so.url.isValid() || so.url.host().isEmpty() ||
        (so.url.scheme() != QLatin1String("http") && so.url.scheme() != QLatin1String("https")))
        return makeError(Texts::tr("openai: --url must be an http(s) URL, got '%1'").arg(so.url.toString()));
    // Before the audio is even decoded: classroom audio leaves the machine only with a yes.
    QString howToAllow = options.howToAllowRemoteAudio;
    if (howToAllow.isEmpty())
        //: How to allow it: %3 in "openai: sending %1 to %2, which is not this machine, ...".
        howToAllow = Texts::tr("(--allow-remote-audio), or transcribe on this machine (--backend local)");
    if (Status st = agents::confirmRemoteHosts(
            {endpoint}, options.confirmRemoteAudio,
            //: What would leave the machine: %1 in "openai: sending %1 to %2, which is not this machine, ...".
            Texts::tr("the recording's audio"), howToAllow);
        !st)
        return st.error();
    auto pcm = media::AudioDecoder::decode(audioPath, 0, media.durationMs,
                                           media::AudioFormat{16000, 1, media::SampleFormat::Int16});
    if (!pcm) return pcm.error();
    TranscribeProgress now;
    now.totalMs = media.durationMs;
    QElapsedTimer timer;
    timer.start();
    util::RemainingTime uploadLeft(kUploadSmoothingMs, util::FirstStep::Buffered);
    agents::UploadProgress uploaded;
    if (options.progress)
        uploaded = [&](int64_t sentBytes, int64_t totalBytes) {
            uploadLeft.update(timer.elapsed(), sentBytes, totalBytes);
            now.stage = TranscribeStage::Uploading;
            now.sentBytes = sentBytes;
            now.totalBytes = totalBytes;
            now.etaSeconds = uploadLeft.seconds();
            options.progress(now);
            if (sentBytes < totalBytes) return;
            now.stage = TranscribeStage::ServerTranscribing;
            now.etaSeconds = -1;  // the server says nothing until it answers
            options.progress(now);
        };
    auto transcript = transcribeOnServer(so, media::wavFile(pcm.value()), options.cancel, uploaded);
    if (!transcript) {
        if (isCancelled(transcript.error()))
            return cancelledError(Texts::tr("%1; the project is unchanged").arg(transcript.error().message));
        return transcript.error();
    }
    if (options.progress) {
        now.stage = TranscribeStage::Recognizing;
        now.doneMs = media.durationMs;
        now.etaSeconds = 0;
        options.progress(now);
    }
    report->seconds = double(timer.elapsed()) / 1000.0;
    report->language = options.language.isEmpty() ? transcript->language : options.language;
    report->durationMs =
        transcript->durationSeconds > 0 ? int64_t(transcript->durationSeconds * 1000.0) : media.durationMs;
    Recognized out;
    for (const ServerSegment& s : transcript->segments) {
        const QString text = s.text.trimmed();
        if (text.isEmpty()) continue;
        if (s.noSpeechProb && *s.noSpeechProb > kNoSpeechThreshold &&
            (!s.avgLogprob || *s.avgLogprob < kLogprobThreshold)) {
            ++report->silentSegments;
            continue;
        }
        Utterance u;
        u.startMs = s.startMs;
        u.endMs = s.endMs;
        u.text = text;
        u.language = report->language;
        out.utterances.push_back(u);
    }
    out.provenance = QJsonObject{{QStringLiteral("backend"), QStringLiteral("openai")},
                                 {QStringLiteral("url"), agents::shownUrl(endpoint)},
                                 {QStringLiteral("model"), so.model},
                                 {QStringLiteral("silent_segments"), report->silentSegments}};
    return out;
}

}  // namespace

Result<TranscribeReport> transcribeRecording(Project& project, const TranscribeOptions& options) {
    auto media = io::MediaImporter::findMedia(project, options.mediaPath);
    if (!media) return media.error();
    const QString audioPath = project.absoluteMediaPath(media.value());
    // Ask before the long work, not after it.
    if (options.merge == io::TranscriptMerge::IfEmpty) {
        auto existing = io::TranscriptImporter::existingUtterances(project, options.mediaPath);
        if (!existing) return existing.error();
        if (existing.value() > 0)
            return makeError(Texts::tr("%1: has a transcript already (%2 utterances); choose to replace it or to add "
                                       "the new utterances beside it")
                                 .arg(options.mediaPath, QString::number(existing.value())));
    }
    if (!media->hasAudio) return makeError(Texts::tr("%1: the recording has no audio track").arg(audioPath));

    TranscribeReport report;
    auto recognized = options.backend == SpeechBackend::OpenAi
                          ? recognizeOnServer(media.value(), audioPath, options, &report)
                          : recognizeLocally(media.value(), audioPath, options, &report);
    if (!recognized) return recognized.error();
    QJsonObject provenance = recognized->provenance;
    provenance.insert(QStringLiteral("language"), report.language);
    provenance.insert(QStringLiteral("language_requested"), options.language);
    provenance.insert(QStringLiteral("seconds"), report.seconds);
    report.provenance = provenance;

    Result<io::TranscriptImportReport> written = io::TranscriptImportReport{};
    const Status s = project.transaction([&]() -> Status {
        written =
            io::TranscriptImporter::attachUtterances(project, options.mediaPath, recognized->utterances, options.merge);
        if (!written) return written.error();
        return project.setSetting(provenanceKey(media.value()),
                                  QString::fromUtf8(QJsonDocument(provenance).toJson(QJsonDocument::Compact)));
    });
    if (!s) return s.error();
    report.written = written.value();
    return report;
}

Result<QJsonObject> transcriptProvenance(Project& project, const QString& mediaPath) {
    auto media = io::MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    auto text = project.setting(provenanceKey(media.value()));
    if (!text) return text.error();
    return QJsonDocument::fromJson(text.value().toUtf8()).object();
}

}  // namespace motor::speech
