// The metrics checked against naive implementations written here from the textbook
// definitions, on many random tables (missing data, skewed and degenerate marginals).
// The naive versions deliberately take other routes: explicit marginals for Cohen,
// tp/fp/fn and 2PR/(P+R) for F1, Fleiss' step-by-step recipe, and Krippendorff's
// pairable-values definition (every ordered pair of values, O(n^2)) for alpha.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "core/metrics/CategoryCounts.h"
#include "core/metrics/ClassificationScores.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/FleissKappa.h"
#include "core/metrics/KrippendorffAlpha.h"

using namespace motor::metrics;

namespace {

constexpr int M = RatingTable::kMissing;
constexpr double kTolerance = 1e-9;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// codes[coder][item]
using Codes = std::vector<std::vector<int>>;

struct RandomCase {
    int classes = 0;
    Codes codes;
};

// Coders copy a hidden "true" class with some probability and otherwise pick from a
// skewed distribution, so agreement ranges from chance to perfect; some cases use one
// class only, or leave most cells missing, to reach the degenerate branches.
RandomCase randomCase(unsigned seed) {
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    RandomCase c;
    c.classes = uniform(2, 5);
    const int coders = uniform(2, 6);
    const int items = uniform(1, 60);
    const double missing = seed % 5 == 0 ? 0.0 : std::uniform_real_distribution<double>(0, 0.6)(rng);
    const double faithful = std::uniform_real_distribution<double>(0, 1)(rng);
    const int usedClasses = seed % 11 == 0 ? 1 : c.classes;
    std::vector<double> weights(usedClasses);
    for (double& w : weights) w = std::uniform_real_distribution<double>(0.05, 1.0)(rng);
    std::discrete_distribution<int> skewed(weights.begin(), weights.end());
    std::vector<int> truth(items);
    for (int& t : truth) t = skewed(rng);
    c.codes.assign(coders, std::vector<int>(items, M));
    for (int coder = 0; coder < coders; ++coder) {
        for (int item = 0; item < items; ++item) {
            if (chance(missing)) continue;
            c.codes[coder][item] = chance(faithful) ? truth[item] : skewed(rng);
        }
    }
    return c;
}

RatingTable tableOf(const RandomCase& c) {
    QStringList classes;
    for (int k = 0; k < c.classes; ++k) classes << QStringLiteral("c%1").arg(k);
    RatingTable table(classes);
    for (size_t coder = 0; coder < c.codes.size(); ++coder) {
        const QString name = QStringLiteral("coder%1").arg(coder);
        table.addCoder(name);
        for (size_t item = 0; item < c.codes[coder].size(); ++item) {
            table.addItem(QStringLiteral("item%1").arg(item));
            if (c.codes[coder][item] != M) {
                EXPECT_TRUE(table.set(name, QStringLiteral("item%1").arg(item), c.codes[coder][item]).ok());
            }
        }
    }
    return table;
}

void expectSame(double actual, double expected, const char* what, unsigned seed) {
    if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(actual)) << what << " seed " << seed << ": " << actual;
    } else {
        EXPECT_NEAR(actual, expected, kTolerance) << what << " seed " << seed;
    }
}

double naiveCohen(const std::vector<int>& a, const std::vector<int>& b) {
    std::map<int, double> marginalA, marginalB;
    double n = 0, agree = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i] == M || b[i] == M) continue;
        marginalA[a[i]] += 1;
        marginalB[b[i]] += 1;
        n += 1;
        agree += a[i] == b[i];
    }
    if (n == 0) return kNaN;
    const double po = agree / n;
    double pe = 0;
    for (const auto& [cls, count] : marginalA) {
        const auto it = marginalB.find(cls);
        if (it != marginalB.end()) pe += (count / n) * (it->second / n);
    }
    // Both coders used one and the same class throughout.
    if (marginalA.size() == 1 && marginalB.size() == 1 && marginalA.begin()->first == marginalB.begin()->first)
        return po == 1.0 ? 1.0 : 0.0;
    return (po - pe) / (1 - pe);
}

struct NaiveF1 {
    double macro = kNaN, weighted = kNaN, accuracy = kNaN;
};

NaiveF1 naiveF1(const std::vector<int>& truth, const std::vector<int>& predicted) {
    std::vector<int> yTrue, yPred;
    for (size_t i = 0; i < truth.size(); ++i) {
        if (truth[i] != M && predicted[i] != M) {
            yTrue.push_back(truth[i]);
            yPred.push_back(predicted[i]);
        }
    }
    NaiveF1 out;
    if (yTrue.empty()) return out;
    std::set<int> labels(yTrue.begin(), yTrue.end());
    labels.insert(yPred.begin(), yPred.end());
    double macro = 0, weighted = 0, correct = 0;
    for (int label : labels) {
        double tp = 0, fp = 0, fn = 0, support = 0;
        for (size_t i = 0; i < yTrue.size(); ++i) {
            tp += yTrue[i] == label && yPred[i] == label;
            fp += yTrue[i] != label && yPred[i] == label;
            fn += yTrue[i] == label && yPred[i] != label;
            support += yTrue[i] == label;
        }
        const double precision = tp + fp > 0 ? tp / (tp + fp) : 0;
        const double recall = tp + fn > 0 ? tp / (tp + fn) : 0;
        const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        macro += f1;
        weighted += f1 * support;
    }
    for (size_t i = 0; i < yTrue.size(); ++i) correct += yTrue[i] == yPred[i];
    out.macro = macro / static_cast<double>(labels.size());
    out.weighted = weighted / static_cast<double>(yTrue.size());
    out.accuracy = correct / static_cast<double>(yTrue.size());
    return out;
}

double naiveFleiss(const Codes& codes, int classes) {
    const int raters = static_cast<int>(codes.size());
    std::vector<std::vector<double>> n;  // rows of items rated by all
    for (size_t item = 0; item < codes[0].size(); ++item) {
        std::vector<double> row(classes, 0);
        int rated = 0;
        for (const auto& coder : codes) {
            if (coder[item] != M) {
                row[coder[item]] += 1;
                ++rated;
            }
        }
        if (rated == raters) n.push_back(row);
    }
    if (n.empty() || raters < 2) return kNaN;
    const double N = static_cast<double>(n.size());
    double pBar = 0;
    for (const auto& row : n) {
        double s = 0;
        for (double x : row) s += x * (x - 1);
        pBar += s / (raters * (raters - 1.0));
    }
    pBar /= N;
    double pe = 0;
    int usedClasses = 0;
    for (int j = 0; j < classes; ++j) {
        double column = 0;
        for (const auto& row : n) column += row[j];
        const double p = column / (N * raters);
        pe += p * p;
        usedClasses += column > 0;
    }
    if (usedClasses == 1) return 1.0;
    return (pBar - pe) / (1 - pe);
}

// Krippendorff's definition in terms of pairable values: a value is pairable when its
// unit holds at least one other value. Observed disagreement weighs each mismatching
// ordered pair inside a unit by 1/(m_u - 1); expected disagreement counts mismatching
// ordered pairs among all pairable values regardless of unit.
double naiveAlpha(const Codes& codes) {
    struct Value {
        int unit;
        int value;
    };
    std::vector<Value> values;
    std::vector<int> unitSize(codes[0].size(), 0);
    for (size_t unit = 0; unit < codes[0].size(); ++unit) {
        for (const auto& coder : codes) unitSize[unit] += coder[unit] != M;
    }
    for (size_t unit = 0; unit < codes[0].size(); ++unit) {
        if (unitSize[unit] < 2) continue;
        for (const auto& coder : codes) {
            if (coder[unit] != M) values.push_back({static_cast<int>(unit), coder[unit]});
        }
    }
    const double n = static_cast<double>(values.size());
    double observed = 0, expected = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        for (size_t j = 0; j < values.size(); ++j) {
            if (i == j || values[i].value == values[j].value) continue;
            expected += 1;
            if (values[i].unit == values[j].unit) observed += 1.0 / (unitSize[values[i].unit] - 1);
        }
    }
    if (n < 2 || expected == 0) return kNaN;
    const double dObserved = observed / n;
    const double dExpected = expected / (n * (n - 1));
    return 1 - dObserved / dExpected;
}

std::vector<int> allOf(const RatingTable& table) {
    std::vector<int> coders(table.coderCount());
    for (int c = 0; c < table.coderCount(); ++c) coders[c] = c;
    return coders;
}

constexpr unsigned kSeeds = 400;

}  // namespace

TEST(MetricsProperty, CohenKappaMatchesExplicitMarginals) {
    for (unsigned seed = 0; seed < kSeeds; ++seed) {
        const RandomCase c = randomCase(seed);
        const RatingTable table = tableOf(c);
        for (int a = 0; a < table.coderCount(); ++a) {
            for (int b = a + 1; b < table.coderCount(); ++b) {
                expectSame(CohenKappa::fromTable(table, a, b).kappa, naiveCohen(c.codes[a], c.codes[b]), "cohen", seed);
                // Symmetric in the two coders.
                expectSame(CohenKappa::fromTable(table, b, a).kappa, CohenKappa::fromTable(table, a, b).kappa,
                           "cohen symmetry", seed);
            }
        }
    }
}

TEST(MetricsProperty, F1MatchesCountingDefinition) {
    for (unsigned seed = 0; seed < kSeeds; ++seed) {
        const RandomCase c = randomCase(seed);
        const RatingTable table = tableOf(c);
        for (int reference = 0; reference < table.coderCount(); ++reference) {
            for (int predicted = 0; predicted < table.coderCount(); ++predicted) {
                if (reference == predicted) continue;
                const ClassificationScores s = ClassificationScores::fromTable(table, reference, predicted);
                const NaiveF1 naive = naiveF1(c.codes[reference], c.codes[predicted]);
                expectSame(s.macroF1, naive.macro, "macro-F1", seed);
                expectSame(s.weightedF1, naive.weighted, "weighted-F1", seed);
                expectSame(s.accuracy, naive.accuracy, "accuracy", seed);
                expectSame(ClassificationScores::macroF1Of(s.confusion), naive.macro, "macroF1Of", seed);
            }
        }
    }
}

TEST(MetricsProperty, FleissKappaMatchesRecipe) {
    for (unsigned seed = 0; seed < kSeeds; ++seed) {
        const RandomCase c = randomCase(seed);
        const RatingTable table = tableOf(c);
        expectSame(FleissKappa::fromTable(table, allOf(table)).kappa, naiveFleiss(c.codes, c.classes), "fleiss", seed);
    }
}

TEST(MetricsProperty, KrippendorffAlphaMatchesPairableValuesDefinition) {
    for (unsigned seed = 0; seed < kSeeds; ++seed) {
        const RandomCase c = randomCase(seed);
        const RatingTable table = tableOf(c);
        expectSame(KrippendorffAlpha::fromTable(table, allOf(table)).alpha, naiveAlpha(c.codes), "alpha", seed);
    }
}

// The bootstrap feeds multiplicities instead of copies; a weight of w must equal the
// row repeated w times.
TEST(MetricsProperty, MultiplicityEqualsRepeatedRows) {
    for (unsigned seed = 0; seed < kSeeds / 4; ++seed) {
        const RandomCase c = randomCase(seed);
        const RatingTable table = tableOf(c);
        const std::vector<int> coders = allOf(table);
        std::mt19937 rng(seed);
        for (auto coverage : {CategoryCounts::Coverage::AllCoders, CategoryCounts::Coverage::AtLeastTwo}) {
            const CategoryCounts counts = CategoryCounts::fromTable(table, coders, coverage);
            std::vector<int> multiplicity(counts.rowCount());
            CategoryCounts repeated(counts.classCount());
            for (int r = 0; r < counts.rowCount(); ++r) {
                multiplicity[r] = std::uniform_int_distribution<int>(0, 3)(rng);
                for (int i = 0; i < multiplicity[r]; ++i) repeated.addRow(counts.row(r));
            }
            expectSame(FleissKappa::fromCounts(counts, multiplicity).kappa, FleissKappa::fromCounts(repeated).kappa,
                       "fleiss multiplicity", seed);
            expectSame(KrippendorffAlpha::fromCounts(counts, multiplicity).alpha,
                       KrippendorffAlpha::fromCounts(repeated).alpha, "alpha multiplicity", seed);
        }
    }
}

// With two coders and no missing data, alpha = 1 - (2N - 1)/(2N) * (1 - pi), with pi
// Scott's pi (= Fleiss' kappa for two raters): Krippendorff's small-sample correction.
TEST(MetricsProperty, AlphaRelatesToScottsPiForTwoCompleteCoders) {
    for (unsigned seed = 0; seed < kSeeds; seed += 5) {  // seed % 5 == 0: nothing missing
        RandomCase c = randomCase(seed);
        c.codes.resize(2);
        const RatingTable table = tableOf(c);
        const double pi = FleissKappa::fromTable(table, allOf(table)).kappa;
        const double alpha = KrippendorffAlpha::fromTable(table, allOf(table)).alpha;
        if (std::isnan(alpha)) continue;  // one class throughout: pi is 1 by convention, alpha undefined
        const double twoN = 2.0 * static_cast<double>(c.codes[0].size());
        EXPECT_NEAR(alpha, 1 - (twoN - 1) / twoN * (1 - pi), kTolerance) << "seed " << seed;
    }
}
