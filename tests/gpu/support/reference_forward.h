#pragma once
// A plain, obviously-correct Llama-family forward pass for tests: single-threaded,
// dequantizes every tensor to float first (its own decoders, written from ggml's
// reference dequantize_row_*), accumulates in double, keeps no KV cache and
// recomputes the whole sequence on every call.
#include <cstdint>
#include <vector>

#include "motor/gpu/weights.h"

namespace motor::gpu::test {

// Dequantizes a tensor of any supported dtype to floats (independent of gpu/src/cpu).
std::vector<float> referenceDequantize(const TensorView& t);

class ReferenceForward {
public:
    explicit ReferenceForward(const ModelWeights& weights);

    // Logits (vocab floats) of every position of tokens, positions 0 .. n-1.
    std::vector<std::vector<float>> logits(const std::vector<int32_t>& tokens) const;

private:
    struct Layer {
        std::vector<float> attnNorm, q, k, v, o, qBias, kBias, vBias, qNorm, kNorm, ffnNorm, gate, up, down;
    };
    ModelConfig c_;
    std::vector<float> embed_, outputNorm_, output_;
    std::vector<Layer> layers_;
};

}  // namespace motor::gpu::test
