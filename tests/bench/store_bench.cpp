// Project store at MOTOR-Bench size: 1,440 clips x 3 dimensions x 5 coders.
// References measured in the same run: the fsync of one small file (the durability
// floor every committed label pays) and a bare SQLite read of the same rows.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <random>

#include "core/metrics/ProjectMetrics.h"
#include "core/metrics/Report.h"
#include "core/store/Project.h"

using namespace motor;

namespace {

constexpr int kClips = 1440;
constexpr int kCoders = 5;

struct Fixture {
    QTemporaryDir dir;
    QString path;
    Fixture() : path(dir.filePath("bench.motor")) {
        auto p = Project::create(path, Codebook::motorDefault()).value();
        std::mt19937 rng(7);
        (void)p->transaction([&]() -> Status {
            Media m{0, "media/all.mp4", 1, "x", int64_t(kClips) * 6000, 25, 1280, 720, 0, true};
            const int64_t media = p->addMedia(m).value();
            QVector<int64_t> coders;
            for (int c = 0; c < kCoders; ++c)
                coders.push_back(p->ensureAnnotator(QStringLiteral("coder%1").arg(c),
                                                    c < 2 ? AnnotatorKind::Human : AnnotatorKind::Model)
                                     .value());
            for (int i = 0; i < kClips; ++i) {
                Clip clip{0,
                          QStringLiteral("clip%1").arg(i, 4, 10, QLatin1Char('0')),
                          media,
                          i * 6000LL,
                          i * 6000LL + 6000,
                          "G",
                          "S"};
                const int64_t id = p->addClip(clip).value();
                for (const auto& d : p->codebook().dimensions)
                    for (int64_t coder : coders)
                        if (auto s = p->setLabel({id,
                                                  coder,
                                                  d.name,
                                                  d.classes[int(rng() % unsigned(d.classes.size()))].name,
                                                  {},
                                                  {},
                                                  std::nan("")});
                            !s)
                            return s;
            }
            return {};
        });
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

// What opening a project in the app costs: validate, load codebook, clips, annotators
// and every annotation.
void BM_OpenProject(benchmark::State& state) {
    for (auto _ : state) {
        auto p = Project::open(fixture().path).value();
        benchmark::DoNotOptimize(p->clips().value().size());
        benchmark::DoNotOptimize(p->annotators().value().size());
        benchmark::DoNotOptimize(p->annotations().value().size());
    }
}
BENCHMARK(BM_OpenProject)->Unit(benchmark::kMillisecond);

// Reference: bare sqlite3 reading the same annotation rows, no validation, no objects.
void BM_Reference_RawSqliteRead(benchmark::State& state) {
    for (auto _ : state) {
        sqlite3* db = nullptr;
        sqlite3_open_v2(fixture().path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT annotator_id, clip_id, dimension, label FROM annotations", -1, &st, nullptr);
        int64_t rows = 0;
        while (sqlite3_step(st) == SQLITE_ROW) rows += sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
        benchmark::DoNotOptimize(rows);
    }
}
BENCHMARK(BM_Reference_RawSqliteRead)->Unit(benchmark::kMillisecond);

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v[size_t(q * double(v.size() - 1))];
}

// One label commit with synchronous=FULL (label + audit entry, one transaction).
void BM_CommitLabel(benchmark::State& state) {
    auto p = Project::open(fixture().path).value();
    const auto clips = p->clips().value();
    const int64_t coder = p->ensureAnnotator("coder0", AnnotatorKind::Human).value();
    std::vector<double> ms;
    int i = 0;
    static const char* labels[] = {"Monitoring", "Controlling", "Mixed"};
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        if (!p->setLabel({clips[i % clips.size()].id, coder, "behavior", labels[i % 3], {}, {}, std::nan("")}))
            state.SkipWithError("setLabel failed");
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        ++i;
    }
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p99_ms"] = percentile(ms, 0.99);
}
BENCHMARK(BM_CommitLabel)->Iterations(500)->Unit(benchmark::kMillisecond);

// Reference: write 100 bytes and fsync, the floor of any durable commit on this disk.
void BM_Reference_WriteFsync(benchmark::State& state) {
    const QString path = fixture().dir.filePath("fsync.bin");
    const int fd = ::open(path.toUtf8().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[100] = {};
    std::vector<double> ms;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        if (pwrite(fd, buf, sizeof buf, 0) != sizeof buf || fsync(fd) != 0) state.SkipWithError("fsync failed");
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    ::close(fd);
    state.counters["p50_ms"] = percentile(ms, 0.50);
    state.counters["p99_ms"] = percentile(ms, 0.99);
}
BENCHMARK(BM_Reference_WriteFsync)->Iterations(500)->Unit(benchmark::kMillisecond);

// Everything the metrics dashboard redoes after a label change: read the ratings from
// the store and rebuild the report.
void BM_RecomputeMetricsFromStore(benchmark::State& state) {
    auto p = Project::open(fixture().path).value();
    metrics::MetricsOptions options;
    options.reference = QStringLiteral("coder0");
    for (auto _ : state) {
        auto labels = metrics::LabelSet::fromProject(*p).value();
        auto computed = metrics::computeMetrics(labels, options);
        benchmark::DoNotOptimize(computed.ok());
    }
}
BENCHMARK(BM_RecomputeMetricsFromStore)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
