#include "core/metrics/FleissKappa.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace motor::metrics {

FleissKappa FleissKappa::fromTable(const RatingTable& table, std::span<const int> coders) {
    FleissKappa result = fromCounts(CategoryCounts::fromTable(table, coders, CategoryCounts::Coverage::AllCoders));
    result.raters = static_cast<int>(coders.size());
    return result;
}

FleissKappa FleissKappa::fromCounts(const CategoryCounts& counts, std::span<const int> multiplicity) {
    FleissKappa result;
    result.kappa = std::numeric_limits<double>::quiet_NaN();
    const int k = counts.classCount();
    const int rows = counts.rowCount();
    if (rows == 0) return result;
    // A row of weight 0 is absent from this (re)sample, so it sets no rater count.
    long long m = -1;
    std::vector<long long> columnTotals(k, 0);
    long long items = 0;
    long long sumSquares = 0;  // sum_i w_i sum_j n_ij^2; exact integers until the end
    for (int r = 0; r < rows; ++r) {
        const long long w = multiplicity.empty() ? 1 : multiplicity[r];
        if (w == 0) continue;
        if (m < 0) m = counts.rowTotal(r);
        if (counts.rowTotal(r) != m) return result;
        const std::span<const int> row = counts.row(r);
        long long squares = 0;
        for (int j = 0; j < k; ++j) {
            squares += static_cast<long long>(row[j]) * row[j];
            columnTotals[j] += w * row[j];
        }
        sumSquares += w * squares;
        items += w;
    }
    result.raters = static_cast<int>(std::max(m, 0LL));
    result.n = items;
    if (m < 2 || items == 0) return result;

    const long long ratings = items * m;
    long long columnSquares = 0;
    for (long long total : columnTotals) columnSquares += total * total;
    if (columnSquares == ratings * ratings) {
        result.kappa = sumSquares == items * m * m ? 1.0 : 0.0;
        return result;
    }
    const double pBar =
        static_cast<double>(sumSquares - ratings) / (static_cast<double>(ratings) * static_cast<double>(m - 1));
    const double pe =
        static_cast<double>(columnSquares) / (static_cast<double>(ratings) * static_cast<double>(ratings));
    result.kappa = (pBar - pe) / (1.0 - pe);
    return result;
}

}  // namespace motor::metrics
