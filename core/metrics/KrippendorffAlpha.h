#pragma once
// Krippendorff's alpha for nominal data with missing values, in the coincidence-matrix
// form of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
//   o_ck = sum_u (number of c-k pairs in unit u) / (m_u - 1)   over pairable units
//   n_c  = sum_k o_ck,  n = sum_c n_c                            (pairable values)
//   alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k
// A unit with fewer than 2 values has no pairs and is ignored. For nominal data the
// off-diagonal sums reduce to per-unit scalars, so no k x k matrix is built:
//   sum_{c != k} o_ck = sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1)
//   sum_{c != k} n_c n_k = n^2 - sum_c n_c^2
//
// Undefined (NaN, JSON null) when there are no pairable values or when all of them
// are one class: expected disagreement is 0 and Krippendorff leaves alpha undefined
// there (the data show no variation from which reliability could be judged).
#include <span>

#include "core/metrics/CategoryCounts.h"

namespace motor::metrics {

struct KrippendorffAlpha {
    double alpha = 0.0;
    long long units = 0;   // pairable units (with multiplicity)
    long long values = 0;  // pairable values n

    static KrippendorffAlpha fromTable(const RatingTable& table, std::span<const int> coders);
    // Rows with a total below 2 are skipped. multiplicity as in FleissKappa::fromCounts.
    static KrippendorffAlpha fromCounts(const CategoryCounts& counts, std::span<const int> multiplicity = {});
};

}  // namespace motor::metrics
