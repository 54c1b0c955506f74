#pragma once
// Causal grouped-query attention of one query row over a paged KV cache.
#include <cstdint>
#include <vector>

namespace motor::gpu::cpu {

struct AttentionShape {
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
    int pageSize = 0;  // positions per KV page
};

// For one layer: pageK[p] / pageV[p] point at page p's rows (pageSize x kvHeads*headDim).
struct KvLayerPages {
    const float* const* k = nullptr;
    const float* const* v = nullptr;
};

// out[h*headDim ..] = softmax(q_h . K[0..length) / sqrt(headDim)) V, for query head h in
// [headBegin, headEnd) reading KV head h / (heads/kvHeads). scratch grows to length.
void attendHeads(const AttentionShape& shape, const KvLayerPages& kv, int length, const float* q,
                 int headBegin, int headEnd, float* out, std::vector<float>& scratch);

}  // namespace motor::gpu::cpu
