#pragma once
// Counts of (reference class, predicted class) over the items both coders rated:
// rows are the reference, columns the prediction, both in codebook order. Cohen's
// kappa and the classification scores are both functions of this one table, which is
// why the bootstrap resamples items into it rather than into each statistic.
#include <vector>

#include "core/metrics/RatingTable.h"

namespace motor::metrics {

class ConfusionMatrix {
public:
    ConfusionMatrix() = default;
    explicit ConfusionMatrix(int classCount);

    // Items rated by both coders; either index may be the "reference".
    static ConfusionMatrix fromTable(const RatingTable& table, int referenceCoder, int predictedCoder);

    void add(int referenceClass, int predictedClass, long long count = 1) {
        counts_[static_cast<size_t>(referenceClass) * classCount_ + predictedClass] += count;
        total_ += count;
    }
    void clear();

    int classCount() const { return classCount_; }
    long long at(int referenceClass, int predictedClass) const {
        return counts_[static_cast<size_t>(referenceClass) * classCount_ + predictedClass];
    }
    long long total() const { return total_; }
    long long trace() const;
    long long rowSum(int referenceClass) const;
    long long columnSum(int predictedClass) const;

private:
    int classCount_ = 0;
    long long total_ = 0;
    std::vector<long long> counts_;  // row-major, classCount_ x classCount_
};

}  // namespace motor::metrics
