#pragma once
// Attention forward in the FlashAttention-2 style: a block of 4 warps owns 64 query
// rows of one head, walks the keys in tiles of 64 through shared memory, keeps the
// softmax online in fp32 registers (running max and sum per row) and multiplies on the
// tensor cores in bf16 (mma.sync m16n8k16). No score matrix is ever written to global
// memory.
//
// Layout (as flash-attn's varlen API): tokens of all sequences packed back to back,
//   q[token * qRowStride + head * qHeadStride + d], likewise k, v and o;
//   sequence b's queries are tokens cuSeqlensQ[b] .. cuSeqlensQ[b+1]-1, its keys
//   cuSeqlensK[b] .. cuSeqlensK[b+1]-1 (device arrays of batch + 1 ints).
// Causal masking is aligned bottom-right: query i of Lq sees keys j <= i + Lk - Lq (a
// prefill chunk at the end of a cache); a query that sees no key outputs zeros.
// Grouped-query attention: query head h reads KV head h / (qHeads / kvHeads).
// Head dims 64 and 128; strides in elements, multiples of 8 (16-byte rows).
#include <cuda_runtime.h>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

struct AttentionParams {
    const bf16* q = nullptr;
    const bf16* k = nullptr;
    const bf16* v = nullptr;
    bf16* o = nullptr;
    int64_t qRowStride = 0, kRowStride = 0, vRowStride = 0, oRowStride = 0;
    int64_t qHeadStride = 0, kHeadStride = 0, vHeadStride = 0, oHeadStride = 0;
    const int* cuSeqlensQ = nullptr;
    const int* cuSeqlensK = nullptr;
    int batch = 0;
    int maxSeqlenQ = 0;
    int qHeads = 0, kvHeads = 0, headDim = 0;
    float scale = 0.f;  // usually 1 / sqrt(headDim)
    bool causal = false;
};

// Non-causal self-attention over packed rows as a transformer encoder has them: q, k and
// v with rowStride elements per token, head h at h * headDim, o likewise; the sequences
// as cuSeqlens says (batch + 1 device ints), scale 1 / sqrt(headDim).
AttentionParams encoderAttention(const bf16* q, const bf16* k, const bf16* v, bf16* o, int64_t rowStride, int heads,
                                 int headDim, const int* cuSeqlens, int batch, int maxSeqlen);

// Checks the shape (head dim, strides, alignment, head counts) and launches on stream.
Result<void> flashAttentionForward(const AttentionParams& p, cudaStream_t stream);

}  // namespace motor::gpu::cuda
