// Blocked attention (cpu/flash_attention.h) of every kernel set against a naive
// double-precision softmax(q k^T / sqrt(d)) v: causal over a paged cache (the decoder)
// and non-causal over contiguous rows (the vision tower), grouped-query heads, head dims
// that are and are not multiples of 8, contexts across several 64-key blocks. And the
// determinism contract: a query row's bits do not depend on the other rows of the call.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "cpu/attention_kernels.h"
#include "cpu/flash_attention.h"

namespace motor::gpu::test {
namespace {

std::vector<const cpu::AttentionKernels*> kernelSets() {
    std::vector<const cpu::AttentionKernels*> sets{&cpu::portableAttentionKernels()};
    if (const cpu::AttentionKernels* avx2 = cpu::avx2AttentionKernels()) sets.push_back(avx2);
    return sets;
}

std::vector<float> normals(size_t n, uint64_t seed, float sigma) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0, sigma);
    std::vector<float> v(n);
    for (auto& f : v) f = normal(rng);
    return v;
}

// K and V for positions [0, positions), kvHeads * headDim floats per position, stored
// in pages of pageSize positions (separate allocations, like KvPage) or contiguously.
struct Cache {
    int positions, kvDim, pageSize;
    std::vector<std::vector<float>> kPages, vPages;
    std::vector<const float*> kPtr, vPtr;
    std::vector<float> kFlat, vFlat;  // the same values, contiguous

    Cache(int n, int kvd, int page, uint64_t seed) : positions(n), kvDim(kvd), pageSize(page) {
        kFlat = normals(size_t(n) * size_t(kvd), seed, 1.0f);
        vFlat = normals(size_t(n) * size_t(kvd), seed + 1, 1.0f);
        for (int p = 0; p * page < n; ++p) {
            // Positions past the end hold NaN: no visible-key computation may read them.
            std::vector<float> kp(size_t(page) * size_t(kvd), std::nanf("")), vp = kp;
            for (int j = 0; j < page && p * page + j < n; ++j)
                for (int c = 0; c < kvd; ++c) {
                    kp[size_t(j * kvd + c)] = kFlat[size_t((p * page + j) * kvd + c)];
                    vp[size_t(j * kvd + c)] = vFlat[size_t((p * page + j) * kvd + c)];
                }
            kPages.push_back(std::move(kp));
            vPages.push_back(std::move(vp));
        }
        for (size_t p = 0; p < kPages.size(); ++p) {
            kPtr.push_back(kPages[p].data());
            vPtr.push_back(vPages[p].data());
        }
    }
    cpu::KvRows pagedK() const { return {kPtr.data(), nullptr, pageSize, kvDim}; }
    cpu::KvRows pagedV() const { return {vPtr.data(), nullptr, pageSize, kvDim}; }
    cpu::KvRows flatK() const { return {nullptr, kFlat.data(), 0, kvDim}; }
    cpu::KvRows flatV() const { return {nullptr, vFlat.data(), 0, kvDim}; }
};

// Naive reference of one query head over keys [0, visible).
std::vector<double> naive(const float* q, const Cache& c, int kvHead, int headDim, int visible) {
    std::vector<double> s(static_cast<size_t>(visible));
    double mx = -1e300;
    for (int j = 0; j < visible; ++j) {
        double dot = 0;
        for (int d = 0; d < headDim; ++d) dot += double(q[d]) * c.kFlat[size_t(j * c.kvDim + kvHead * headDim + d)];
        s[size_t(j)] = dot / std::sqrt(double(headDim));
        mx = std::max(mx, s[size_t(j)]);
    }
    double sum = 0;
    for (auto& x : s) sum += (x = std::exp(x - mx));
    std::vector<double> out(static_cast<size_t>(headDim), 0.0);
    for (int j = 0; j < visible; ++j)
        for (int d = 0; d < headDim; ++d)
            out[size_t(d)] += s[size_t(j)] / sum * c.vFlat[size_t(j * c.kvDim + kvHead * headDim + d)];
    return out;
}

struct Case {
    int heads, kvHeads, headDim, keys, queries;
    bool causal;
};

class FlashAttention : public ::testing::TestWithParam<Case> {};

TEST_P(FlashAttention, EveryKernelSetMatchesNaiveReference) {
    const Case t = GetParam();
    const int qd = t.heads * t.headDim, kvd = t.kvHeads * t.headDim;
    const Cache cache(t.keys, kvd, 32, 7);
    // Query sigma 2: peaked softmaxes, so the running max really moves between blocks.
    const auto q = normals(size_t(t.queries) * size_t(qd), 9, 2.0f);
    // Causal: the queries are the last positions of the cache, as in a prefill chunk.
    std::vector<int> visible(static_cast<size_t>(t.queries));
    for (int i = 0; i < t.queries; ++i) visible[size_t(i)] = t.keys - t.queries + i + 1;
    // Both score arithmetics: the lane sums, and single chains (the vision tower's).
    for (const bool chain : {false, true}) {
        if (chain && t.headDim % 8 != 0) continue;
        const cpu::FlashAttentionShape shape{t.heads, t.kvHeads, t.headDim, chain};
        for (const cpu::AttentionKernels* k : kernelSets()) {
            SCOPED_TRACE(std::string(k->isa) + (chain ? " chain scores" : " lane scores"));
            std::vector<float> out(q.size(), -7.0f);
            const cpu::AttentionQueries queries{
                q.data(), qd, out.data(), qd, t.queries, t.causal ? visible.data() : nullptr, t.keys};
            for (int g = 0; g < t.kvHeads; ++g)
                cpu::flashAttentionWith(*k, shape, queries, t.causal ? cache.pagedK() : cache.flatK(),
                                        t.causal ? cache.pagedV() : cache.flatV(), g);
            for (int i = 0; i < t.queries; ++i)
                for (int h = 0; h < t.heads; ++h) {
                    const int vis = t.causal ? visible[size_t(i)] : t.keys;
                    const auto ref =
                        naive(q.data() + i * qd + h * t.headDim, cache, h / (t.heads / t.kvHeads), t.headDim, vis);
                    for (int d = 0; d < t.headDim; ++d)
                        ASSERT_NEAR(out[size_t(i * qd + h * t.headDim + d)], ref[size_t(d)], 2e-5)
                            << "query " << i << " head " << h << " dim " << d;
                }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cpu, FlashAttention,
                         ::testing::Values(Case{4, 4, 64, 1, 1, true},      // one key
                                           Case{4, 2, 64, 200, 37, true},   // GQA, several key blocks, partial last
                                           Case{2, 1, 128, 130, 70, true},  // head dim 128, queries across blocks
                                           Case{3, 3, 24, 97, 97, true},    // head dim not a multiple of 32
                                           Case{2, 2, 20, 65, 5, true},     // nor of 8
                                           Case{16, 16, 64, 1025, 40,
                                                false},  // the vision tower's shape (40 of 1025 queries)
                                           Case{2, 1, 64, 64, 64, false}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             const Case& c = info.param;
                             return std::string(c.causal ? "Causal" : "Full") + "_h" + std::to_string(c.heads) + "kv" +
                                    std::to_string(c.kvHeads) + "_d" + std::to_string(c.headDim) + "_keys" +
                                    std::to_string(c.keys) + "_q" + std::to_string(c.queries);
                         });

// Prefill computes every row of a chunk in one call; decode computes the last row alone
// over the same cache. Both, and any other split of the rows, give the same bits; so do
// chain scores (one to three rows also take the transposed path then).
TEST(FlashAttentionDeterminism, RowResultDoesNotDependOnTheOtherRows) {
    const int heads = 4, kvHeads = 2, headDim = 64, keys = 150, queries = 100;
    const int qd = heads * headDim;
    const Cache cache(keys, kvHeads * headDim, 16, 3);
    const auto q = normals(size_t(queries) * qd, 4, 2.0f);
    std::vector<int> visible(static_cast<size_t>(queries));
    for (int i = 0; i < queries; ++i) visible[size_t(i)] = keys - queries + i + 1;
    for (const bool chain : {false, true}) {
        const cpu::FlashAttentionShape shape{heads, kvHeads, headDim, chain};
        for (const cpu::AttentionKernels* k : kernelSets()) {
            SCOPED_TRACE(std::string(k->isa) + (chain ? " chain scores" : " lane scores"));
            std::vector<float> all(q.size()), parts(q.size()), single(q.size());
            const cpu::AttentionQueries everything{q.data(), qd, all.data(), qd, queries, visible.data(), keys};
            for (int g = 0; g < kvHeads; ++g)
                cpu::flashAttentionWith(*k, shape, everything, cache.pagedK(), cache.pagedV(), g);
            // Uneven runs, and one row at a time (decode).
            for (const auto& [begin, end] :
                 {std::pair{0, 3}, std::pair{3, 50}, std::pair{50, 51}, std::pair{51, 100}}) {
                const cpu::AttentionQueries run{q.data() + begin * qd,  qd,  parts.data() + begin * qd, qd, end - begin,
                                                visible.data() + begin, keys};
                for (int g = 0; g < kvHeads; ++g)
                    cpu::flashAttentionWith(*k, shape, run, cache.pagedK(), cache.pagedV(), g);
            }
            for (int i = 0; i < queries; ++i) {
                const cpu::AttentionQueries one{q.data() + i * qd,  qd,  single.data() + i * qd, qd, 1,
                                                visible.data() + i, keys};
                for (int g = 0; g < kvHeads; ++g)
                    cpu::flashAttentionWith(*k, shape, one, cache.pagedK(), cache.pagedV(), g);
            }
            EXPECT_EQ(std::memcmp(all.data(), parts.data(), all.size() * 4), 0);
            EXPECT_EQ(std::memcmp(all.data(), single.data(), all.size() * 4), 0);
            // Paged and contiguous storage of the same values agree too.
            std::vector<float> flat(q.size());
            const cpu::AttentionQueries flatQ{q.data(), qd, flat.data(), qd, queries, visible.data(), keys};
            for (int g = 0; g < kvHeads; ++g)
                cpu::flashAttentionWith(*k, shape, flatQ, cache.flatK(), cache.flatV(), g);
            EXPECT_EQ(std::memcmp(all.data(), flat.data(), all.size() * 4), 0);
        }
    }
}

// Many query rows take the transposed-keys path (each key block transposed once, its V
// rows packed); one row at a time takes scores() on the rows as stored. The two must
// give the same bits: the same fma chains, the same lane tree (attention_kernels.h).
TEST(FlashAttentionDeterminism, TransposedKeysGiveTheBitsOfDirectScores) {
    const cpu::AttentionKernels* avx2 = cpu::avx2AttentionKernels();
    if (avx2 == nullptr || avx2->scoresTransposed == nullptr) GTEST_SKIP() << "no transposed-keys kernels";
    for (const int headDim : {8, 64, 128}) {
        const int heads = 3, keys = 1025, queries = 77;  // several 32-row passes, a partial key block
        const int qd = heads * headDim;
        const Cache cache(keys, qd, 32, 11);
        const auto q = normals(size_t(queries) * qd, 12, 2.0f);
        const cpu::FlashAttentionShape shape{heads, heads, headDim};
        std::vector<float> all(q.size()), single(q.size());
        for (int h = 0; h < heads; ++h) {
            const cpu::AttentionQueries everything{q.data(), qd, all.data(), qd, queries, nullptr, keys};
            cpu::flashAttentionWith(*avx2, shape, everything, cache.flatK(), cache.flatV(), h);
            for (int i = 0; i < queries; ++i) {
                const cpu::AttentionQueries one{q.data() + i * qd, qd, single.data() + i * qd, qd, 1, nullptr, keys};
                cpu::flashAttentionWith(*avx2, shape, one, cache.flatK(), cache.flatV(), h);
            }
        }
        EXPECT_EQ(std::memcmp(all.data(), single.data(), all.size() * 4), 0) << "head dim " << headDim;
    }
}

TEST(FlashAttentionExp2, ExactAtZeroZeroBelowRangeAccurateBetween) {
    EXPECT_EQ(cpu::exp2Portable(0.0f), 1.0f);
    EXPECT_EQ(cpu::exp2Portable(-126.0f), 0.0f);
    EXPECT_EQ(cpu::exp2Portable(-INFINITY), 0.0f);
    for (float x = -124.0f; x <= 0.0f; x += 0.0137f)
        ASSERT_NEAR(cpu::exp2Portable(x) / std::exp2(double(x)), 1.0, 3e-7) << x;
}

}  // namespace
}  // namespace motor::gpu::test
