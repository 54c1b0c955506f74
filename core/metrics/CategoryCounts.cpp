#include "core/metrics/CategoryCounts.h"

#include <algorithm>

namespace motor::metrics {

CategoryCounts CategoryCounts::fromTable(const RatingTable& table, std::span<const int> coders, Coverage coverage) {
    CategoryCounts result(table.classCount());
    const int k = table.classCount();
    const int needed = coverage == Coverage::AllCoders ? static_cast<int>(coders.size()) : 2;
    if (coders.empty() || needed < 1) return result;
    std::vector<std::span<const int>> columns;
    columns.reserve(coders.size());
    for (int coder : coders) columns.push_back(table.codes(coder));

    std::vector<int> counts(k);
    result.counts_.reserve(static_cast<size_t>(table.itemCount()) * k);
    for (int item = 0; item < table.itemCount(); ++item) {
        std::fill(counts.begin(), counts.end(), 0);
        int total = 0;
        for (const std::span<const int>& column : columns) {
            if (item < static_cast<int>(column.size()) && column[item] != RatingTable::kMissing) {
                ++counts[column[item]];
                ++total;
            }
        }
        if (total >= needed) result.addRow(counts, item);
    }
    return result;
}

void CategoryCounts::addRow(std::span<const int> counts, int item) {
    int total = 0;
    for (int c = 0; c < classCount_; ++c) {
        const int value = c < static_cast<int>(counts.size()) ? counts[c] : 0;
        counts_.push_back(value);
        total += value;
    }
    totals_.push_back(total);
    items_.push_back(item);
}

}  // namespace motor::metrics
