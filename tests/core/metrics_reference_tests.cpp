// Published worked examples, each checked to 1e-9 against its exact rational value
// (derived from the source's own table) and to the source's printed precision.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/metrics/ClassificationScores.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"

using namespace motor::metrics;

namespace {

constexpr int M = RatingTable::kMissing;

QStringList numberedClasses(int count) {
    QStringList classes;
    for (int c = 0; c < count; ++c) classes << QString::number(c);
    return classes;
}

// rows[coder][item], values are class indices or M.
RatingTable tableOf(int classCount, const std::vector<std::vector<int>>& rows) {
    RatingTable table(numberedClasses(classCount));
    for (size_t coder = 0; coder < rows.size(); ++coder) {
        const QString name = QStringLiteral("coder%1").arg(coder);
        table.addCoder(name);
        for (size_t item = 0; item < rows[coder].size(); ++item) {
            const QString id = QStringLiteral("item%1").arg(item);
            table.addItem(id);
            if (rows[coder][item] != M) {
                EXPECT_TRUE(table.set(name, id, rows[coder][item]).ok());
            }
        }
    }
    return table;
}

std::vector<int> allCoders(const RatingTable& table) {
    std::vector<int> coders(table.coderCount());
    for (int c = 0; c < table.coderCount(); ++c) coders[c] = c;
    return coders;
}

}  // namespace

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
// observers, twelve units, values 1..5, missing data; nominal alpha = 0.743.
// Exact: o-matrix gives n = 40 and alpha = 113/152.
TEST(MetricsKrippendorffAlpha, Krippendorff2011NominalExample) {
    // Values 1..5 as class indices 0..4 (class 0 unused would not change alpha; we
    // keep the values' own numbering by giving the codebook six classes).
    const RatingTable table = tableOf(6, {
                                             {1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M},
                                             {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3},
                                             {M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M},
                                             {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M},
                                         });
    const KrippendorffAlpha alpha = KrippendorffAlpha::fromTable(table, allCoders(table));
    EXPECT_NEAR(alpha.alpha, 113.0 / 152.0, 1e-12);
    EXPECT_NEAR(alpha.alpha, 0.743, 0.0005);
    EXPECT_EQ(alpha.values, 40);
    EXPECT_EQ(alpha.units, 11);  // unit 12 has a single value
}

// Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example): 10 subjects,
// 14 raters, 5 categories; Pbar = 0.378, Pe = 0.213, kappa = 0.210. Exact: 4211/20059.
TEST(MetricsFleissKappa, WikipediaWorkedExample) {
    const int counts[10][5] = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
    };
    // Fleiss' kappa does not depend on which rater gave which rating, so deal each
    // subject's ratings out to raters 0..13 in class order.
    std::vector<std::vector<int>> rows(14, std::vector<int>(10, M));
    for (int subject = 0; subject < 10; ++subject) {
        int rater = 0;
        for (int c = 0; c < 5; ++c) {
            for (int i = 0; i < counts[subject][c]; ++i) rows[rater++][subject] = c;
        }
        ASSERT_EQ(rater, 14);
    }
    const RatingTable table = tableOf(5, rows);
    const FleissKappa kappa = FleissKappa::fromTable(table, allCoders(table));
    EXPECT_NEAR(kappa.kappa, 4211.0 / 20059.0, 1e-12);
    EXPECT_NEAR(kappa.kappa, 0.210, 0.0005);
    EXPECT_EQ(kappa.n, 10);
    EXPECT_EQ(kappa.raters, 14);

    // The same data given directly as counts.
    CategoryCounts direct(5);
    for (const auto& row : counts) direct.addRow(std::span<const int>(row, 5));
    EXPECT_NEAR(FleissKappa::fromCounts(direct).kappa, 4211.0 / 20059.0, 1e-12);
}

namespace {

// A 2x2 agreement table (A's answer x B's answer) expanded into 50 or 100 items.
RatingTable yesNoTable(int yesYes, int yesNo, int noYes, int noNo) {
    std::vector<std::vector<int>> rows(2);
    auto add = [&](int a, int b, int count) {
        for (int i = 0; i < count; ++i) {
            rows[0].push_back(a);
            rows[1].push_back(b);
        }
    };
    add(0, 0, yesYes);
    add(0, 1, yesNo);
    add(1, 0, noYes);
    add(1, 1, noNo);
    return tableOf(2, rows);
}

}  // namespace

// Wikipedia, "Cohen's kappa", simple example: 50 proposals, both yes 20, A yes B no 5,
// A no B yes 10, both no 15: po = 0.7, pe = 0.5, kappa = 0.4.
TEST(MetricsCohenKappa, WikipediaYesNoExample) {
    const CohenKappa k = CohenKappa::fromTable(yesNoTable(20, 5, 10, 15), 0, 1);
    EXPECT_NEAR(k.kappa, 0.4, 1e-12);
    EXPECT_EQ(k.n, 50);
}

// Wikipedia, "Cohen's kappa", the two tables with equal agreement (po = 0.6) but
// different marginals: kappa 0.1304 (= 3/23) and 0.2593 (= 7/27).
TEST(MetricsCohenKappa, WikipediaSameAgreementDifferentMarginals) {
    EXPECT_NEAR(CohenKappa::fromTable(yesNoTable(45, 15, 25, 15), 0, 1).kappa, 3.0 / 23.0, 1e-12);
    EXPECT_NEAR(CohenKappa::fromTable(yesNoTable(25, 35, 5, 35), 0, 1).kappa, 7.0 / 27.0, 1e-12);
}

TEST(MetricsCohenKappa, DegenerateAndEmptyCases) {
    // Both coders say class 1 for everything: pe = 1, documented as 1.
    const RatingTable same = tableOf(3, {{1, 1, 1, 1}, {1, 1, 1, 1}});
    EXPECT_EQ(CohenKappa::fromTable(same, 0, 1).kappa, 1.0);
    // No overlap: undefined.
    const RatingTable disjoint = tableOf(3, {{0, 1, M, M}, {M, M, 2, 0}});
    const CohenKappa none = CohenKappa::fromTable(disjoint, 0, 1);
    EXPECT_TRUE(std::isnan(none.kappa));
    EXPECT_EQ(none.n, 0);
    // Perfect agreement with variation is 1 by the formula; total disagreement on a
    // balanced 2-class table is -1.
    EXPECT_NEAR(CohenKappa::fromTable(tableOf(2, {{0, 1, 0, 1}, {0, 1, 0, 1}}), 0, 1).kappa, 1.0, 1e-12);
    EXPECT_NEAR(CohenKappa::fromTable(tableOf(2, {{0, 1, 0, 1}, {1, 0, 1, 0}}), 0, 1).kappa, -1.0, 1e-12);
}

// scikit-learn, f1_score / precision_recall_fscore_support documentation:
// y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
// macro F1 = 0.2666..., weighted F1 = 0.2666..., per class F1 = [0.8, 0, 0];
// macro precision 0.2222, macro recall 0.3333; accuracy 1/3.
TEST(MetricsF1, SklearnDocumentedExample) {
    const RatingTable table = tableOf(3, {{0, 1, 2, 0, 1, 2}, {0, 2, 1, 0, 0, 1}});
    const ClassificationScores s = ClassificationScores::fromTable(table, 0, 1);
    EXPECT_EQ(s.n, 6);
    EXPECT_NEAR(s.macroF1, 4.0 / 15.0, 1e-12);
    EXPECT_NEAR(s.weightedF1, 4.0 / 15.0, 1e-12);
    EXPECT_NEAR(s.accuracy, 1.0 / 3.0, 1e-12);
    ASSERT_EQ(s.perClass.size(), 3u);
    EXPECT_NEAR(s.perClass[0].f1, 0.8, 1e-12);
    EXPECT_EQ(s.perClass[1].f1, 0.0);
    EXPECT_EQ(s.perClass[2].f1, 0.0);
    EXPECT_NEAR((s.perClass[0].precision + s.perClass[1].precision + s.perClass[2].precision) / 3, 2.0 / 9.0, 1e-12);
    EXPECT_NEAR((s.perClass[0].recall + s.perClass[1].recall + s.perClass[2].recall) / 3, 1.0 / 3.0, 1e-12);
    EXPECT_EQ(s.perClass[0].support, 2);
    // Confusion: reference rows, predicted columns.
    EXPECT_EQ(s.confusion.at(0, 0), 2);
    EXPECT_EQ(s.confusion.at(1, 0), 1);
    EXPECT_EQ(s.confusion.at(1, 2), 1);
    EXPECT_EQ(s.confusion.at(2, 1), 2);
    EXPECT_NEAR(ClassificationScores::macroF1Of(s.confusion), s.macroF1, 1e-15);
}

// A class that appears only in the prediction is averaged (labels = union of y_true and
// y_pred) with F1 0; a codebook class in neither is not. y_true = [0, 0, 1, 1],
// y_pred = [0, 2, 1, 1], codebook of 4 classes: per class F1 = [2/3, 1, 0], class 3
// absent; macro = 5/9, weighted = (2*2/3 + 2*1) / 4 = 5/6.
TEST(MetricsF1, ClassOnlyInPredictionIsAveraged) {
    const RatingTable table = tableOf(4, {{0, 0, 1, 1}, {0, 2, 1, 1}});
    const ClassificationScores s = ClassificationScores::fromTable(table, 0, 1);
    EXPECT_NEAR(s.macroF1, 5.0 / 9.0, 1e-12);
    EXPECT_NEAR(s.weightedF1, 5.0 / 6.0, 1e-12);
    EXPECT_TRUE(s.perClass[2].inAverage);
    EXPECT_EQ(s.perClass[2].precision, 0.0);
    EXPECT_EQ(s.perClass[2].recall, 0.0);  // zero_division = 0
    EXPECT_FALSE(s.perClass[3].inAverage);
    EXPECT_NEAR(ClassificationScores::macroF1Of(s.confusion), 5.0 / 9.0, 1e-12);
}

// scikit-learn documentation: y_true = y_pred = [0, 0, 0, 0, 0, 0] gives F1 1.0 (only
// class 0 is in the union); codebook classes never used do not drag the mean down.
TEST(MetricsF1, OnlyUsedClassesAreAveraged) {
    const RatingTable table = tableOf(3, {{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}});
    const ClassificationScores s = ClassificationScores::fromTable(table, 0, 1);
    EXPECT_EQ(s.macroF1, 1.0);
    EXPECT_EQ(s.weightedF1, 1.0);
    EXPECT_EQ(s.accuracy, 1.0);
}

TEST(MetricsF1, OnlyItemsRatedByBothCount) {
    const RatingTable table = tableOf(3, {{0, 1, M, 2, 2}, {0, 1, 2, M, 1}});
    const ClassificationScores s = ClassificationScores::fromTable(table, 0, 1);
    EXPECT_EQ(s.n, 3);
    EXPECT_NEAR(s.accuracy, 2.0 / 3.0, 1e-12);
    const ClassificationScores none = ClassificationScores::fromTable(tableOf(3, {{0, M}, {M, 1}}), 0, 1);
    EXPECT_EQ(none.n, 0);
    EXPECT_TRUE(std::isnan(none.macroF1));
    EXPECT_TRUE(std::isnan(none.accuracy));
}

TEST(MetricsFleissKappa, TwoRatersEqualScottsPi) {
    // Scott's pi for the Wikipedia 20/5/10/15 table: pooled yes share
    // (25 + 30) / 100 = 0.55, pe = 0.55^2 + 0.45^2 = 0.505, po = 0.7,
    // pi = 0.195 / 0.495 = 13/33. Fleiss with two raters is Scott's pi.
    const RatingTable table = yesNoTable(20, 5, 10, 15);
    EXPECT_NEAR(FleissKappa::fromTable(table, allCoders(table)).kappa, 13.0 / 33.0, 1e-12);
}

TEST(MetricsFleissKappa, DegenerateCases) {
    const RatingTable same = tableOf(3, {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}});
    EXPECT_EQ(FleissKappa::fromTable(same, allCoders(same)).kappa, 1.0);
    const RatingTable noneByAll = tableOf(3, {{0, M}, {M, 1}, {1, 1}});
    const FleissKappa none = FleissKappa::fromTable(noneByAll, allCoders(noneByAll));
    EXPECT_TRUE(std::isnan(none.kappa));
    EXPECT_EQ(none.n, 0);
    const std::vector<int> one = {0};
    EXPECT_TRUE(std::isnan(FleissKappa::fromTable(same, one).kappa));
}

TEST(MetricsKrippendorffAlpha, DegenerateCases) {
    // One value everywhere: expected disagreement 0, alpha undefined.
    const RatingTable same = tableOf(3, {{1, 1, 1}, {1, 1, M}});
    EXPECT_TRUE(std::isnan(KrippendorffAlpha::fromTable(same, allCoders(same)).alpha));
    // No unit with two values.
    const RatingTable lonely = tableOf(3, {{0, M}, {M, 1}});
    const KrippendorffAlpha none = KrippendorffAlpha::fromTable(lonely, allCoders(lonely));
    EXPECT_TRUE(std::isnan(none.alpha));
    EXPECT_EQ(none.values, 0);
    // Perfect agreement with variation.
    const RatingTable perfect = tableOf(3, {{0, 1, 2, M}, {0, 1, 2, 2}, {M, 1, 2, 2}});
    EXPECT_NEAR(KrippendorffAlpha::fromTable(perfect, allCoders(perfect)).alpha, 1.0, 1e-12);
}
