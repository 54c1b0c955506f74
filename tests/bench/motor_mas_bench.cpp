// motor_mas_bench: MOTOR-MAS per clip on the local engine, with the time split (media,
// vision, prefill, agents' decode) and prefix sharing on and off, and the process's
// peak resident memory. The model is a file the user has, or a random InternVL of a
// given shape written first (tests/bench needs no download):
//   motor_mas_bench --model PATH [--clips N] [--threads T] [--no-sharing-too]
//   motor_mas_bench --random-internvl 1b|8b|tiny --dtype f32|q8_0|q4_0 --workdir DIR [...]
// Figures and commands are recorded in docs/PERFORMANCE.md ("MOTOR-MAS on the CPU").
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/agents/MediaFrameSource.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/local/LocalModel.h"
#include "core/demo/DemoProject.h"
#include "core/store/Project.h"
#include "motor/gpu/convert.h"
#include "motor/gpu/model_writer.h"

using namespace motor;

namespace {

long peakRssMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    return -1;
}

// InternVL3.5-1B: InternViT-300M + Qwen3-0.6B; -8B: InternViT-300M + Qwen3-8B.
gpu::RandomInternVLSpec shapeOf(const std::string& name) {
    gpu::RandomInternVLSpec s;
    if (name == "tiny") {
        s.llm = gpu::makeRandomModelConfig(gpu::Architecture::Qwen3, 64, 2, 4, 2, 128, 520);
        s.visionDim = 32, s.visionLayers = 1, s.visionHeads = 2, s.visionHiddenDim = 64;
    } else if (name == "8b") {
        s.llm = gpu::makeRandomModelConfig(gpu::Architecture::Qwen3, 4096, 36, 32, 8, 12288, 151936);
        s.visionDim = 1024, s.visionLayers = 24, s.visionHeads = 16, s.visionHiddenDim = 4096;
    } else {
        s.llm = gpu::makeRandomModelConfig(gpu::Architecture::Qwen3, 1024, 28, 16, 8, 3072, 151936);
        s.visionDim = 1024, s.visionLayers = 24, s.visionHeads = 16, s.visionHiddenDim = 4096;
    }
    s.llm.headDim = name == "tiny" ? 16 : 128;
    s.llm.contextLength = 8192;
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QString model, workdir = QDir::tempPath() + QStringLiteral("/motor-mas-bench"), random,
                   dtype = QStringLiteral("f32");
    int clips = 2, threads = 0;
    bool bothSharing = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> QString { return i + 1 < argc ? QString::fromLocal8Bit(argv[++i]) : QString(); };
        if (a == "--model")
            model = next();
        else if (a == "--random-internvl")
            random = next();
        else if (a == "--dtype")
            dtype = next();
        else if (a == "--workdir")
            workdir = next();
        else if (a == "--clips")
            clips = next().toInt();
        else if (a == "--threads")
            threads = next().toInt();
        else if (a == "--no-sharing-too")
            bothSharing = true;
        else {
            std::fprintf(stderr,
                         "usage: motor_mas_bench (--model PATH | --random-internvl tiny|1b|8b [--dtype f32|q8_0|q4_0]) "
                         "[--workdir DIR] [--clips N] [--threads T] [--no-sharing-too]\n");
            return 2;
        }
    }
    QDir().mkpath(workdir);
    if (model.isEmpty()) {
        if (random.isEmpty()) random = QStringLiteral("1b");
        const QString folder = workdir + QStringLiteral("/internvl-") + random;
        if (!QFile::exists(folder + QStringLiteral("/config.json"))) {
            std::fprintf(stderr, "writing a random InternVL (%s) to %s\n", qPrintable(random), qPrintable(folder));
            if (auto r = gpu::writeRandomInternVLHf(shapeOf(random.toStdString()), folder.toStdString()); !r) {
                std::fprintf(stderr, "%s\n", r.error().message.c_str());
                return 1;
            }
        }
        model = folder;
        if (dtype != QLatin1String("f32")) {
            const QString gguf = workdir + QStringLiteral("/internvl-%1-%2.gguf").arg(random, dtype);
            if (!QFile::exists(gguf)) {
                gpu::ConvertOptions o;
                o.type = dtype == QLatin1String("q4_0") ? gpu::DType::Q4_0 : gpu::DType::Q8_0;
                std::fprintf(stderr, "converting to %s\n", qPrintable(gguf));
                if (auto r = gpu::convertToGguf(folder.toStdString(), gguf.toStdString(), o); !r) {
                    std::fprintf(stderr, "%s\n", r.error().message.c_str());
                    return 1;
                }
            }
            model = gguf;
        }
    }
    // A demo project at 1280x720 (classroom recordings are HD): clips of 3-8 s with
    // Finnish transcripts.
    // (The demo needs 24 clips to draw realistic expert labels; the run takes the first N.)
    const QString projectDir = workdir + QStringLiteral("/project");
    if (!QFile::exists(projectDir + QStringLiteral("/demo.motor"))) {
        demo::DemoOptions d;
        d.clipCount = 24;
        d.width = 1280;
        d.height = 720;
        if (auto r = demo::createDemoProject(projectDir, d); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 1;
        }
    }
    agents::LocalOptions lo;
    lo.modelPath = model;
    lo.threads = threads;
    lo.batch = 1;
    lo.hashContent = false;
    QElapsedTimer loadTimer;
    loadTimer.start();
    auto lm = agents::LocalModel::load(lo);
    if (!lm) {
        std::fprintf(stderr, "%s\n", qPrintable(lm.error().message));
        return 1;
    }
    std::printf("model %s (%s), sees frames: %s, loaded in %.1f s\n", qPrintable(model),
                qPrintable(lm.value()->identity().value(QStringLiteral("architecture")).toString()),
                lm.value()->sees() ? "yes" : "no", double(loadTimer.elapsed()) / 1000.0);
    for (const agents::PrefixSharing sharing : {agents::PrefixSharing::On, agents::PrefixSharing::Off}) {
        if (sharing == agents::PrefixSharing::Off && !bothSharing) break;
        auto project = Project::open(projectDir + QStringLiteral("/demo.motor"));
        if (!project) {
            std::fprintf(stderr, "%s\n", qPrintable(project.error().message));
            return 1;
        }
        agents::RunOptions o;
        o.runName = QStringLiteral("bench-%1-%2")
                        .arg(sharing == agents::PrefixSharing::On ? "shared" : "recomputed")
                        .arg(QDateTime::currentMSecsSinceEpoch());
        o.prefixSharing = sharing;
        o.selection = agents::ClipSelection::List;
        for (const Clip& c : project.value()->clips().value().mid(0, clips)) o.clipIds << c.key;
        o.frames = agents::mediaFrameSource();
        o.maxRationaleChars = 120;
        const double visionBefore = lm.value()->visionMs();
        auto s = agents::runPrediction(*project.value(), *lm.value(), o);
        if (!s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        const int n = std::max(1, s->progress.done);
        const double vision = lm.value()->visionMs() - visionBefore;
        std::printf("prefix sharing %s: %d clips (%d failed), frames_used=%s\n",
                    sharing == agents::PrefixSharing::On ? "on" : "off", s->progress.done, s->progress.failed,
                    s->framesUsed ? "true" : "false");
        std::printf(
            "  per clip: total %.1f s = media %.2f s + vision %.1f s + text prefill %.1f s + agents' decode %.1f s (+ "
            "store %.2f s)\n",
            s->totalMs / 1000.0 / n, s->mediaMs / 1000.0 / n, vision / 1000.0 / n, (s->prefillMs - vision) / 1000.0 / n,
            s->decodeMs / 1000.0 / n, s->storeMs / 1000.0 / n);
        for (const QString& e : s->errors) std::printf("  error: %s\n", qPrintable(e));
    }
    std::printf("peak resident memory: %ld MiB\n", peakRssMiB());
    return 0;
}
