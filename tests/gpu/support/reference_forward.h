#pragma once
// A plain, obviously-correct Llama-family forward pass for tests: single-threaded,
// dequantizes every tensor to float first (its own decoders, written from ggml's
// reference dequantize_row_*), accumulates in double, keeps no KV cache and
// recomputes the whole sequence on every call.
#include <cstdint>
#include <string>
#include <vector>

#include "motor/gpu/weights.h"

namespace motor::gpu::test {

// Dequantizes a tensor of any supported dtype to floats (independent of gpu/src/cpu).
std::vector<float> referenceDequantize(const TensorView& t);

// What the reference does with the activations that meet a weight matrix.
enum class ActivationMode {
    Exact,  // used as they are (double)
    // Like the engine's integer kernels: before a product with a Q8_0/Q4_0 matrix, the
    // activations are rounded to float and quantized per 32 (d = max|x| / 127,
    // q = round-to-nearest-even(x / d)); the product uses d * q.
    QuantizedForInt8Weights,
};

class ReferenceForward {
public:
    explicit ReferenceForward(const ModelWeights& weights, ActivationMode mode = ActivationMode::Exact);

    // Logits (vocab floats) of every position of tokens, positions 0 .. n-1.
    std::vector<std::vector<float>> logits(const std::vector<int32_t>& tokens) const;

private:
    struct Matrix {
        std::vector<float> w;
        bool quantizeInput = false;
    };
    struct Layer {
        std::vector<float> attnNorm, qBias, kBias, vBias, qNorm, kNorm, ffnNorm;
        Matrix q, k, v, o, gate, up, down;
    };
    static std::vector<double> matvec(const Matrix& m, const std::vector<double>& x, int64_t rows);
    Matrix matrix(const ModelWeights& w, const std::string& name) const;

    ModelConfig c_;
    ActivationMode mode_;
    std::vector<float> embed_, outputNorm_;
    Matrix output_;
    std::vector<Layer> layers_;
};

}  // namespace motor::gpu::test
