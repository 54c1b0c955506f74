#include "core/metrics/ClassificationScores.h"

#include <limits>

namespace motor::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// zero_division=0: a ratio with an empty denominator is 0, not undefined.
double ratio(long long numerator, long long denominator) {
    return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// F1 from counts, 2tp / (2tp + fp + fn): equal to 2PR/(P+R) where that is defined, and
// 0 exactly where scikit-learn's zero_division=0 makes it 0.
double f1Of(long long tp, long long support, long long predicted) {
    return ratio(2 * tp, support + predicted);
}

}  // namespace

ClassificationScores ClassificationScores::fromConfusion(const ConfusionMatrix& confusion) {
    ClassificationScores scores;
    scores.confusion = confusion;
    scores.n = confusion.total();
    const int k = confusion.classCount();
    scores.perClass.resize(k);
    if (scores.n == 0) {
        scores.accuracy = scores.macroF1 = scores.weightedF1 = kNaN;
        return scores;
    }
    double macroSum = 0.0;
    double weightedSum = 0.0;
    int averaged = 0;
    for (int c = 0; c < k; ++c) {
        ClassScore& s = scores.perClass[c];
        const long long tp = confusion.at(c, c);
        s.support = confusion.rowSum(c);
        s.predicted = confusion.columnSum(c);
        s.precision = ratio(tp, s.predicted);
        s.recall = ratio(tp, s.support);
        s.f1 = f1Of(tp, s.support, s.predicted);
        s.inAverage = s.support > 0 || s.predicted > 0;
        if (s.inAverage) {
            macroSum += s.f1;
            weightedSum += s.f1 * static_cast<double>(s.support);
            ++averaged;
        }
    }
    scores.accuracy = ratio(confusion.trace(), scores.n);
    scores.macroF1 = macroSum / averaged;  // n > 0 puts at least one class in the union
    scores.weightedF1 = weightedSum / static_cast<double>(scores.n);
    return scores;
}

ClassificationScores ClassificationScores::fromTable(const RatingTable& table, int referenceCoder, int predictedCoder) {
    return fromConfusion(ConfusionMatrix::fromTable(table, referenceCoder, predictedCoder));
}

double ClassificationScores::macroF1Of(const ConfusionMatrix& confusion) {
    if (confusion.total() == 0) return kNaN;
    double sum = 0.0;
    int averaged = 0;
    for (int c = 0; c < confusion.classCount(); ++c) {
        const long long support = confusion.rowSum(c);
        const long long predicted = confusion.columnSum(c);
        if (support == 0 && predicted == 0) continue;
        sum += f1Of(confusion.at(c, c), support, predicted);
        ++averaged;
    }
    return sum / averaged;
}

}  // namespace motor::metrics
