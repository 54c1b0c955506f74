// core/media benchmarks. The headline: sampling the predictor's input (8 frames, 448x448
// RGB, letterboxed) from a 6 s 720p30 H.264 clip with FrameSampler, against the ffmpeg
// program doing the same job in the same run. The clip is written once by
// SyntheticVideoWriter (keyframe every 2 s, libx264 veryfast, with AAC audio).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/media/AudioDecoder.h"
#include "core/media/FrameSampler.h"
#include "core/media/SyntheticScene.h"
#include "core/media/SyntheticVideoWriter.h"
#include "core/media/Thumbnailer.h"

using namespace motor::media;

namespace {

constexpr int kFps = 30;
constexpr std::int64_t kClipMs = 6000;
constexpr int kFrames = 8;
constexpr int kSize = 448;

const QString& clipPath() {
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString p = dir.filePath(QStringLiteral("classroom-720p30.mp4"));
        SyntheticVideoSpec spec;
        spec.width = 1280;
        spec.height = 720;
        spec.fps = kFps;
        spec.durationMs = kClipMs;
        spec.seed = 2026;
        auto written = SyntheticVideoWriter::write(p, spec);
        if (!written) {
            std::fprintf(stderr, "cannot write the benchmark clip: %s\n", qPrintable(written.error().message));
            std::exit(1);
        }
        return p;
    }();
    return path;
}

// CPU time of this process (all threads: the decoder's too) or of its waited-for
// children (the ffmpeg processes). On a loaded machine wall time is inflated; CPU time
// compares the work done.
double cpuMs(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

// Sets the "cpu_ms" counter: CPU time per iteration, threads and child processes included.
class CpuMeter {
public:
    CpuMeter() : self_(cpuMs(RUSAGE_SELF)), children_(cpuMs(RUSAGE_CHILDREN)) {}
    void report(benchmark::State& state) const {
        const double total = cpuMs(RUSAGE_SELF) - self_ + cpuMs(RUSAGE_CHILDREN) - children_;
        if (state.iterations() > 0) state.counters["cpu_ms"] = total / static_cast<double>(state.iterations());
    }

private:
    double self_;
    double children_;
};

// The scale+pad filter that matches FitMode::Letterbox.
QString letterboxFilter() {
    return QStringLiteral(
               "scale=%1:%1:force_original_aspect_ratio=decrease:flags=bicubic,"
               "pad=%1:%1:(ow-iw)/2:(oh-ih)/2:black,format=rgb24")
        .arg(kSize);
}

bool runFfmpeg(const QStringList& arguments) {
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    process.start(QStringLiteral(MOTOR_FFMPEG_PROGRAM), arguments);
    return process.waitForFinished(60'000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool haveFfmpeg(benchmark::State& state) {
    if (QFile::exists(QStringLiteral(MOTOR_FFMPEG_PROGRAM))) return true;
    state.SkipWithError("ffmpeg program not found at " MOTOR_FFMPEG_PROGRAM);
    return false;
}

// Index strips of letterboxed 16:9 frames: crop the picture out of the 448x448 square.
std::vector<int> indicesOfLetterboxed(const std::vector<std::uint8_t>& rgb, int frameCount) {
    const int pictureH = kSize * 9 / 16;
    const int top = (kSize - pictureH) / 2;
    std::vector<int> out;
    const std::size_t frameBytes = static_cast<std::size_t>(kSize) * kSize * 3;
    for (int i = 0; i < frameCount && (i + 1) * frameBytes <= rgb.size(); ++i) {
        RgbFrame picture;
        picture.width = kSize;
        picture.height = pictureH;
        const auto* begin = rgb.data() + i * frameBytes + static_cast<std::size_t>(top) * kSize * 3;
        picture.rgb.assign(begin, begin + static_cast<std::size_t>(pictureH) * kSize * 3);
        out.push_back(SyntheticScene::decodeFrameIndex(picture));
    }
    return out;
}

QString joined(const std::vector<int>& v) {
    QStringList parts;
    for (int x : v) parts << QString::number(x);
    return parts.join(QLatin1Char(','));
}

void BM_FrameSampler_8x448(benchmark::State& state) {
    const QString& clip = clipPath();
    SampleRequest request{0, kClipMs, kFrames, kSize, kSize, FitMode::Letterbox};
    const CpuMeter meter;
    for (auto _ : state) {
        auto frames = FrameSampler::sample(clip, request);
        if (!frames) {
            state.SkipWithError(qPrintable(frames.error().message));
            break;
        }
        benchmark::DoNotOptimize(frames->frames.data());
    }
    meter.report(state);
    state.counters["frames/s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * kFrames), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FrameSampler_8x448)->Unit(benchmark::kMillisecond)->UseRealTime();

// Eight processes, each seeking (input -ss: keyframe seek + decode forward, like ours)
// and writing one raw RGB frame.
void BM_FfmpegProgram_8Seeks(benchmark::State& state) {
    if (!haveFfmpeg(state)) return;
    const QString& clip = clipPath();
    const auto targets = FrameSampler::targetTimesUs(0, kClipMs, kFrames);
    const CpuMeter meter;
    for (auto _ : state) {
        for (const std::int64_t us : targets) {
            const QStringList args{QStringLiteral("-nostdin"),
                                   QStringLiteral("-v"),
                                   QStringLiteral("error"),
                                   QStringLiteral("-ss"),
                                   QString::number(us / 1e6, 'f', 6),
                                   QStringLiteral("-i"),
                                   clip,
                                   QStringLiteral("-an"),
                                   QStringLiteral("-frames:v"),
                                   QStringLiteral("1"),
                                   QStringLiteral("-vf"),
                                   letterboxFilter(),
                                   QStringLiteral("-f"),
                                   QStringLiteral("rawvideo"),
                                   QStringLiteral("-")};
            if (!runFfmpeg(args)) {
                state.SkipWithError("ffmpeg failed");
                return;
            }
        }
    }
    meter.report(state);
}
BENCHMARK(BM_FfmpegProgram_8Seeks)->Unit(benchmark::kMillisecond)->UseRealTime();

// One process decoding the clip once and selecting the same 8 frames by index.
void BM_FfmpegProgram_1Select(benchmark::State& state) {
    if (!haveFfmpeg(state)) return;
    const QString& clip = clipPath();
    QStringList picks;
    for (const std::int64_t us : FrameSampler::targetTimesUs(0, kClipMs, kFrames))
        picks << QStringLiteral("eq(n\\,%1)").arg((us * kFps + 999'999) / 1'000'000);  // first frame at/after t
    const QStringList args{QStringLiteral("-nostdin"),
                           QStringLiteral("-v"),
                           QStringLiteral("error"),
                           QStringLiteral("-i"),
                           clip,
                           QStringLiteral("-an"),
                           QStringLiteral("-vf"),
                           QStringLiteral("select='%1',").arg(picks.join(QLatin1Char('+'))) + letterboxFilter(),
                           QStringLiteral("-fps_mode"),
                           QStringLiteral("passthrough"),
                           QStringLiteral("-frames:v"),
                           QString::number(kFrames),
                           QStringLiteral("-f"),
                           QStringLiteral("rawvideo"),
                           QStringLiteral("-")};
    // Fairness check, outside the timing: both must deliver the same frames.
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("frames.rgb"));
        QStringList toFile = args;
        toFile.removeLast();
        toFile << QStringLiteral("-y") << out;
        auto ours = FrameSampler::sample(clip, SampleRequest{0, kClipMs, kFrames, kSize, kSize, FitMode::Letterbox});
        if (!runFfmpeg(toFile) || !ours) {
            state.SkipWithError("fairness check could not run");
            return;
        }
        QFile f(out);
        f.open(QIODevice::ReadOnly);
        const QByteArray bytes = f.readAll();
        const std::vector<std::uint8_t> theirs(bytes.begin(), bytes.end());
        std::vector<std::uint8_t> mine;
        for (const RgbFrame& frame : ours->frames) mine.insert(mine.end(), frame.rgb.begin(), frame.rgb.end());
        const auto a = indicesOfLetterboxed(mine, kFrames);
        const auto b = indicesOfLetterboxed(theirs, kFrames);
        if (a != b) {
            state.SkipWithError(
                qPrintable(QStringLiteral("different frames: ours %1, ffmpeg %2").arg(joined(a), joined(b))));
            return;
        }
        state.SetLabel(qPrintable(QStringLiteral("same frames: %1").arg(joined(a))));
    }
    const CpuMeter meter;
    for (auto _ : state) {
        if (!runFfmpeg(args)) {
            state.SkipWithError("ffmpeg failed");
            return;
        }
    }
    meter.report(state);
}
BENCHMARK(BM_FfmpegProgram_1Select)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a process start alone costs, to read the two figures above.
void BM_FfmpegProgram_StartupOnly(benchmark::State& state) {
    if (!haveFfmpeg(state)) return;
    const CpuMeter meter;
    for (auto _ : state) {
        if (!runFfmpeg({QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-version")})) {
            state.SkipWithError("ffmpeg failed");
            return;
        }
    }
    meter.report(state);
}
BENCHMARK(BM_FfmpegProgram_StartupOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Thumbnail_320(benchmark::State& state) {
    const QString& clip = clipPath();
    const CpuMeter meter;
    for (auto _ : state) {
        auto thumb = Thumbnailer::thumbnailAt(clip, 3000, 320);
        if (!thumb) {
            state.SkipWithError(qPrintable(thumb.error().message));
            break;
        }
        benchmark::DoNotOptimize(thumb->rgb.data());
    }
    meter.report(state);
}
BENCHMARK(BM_Thumbnail_320)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AudioDecode_6s_16kMono(benchmark::State& state) {
    const QString& clip = clipPath();
    const CpuMeter meter;
    for (auto _ : state) {
        auto pcm = AudioDecoder::decode(clip, 0, kClipMs, AudioFormat{});
        if (!pcm) {
            state.SkipWithError(qPrintable(pcm.error().message));
            break;
        }
        benchmark::DoNotOptimize(pcm->bytes.data());
    }
    meter.report(state);
}
BENCHMARK(BM_AudioDecode_6s_16kMono)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
