#include "motor/gpu/sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace motor::gpu {

Pcg32::Pcg32(uint64_t seed, uint64_t stream) : inc_((stream << 1u) | 1u) {
    next();
    state_ += seed;
    next();
}

uint32_t Pcg32::next() {
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    const uint32_t xorshifted = uint32_t(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = uint32_t(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

int32_t argmax(std::span<const float> logits) {
    int32_t best = -1;
    for (size_t i = 0; i < logits.size(); ++i)
        if (std::isfinite(logits[i]) && (best < 0 || logits[i] > logits[size_t(best)])) best = int32_t(i);
    return best;
}

Sampler::Sampler(SamplerOptions options) : options_(options), rng_(options.seed) {}

std::vector<float> Sampler::probabilities(std::span<const float> logits) const {
    std::vector<float> p(logits.size(), 0.0f);
    const int32_t best = argmax(logits);
    if (best < 0) return p;
    if (options_.temperature <= 0.0f) {
        p[size_t(best)] = 1.0f;
        return p;
    }
    std::vector<int32_t> ids;
    for (size_t i = 0; i < logits.size(); ++i)
        if (std::isfinite(logits[i])) ids.push_back(int32_t(i));
    // Sorted by logit, ties by id, so the kept set never depends on sort stability.
    std::sort(ids.begin(), ids.end(), [&](int32_t a, int32_t b) {
        return logits[size_t(a)] != logits[size_t(b)] ? logits[size_t(a)] > logits[size_t(b)] : a < b;
    });
    if (options_.topK > 0 && size_t(options_.topK) < ids.size()) ids.resize(size_t(options_.topK));
    const double maxLogit = logits[size_t(ids[0])];
    std::vector<double> w(ids.size());
    double sum = 0;
    for (size_t i = 0; i < ids.size(); ++i)
        sum += w[i] = std::exp((logits[size_t(ids[i])] - maxLogit) / options_.temperature);
    size_t keep = ids.size();
    if (options_.topP < 1.0f) {
        // Smallest prefix whose mass reaches topP (at least one token).
        double cum = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
            cum += w[i] / sum;
            if (cum >= double(options_.topP)) {
                keep = i + 1;
                break;
            }
        }
    }
    double kept = 0;
    for (size_t i = 0; i < keep; ++i) kept += w[i];
    for (size_t i = 0; i < keep; ++i) p[size_t(ids[i])] = float(w[i] / kept);
    return p;
}

int32_t Sampler::sample(std::span<const float> logits) {
    if (options_.temperature <= 0.0f) return argmax(logits);
    const std::vector<float> p = probabilities(logits);
    const float u = rng_.nextFloat();
    float cum = 0.0f;
    int32_t last = -1;
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] <= 0.0f) continue;
        cum += p[i];
        last = int32_t(i);
        if (u < cum) return last;
    }
    return last;  // rounding left u above the total: the last kept token
}

}  // namespace motor::gpu
