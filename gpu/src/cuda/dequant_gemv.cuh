#pragma once
// Matrix-vector products straight from llama.cpp's quantized blocks (decode: one to a
// few token rows, where reading the weights is the whole cost, so they are read once
// in their packed form and never dequantized to memory):
//   y[t * ldy + r] = sum_c W[r][c] * x[t * ldx + c]   for t < tokens (at most 8)
// W rows of rowBytes bytes, Q8_0 (34-byte blocks of 32) or Q4_K (144-byte super-blocks
// of 256), decoded exactly as cpu/block_decode.h does.
#include <cuda_runtime.h>

#include <cstdint>

#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::cuda {

constexpr int kGemvMaxTokens = 8;

Result<void> dequantGemv(DType type, const void* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x,
                         int64_t ldx, int tokens, float* y, int64_t ldy, cudaStream_t stream);

}  // namespace motor::gpu::cuda
