// The review view recomputes the whole report on every label change, so its cost at
// MOTOR-Bench size (1,440 clips x 3 dimensions x 5 coders, everyone rating every clip,
// the worst case) is the figure that matters. Bootstrap is measured apart: it is the
// opt-in `motor eval --bootstrap` path, not the interactive one.
#include <benchmark/benchmark.h>

#include <QJsonDocument>
#include <random>

#include "core/metrics/Report.h"

using namespace motor::metrics;

namespace {

constexpr int kClips = 1440;

std::vector<DimensionTable> motorBench() {
    const QStringList valence{"Positive", "Negative", "Mixed", "Neutral"};
    std::vector<DimensionTable> dims{{"behavior", RatingTable({"Monitoring", "Controlling", "Mixed"})},
                                     {"cognition", RatingTable(valence)},
                                     {"emotion", RatingTable(valence)}};
    const QStringList coders{"expert1", "expert2", "expert3", "motor-mas", "internvl"};
    std::mt19937 rng(2026);
    std::uniform_real_distribution<double> unit(0, 1);
    // Shares as reported for MOTOR-Bench: behavior Monitoring 56%, cognition Neutral
    // 48%, emotion Neutral 66%.
    const std::vector<std::vector<double>> shares{
        {0.56, 0.30, 0.14}, {0.22, 0.18, 0.12, 0.48}, {0.14, 0.12, 0.08, 0.66}};
    for (size_t d = 0; d < dims.size(); ++d) {
        std::discrete_distribution<int> share(shares[d].begin(), shares[d].end());
        for (int clip = 0; clip < kClips; ++clip) {
            const QString id = QStringLiteral("clip%1").arg(clip);
            const int truth = share(rng);
            for (int c = 0; c < coders.size(); ++c) {
                const double faithful = c < 3 ? 0.8 : 0.45;
                (void)dims[d].table.set(coders[c], id, unit(rng) < faithful ? truth : share(rng));
            }
        }
    }
    return dims;
}

ReportOptions againstExpert() {
    ReportOptions options;
    options.reference = QStringLiteral("expert1");
    return options;
}

void BM_ReportBuild(benchmark::State& state) {
    const std::vector<DimensionTable> dims = motorBench();
    const ReportOptions options = againstExpert();
    for (auto _ : state) {
        auto report = Report::build(dims, options);
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(BM_ReportBuild)->Unit(benchmark::kMillisecond);

// What `motor eval` and the review view do: recompute, then serialise.
void BM_ReportBuildAndJson(benchmark::State& state) {
    const std::vector<DimensionTable> dims = motorBench();
    const ReportOptions options = againstExpert();
    for (auto _ : state) {
        const auto report = Report::build(dims, options);
        QByteArray text = QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact);
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(BM_ReportBuildAndJson)->Unit(benchmark::kMillisecond);

// The opt-in path: every statistic of the report with 1,000 resamples.
void BM_ReportWithBootstrap(benchmark::State& state) {
    const std::vector<DimensionTable> dims = motorBench();
    ReportOptions options = againstExpert();
    options.bootstrap = BootstrapOptions{};
    for (auto _ : state) {
        auto report = Report::build(dims, options);
        benchmark::DoNotOptimize(report);
    }
}
BENCHMARK(BM_ReportWithBootstrap)->Unit(benchmark::kMillisecond);

}  // namespace
