#pragma once
// Percentile bootstrap intervals over items: draw as many items as the statistic uses,
// with replacement, recompute, repeat; the interval is the (1-c)/2 and (1+c)/2
// quantiles of the recomputed values (linear interpolation between order statistics,
// numpy's default). Each statistic resamples its own eligible items: items rated by
// both coders (macro-F1, Cohen), by every coder of the set (Fleiss), or pairable units
// (Krippendorff) -- the same items its point estimate uses.
//
// Reproducible: every call starts a std::mt19937_64 from options.seed (the engine's
// output sequence is fixed by the standard) and draws indices with our own rejection
// sampler, because std::uniform_int_distribution differs between standard libraries.
// Resamples where the statistic is undefined (NaN: e.g. all drawn items in one class
// for alpha) are left out; Interval::resamples counts the ones kept.
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "core/metrics/RatingTable.h"

namespace motor::metrics {

class CategoryCounts;

struct BootstrapOptions {
    int resamples = 1000;
    std::uint64_t seed = 20260524;
    double confidence = 0.95;
};

struct Interval {
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();
    int resamples = 0;  // resamples with a defined statistic

    bool defined() const { return resamples > 0 && lower == lower && upper == upper; }
};

class Bootstrap {
public:
    explicit Bootstrap(BootstrapOptions options = {}) : options_(options) {}

    const BootstrapOptions& options() const { return options_; }

    Interval macroF1(const RatingTable& table, int referenceCoder, int predictedCoder) const;
    Interval cohenKappa(const RatingTable& table, int coderA, int coderB) const;
    Interval fleissKappa(const RatingTable& table, std::span<const int> coders) const;
    Interval krippendorffAlpha(const RatingTable& table, std::span<const int> coders) const;

    // The percentile interval of the given estimates; NaNs are dropped first.
    static Interval percentile(std::vector<double> estimates, double confidence);

private:
    enum class PairStatistic { MacroF1, CohenKappa };
    Interval pairInterval(const RatingTable& table, int coderA, int coderB, PairStatistic statistic) const;
    // Resamples the rows of `counts` (as multiplicities) and applies statistic to each draw.
    Interval countsInterval(const CategoryCounts& counts,
                            const std::function<double(std::span<const int>)>& statistic) const;

    BootstrapOptions options_;
};

}  // namespace motor::metrics
