#include "cpu/flash_attention.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "cpu/attention_kernels.h"

namespace motor::gpu::cpu {

namespace {

// Query rows (position x head of the group) per pass over the keys: their scores for a
// key block (32 x 64 floats) and outputs stay in L1 while the block's K and V rows
// stream through once for all of them.
constexpr int kQueryRows = 32;
// From this many query rows per pass, a key block is transposed once and its scores
// come from scoresTransposed (same bits, no horizontal sums); decode's one or few rows
// use scores() on the rows as they are.
constexpr int kTransposeMinRows = 4;

struct Scratch {
    std::vector<float> s, o, m, l, alpha, kt, vp;
    std::vector<int> visible;
    std::vector<const float*> q, k, v;
};

}  // namespace

void flashAttention(const FlashAttentionShape& shape, const AttentionQueries& queries, const KvRows& k, const KvRows& v,
                    int kvHead) {
    flashAttentionWith(attentionKernels(), shape, queries, k, v, kvHead);
}

void flashAttentionWith(const AttentionKernels& ker, const FlashAttentionShape& shape, const AttentionQueries& queries,
                        const KvRows& k, const KvRows& v, int kvHead) {
    thread_local Scratch sc;
    const int group = shape.heads / shape.kvHeads;
    const int d = shape.headDim;
    const int totalRows = queries.count * group;
    const float scaleLog2e = float(1.0 / std::sqrt(double(d)) / std::log(2.0));
    const int64_t kvOffset = int64_t(kvHead) * d;
    sc.s.resize(size_t(kQueryRows) * kKeyBlock);
    sc.o.resize(size_t(kQueryRows) * size_t(d));
    sc.m.resize(kQueryRows);
    sc.l.resize(kQueryRows);
    sc.alpha.resize(kQueryRows);
    sc.visible.resize(kQueryRows);
    sc.q.resize(kQueryRows);
    sc.k.resize(kKeyBlock);
    sc.v.resize(kKeyBlock);
    const bool transposed =
        shape.chainScores || (ker.scoresTransposed != nullptr && d % 8 == 0 && totalRows >= kTransposeMinRows);
    // Several passes over the same keys (the vision tower: 1,025 rows of one head per
    // call) transpose each key block once for all of them.
    int allVisible = queries.keys;
    if (queries.visibleKeys) {
        allVisible = 0;
        for (int i = 0; i < queries.count; ++i) allVisible = std::max(allVisible, queries.visibleKeys[i]);
    }
    const bool keepTransposed = transposed && totalRows > kQueryRows;
    const int64_t ktBlock = int64_t(d) * kKeyBlock;
    // The same path copies each block's V rows of this head next to each other: rows of
    // a cache or a frame are heads * headDim floats apart (4 KiB in the vision tower and
    // Qwen3), so 64 of them fall into a few L1 sets and evict each other on every pass.
    if (transposed) {
        const int blocks = keepTransposed ? (allVisible + kKeyBlock - 1) / kKeyBlock : 1;
        sc.kt.resize(size_t(blocks * ktBlock));
        sc.vp.resize(size_t(blocks * ktBlock));
    }
    auto packBlock = [&](int j0, int keys, float* kt, float* vp) {
        for (int j = 0; j < keys; ++j) {
            sc.k[size_t(j)] = k.row(j0 + j) + kvOffset;
            std::memcpy(vp + int64_t(j) * d, v.row(j0 + j) + kvOffset, size_t(d) * sizeof(float));
        }
        ker.transposeKeys(sc.k.data(), keys, d, kt);
    };
    if (keepTransposed)
        for (int j0 = 0; j0 < allVisible; j0 += kKeyBlock)
            packBlock(j0, std::min(kKeyBlock, allVisible - j0), sc.kt.data() + j0 / kKeyBlock * ktBlock,
                      sc.vp.data() + j0 / kKeyBlock * ktBlock);
    for (int r0 = 0; r0 < totalRows; r0 += kQueryRows) {
        const int rows = std::min(kQueryRows, totalRows - r0);
        int maxVisible = 0;
        for (int r = 0; r < rows; ++r) {
            const int i = (r0 + r) / group, h = kvHead * group + (r0 + r) % group;
            sc.q[size_t(r)] = queries.q + i * queries.qStride + int64_t(h) * d;
            sc.visible[size_t(r)] = queries.visibleKeys ? queries.visibleKeys[i] : queries.keys;
            maxVisible = std::max(maxVisible, sc.visible[size_t(r)]);
            sc.m[size_t(r)] = -std::numeric_limits<float>::infinity();
            sc.l[size_t(r)] = 0.0f;
        }
        std::fill(sc.o.begin(), sc.o.begin() + int64_t(rows) * d, 0.0f);
        for (int j0 = 0; j0 < maxVisible; j0 += kKeyBlock) {
            const int keys = std::min(kKeyBlock, maxVisible - j0);
            // A row that sees nothing of this block gets the identity update (a = 1,
            // p = 0), the bits it would have had without the block.
            if (!transposed) {
                for (int j = 0; j < keys; ++j) {
                    sc.k[size_t(j)] = k.row(j0 + j) + kvOffset;
                    sc.v[size_t(j)] = v.row(j0 + j) + kvOffset;
                }
                ker.scores(sc.q.data(), rows, sc.k.data(), keys, d, sc.s.data(), kKeyBlock);
            } else {
                const int64_t at = keepTransposed ? j0 / kKeyBlock * ktBlock : 0;
                if (!keepTransposed) packBlock(j0, keys, sc.kt.data(), sc.vp.data());
                for (int j = 0; j < keys; ++j) sc.v[size_t(j)] = sc.vp.data() + at + int64_t(j) * d;
                (shape.chainScores ? ker.scoresChain : ker.scoresTransposed)(sc.q.data(), rows, sc.kt.data() + at, keys,
                                                                             d, sc.s.data(), kKeyBlock);
            }
            for (int r = 0; r < rows; ++r) {
                const int vis = std::clamp(sc.visible[size_t(r)] - j0, 0, keys);
                float* s = sc.s.data() + int64_t(r) * kKeyBlock;
                if (vis == 0) {
                    sc.alpha[size_t(r)] = 1.0f;
                    std::fill(s, s + kKeyBlock, 0.0f);
                } else {
                    sc.alpha[size_t(r)] = ker.softmaxBlock(s, vis, scaleLog2e, &sc.m[size_t(r)], &sc.l[size_t(r)]);
                }
            }
            ker.accumulate(sc.o.data(), d, rows, sc.alpha.data(), sc.s.data(), kKeyBlock, sc.v.data(), keys, d);
        }
        for (int r = 0; r < rows; ++r) {
            const int i = (r0 + r) / group, h = kvHead * group + (r0 + r) % group;
            float* out = queries.out + i * queries.outStride + int64_t(h) * d;
            const float inv = 1.0f / sc.l[size_t(r)];
            const float* o = sc.o.data() + int64_t(r) * d;
            for (int c = 0; c < d; ++c) out[c] = o[c] * inv;
        }
    }
}

}  // namespace motor::gpu::cpu
