// The batched Llama-family forward pass on the CPU backend. Every token row is
// computed independently of the others in the batch (the matmul kernels guarantee
// per-row results that do not depend on batch size), so prefill, decode, fork and
// decodeBatch all give bit-identical logits for the same token at the same position.
#include <algorithm>
#include <cstring>
#include <map>

#include "cpu/flash_attention.h"
#include "cpu/ops.h"
#include "model/model_impl.h"

namespace motor::gpu {

namespace {

void addBias(float* y, const std::vector<float>& bias) {
    if (!bias.empty()) cpu::addInPlace(y, bias.data(), int64_t(bias.size()));
}

// Query positions per attention item: with 2 threads a 256-token prefill chunk of a
// 12-head model makes 96 items.
constexpr int kAttentionRunRows = 32;

struct AttentionRun {
    int begin, end;  // rows of the forward batch
};

// One layer's K and V page pointers of one cache.
struct LayerPages {
    std::vector<const float*> k, v;
};

void headNorm(float* x, int heads, int headDim, const std::vector<float>& w, float eps) {
    if (w.empty()) return;
    for (int h = 0; h < heads; ++h)
        cpu::rmsNorm(x + int64_t(h) * headDim, w.data(), headDim, eps, x + int64_t(h) * headDim);
}

}  // namespace

void Model::Impl::forward(std::span<const ForwardRow> rows, std::span<const int> logitRows, float* logits) {
    std::lock_guard lock(mutex_);
    const ModelConfig& c = config;
    const int T = int(rows.size());
    const int64_t dim = c.dim, hidden = c.hiddenDim, qd = qDim(), kvd = kvDim();
    const int pageSize = options.kvPageSize;
    x_.resize(size_t(T * dim));
    xb_.resize(size_t(T * dim));
    q_.resize(size_t(T * qd));
    k_.resize(size_t(T * kvd));
    v_.resize(size_t(T * kvd));
    att_.resize(size_t(T * qd));
    hb_.resize(size_t(T * hidden));
    hb2_.resize(size_t(T * hidden));

    for (int t = 0; t < T; ++t) {
        const ForwardRow& r = rows[size_t(t)];
        if (r.embedding)
            std::memcpy(x_.data() + t * dim, r.embedding, size_t(dim) * sizeof(float));
        else
            cpu::dequantizeRow(embed, r.token, x_.data() + t * dim);
    }

    // Page base pointers per distinct cache (rows of one prefill share one list).
    std::map<const PageList*, std::vector<detail::KvPage*>> pagePtrs;
    for (const ForwardRow& r : rows) {
        auto& v = pagePtrs[r.pages];
        if (v.empty())
            for (const auto& p : *r.pages) v.push_back(p.get());
    }
    std::vector<const std::vector<detail::KvPage*>*> rowPages(static_cast<size_t>(T));
    for (int t = 0; t < T; ++t) rowPages[size_t(t)] = &pagePtrs[rows[size_t(t)].pages];

    const cpu::FlashAttentionShape shape{c.heads, c.kvHeads, c.headDim};
    std::vector<AttentionRun> runs;
    std::vector<int> visible(static_cast<size_t>(T));
    for (int t = 0; t < T; ++t) {
        visible[size_t(t)] = rows[size_t(t)].pos + 1;
        const bool extends = !runs.empty() && rows[size_t(t)].pages == rows[size_t(t - 1)].pages &&
                             rows[size_t(t)].pos == rows[size_t(t - 1)].pos + 1 &&
                             t - runs.back().begin < kAttentionRunRows;
        if (extends)
            runs.back().end = t + 1;
        else
            runs.push_back({t, t + 1});
    }
    std::map<const PageList*, LayerPages> layerPages;
    for (int l = 0; l < c.layers; ++l) {
        const LayerWeights& w = layers[size_t(l)];
        pool->parallelFor(T, T * dim * 4, [&](int t, int) {
            cpu::rmsNorm(x_.data() + t * dim, w.attnNorm.data(), dim, c.rmsEps, xb_.data() + t * dim);
        });
        const cpu::MatmulTask qkv[] = {{&w.q, q_.data(), qd}, {&w.k, k_.data(), kvd}, {&w.v, v_.data(), kvd}};
        cpu::matmul(*pool, qkv, xb_.data(), T, dim);
        pool->parallelFor(T, T * dim * 4, [&](int t, int) {
            float* q = q_.data() + t * qd;
            float* k = k_.data() + t * kvd;
            float* v = v_.data() + t * kvd;
            addBias(q, w.qBias);
            addBias(k, w.kBias);
            addBias(v, w.vBias);
            headNorm(q, c.heads, c.headDim, w.qNorm, c.rmsEps);
            headNorm(k, c.kvHeads, c.headDim, w.kNorm, c.rmsEps);
            const int pos = rows[size_t(t)].pos;
            rope.apply(q, c.heads, k, c.kvHeads, pos);
            detail::KvPage* page = (*rowPages[size_t(t)])[size_t(pos / pageSize)];
            const int64_t off = int64_t(pos % pageSize) * kvd;
            std::memcpy(page->k(l) + off, k, size_t(kvd) * sizeof(float));
            std::memcpy(page->v(l) + off, v, size_t(kvd) * sizeof(float));
        });
        // Attention: items are (run of rows, KV head); a run is up to kAttentionRunRows
        // consecutive positions of one cache (a prefill chunk splits into several, a
        // decodeBatch gives one per session), so decode of one token still spreads
        // its KV heads over the threads.
        for (auto& [list, pages] : pagePtrs) {
            auto& ptrs = layerPages[list];
            ptrs.k.resize(pages.size());
            ptrs.v.resize(pages.size());
            for (size_t p = 0; p < pages.size(); ++p) {
                ptrs.k[p] = pages[p]->k(l);
                ptrs.v[p] = pages[p]->v(l);
            }
        }
        int64_t attnWork = 0;
        for (const ForwardRow& r : rows) attnWork += int64_t(r.pos + 1) * qd * 2;
        pool->parallelFor(int(runs.size()) * c.kvHeads, attnWork, [&](int item, int) {
            const AttentionRun& run = runs[size_t(item / c.kvHeads)];
            const LayerPages& lp = layerPages[rows[size_t(run.begin)].pages];
            const cpu::KvRows kRows{lp.k.data(), nullptr, pageSize, kvd}, vRows{lp.v.data(), nullptr, pageSize, kvd};
            const cpu::AttentionQueries queries{
                q_.data() + run.begin * qd, qd, att_.data() + run.begin * qd, qd, run.end - run.begin,
                visible.data() + run.begin, 0};
            cpu::flashAttention(shape, queries, kRows, vRows, item % c.kvHeads);
        });
        const cpu::MatmulTask oTask[] = {{&w.o, xb_.data(), dim}};
        cpu::matmul(*pool, oTask, att_.data(), T, qd);
        cpu::addInPlace(x_.data(), xb_.data(), T * dim);

        pool->parallelFor(T, T * dim * 4, [&](int t, int) {
            cpu::rmsNorm(x_.data() + t * dim, w.ffnNorm.data(), dim, c.rmsEps, xb_.data() + t * dim);
        });
        const cpu::MatmulTask gateUp[] = {{&w.gate, hb_.data(), hidden}, {&w.up, hb2_.data(), hidden}};
        cpu::matmul(*pool, gateUp, xb_.data(), T, dim);
        pool->parallelFor(T, T * dim * 4,
                          [&](int t, int) { cpu::siluMul(hb_.data() + t * hidden, hb2_.data() + t * hidden, hidden); });
        const cpu::MatmulTask down[] = {{&w.down, xb_.data(), dim}};
        cpu::matmul(*pool, down, hb_.data(), T, hidden);
        cpu::addInPlace(x_.data(), xb_.data(), T * dim);
    }

    if (logitRows.empty()) return;
    const int n = int(logitRows.size());
    normed_.resize(size_t(n * dim));
    for (int i = 0; i < n; ++i)
        cpu::rmsNorm(x_.data() + int64_t(logitRows[size_t(i)]) * dim, outputNorm.data(), dim, c.rmsEps,
                     normed_.data() + i * dim);
    const cpu::MatmulTask out[] = {{&output, logits, c.vocabSize}};
    cpu::matmul(*pool, out, normed_.data(), n, dim);
}

}  // namespace motor::gpu
