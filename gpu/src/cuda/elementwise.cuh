#pragma once
// The element-wise steps between GEMMs, fused where it saves a pass over memory:
//   swiGlu:  out = silu(gate) * up           (Llama/Qwen MLP; gate and up in fp32)
//   gelu:    out = x * 0.5 * (1 + erf(x / sqrt 2))   (InternViT, projector, Whisper)
//   addBias: x[row * dim + i] += bias[i]
//   add:     x += y
//   toBf16:  out = bf16(x)
//   toFloat: out = float(x)  (bf16 activations for the in-place quantized GEMV)
#include <cuda_runtime.h>

#include <cstdint>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

template <class Out>
Result<void> swiGlu(const float* gate, const float* up, Out* out, int64_t n, cudaStream_t stream);
template <class Out>
Result<void> gelu(const float* x, Out* out, int64_t n, cudaStream_t stream);
Result<void> addBias(float* x, const float* bias, int64_t rows, int dim, cudaStream_t stream);
Result<void> add(float* x, const float* y, int64_t n, cudaStream_t stream);
Result<void> toBf16(const float* x, bf16* out, int64_t n, cudaStream_t stream);
Result<void> toFloat(const bf16* x, float* out, int64_t n, cudaStream_t stream);

}  // namespace motor::gpu::cuda
