#include "core/metrics/KrippendorffAlpha.h"

#include <limits>
#include <vector>

namespace motor::metrics {

KrippendorffAlpha KrippendorffAlpha::fromTable(const RatingTable& table, std::span<const int> coders) {
    return fromCounts(CategoryCounts::fromTable(table, coders, CategoryCounts::Coverage::AtLeastTwo));
}

KrippendorffAlpha KrippendorffAlpha::fromCounts(const CategoryCounts& counts, std::span<const int> multiplicity) {
    KrippendorffAlpha result;
    result.alpha = std::numeric_limits<double>::quiet_NaN();
    const int k = counts.classCount();
    std::vector<long long> valueTotals(k, 0);  // n_c
    double disagreement = 0.0;                 // sum_{c != k} o_ck
    for (int r = 0; r < counts.rowCount(); ++r) {
        const long long m = counts.rowTotal(r);
        const long long w = multiplicity.empty() ? 1 : multiplicity[r];
        if (m < 2 || w == 0) continue;
        const std::span<const int> row = counts.row(r);
        long long squares = 0;
        for (int c = 0; c < k; ++c) {
            squares += static_cast<long long>(row[c]) * row[c];
            valueTotals[c] += w * row[c];
        }
        // Integer numerator, one division per unit: exact up to that rounding.
        disagreement += static_cast<double>(w * (m * m - squares)) / static_cast<double>(m - 1);
        result.units += w;
        result.values += w * m;
    }
    const long long n = result.values;
    long long valueSquares = 0;
    for (long long total : valueTotals) valueSquares += total * total;
    const long long expectedPairs = n * n - valueSquares;  // sum_{c != k} n_c n_k
    if (n < 2 || expectedPairs == 0) return result;
    result.alpha = 1.0 - static_cast<double>(n - 1) * disagreement / static_cast<double>(expectedPairs);
    return result;
}

}  // namespace motor::metrics
