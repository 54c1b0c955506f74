#pragma once
// Token sampling: greedy, temperature, top-k, top-p, with a seeded generator so a run
// is reproducible from its recorded seed. Logits of -infinity (masked by a constraint)
// are never chosen.
#include <cstdint>
#include <span>
#include <vector>

namespace motor::gpu {

// PCG32 (O'Neill, pcg-random.org): small, fast, and the same stream on every platform,
// unlike std distributions whose output is implementation-defined.
class Pcg32 {
public:
    explicit Pcg32(uint64_t seed, uint64_t stream = 0x853c49e6748fea9bULL);
    uint32_t next();
    // Uniform in [0, 1) with 24 bits of resolution.
    float nextFloat() { return float(next() >> 8) * (1.0f / 16777216.0f); }

private:
    uint64_t state_ = 0;
    uint64_t inc_ = 0;
};

struct SamplerOptions {
    float temperature = 0.0f;  // <= 0: greedy (argmax, lowest id on ties)
    int topK = 0;              // <= 0: off
    float topP = 1.0f;         // >= 1: off
    uint64_t seed = 0;
};

class Sampler {
public:
    explicit Sampler(SamplerOptions options = {});

    int32_t sample(std::span<const float> logits);
    // The distribution sample() draws from (after temperature, top-k, top-p), one
    // probability per token, zero outside the kept set. Returns all zeros if every
    // logit is masked.
    std::vector<float> probabilities(std::span<const float> logits) const;

    const SamplerOptions& options() const { return options_; }

private:
    SamplerOptions options_;
    Pcg32 rng_;
};

// Index of the largest finite logit (lowest index on ties), -1 if none.
int32_t argmax(std::span<const float> logits);

}  // namespace motor::gpu
