#pragma once
// Fleiss' kappa (Fleiss 1971) of a set of coders over the items every one of them rated:
//   P_i  = (sum_j n_ij^2 - m) / (m (m - 1))      agreement on item i, m raters
//   Pbar = mean_i P_i,  p_j = sum_i n_ij / (N m),  Pe = sum_j p_j^2
//   kappa = (Pbar - Pe) / (1 - Pe)
//
// Degenerate cases, as for Cohen's kappa: Pe = 1 means every rating is the same class
// (so Pbar = 1 too); the formula is 0/0 and we return 1 (0 if Pbar < 1, which cannot
// happen, kept for symmetry with CohenKappa). Tested in integers. Fewer than 2 coders
// or no item rated by all of them: NaN.
#include <span>

#include "core/metrics/CategoryCounts.h"

namespace motor::metrics {

struct FleissKappa {
    double kappa = 0.0;
    long long n = 0;  // items (with multiplicity) rated by every coder of the set
    int raters = 0;

    static FleissKappa fromTable(const RatingTable& table, std::span<const int> coders);
    // Every row of nonzero weight must have the same total m >= 2, else NaN.
    // multiplicity, if not empty, gives each row's weight (a bootstrap resample);
    // empty means 1 each.
    static FleissKappa fromCounts(const CategoryCounts& counts, std::span<const int> multiplicity = {});
};

}  // namespace motor::metrics
