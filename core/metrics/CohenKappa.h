#pragma once
// Cohen's kappa of two coders over the items both rated:
//   kappa = (po - pe) / (1 - pe),  po = sum_c n_cc / n,  pe = sum_c (a_c / n)(b_c / n)
// where a_c, b_c are the two coders' marginal counts.
//
// Degenerate cases, chosen so that the value is never 0/0:
//  - pe = 1 happens only when both coders put every item in one and the same class.
//    The formula is 0/0 there; we return 1 when po = 1 (they agree on every item, which
//    pe = 1 implies) and 0 otherwise. Tested in integers (sum a_c b_c == n^2), so
//    rounding cannot turn a near-degenerate table into a degenerate one.
//  - n = 0 (no item rated by both): NaN, "undefined", JSON null.
#include "core/metrics/ConfusionMatrix.h"

namespace motor::metrics {

struct CohenKappa {
    double kappa = 0.0;
    long long n = 0;  // items rated by both coders

    static CohenKappa fromConfusion(const ConfusionMatrix& pairs);
    static CohenKappa fromTable(const RatingTable& table, int coderA, int coderB);
};

}  // namespace motor::metrics
