// `motor predict`: run MOTOR-MAS (or an ablation, or a baseline) over a project's clips
// as a model annotator. Re-running with the same --run name resumes.
#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>
#include <QUrl>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <tuple>

#include "Command.h"
#include "core/agents/BackendFactory.h"
#include "core/agents/MediaFrameSource.h"
#include "core/agents/PredictionRun.h"
#include "core/store/Project.h"

namespace {

using namespace motor;
using namespace motor::agents;
using motor::cli::printError;
using motor::cli::printOut;

CancelFlag g_cancel;

extern "C" void onInterrupt(int) {
    g_cancel.cancel();
}

QString duration(qint64 ms) {
    if (ms < 0) return QStringLiteral("?");
    const qint64 s = ms / 1000;
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

int cmdPredict(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption backend(QStringLiteral("backend"), QStringLiteral("local, openai or baseline."),
                                     QStringLiteral("BACKEND"));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QStringLiteral("local: model file/folder, or its name in ~/.cache/motor-studio/models ($MOTOR_MODELS_DIR); "
                       "openai: server model name; baseline: majority or cues."),
        QStringLiteral("PATH|NAME"));
    const QCommandLineOption mmproj(
        QStringLiteral("mmproj"),
        QStringLiteral("local: the vision projector GGUF of a .gguf model (default: an mmproj*.gguf beside it)."),
        QStringLiteral("FILE"));
    const QCommandLineOption url(
        QStringLiteral("url"),
        QStringLiteral("openai: server URL (e.g. http://127.0.0.1:8000/v1); repeat it (or separate URLs by "
                       "commas) to spread the clips over several servers."),
        QStringLiteral("URL"));
    const QCommandLineOption mode(QStringLiteral("mode"),
                                  QStringLiteral("motor-mas (default), single-agent, no-srl or text-only."),
                                  QStringLiteral("MODE"), QStringLiteral("motor-mas"));
    const QCommandLineOption clips(QStringLiteral("clips"),
                                   QStringLiteral("all (default), unlabeled, or clip keys/ids separated by commas."),
                                   QStringLiteral("WHICH"), QStringLiteral("all"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Run (annotator) name; the same name resumes."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption device(QStringLiteral("device"), QStringLiteral("local: auto (default), cpu or cuda."),
                                    QStringLiteral("DEVICE"), QStringLiteral("auto"));
    const QCommandLineOption reference(QStringLiteral("reference"),
                                       QStringLiteral("baseline majority: the expert whose labels are counted."),
                                       QStringLiteral("EXPERT"));
    const QCommandLineOption allowRemote(
        QStringLiteral("allow-remote-frames"),
        QStringLiteral("openai: allow sending clip frames to a server that is not this machine."));
    const QCommandLineOption batch(
        QStringLiteral("batch"),
        QStringLiteral("Clips processed together (local: 4 on the CPU; on a GPU as many as its KV "
                       "cache holds, up to 16) or requests in flight (openai)."),
        QStringLiteral("N"));
    const QCommandLineOption noSharing(QStringLiteral("no-prefix-sharing"),
                                       QStringLiteral("Recompute the clip context for every agent (for comparison)."));
    const QCommandLineOption prompts(QStringLiteral("prompts"),
                                     QStringLiteral("Folder of prompt templates overriding the built-in ones."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("openai: seconds per request (default 120)."), QStringLiteral("S"));
    const QCommandLineOption retries(
        QStringLiteral("retries"),
        QStringLiteral("openai: retries of a request after a transient failure (no connection, timeout, 429, "
                       "502-504); a server failing N+1 attempts in a row is taken out (default 3)."),
        QStringLiteral("N"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("local: CPU threads (default: all)."),
                                     QStringLiteral("N"));
    const QCommandLineOption rationale(QStringLiteral("rationale-chars"),
                                       QStringLiteral("Maximum rationale length (default 300)."), QStringLiteral("N"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress lines."));
    for (const auto* o : {&backend, &model, &mmproj, &url, &mode, &clips, &run, &device, &reference, &allowRemote,
                          &batch, &noSharing, &prompts, &timeout, &retries, &threads, &rationale, &quiet})
        p.addOption(*o);
    p.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project file."));
    if (int rc = cli::parseOrExit(
            p, args, QStringLiteral("Predict labels for a project's clips with MOTOR-MAS or a baseline."), 1, 1);
        rc >= 0)
        return rc;

    const QString backendName = p.value(backend);
    if (backendName.isEmpty()) {
        printError(QStringLiteral("--backend is required (local, openai or baseline)"));
        return 2;
    }
    RunOptions options;
    if (!parsePredictorMode(p.value(mode), &options.mode)) {
        printError(QStringLiteral("--mode: unknown mode '%1' (motor-mas, single-agent, no-srl, text-only)")
                       .arg(p.value(mode)));
        return 2;
    }
    const QString which = p.value(clips);
    if (which == QLatin1String("all"))
        options.selection = ClipSelection::All;
    else if (which == QLatin1String("unlabeled") || which == QLatin1String("unlabelled"))
        options.selection = ClipSelection::Unlabeled;
    else {
        options.selection = ClipSelection::List;
        options.clipIds = which.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    auto intOption = [&](const QCommandLineOption& o, int fallback, int* out) {
        if (!p.isSet(o)) {
            *out = fallback;
            return true;
        }
        bool ok = false;
        *out = p.value(o).toInt(&ok);
        if (!ok || *out < 0) printError(QStringLiteral("--%1: not a number: '%2'").arg(o.names().first(), p.value(o)));
        return ok && *out >= 0;
    };
    int batchN = 0, timeoutS = 120, retriesN = 3, threadsN = 0, rationaleN = 300;
    if (!intOption(batch, 0, &batchN) || !intOption(timeout, 120, &timeoutS) || !intOption(retries, 3, &retriesN) ||
        !intOption(threads, 0, &threadsN) || !intOption(rationale, 300, &rationaleN))
        return 2;
    options.runName = p.value(run);
    options.batchSize = batchN;
    options.maxRationaleChars = rationaleN;
    options.promptDir = p.value(prompts);
    options.prefixSharing = p.isSet(noSharing) ? PrefixSharing::Off : PrefixSharing::On;
    options.cancel = &g_cancel;
    options.frames = mediaFrameSource();

    // Options that belong to another backend, or values no backend takes, are usage errors
    // (exit 2) said before the project is opened.
    const bool isLocal = backendName == QLatin1String("local"), isOpenAi = backendName == QLatin1String("openai");
    for (const auto& [o, ok, owner] : {std::tuple{&device, isLocal, "local"}, std::tuple{&mmproj, isLocal, "local"},
                                       std::tuple{&threads, isLocal, "local"}, std::tuple{&url, isOpenAi, "openai"},
                                       std::tuple{&allowRemote, isOpenAi, "openai"}})
        if (p.isSet(*o) && !ok) {
            printError(QStringLiteral("--%1 is for --backend %2").arg(o->names().first(), QLatin1String(owner)));
            return 2;
        }
    if (p.isSet(device) &&
        !QStringList{QStringLiteral("auto"), QStringLiteral("cpu"), QStringLiteral("cuda")}.contains(p.value(device))) {
        printError(QStringLiteral("--device: auto, cpu or cuda, got '%1'").arg(p.value(device)));
        return 2;
    }
    if (isLocal && p.value(model).isEmpty()) {
        printError(QStringLiteral("--backend local needs --model PATH|NAME (see 'motor models inspect')"));
        return 2;
    }

    BackendSpec spec;
    if (backendName == QLatin1String("baseline")) {
        QString kind = p.value(model);
        if (kind.isEmpty()) kind = p.isSet(reference) ? QStringLiteral("majority") : QStringLiteral("cues");
        if (kind == QLatin1String("majority")) {
            if (!p.isSet(reference)) {
                printError(QStringLiteral("the majority baseline needs --reference EXPERT"));
                return 2;
            }
            spec.kind = BackendKind::MajorityBaseline;
            spec.referenceExpert = p.value(reference);
        } else if (kind == QLatin1String("cues")) {
            spec.kind = BackendKind::CueBaseline;
        } else {
            printError(QStringLiteral("--model for the baseline backend: majority or cues, got '%1'").arg(kind));
            return 2;
        }
    } else if (backendName == QLatin1String("openai")) {
        spec.kind = BackendKind::OpenAi;
        for (const QString& v : p.values(url)) spec.urls << splitServerUrls(v);
        spec.modelName = p.value(model);
        spec.timeoutS = timeoutS;
        spec.retries = retriesN;
        spec.batch = batchN;
        spec.allowRemoteFrames = p.isSet(allowRemote);
    } else if (backendName == QLatin1String("local")) {
        spec.kind = BackendKind::Local;
        spec.modelPath = p.value(model);
        spec.mmprojPath = p.value(mmproj);
        spec.device = p.value(device);
        spec.threads = threadsN;
        spec.batch = batchN;
    } else {
        printError(QStringLiteral("--backend: unknown backend '%1' (local, openai, baseline)").arg(backendName));
        return 2;
    }

    auto project = Project::open(p.positionalArguments().first());
    if (!project) {
        printError(project.error().message);
        return 1;
    }
    auto backendBuilt = makeBackend(*project.value(), spec);
    if (!backendBuilt) {
        printError(backendBuilt.error().message);
        return spec.kind == BackendKind::OpenAi ? 2 : 1;
    }
    std::unique_ptr<LanguageModel> lm = std::move(backendBuilt.value().model);
    options.parameters = backendBuilt.value().parameters;

    const bool showProgress = !p.isSet(quiet);
    if (showProgress && !backendBuilt.value().where.isEmpty()) {
        std::fprintf(stderr, "predict: running on %s\n", backendBuilt.value().where.toUtf8().constData());
        std::fflush(stderr);
    }
    options.progress = [showProgress](const RunProgress& pr) {
        if (!showProgress) return;
        std::fprintf(stderr, "predict: %d/%d clips (%d already done, %d failed), elapsed %s, ETA %s\n",
                     pr.skipped + pr.done, pr.total, pr.skipped, pr.failed, duration(pr.elapsedMs).toUtf8().constData(),
                     duration(pr.etaMs).toUtf8().constData());
        std::fflush(stderr);
    };
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    auto summary = runPrediction(*project.value(), *lm, options);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!summary) {
        printError(summary.error().message);
        return 1;
    }
    const RunSummary& s = summary.value();
    for (const auto& e : s.errors) printError(e);
    if (s.stopped) {
        printError(s.stopReason);
        printError(
            QStringLiteral("the run stopped; its %1 finished clips are kept: when the server can serve again, run the "
                           "same command to resume (--run %2)")
                .arg(s.progress.skipped + s.progress.done)
                .arg(s.runName));
    }
    printOut(QStringLiteral("run %1: %2 clips labelled now, %3 already done, %4 failed, of %5%6; frames_used=%7\n")
                 .arg(s.runName)
                 .arg(s.progress.done)
                 .arg(s.progress.skipped)
                 .arg(s.progress.failed)
                 .arg(s.progress.total)
                 .arg(s.cancelled ? QStringLiteral(" (cancelled; run again to resume)")
                      : s.stopped ? QStringLiteral(" (stopped; run again to resume)")
                                  : QString())
                 .arg(s.framesUsed ? QStringLiteral("true") : QStringLiteral("false")));
    // The vision encoder runs inside the context prefill; shown apart, prefill without it.
    printOut(QStringLiteral("time: media %1 ms, vision %2 ms, prefill %3 ms, decode %4 ms, store %5 ms, total %6 ms\n")
                 .arg(s.mediaMs, 0, 'f', 0)
                 .arg(s.visionMs, 0, 'f', 0)
                 .arg(std::max(0.0, s.prefillMs - s.visionMs), 0, 'f', 0)
                 .arg(s.decodeMs, 0, 'f', 0)
                 .arg(s.storeMs, 0, 'f', 0)
                 .arg(s.totalMs, 0, 'f', 0));
    if (s.tokens.context + s.tokens.instructions + s.tokens.generated > 0)
        printOut(QStringLiteral("tokens: contexts %1, agents' instructions %2, generated %3\n")
                     .arg(s.tokens.context)
                     .arg(s.tokens.instructions)
                     .arg(s.tokens.generated));
    if (s.annotatorId == 0 && s.progress.skipped == 0)
        printOut(QStringLiteral("nothing was stored: the project has no run %1\n").arg(s.runName));
    if (s.cancelled) return 130;
    if (s.stopped) return 1;
    return s.progress.failed > 0 ? 1 : 0;
}

const motor::cli::CommandRegistration regPredict(
    QStringLiteral("predict"), QStringLiteral("label clips with MOTOR-MAS (local, openai) or a baseline"), cmdPredict);

}  // namespace
