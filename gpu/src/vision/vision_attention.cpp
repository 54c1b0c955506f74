#include "vision/vision_attention.h"

#include "cpu/flash_attention.h"

namespace motor::gpu::vision {

// The shared blocked attention kernel (cpu/flash_attention.h), non-causal over each
// frame's contiguous rows: one item per (frame, head), all of the frame's query rows in
// one call, so each 64-key block is transposed once for the 33 passes of 32 rows over
// it and no score matrix larger than 32 x 64 exists.
void attendFull(cpu::ThreadPool& pool, const FullAttentionShape& s, const float* q, const float* k, const float* v,
                float* out, std::vector<float>& /*scratch*/) {
    const int64_t L = s.length, D = s.headDim, width = s.rowStride > 0 ? s.rowStride : int64_t(s.heads) * s.headDim;
    // Never decoded, so its scores can be single fma chains (cpu::FlashAttentionShape).
    const cpu::FlashAttentionShape shape{s.heads, s.heads, s.headDim, s.headDim % 8 == 0};
    const int items = s.sequences * s.heads;
    pool.parallelFor(items, int64_t(items) * L * L * D * 4, [&](int item, int) {
        const int64_t f = item / s.heads;
        const int h = item % s.heads;
        const int64_t base = f * L * width;
        const cpu::KvRows kRows{nullptr, k + base, 0, width}, vRows{nullptr, v + base, 0, width};
        const cpu::AttentionQueries queries{q + base, width, out + base, width, int(L), nullptr, int(L)};
        cpu::flashAttention(shape, queries, kRows, vRows, h);
    });
}

}  // namespace motor::gpu::vision
