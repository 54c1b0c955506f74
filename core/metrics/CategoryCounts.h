#pragma once
// Per item, how many coders of a set put it in each class (the n_ij of Fleiss and the
// n_uc of Krippendorff). Both statistics, and their bootstrap, are sums over these
// rows, so the table is built once and a resample is just a multiplicity per row.
#include <span>
#include <vector>

#include "core/metrics/RatingTable.h"

namespace motor::metrics {

class CategoryCounts {
public:
    enum class Coverage {
        AllCoders,   // only items every coder of the set rated (Fleiss)
        AtLeastTwo,  // items with two or more values (Krippendorff's pairable units)
    };

    CategoryCounts() = default;
    explicit CategoryCounts(int classCount) : classCount_(classCount) {}

    static CategoryCounts fromTable(const RatingTable& table, std::span<const int> coders, Coverage coverage);

    // counts.size() must equal classCount(); item is the table's item index, or -1.
    void addRow(std::span<const int> counts, int item = -1);

    int classCount() const { return classCount_; }
    int rowCount() const { return static_cast<int>(totals_.size()); }
    std::span<const int> row(int r) const {
        return {counts_.data() + static_cast<size_t>(r) * classCount_, static_cast<size_t>(classCount_)};
    }
    int rowTotal(int r) const { return totals_[r]; }
    int item(int r) const { return items_[r]; }

private:
    int classCount_ = 0;
    std::vector<int> counts_;  // row-major, rowCount() x classCount_
    std::vector<int> totals_;
    std::vector<int> items_;
};

}  // namespace motor::metrics
