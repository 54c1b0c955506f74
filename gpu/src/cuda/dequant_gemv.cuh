#pragma once
// Matrix-vector products straight from llama.cpp's quantized blocks (decode: one to a
// few token rows, where reading the weights is the whole cost, so they are read once
// in their packed form and never dequantized to memory):
//   y[t * ldy + r] = sum_c W[r][c] * x[t * ldx + c] (+ y[t * ldy + r] when accumulating)
//   for t < tokens (at most 8)
// W rows of rowBytes bytes, Q8_0 (34-byte blocks of 32), Q4_0 (18-byte blocks of 32) or
// Q4_K (144-byte super-blocks of 256), decoded exactly as cpu/block_decode.h does. For more rows (prefill) a layer's
// matrix is decoded into a bf16 scratch (dequantToBf16) and goes to the tensor cores.
#include <cuda_runtime.h>

#include <cstdint>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::cuda {

constexpr int kGemvMaxTokens = 8;

Result<void> dequantGemv(DType type, const void* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x,
                         int64_t ldx, int tokens, float* y, int64_t ldy, cudaStream_t stream, bool accumulate = false);

// Whether dequantGemv and dequantToBf16 read a matrix of this type and shape in place.
bool readsInPlace(DType type, int64_t cols, int64_t rowBytes);

// The whole matrix decoded to bf16, row-major rows x cols (the GEMM's weight layout).
Result<void> dequantToBf16(DType type, const void* w, int64_t rows, int64_t cols, int64_t rowBytes, bf16* out,
                           cudaStream_t stream);

}  // namespace motor::gpu::cuda
