#pragma once
// Decode attention (one new query token per sequence) over a paged KV cache, split
// over the KV length (flash-decoding): each block reduces one (sequence, KV head,
// split) for all the query heads of that KV head's group, writing an unnormalised
// partial output with its running max and sum; a second kernel combines the splits.
// The cache is a pool of pages; a sequence's block table lists its pages in order, so
// the three agents of a clip point at the same pages for the clip's shared context.
//
//   q:   [batch][qHeads][headDim] (row stride qRowStride between sequences)
//   pool:[pages][pageSize][kvHeads][headDim] for K and for V
//   blockTable[b * maxPagesPerSeq + i]: the pool page holding positions
//        i*pageSize .. (i+1)*pageSize-1 of sequence b; seqlensK[b] positions are valid.
#include <cuda_runtime.h>

#include "cuda/common.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

struct DecodeAttentionParams {
    const bf16* q = nullptr;
    int64_t qRowStride = 0;
    const bf16* kPool = nullptr;
    const bf16* vPool = nullptr;
    const int* blockTable = nullptr;
    int maxPagesPerSeq = 0;
    const int* seqlensK = nullptr;
    int pageSize = 0;
    bf16* o = nullptr;
    int64_t oRowStride = 0;
    int batch = 0, qHeads = 0, kvHeads = 0, headDim = 0;
    int maxSeqlenK = 0;
    float scale = 0.f;
    int splits = 1;  // decodeSplits() picks one
};

// Splits that fill the GPU: enough (sequence, KV head, split) blocks for two waves,
// none shorter than 128 keys.
int decodeSplits(int batch, int kvHeads, int maxSeqlenK, int multiprocessors);

// Floats of workspace flashDecode needs (partial outputs, maxima, sums).
size_t decodeWorkspaceFloats(const DecodeAttentionParams& p);

Result<void> flashDecode(const DecodeAttentionParams& p, float* workspace, cudaStream_t stream);

}  // namespace motor::gpu::cuda
