#pragma once
// Rotary position embedding in place on fp32 query/key heads, the pairing of the CPU
// backend (cpu/rope.h): interleaved (2i, 2i+1) for GGUF Llama, half-split (i, i+half)
// for Hugging Face Llama/Qwen. Angles are pos * invFreq[i] computed in double, as the
// CPU backend does, so long positions lose nothing to fp32 rounding.
//   x[row * rowStride + head * headDim + d], rows = tokens, positions[row].
#include <cuda_runtime.h>

#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

Result<void> rope(float* x, int rows, int heads, int headDim, int64_t rowStride, const int* positions,
                  const double* invFreq, bool interleaved, cudaStream_t stream);

}  // namespace motor::gpu::cuda
