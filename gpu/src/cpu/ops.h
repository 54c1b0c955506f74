#pragma once
// Element-wise and row-wise operations of the forward pass, on fp32 activations.
// Each one is a pure function of its row so batched and single-token runs agree.
#include <cstdint>

namespace motor::gpu::cpu {

// out = x / sqrt(mean(x^2) + eps) * weight. out may alias x.
void rmsNorm(const float* x, const float* weight, int64_t n, float eps, float* out);

// gate[i] = silu(gate[i]) * up[i].
void siluMul(float* gate, const float* up, int64_t n);

// In-place numerically stable softmax.
void softmax(float* x, int64_t n);

// Fixed-order (8 lanes) fp32 dot product; vectorised by the compiler.
float dot(const float* a, const float* b, int64_t n);

// y += a * x.
void axpy(float a, const float* x, float* y, int64_t n);

void addInPlace(float* y, const float* x, int64_t n);

}  // namespace motor::gpu::cpu
