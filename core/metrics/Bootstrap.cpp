#include "core/metrics/Bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/metrics/CategoryCounts.h"
#include "core/metrics/ClassificationScores.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/ConfusionMatrix.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"

namespace motor::metrics {

namespace {

// Uniform integer in [0, bound) from the engine's raw 64-bit output, rejecting the
// top sliver that would bias the modulo. Same sequence on every platform.
int uniformBelow(std::mt19937_64& engine, int bound) {
    const std::uint64_t range = static_cast<std::uint64_t>(bound);
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x = engine();
    while (x >= limit) x = engine();
    return static_cast<int>(x % range);
}

// Fills multiplicity (size n) with how often each of n items was drawn in one resample.
void drawMultiplicities(std::mt19937_64& engine, std::vector<int>& multiplicity) {
    const int n = static_cast<int>(multiplicity.size());
    std::fill(multiplicity.begin(), multiplicity.end(), 0);
    for (int i = 0; i < n; ++i) ++multiplicity[uniformBelow(engine, n)];
}

double quantile(const std::vector<double>& sorted, double q) {
    const double h = q * static_cast<double>(sorted.size() - 1);
    const size_t below = static_cast<size_t>(std::floor(h));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (h - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

Interval Bootstrap::percentile(std::vector<double> estimates, double confidence) {
    estimates.erase(std::remove_if(estimates.begin(), estimates.end(), [](double v) { return std::isnan(v); }),
                    estimates.end());
    Interval interval;
    interval.resamples = static_cast<int>(estimates.size());
    if (estimates.empty() || !(confidence > 0.0 && confidence < 1.0)) return interval;
    std::sort(estimates.begin(), estimates.end());
    const double tail = (1.0 - confidence) / 2.0;
    interval.lower = quantile(estimates, tail);
    interval.upper = quantile(estimates, 1.0 - tail);
    return interval;
}

Interval Bootstrap::pairInterval(const RatingTable& table, int coderA, int coderB, PairStatistic statistic) const {
    // Pairs of the items both rated; a resample re-adds drawn pairs to one matrix.
    const std::span<const int> a = table.codes(coderA);
    const std::span<const int> b = table.codes(coderB);
    std::vector<std::pair<int, int>> pairs;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] != RatingTable::kMissing && b[i] != RatingTable::kMissing) pairs.emplace_back(a[i], b[i]);
    }
    if (pairs.empty() || options_.resamples <= 0) return {};

    std::mt19937_64 engine(options_.seed);
    const int n = static_cast<int>(pairs.size());
    std::vector<int> multiplicity(n);
    ConfusionMatrix matrix(table.classCount());
    std::vector<double> estimates;
    estimates.reserve(options_.resamples);
    for (int r = 0; r < options_.resamples; ++r) {
        drawMultiplicities(engine, multiplicity);
        matrix.clear();
        for (int i = 0; i < n; ++i) {
            if (multiplicity[i] != 0) matrix.add(pairs[i].first, pairs[i].second, multiplicity[i]);
        }
        estimates.push_back(statistic == PairStatistic::MacroF1 ? ClassificationScores::macroF1Of(matrix)
                                                                : CohenKappa::fromConfusion(matrix).kappa);
    }
    return percentile(std::move(estimates), options_.confidence);
}

Interval Bootstrap::macroF1(const RatingTable& table, int referenceCoder, int predictedCoder) const {
    return pairInterval(table, referenceCoder, predictedCoder, PairStatistic::MacroF1);
}

Interval Bootstrap::cohenKappa(const RatingTable& table, int coderA, int coderB) const {
    return pairInterval(table, coderA, coderB, PairStatistic::CohenKappa);
}

Interval Bootstrap::countsInterval(const CategoryCounts& counts,
                                   const std::function<double(std::span<const int>)>& statistic) const {
    if (counts.rowCount() == 0 || options_.resamples <= 0) return {};
    std::mt19937_64 engine(options_.seed);
    std::vector<int> multiplicity(counts.rowCount());
    std::vector<double> estimates;
    estimates.reserve(options_.resamples);
    for (int r = 0; r < options_.resamples; ++r) {
        drawMultiplicities(engine, multiplicity);
        estimates.push_back(statistic(multiplicity));
    }
    return percentile(std::move(estimates), options_.confidence);
}

Interval Bootstrap::fleissKappa(const RatingTable& table, std::span<const int> coders) const {
    const CategoryCounts counts = CategoryCounts::fromTable(table, coders, CategoryCounts::Coverage::AllCoders);
    return countsInterval(counts, [&](std::span<const int> m) { return FleissKappa::fromCounts(counts, m).kappa; });
}

Interval Bootstrap::krippendorffAlpha(const RatingTable& table, std::span<const int> coders) const {
    const CategoryCounts counts = CategoryCounts::fromTable(table, coders, CategoryCounts::Coverage::AtLeastTwo);
    return countsInterval(counts,
                          [&](std::span<const int> m) { return KrippendorffAlpha::fromCounts(counts, m).alpha; });
}

}  // namespace motor::metrics
