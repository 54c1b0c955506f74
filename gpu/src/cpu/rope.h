#pragma once
// Rotary position embedding with the pairing, base and frequency scaling of a
// ModelConfig (linear: positions divided by factor; llama3: per-frequency blend).
#include <vector>

#include "motor/gpu/model_config.h"

namespace motor::gpu::cpu {

class Rope {
public:
    Rope() = default;
    Rope(const ModelConfig& config);

    // Rotates heads vectors of headDim floats laid out back to back, at position pos.
    void apply(float* x, int heads, int pos) const;
    // The same for a token's query and key heads, computing each angle's sine and
    // cosine once for both (same values as two apply calls).
    void apply(float* q, int qHeads, float* k, int kHeads, int pos) const;

    const std::vector<double>& inverseFrequencies() const { return invFreq_; }

private:
    int headDim_ = 0;
    RopeStyle style_ = RopeStyle::Interleaved;
    std::vector<double> invFreq_;
};

}  // namespace motor::gpu::cpu
