#include "core/speech/Transcriber.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>
#include <span>

#include "core/agents/local/LocalModel.h"
#include "core/io/MediaImporter.h"
#include "core/media/AudioDecoder.h"
#include "motor/gpu/speech.h"

namespace motor::speech {
namespace {

QString qs(const std::string& s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString provenanceKey(const Media& m) {
    return QStringLiteral("transcript-provenance/%1").arg(m.id);
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
            return makeError(QStringLiteral("%1: has a transcript already (%2 utterances); choose to replace it or to "
                                            "add the new utterances beside it")
                                 .arg(options.mediaPath)
                                 .arg(existing.value()));
    }
    if (!media->hasAudio) return makeError(audioPath + QStringLiteral(": the recording has no audio track"));

    const QString modelPath = agents::resolveModelPath(options.model);
    auto weights = gpu::openModel(modelPath.toStdString());
    if (!weights) return makeError(qs(weights.error().message));
    const std::string format = weights.value()->formatName();
    auto model = gpu::SpeechModel::load(std::move(weights.value()), options.threads);
    if (!model) return makeError(qs(model.error().message));

    auto pcm = media::AudioDecoder::decode(audioPath, 0, media->durationMs, media::AudioFormat{});
    if (!pcm) return pcm.error();
    const std::span<const float> samples(pcm->floats(), size_t(pcm->frameCount()));

    gpu::SpeechOptions so;
    so.language = options.language.toStdString();
    so.beamSize = std::max(1, options.beamSize);
    so.vad.enabled = options.voiceActivity;
    gpu::SpeechCallbacks cb;
    cb.cancel = options.cancel;
    if (options.progress)
        cb.progress = [&](const gpu::SpeechProgress& p) { options.progress(p.doneMs, p.totalMs, p.etaSeconds); };
    QElapsedTimer timer;
    timer.start();
    auto transcript = model.value()->transcribe(samples, so, cb);
    if (!transcript) {
        if (options.cancel && options.cancel->load())
            return Error{audioPath + QStringLiteral(": transcription cancelled; the project is unchanged"),
                         ErrorCode::Cancelled};
        return makeError(audioPath + QStringLiteral(": ") + qs(transcript.error().message));
    }

    TranscribeReport report;
    report.seconds = double(timer.elapsed()) / 1000.0;
    report.language = qs(transcript->language);
    report.durationMs = transcript->durationMs;
    report.windows = transcript->windows;
    QVector<Utterance> utterances;
    for (const gpu::SpeechSegment& s : transcript->segments) {
        const QString text = qs(s.text).trimmed();
        if (text.isEmpty()) continue;
        Utterance u;
        u.startMs = s.startMs;
        u.endMs = std::max(s.startMs, s.endMs);
        u.text = text;
        u.language = report.language;
        utterances.push_back(u);
    }
    QJsonObject provenance{{QStringLiteral("model"), QFileInfo(modelPath).absoluteFilePath()},
                           {QStringLiteral("format"), qs(format)},
                           {QStringLiteral("language"), report.language},
                           {QStringLiteral("language_requested"), options.language},
                           {QStringLiteral("beam_size"), so.beamSize},
                           {QStringLiteral("voice_activity"), options.voiceActivity},
                           {QStringLiteral("windows"), report.windows},
                           {QStringLiteral("fallbacks"), transcript->fallbacks},
                           {QStringLiteral("seconds"), report.seconds}};
    if (auto hash = agents::modelContentHash(modelPath); hash)
        provenance.insert(QStringLiteral("content"), hash.value());
    report.provenance = provenance;

    Result<io::TranscriptImportReport> written = io::TranscriptImportReport{};
    const Status s = project.transaction([&]() -> Status {
        written = io::TranscriptImporter::attachUtterances(project, options.mediaPath, utterances, options.merge);
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
