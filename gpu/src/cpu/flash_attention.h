#pragma once
// Blocked ("flash") multi-head attention on the CPU: online softmax over blocks of 64
// keys, so no score matrix larger than (query block x 64) ever exists and long contexts
// stay in cache. One kernel serves
//   - the decoder's prefill and decode: causal, K/V in the session's paged cache, each
//     query row sees the keys before and at its position;
//   - the vision tower: non-causal, K/V contiguous rows of a frame's tokens.
// Grouped-query attention: query head h reads KV head h / (heads / kvHeads).
//
// Determinism: a query row's result depends only on its own q, its visible keys and the
// ISA (cpu_isa.h), never on which other rows share the call, the query blocking or the
// thread. Key blocks start at absolute multiples of 64, every row runs the same online
// softmax update per block, keys a row cannot see contribute exact zeros, and blocks a
// row cannot see are skipped (an update with nothing visible is the identity). So
// decoding position p gives the bits prefill computed for p.
//   score  = hsum of 8 lanes, lane l = fma chain over dims l, l+8, ... (tree
//            ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7))), times scale * log2(e);
//   per block: m' = max(m, max s), a = 2^(m-m'), p = 2^(s-m'), l = l*a + sum p
//            (8-lane sums over the block's keys in order, same tree), o = o*a + p V
//            (fma chain over keys in order); out = o * (1/l).
//
// The vision tower's use (non-causal, q/k/v rows of C = heads * headDim floats, frame
// f's len tokens from row f * len), one call per (frame, head, block of query rows),
// spread over the pool:
//   const KvRows k{nullptr, kAll + f * len * C, 0, C}, v{nullptr, vAll + f * len * C, 0, C};
//   const AttentionQueries q{qAll + (f * len + i0) * C, C, out + (f * len + i0) * C, C, n, nullptr, len};
//   flashAttention({heads, heads, headDim}, q, k, v, h);
#include <cstdint>

namespace motor::gpu::cpu {

// K or V of one layer: row j holds position j, all KV heads side by side.
struct KvRows {
    const float* const* pages = nullptr;  // paged: page p holds positions [p*pageSize, (p+1)*pageSize)
    const float* base = nullptr;          // contiguous, when pages is null
    int pageSize = 0;
    int64_t rowStride = 0;  // floats from one position to the next

    const float* row(int64_t j) const {
        return pages ? pages[j / pageSize] + (j % pageSize) * rowStride : base + j * rowStride;
    }
};

struct FlashAttentionShape {
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
    // Scores as one fma chain per score over the dims in order (AttentionKernels::
    // scoresChain) instead of the 8-lane sums, always from transposed key blocks: for
    // attention that is never decoded (the vision tower), cheaper score tiles (no lane
    // pairs, no tree). A row's result is still independent of the other rows, the
    // blocking and the thread, but its bits differ from the lane scores'. headDim a
    // multiple of 8.
    bool chainScores = false;
};

// Query rows i < count; query head h of row i at q + i * qStride + h * headDim, its
// output at out + i * outStride + h * headDim.
struct AttentionQueries {
    const float* q = nullptr;
    int64_t qStride = 0;
    float* out = nullptr;
    int64_t outStride = 0;
    int count = 0;
    // Row i sees keys [0, visibleKeys[i]) (causal: its position + 1); every visible key
    // must hold finite values. nullptr: every row sees [0, keys).
    const int* visibleKeys = nullptr;
    int keys = 0;
};

// Attends every row of queries for the query heads of KV head kvHead (heads
// kvHead * g .. kvHead * g + g - 1, g = heads / kvHeads). Callers spread (row runs x KV
// heads) over their threads; buffers are per thread and reused between calls.
void flashAttention(const FlashAttentionShape& shape, const AttentionQueries& queries, const KvRows& k, const KvRows& v,
                    int kvHead);

struct AttentionKernels;
// The same with a given kernel set instead of the process's (tests).
void flashAttentionWith(const AttentionKernels& kernels, const FlashAttentionShape& shape,
                        const AttentionQueries& queries, const KvRows& k, const KvRows& v, int kvHead);

}  // namespace motor::gpu::cpu
