#pragma once
// Whisper's own steps on the GPU (cuda/whisper.cuh); the rest are the shared kernels.
//   unfoldConv:   the kernel-3, padding-1 convolution as a GEMM's input: row t holds
//                 in(stride*t + k - 1, c) at column c*3 + k (zero outside), in bf16;
//                 in(t, c) = in[t * strideT + c * strideC] (the mel is bin-major)
//   embedTokens:  x[r] = tokenEmbedding[token[r]] (bf16 table) + position[pos[r]]
//   scatterKv:    each row's new key and value into its own cache at its position
//   decodeAttention: for each row and head, softmax(q . K^T * scale) V over that row's
//                 keys (n[r] of them, or n for all), fp32 in, bf16 out; one block per
//                 (row, head), the scores in shared memory (up to 8,192 keys)
//   gatherRows:   out[i] = in[rows[i]] (bf16), the rows whose logits are wanted
#include <cuda_runtime.h>

#include <cstdint>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

template <class In>
Result<void> unfoldConv(const In* in, int64_t strideT, int64_t strideC, int inFrames, int channels, int outFrames,
                        int stride, bf16* out, cudaStream_t stream);

Result<void> embedTokens(const bf16* table, const float* position, const int* tokens, const int* positions, int rows,
                         int dim, float* x, cudaStream_t stream);

// Row r's key goes to caches[r] + keyOffset + positions[r] * dim, its value to
// caches[r] + valueOffset + positions[r] * dim.
Result<void> scatterKv(const float* k, const float* v, int64_t ld, float* const* caches, int64_t keyOffset,
                       int64_t valueOffset, const int* positions, int rows, int dim, cudaStream_t stream);

struct WhisperDecodeParams {
    const float* q = nullptr;  // rows x ldq, head h at h * headDim
    int64_t ldq = 0;
    // Keys and values of row r: rowBase[r] + keyOffset / valueOffset when rowBase is
    // set (each row's own cache), else sharedBase + the offsets (all rows the same).
    const float* const* rowBase = nullptr;
    const float* sharedBase = nullptr;
    int64_t keyOffset = 0, valueOffset = 0;
    int64_t ldkv = 0;             // floats between consecutive keys
    const int* counts = nullptr;  // keys of row r; null: count for every row
    int count = 0;
    bf16* out = nullptr;  // rows x ldo
    int64_t ldo = 0;
    int rows = 0, heads = 0, headDim = 0;
    float scale = 0.f;
};
// Keys one decodeAttention row may attend to (its scores live in shared memory).
inline constexpr int kDecodeAttentionMaxKeys = 8192;
Result<void> decodeAttention(const WhisperDecodeParams& p, cudaStream_t stream);

Result<void> gatherRows(const bf16* in, const int* rows, int n, int dim, bf16* out, cudaStream_t stream);

}  // namespace motor::gpu::cuda
