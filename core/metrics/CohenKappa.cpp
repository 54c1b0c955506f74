#include "core/metrics/CohenKappa.h"

#include <limits>

namespace motor::metrics {

CohenKappa CohenKappa::fromConfusion(const ConfusionMatrix& pairs) {
    CohenKappa result;
    result.n = pairs.total();
    if (result.n == 0) {
        result.kappa = std::numeric_limits<double>::quiet_NaN();
        return result;
    }
    const int k = pairs.classCount();
    long long agreed = 0;
    long long marginalProducts = 0;  // sum_c a_c * b_c, exact
    for (int c = 0; c < k; ++c) {
        agreed += pairs.at(c, c);
        marginalProducts += pairs.rowSum(c) * pairs.columnSum(c);
    }
    const long long n = result.n;
    if (marginalProducts == n * n) {
        result.kappa = agreed == n ? 1.0 : 0.0;
        return result;
    }
    const double nn = static_cast<double>(n);
    const double po = static_cast<double>(agreed) / nn;
    const double pe = static_cast<double>(marginalProducts) / (nn * nn);
    result.kappa = (po - pe) / (1.0 - pe);
    return result;
}

CohenKappa CohenKappa::fromTable(const RatingTable& table, int coderA, int coderB) {
    return fromConfusion(ConfusionMatrix::fromTable(table, coderA, coderB));
}

}  // namespace motor::metrics
