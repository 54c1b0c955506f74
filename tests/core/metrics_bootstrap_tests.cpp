#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/metrics/Bootstrap.h"
#include "core/metrics/ClassificationScores.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"

using namespace motor::metrics;

namespace {

// Three coders who copy a hidden class with probability `faithful`, otherwise guess
// from the class shares; every item rated by everyone except a few missing cells.
RatingTable simulated(int items, unsigned seed, double faithful = 0.7) {
    std::mt19937 rng(seed);
    std::discrete_distribution<int> share({0.5, 0.3, 0.2});
    std::uniform_real_distribution<double> unit(0, 1);
    RatingTable table({QStringLiteral("Monitoring"), QStringLiteral("Controlling"), QStringLiteral("Mixed")});
    for (int item = 0; item < items; ++item) {
        const int truth = share(rng);
        const QString id = QString::number(item);
        for (const QString& coder : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
            if (coder == QLatin1String("c") && unit(rng) < 0.1) continue;
            EXPECT_TRUE(table.set(coder, id, unit(rng) < faithful ? truth : share(rng)).ok());
        }
    }
    return table;
}

const std::vector<int> kAll = {0, 1, 2};

}  // namespace

TEST(MetricsBootstrap, PercentileInterpolatesLikeNumpy) {
    std::vector<double> values;
    for (int i = 100; i >= 0; --i) values.push_back(i);
    values.push_back(std::nan(""));
    const Interval interval = Bootstrap::percentile(values, 0.95);
    EXPECT_NEAR(interval.lower, 2.5, 1e-12);
    EXPECT_NEAR(interval.upper, 97.5, 1e-12);
    EXPECT_EQ(interval.resamples, 101);
    // numpy.percentile([1, 2, 3, 4], [5, 95]) = [1.15, 3.85]
    const Interval small = Bootstrap::percentile({4, 1, 3, 2}, 0.9);
    EXPECT_NEAR(small.lower, 1.15, 1e-12);
    EXPECT_NEAR(small.upper, 3.85, 1e-12);
    EXPECT_FALSE(Bootstrap::percentile({}, 0.95).defined());
}

TEST(MetricsBootstrap, ReproducibleWithASeed) {
    const RatingTable table = simulated(300, 1);
    const Bootstrap first({500, 42, 0.95});
    const Bootstrap again({500, 42, 0.95});
    const Bootstrap other({500, 43, 0.95});
    const Interval f1 = first.macroF1(table, 0, 1);
    EXPECT_EQ(f1.lower, again.macroF1(table, 0, 1).lower);
    EXPECT_EQ(f1.upper, again.macroF1(table, 0, 1).upper);
    EXPECT_EQ(first.krippendorffAlpha(table, kAll).lower, again.krippendorffAlpha(table, kAll).lower);
    EXPECT_EQ(first.fleissKappa(table, kAll).upper, again.fleissKappa(table, kAll).upper);
    EXPECT_EQ(first.cohenKappa(table, 1, 2).lower, again.cohenKappa(table, 1, 2).lower);
    // Calls do not share a stream: order does not matter.
    const Bootstrap fresh({500, 42, 0.95});
    (void)fresh.cohenKappa(table, 0, 2);
    EXPECT_EQ(fresh.macroF1(table, 0, 1).lower, f1.lower);
    const Interval otherF1 = other.macroF1(table, 0, 1);
    EXPECT_TRUE(otherF1.lower != f1.lower || otherF1.upper != f1.upper);
}

TEST(MetricsBootstrap, IntervalsContainThePointEstimate) {
    for (unsigned seed = 0; seed < 5; ++seed) {
        const RatingTable table = simulated(400, seed);
        const Bootstrap bootstrap({1000, seed, 0.95});

        const double f1 = ClassificationScores::fromTable(table, 0, 1).macroF1;
        const Interval f1Interval = bootstrap.macroF1(table, 0, 1);
        EXPECT_LE(f1Interval.lower, f1);
        EXPECT_GE(f1Interval.upper, f1);
        EXPECT_EQ(f1Interval.resamples, 1000);

        const double kappa = CohenKappa::fromTable(table, 0, 2).kappa;
        const Interval kappaInterval = bootstrap.cohenKappa(table, 0, 2);
        EXPECT_LE(kappaInterval.lower, kappa);
        EXPECT_GE(kappaInterval.upper, kappa);

        const double fleiss = FleissKappa::fromTable(table, kAll).kappa;
        const Interval fleissInterval = bootstrap.fleissKappa(table, kAll);
        EXPECT_LE(fleissInterval.lower, fleiss);
        EXPECT_GE(fleissInterval.upper, fleiss);

        const double alpha = KrippendorffAlpha::fromTable(table, kAll).alpha;
        const Interval alphaInterval = bootstrap.krippendorffAlpha(table, kAll);
        EXPECT_LE(alphaInterval.lower, alpha);
        EXPECT_GE(alphaInterval.upper, alpha);
        // Sane widths for 400 items: neither degenerate nor the whole range.
        EXPECT_GT(alphaInterval.upper - alphaInterval.lower, 0.01);
        EXPECT_LT(alphaInterval.upper - alphaInterval.lower, 0.3);
    }
}

TEST(MetricsBootstrap, WidthShrinksWithMoreItems) {
    // Sixteen times the items: the standard error, hence the width, about a quarter.
    const RatingTable small = simulated(100, 7);
    const RatingTable large = simulated(1600, 7);
    const Bootstrap bootstrap({1000, 7, 0.95});
    auto width = [](const Interval& i) { return i.upper - i.lower; };
    EXPECT_LT(width(bootstrap.macroF1(large, 0, 1)), 0.5 * width(bootstrap.macroF1(small, 0, 1)));
    EXPECT_LT(width(bootstrap.cohenKappa(large, 0, 1)), 0.5 * width(bootstrap.cohenKappa(small, 0, 1)));
    EXPECT_LT(width(bootstrap.fleissKappa(large, kAll)), 0.5 * width(bootstrap.fleissKappa(small, kAll)));
    EXPECT_LT(width(bootstrap.krippendorffAlpha(large, kAll)), 0.5 * width(bootstrap.krippendorffAlpha(small, kAll)));
}

TEST(MetricsBootstrap, ResamplesAreConfigurableAndEmptyDataIsUndefined) {
    const RatingTable table = simulated(50, 3);
    EXPECT_EQ(Bootstrap({37, 1, 0.95}).cohenKappa(table, 0, 1).resamples, 37);
    EXPECT_FALSE(Bootstrap({0, 1, 0.95}).cohenKappa(table, 0, 1).defined());

    RatingTable disjoint({QStringLiteral("x"), QStringLiteral("y")});
    ASSERT_TRUE(disjoint.set(QStringLiteral("a"), QStringLiteral("1"), 0).ok());
    ASSERT_TRUE(disjoint.set(QStringLiteral("b"), QStringLiteral("2"), 1).ok());
    const Bootstrap bootstrap;
    EXPECT_EQ(bootstrap.options().resamples, 1000);
    EXPECT_FALSE(bootstrap.macroF1(disjoint, 0, 1).defined());
    EXPECT_FALSE(bootstrap.krippendorffAlpha(disjoint, std::vector<int>{0, 1}).defined());
    EXPECT_FALSE(bootstrap.fleissKappa(disjoint, std::vector<int>{0, 1}).defined());
}
