#pragma once
// The vision tower's element-wise steps (InternViT, cuda/vision.cuh):
//   vitEmbed:        h[f, 0] = cls + pos[0];  h[f, t] = patch[f, t-1] + bias + pos[t]
//   addScaledBias:   h += scale * (y + bias)  (layer scale ls1/ls2; scale null: h += y + bias)
//   biasGelu:        out = gelu(x + bias)     (MLP and projector; out bf16)
#include <cuda_runtime.h>

#include <cstdint>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

Result<void> vitEmbed(const float* patches, const float* bias, const float* cls, const float* pos, int frames,
                      int tokens, int dim, float* h, cudaStream_t stream);
Result<void> addScaledBias(float* h, const float* y, const float* bias, const float* scale, int64_t rows, int dim,
                           cudaStream_t stream);
Result<void> biasGelu(const float* x, const float* bias, bf16* out, int64_t rows, int dim, cudaStream_t stream);

}  // namespace motor::gpu::cuda
