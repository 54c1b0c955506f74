#include "core/metrics/ConfusionMatrix.h"

#include <algorithm>

namespace motor::metrics {

ConfusionMatrix::ConfusionMatrix(int classCount)
    : classCount_(classCount), counts_(static_cast<size_t>(classCount) * classCount, 0) {}

ConfusionMatrix ConfusionMatrix::fromTable(const RatingTable& table, int referenceCoder, int predictedCoder) {
    ConfusionMatrix matrix(table.classCount());
    const std::span<const int> reference = table.codes(referenceCoder);
    const std::span<const int> predicted = table.codes(predictedCoder);
    const size_t n = std::min(reference.size(), predicted.size());
    for (size_t i = 0; i < n; ++i) {
        if (reference[i] != RatingTable::kMissing && predicted[i] != RatingTable::kMissing)
            matrix.add(reference[i], predicted[i]);
    }
    return matrix;
}

void ConfusionMatrix::clear() {
    std::fill(counts_.begin(), counts_.end(), 0);
    total_ = 0;
}

long long ConfusionMatrix::trace() const {
    long long sum = 0;
    for (int c = 0; c < classCount_; ++c) sum += at(c, c);
    return sum;
}

long long ConfusionMatrix::rowSum(int referenceClass) const {
    long long sum = 0;
    for (int p = 0; p < classCount_; ++p) sum += at(referenceClass, p);
    return sum;
}

long long ConfusionMatrix::columnSum(int predictedClass) const {
    long long sum = 0;
    for (int r = 0; r < classCount_; ++r) sum += at(r, predictedClass);
    return sum;
}

}  // namespace motor::metrics
