#pragma once
// Row normalisations of the residual stream (fp32), writing the normalised rows in
// the type the next GEMM reads (fp32 or bf16). RMSNorm optionally adds a residual
// first (x += add, written back), saving one pass over x per layer:
//   rmsNorm:   out = x / sqrt(mean(x^2) + eps) * w              (Llama, Qwen; qk-norm per head)
//   layerNorm: out = (x - mean) / sqrt(var + eps) * w + b       (InternViT, projector, Whisper)
#include <cuda_runtime.h>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

template <class Out>
Result<void> rmsNorm(float* x, const float* add, const float* w, Out* out, int rows, int dim, float eps,
                     cudaStream_t stream);

template <class Out>
Result<void> layerNorm(const float* x, const float* w, const float* b, Out* out, int rows, int dim, float eps,
                       cudaStream_t stream);

}  // namespace motor::gpu::cuda
