#pragma once
// The paged KV cache's data movement: a layer's pool holds pages of pageSize positions,
// each position kvHeads * headDim bf16 for K and the same for V (the layout
// flash_decoding.cuh reads). A position's slot is page * pageSize + offset.
//   writeKv:  new rows' K and V (fp32, after RoPE) into their slots, as bf16
//   gatherKv: a sequence's positions 0..length-1, page by page, into contiguous rows
//             (the keys of a prefill chunk's FlashAttention call)
//   embed:    token rows of a bf16 embedding table into the fp32 residual stream
#include <cuda_runtime.h>

#include <cstdint>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

Result<void> writeKv(const float* k, const float* v, int rows, int64_t kvDim, const int* slots, bf16* kPool,
                     bf16* vPool, cudaStream_t stream);
Result<void> gatherKv(const bf16* kPool, const bf16* vPool, const int* pages, int length, int pageSize, int64_t kvDim,
                      bf16* k, bf16* v, cudaStream_t stream);
Result<void> embed(const bf16* table, const int* tokens, int rows, int64_t dim, float* out, cudaStream_t stream);

}  // namespace motor::gpu::cuda
