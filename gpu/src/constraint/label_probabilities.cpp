// P(label) at the decision point. Method: the model's distribution restricted to
// grammar-valid tokens (masked softmax at temperature 1), followed down the token tree
// until each branch determines one label: a token like "Mon" that only "Monitoring"
// can continue adds its probability to Monitoring; a token that several labels share
// (e.g. "M" for Monitoring and Mixed, or a leading quote/space) is expanded with a
// forked session and the chain rule. Branches below minBranchProbability, or beyond
// maxExtraForwardPasses, are split evenly among the labels they still allow, so the
// result always sums to 1.
#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "motor/gpu/generate.h"
#include "motor/gpu/session.h"

namespace motor::gpu {

namespace {

struct Explorer {
    const JsonLabelConstraint& c;
    const LabelProbabilityOptions& opt;
    std::vector<double> probs;
    int budget;

    void spread(uint64_t labels, double mass) {
        const int n = std::popcount(labels);
        if (n == 0) return;
        for (size_t i = 0; i < probs.size(); ++i)
            if ((labels >> i) & 1) probs[i] += mass / n;
    }

    Result<void> explore(const Session& s, const JsonLabelConstraint::State& st, double mass) {
        std::vector<float> logits(s.logits().begin(), s.logits().end());
        c.mask(st, logits);
        double mx = -INFINITY;
        for (float x : logits)
            if (std::isfinite(x)) mx = std::max(mx, double(x));
        if (!std::isfinite(mx)) {
            spread(c.possibleLabels(st), mass);
            return {};
        }
        std::vector<std::pair<double, int32_t>> tokens;
        double sum = 0;
        for (size_t t = 0; t < logits.size(); ++t)
            if (std::isfinite(logits[t])) {
                const double e = std::exp(double(logits[t]) - mx);
                sum += e;
                tokens.push_back({e, int32_t(t)});
            }
        std::sort(tokens.begin(), tokens.end(),
                  [](auto& a, auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
        for (const auto& [e, t] : tokens) {
            const double q = mass * e / sum;
            JsonLabelConstraint::State n = st;
            if (!c.advance(n, t)) continue;
            if (auto d = c.determinedLabel(n)) {
                probs[size_t(*d)] += q;
                continue;
            }
            if (q >= opt.minBranchProbability && budget > 0 && s.position() < s.contextLength()) {
                --budget;
                Session child = s.fork();
                if (auto ok = child.decode(t); !ok) return ok;
                if (auto ok = explore(child, n, q); !ok) return ok;
            } else {
                spread(c.possibleLabels(n), q);
            }
        }
        return {};
    }
};

}  // namespace

Result<std::vector<double>> labelProbabilities(const Session& session, const JsonLabelConstraint& constraint,
                                               const JsonLabelConstraint::State& state,
                                               const LabelProbabilityOptions& options) {
    if (session.logits().empty()) return makeError("labelProbabilities: the session has no logits");
    Explorer e{constraint, options, std::vector<double>(constraint.schema().labels.size(), 0.0),
               options.maxExtraForwardPasses};
    if (auto ok = e.explore(session, state, 1.0); !ok) return ok.error();
    const double total = std::accumulate(e.probs.begin(), e.probs.end(), 0.0);
    if (total <= 0) return makeError("labelProbabilities: no label is reachable from this state");
    for (double& p : e.probs) p /= total;
    return e.probs;
}

}  // namespace motor::gpu
