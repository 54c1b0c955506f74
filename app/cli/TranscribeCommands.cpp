// motor transcribe: a recording's transcript from its own audio (Whisper on the local
// engine, or an OpenAI-compatible server's /v1/audio/transcriptions).
#include <QJsonDocument>
#include <csignal>
#include <cstdio>

#include "Command.h"
#include "core/speech/Transcriber.h"

namespace motor::cli {
namespace {

agents::CancelFlag gInterrupted;
void onTranscribeInterrupt(int) {
    gInterrupted.cancel();
}

QString clock(double seconds) {
    const int s = int(seconds + 0.5);
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

int cmdTranscribe(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addOption({QStringLiteral("media"), QStringLiteral("The recording to transcribe (already imported)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("model"),
                      QStringLiteral("local: a Whisper model, as a Hugging Face folder, a whisper.cpp ggml file, or "
                                     "its name in ~/.cache/motor-studio/models ($MOTOR_MODELS_DIR). openai: the name "
                                     "the server serves the model under (default whisper-1)."),
                      QStringLiteral("PATH|NAME")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("fi, en, ... or auto (default: detect)."),
                      QStringLiteral("CODE"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("replace"), QStringLiteral("Replace the recording's transcript, if it has one.")});
    parser.addOption({QStringLiteral("add"), QStringLiteral("Add the utterances beside the recording's transcript.")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads (default: all)."), QStringLiteral("N"),
                      QStringLiteral("0")});
    parser.addOption({QStringLiteral("beam"), QStringLiteral("Beam size (default 5; 1 is greedy)."),
                      QStringLiteral("N"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("device"),
                      QStringLiteral("local: auto (default: the GPU when it can take the model), cpu or cuda."),
                      QStringLiteral("DEVICE"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("no-vad"), QStringLiteral("Give the model every window, silence included.")});
    parser.addOption({QStringLiteral("backend"),
                      QStringLiteral("local (the built-in engine, default) or openai (a server's "
                                     "/v1/audio/transcriptions)."),
                      QStringLiteral("local|openai"), QStringLiteral("local")});
    parser.addOption({QStringLiteral("url"),
                      QStringLiteral("openai: the server (e.g. http://127.0.0.1:8000/v1); the key comes from "
                                     "MOTOR_OPENAI_API_KEY."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("allow-remote-audio"),
                      QStringLiteral("openai: allow sending the recording's audio to a server that is not this "
                                     "machine.")});
    parser.addOption({QStringLiteral("timeout"),
                      QStringLiteral("openai: seconds to wait for the server's answer (default 600)."),
                      QStringLiteral("S"), QStringLiteral("600")});
    parser.addOption({QStringLiteral("retries"),
                      QStringLiteral("openai: retries after no connection, a timeout or a busy server (default 2)."),
                      QStringLiteral("N"), QStringLiteral("2")});
    if (int rc = parseOrExit(parser, args,
                             QStringLiteral("Transcribe a recording with a Whisper model (on this machine or an "
                                            "OpenAI-compatible server) and write its utterances in one transaction; a "
                                            "recording with a transcript needs --replace or --add. Ctrl+C "
                                            "stops and leaves the project unchanged."),
                             1, 1);
        rc >= 0)
        return rc;
    const QString backend = parser.value(QStringLiteral("backend"));
    if (backend != QLatin1String("local") && backend != QLatin1String("openai")) {
        printError(QStringLiteral("--backend: unknown backend '%1' (local or openai)").arg(backend));
        return 2;
    }
    const bool server = backend == QLatin1String("openai");
    if (!parser.isSet(QStringLiteral("media")) || (!server && !parser.isSet(QStringLiteral("model")))) {
        printError(QStringLiteral("--media and --model are required"));
        return 2;
    }
    if (server && !parser.isSet(QStringLiteral("url"))) {
        printError(QStringLiteral("--backend openai needs the server's --url"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("replace")) && parser.isSet(QStringLiteral("add"))) {
        printError(QStringLiteral("give --replace or --add, not both"));
        return 2;
    }
    bool okThreads = false, okBeam = false;
    speech::TranscribeOptions o;
    o.threads = parser.value(QStringLiteral("threads")).toInt(&okThreads);
    o.device = parser.value(QStringLiteral("device"));
    o.beamSize = parser.value(QStringLiteral("beam")).toInt(&okBeam);
    bool okTimeout = false, okRetries = false;
    const int timeoutS = parser.value(QStringLiteral("timeout")).toInt(&okTimeout);
    const int retries = parser.value(QStringLiteral("retries")).toInt(&okRetries);
    if (!okThreads || o.threads < 0 || !okBeam || o.beamSize < 1 || !okRetries || retries < 0 || !okTimeout ||
        timeoutS < 1) {
        printError(
            QStringLiteral("--threads and --retries take a non-negative number, --beam and --timeout a positive one"));
        return 2;
    }
    o.mediaPath = parser.value(QStringLiteral("media"));
    if (server) {
        o.backend = speech::SpeechBackend::OpenAi;
        o.server.url = QUrl(parser.value(QStringLiteral("url")).trimmed());
        if (parser.isSet(QStringLiteral("model"))) o.server.model = parser.value(QStringLiteral("model"));
        o.server.timeoutMs = timeoutS * 1000;
        o.server.retries = retries;
        const bool allow = parser.isSet(QStringLiteral("allow-remote-audio"));
        o.confirmRemoteAudio = [allow](const QString&) { return allow; };
    } else {
        o.model = parser.value(QStringLiteral("model"));
    }
    o.language = parser.value(QStringLiteral("language"));
    if (o.language == QLatin1String("auto")) o.language.clear();
    o.voiceActivity = !parser.isSet(QStringLiteral("no-vad"));
    o.merge = parser.isSet(QStringLiteral("replace")) ? io::TranscriptMerge::Replace
              : parser.isSet(QStringLiteral("add"))   ? io::TranscriptMerge::Add
                                                      : io::TranscriptMerge::IfEmpty;
    auto opened = Project::open(parser.positionalArguments().at(0));
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    o.cancel = &gInterrupted;
    std::signal(SIGINT, onTranscribeInterrupt);
    o.progress = [](const speech::TranscribeProgress& p) {
        QString line;
        switch (p.stage) {
            case speech::TranscribeStage::Uploading:
                line = QStringLiteral("uploading the audio %1 / %2 MB (%3%)")
                           .arg(double(p.sentBytes) / 1e6, 0, 'f', 1)
                           .arg(double(p.totalBytes) / 1e6, 0, 'f', 1)
                           .arg(p.totalBytes > 0 ? 100 * p.sentBytes / p.totalBytes : 0);
                if (p.etaSeconds >= 0 && p.sentBytes < p.totalBytes)
                    line += QStringLiteral(", about %1 left").arg(clock(p.etaSeconds));
                break;
            case speech::TranscribeStage::ServerTranscribing:
                line = QStringLiteral("uploaded; the server transcribes %1 of audio").arg(clock(p.totalMs / 1000.0));
                break;
            case speech::TranscribeStage::Recognizing:
                line = QStringLiteral("transcribing %1 / %2").arg(clock(p.doneMs / 1000.0), clock(p.totalMs / 1000.0));
                if (p.etaSeconds >= 0) line += QStringLiteral(", about %1 left").arg(clock(p.etaSeconds));
                break;
        }
        // \r and padding: one line that rewrites itself, even when it gets shorter.
        std::fprintf(stderr, "\r%-72s", qPrintable(line));
        std::fflush(stderr);
    };
    auto r = speech::transcribeRecording(*opened.value(), o);
    std::signal(SIGINT, SIG_DFL);
    std::fprintf(stderr, "\n");
    if (!r) {
        printError(r.error().message + (r.error().message.contains(QLatin1String("has a transcript already"))
                                            ? QStringLiteral(" (--replace or --add)")
                                            : QString()));
        return r.error().code == ErrorCode::Cancelled ? 130 : 1;
    }
    QString out = QStringLiteral("%1 utterances written (%2 now on %3), language %4, %5 s of audio in %6 s\n")
                      .arg(r->written.added)
                      .arg(r->written.total)
                      .arg(o.mediaPath, r->language.isEmpty() ? QStringLiteral("?") : r->language)
                      .arg(r->durationMs / 1000.0, 0, 'f', 1)
                      .arg(r->seconds, 0, 'f', 1);
    if (!r->device.isEmpty()) out += QStringLiteral("ran on %1\n").arg(r->device);
    if (r->written.replaced > 0) out += QStringLiteral("replaced %1 earlier utterances\n").arg(r->written.replaced);
    if (r->silentSegments > 0)
        out += QStringLiteral("%1 segments the server marked as no speech were left out\n").arg(r->silentSegments);
    printOut(out);
    return 0;
}

const CommandRegistration regTranscribe(QStringLiteral("transcribe"),
                                        QStringLiteral("transcribe a recording with Whisper (here or on a server)"),
                                        cmdTranscribe);

}  // namespace
}  // namespace motor::cli
