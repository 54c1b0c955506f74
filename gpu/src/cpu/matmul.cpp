#include "cpu/matmul.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "cpu/aligned_vector.h"
#include "cpu/block_decode.h"
#include "cpu/cache_sizes.h"
#include "cpu/gemm_kernels.h"

namespace motor::gpu::cpu {

namespace {

// Blocking. A work item is (matrix, run of rows, run of tokens). Inside it, every panel
// of kPanelRows weight rows is walked over column blocks, and each column block of the
// panel (in L1) is multiplied with all of the item's tokens before the next one is
// read; the item's activations (a token block) stay in L2 across its panels.
//
//  - Token block: as many tokens as fill half the L2 with their activations (fp32 for
//    the float family, QuantBlocks for the integer one), split evenly.
//  - Column block: a panel's column block takes up to half the L1, leaving room for
//    the streamed activation rows (see makePlan). A single tile of tokens (decode)
//    reuses nothing, so it walks whole rows.
//  - Item size: by work. Claiming an item costs two atomics on lines both cores share;
//    with 16-row items a Q8_0 decode step spent more time bouncing those lines than
//    computing. Items of 2^19 multiply-adds (~10 us) and at least 2 per thread took
//    110M Q8_0 decode from ~363 to ~412 tok/s (docs/PERFORMANCE.md). Prefill items are
//    larger (2^22) since each also re-reads its panels once per token block.
// None of this changes a result: the kernels' per-element arithmetic does not depend on
// tiles, blocks or threads (gemm_kernels.h).
constexpr int64_t kDecodeItemWork = int64_t(1) << 19;
constexpr int64_t kPrefillItemWork = int64_t(1) << 22;
constexpr int64_t kMinItemsPerThread = 2;
// Items start at multiples of 16 rows: one cache line of fp32 results, so two threads
// never write the same line of y (its rows are multiples of 16 floats in the forward
// pass). 40-row items let neighbouring items share lines (A/B: +3% 110M Q8_0 pp128 on
// 2 threads with 16-row alignment, medians of 6).
constexpr int64_t kItemRowAlign = 16;
constexpr int kSingleTileTokens = 3;  // up to this many tokens the whole row is one block

struct Item {
    int task;
    int64_t rowBegin, rowEnd;
    int tokenBegin, tokenEnd;
};

struct Plan {
    int64_t colBlock = 0;  // columns per column block (whole row for small batches)
    int tokenBlock = 0;    // tokens per item
    std::vector<Item> items;
    int64_t work = 0;
};

int64_t roundDown(int64_t v, int64_t m) {
    return v / m * m;
}

Plan makePlan(std::span<const MatmulTask> tasks, int tokens, int threads, bool integer) {
    const CacheSizes& cache = cacheSizes();
    const int64_t cols = tasks[0].w->cols;
    Plan p;
    if (tokens <= kSingleTileTokens) {
        p.colBlock = cols;
    } else {
        // The largest block whose panel fills half the L1 (fp32: 4 rows x 1024 floats in
        // 32 KiB; packed integer: 102 blocks of 160 bytes), then the columns split evenly so
        // no block is a short remainder: a tile's setup and its accumulator round trip
        // are paid once per block, and 768 columns in one block instead of 512 + 256
        // took 110M F32 pp128 from ~228 to ~277 tok/s (same loaded machine, A/B).
        // Multiples of 256 (F32 family: K-quant super-blocks are never split) or 32.
        const int64_t unit = integer ? kQuantBlock : 256;
        const int64_t bytesPerCol = integer ? kPackedQ8BlockBytes / kQuantBlock : int64_t(kPanelRows) * 4;
        const int64_t maxBlock = std::max(unit, roundDown(cache.l1dBytes / 2 / bytesPerCol, unit));
        const int64_t blocks = (cols + maxBlock - 1) / maxBlock;
        p.colBlock = std::min(cols, (cols / blocks + unit - 1) / unit * unit);
    }
    // Bytes of one token's activations in one column block, as the kernels read them:
    // an item walks its column blocks outermost, so only that much of each token must
    // stay in the L2 while all of the item's panels pass over it. (Sized by whole rows,
    // a 4096-column matrix got 16-token blocks and re-read its weights from memory
    // every 16 tokens: InternViT's MLP down projection ran at ~40 GFLOP/s against ~60
    // for its 1024-column products.)
    const int64_t actBytes = integer ? p.colBlock / kQuantBlock * int64_t(sizeof(QuantBlock)) : p.colBlock * 4;
    const int64_t maxTokens = std::max<int64_t>(3, cache.l2Bytes / 2 / std::max<int64_t>(1, actBytes));
    const int64_t tokenBlocks = (tokens + maxTokens - 1) / maxTokens;
    p.tokenBlock = int((tokens + tokenBlocks - 1) / tokenBlocks);
    const int64_t itemWork = tokens <= kSingleTileTokens ? kDecodeItemWork : kPrefillItemWork;
    int64_t totalRows = 0;
    for (const MatmulTask& t : tasks) totalRows += t.w->rows;
    const int64_t balanced = totalRows * tokenBlocks / (kMinItemsPerThread * threads);
    for (int t0 = 0; t0 < tokens; t0 += p.tokenBlock) {
        const int t1 = std::min(tokens, t0 + p.tokenBlock);
        for (size_t ti = 0; ti < tasks.size(); ++ti) {
            const int64_t rows = tasks[ti].w->rows;
            p.work += rows * cols * (t1 - t0);
            // Sized by one column block's work, so an item of a wide matrix (8B's 4096
            // or 12288 columns) still holds enough rows to reuse each activation block.
            const int64_t rowWork = std::max<int64_t>(1, p.colBlock * (t1 - t0));
            int64_t perItem = std::min(itemWork / rowWork, balanced);
            perItem = std::max(kItemRowAlign, roundDown(perItem, kItemRowAlign));
            for (int64_t r = 0; r < rows; r += perItem)
                p.items.push_back({int(ti), r, std::min(rows, r + perItem), t0, t1});
        }
    }
    return p;
}

// Per-thread scratch, kept between calls (the forward pass makes hundreds per token).
struct Scratch {
    AlignedVector<float> acc;
    AlignedVector<float> y;  // the item's results, [token][item row]
    AlignedVector<float> panel;
    AlignedVector<std::byte> q8;
    AlignedVector<float> batchRows;  // decoded rows before packing
    AlignedVector<float> batchY;     // a last panel's results when it has fewer rows
};

Scratch& threadScratch() {
    thread_local Scratch s;
    return s;
}

void runItem(const GemmKernels& k, const Plan& plan, const Item& it, const MatmulTask& task, const float* x,
             int64_t ldx, const AlignedVector<QuantBlock>& xq, int64_t qBlocks) {
    const WeightMatrix& w = *task.w;
    const int64_t cols = w.cols;
    const int nt = it.tokenEnd - it.tokenBegin;
    Scratch& s = threadScratch();
    float* yBase = task.y + int64_t(it.tokenBegin) * task.ldy;
    const bool integer = GemmKernels::integerFamily(w.dtype);
    const int64_t colBlock = plan.colBlock;
    if (nt <= kSingleTileTokens &&
        (w.dtype == DType::F32 || w.dtype == DType::Q8_0 || w.dtype == DType::F16 || w.dtype == DType::BF16)) {
        // Decode: the weights stream once, straight from the matrix.
        const int64_t rows = it.rowEnd - it.rowBegin;
        const float* xt = x + int64_t(it.tokenBegin) * ldx;
        if (w.dtype == DType::F32)
            k.f32Rows(reinterpret_cast<const float*>(w.row(it.rowBegin)), w.rowBytes / 4, rows, xt, ldx, nt, cols,
                      yBase + it.rowBegin, task.ldy);
        else if (w.dtype == DType::F16 || w.dtype == DType::BF16)
            (w.dtype == DType::F16 ? k.f16Rows : k.bf16Rows)(w.row(it.rowBegin), w.rowBytes, rows, xt, ldx, nt, cols,
                                                             yBase + it.rowBegin, task.ldy);
        else
            k.q8Rows(w.row(it.rowBegin), w.rowBytes, rows, xq.data() + int64_t(it.tokenBegin) * qBlocks, qBlocks, nt,
                     cols / kQuantBlock, yBase + it.rowBegin, task.ldy);
        return;
    }
    // Panel p holds rows rowBegin + p + i * spread (i < kPanelRows): four runs a quarter
    // of the item apart, each read front to back across consecutive panels, as decode
    // does (f32Rows): interleaving adjacent rows defeats the prefetcher when weights come
    // from DRAM. The rows left over form one last panel of adjacent rows. Column blocks
    // are the outer loop, each panel keeping its accumulators in its own slice of acc
    // between them, so one column block of the item's activations (L2) serves all of its
    // panels. Results land in an item buffer ([token][item row], L1/L2-resident) that is
    // copied to y row by row at the end; scattering them straight into y cost ~7% of a
    // Q8_0 prefill.
    const int64_t itemRows = it.rowEnd - it.rowBegin;
    const int64_t spread = itemRows / kPanelRows;
    const int64_t panels = spread + (itemRows % kPanelRows ? 1 : 0);
    const int64_t panelAcc = int64_t(kPanelRows) * nt * kAccLanes;
    if (s.acc.size() < size_t(panels * panelAcc)) s.acc.resize(size_t(panels * panelAcc));
    if (s.y.size() < size_t(itemRows) * size_t(nt)) s.y.resize(size_t(itemRows) * size_t(nt));
    for (int64_t k0 = 0; k0 < cols; k0 += colBlock) {
        const int64_t kLen = std::min(colBlock, cols - k0);
        const int phase = (k0 == 0 ? kPanelFirst : 0) | (k0 + kLen == cols ? kPanelLast : 0);
        for (int64_t p = 0; p < panels; ++p) {
            const bool farRows = p < spread;
            const int64_t first = farRows ? it.rowBegin + p : it.rowBegin + kPanelRows * spread;
            const int64_t step = farRows ? spread : 1;
            const int rows = farRows ? kPanelRows : int(itemRows % kPanelRows);
            float* acc = s.acc.data() + p * panelAcc;
            if (integer) {
                const int64_t b0 = k0 / kQuantBlock, nb = kLen / kQuantBlock;
                const QuantBlock* xb = xq.data() + int64_t(it.tokenBegin) * qBlocks + b0;
                s.q8.resize(size_t(nb * kPackedQ8BlockBytes));
                k.packQ8(w.dtype, w.row(first), step * w.rowBytes, rows, b0, nb, s.q8.data());
                k.q8PackedPanel(s.q8.data(), rows, xb, qBlocks, nt, nb, acc, phase, s.y.data() + (first - it.rowBegin),
                                itemRows, step);
            } else {
                const float* wp = reinterpret_cast<const float*>(w.row(first)) + k0;
                int64_t ws = step * w.rowBytes / 4;
                if (w.dtype != DType::F32) {
                    // Decoded once per panel and column block, reused by every token
                    // of the item (bit-identical values, block_decode.h).
                    const int64_t stride = (kLen + 15) / 16 * 16;  // rows on cache lines
                    s.panel.resize(size_t(kPanelRows * stride));
                    for (int i = 0; i < rows; ++i)
                        k.decode[int(w.dtype)](w.row(first + i * step), k0, kLen, s.panel.data() + i * stride);
                    wp = s.panel.data();
                    ws = stride;
                }
                k.f32Panel(wp, ws, rows, x + int64_t(it.tokenBegin) * ldx + k0, ldx, nt, kLen, acc, phase,
                           s.y.data() + (first - it.rowBegin), itemRows, step);
            }
        }
    }
    for (int t = 0; t < nt; ++t)
        std::memcpy(yBase + t * task.ldy + it.rowBegin, s.y.data() + int64_t(t) * itemRows,
                    size_t(itemRows) * sizeof(float));
}

// Batch family blocking (matmulBatch). Every float-family matrix of the call is first
// packed once into panels of kBatchRows rows, k-major within each column block (a panel
// block is 24 KiB at 256 columns: it fits the L1); decoding and transposing it per token
// block instead cost ~4% of the vision tower. A work item is (matrix, run of rows that
// are a multiple of kBatchItemRows, run of up to kBatchTokenBlock tokens); inside it,
// column blocks are the outer loop and each panel block is multiplied with all of the
// item's tokens, whose activations for the block (256 x 256 floats, 256 KiB) stay in L2
// across the item's panels. Results go straight to y: each element's chain continues
// there between blocks.
constexpr int64_t kBatchColBlock = 256;  // a multiple of the K-quants' super-block
constexpr int kBatchTokenBlock = 256;
constexpr int64_t kBatchItemRows = 48;  // whole panels on whole cache lines of y

struct BatchPlan {
    int64_t colBlock = 0;
    std::vector<Item> items;
    std::vector<int64_t> packedOffset;  // per task: its first panel in the packed buffer
    int64_t packedFloats = 0;
    int64_t work = 0;
};

int64_t batchPanels(int64_t rows) {
    return (rows + kBatchRows - 1) / kBatchRows;
}

BatchPlan makeBatchPlan(std::span<const MatmulTask> tasks, int tokens, int threads) {
    const int64_t cols = tasks[0].w->cols;
    BatchPlan p;
    const int64_t blocks = (cols + kBatchColBlock - 1) / kBatchColBlock;
    p.colBlock = std::min(cols, (cols / blocks + 31) / 32 * 32);
    for (const MatmulTask& t : tasks) {
        p.packedOffset.push_back(p.packedFloats);
        p.packedFloats += batchPanels(t.w->rows) * cols * kBatchRows;
    }
    const int tokenBlocks = (tokens + kBatchTokenBlock - 1) / kBatchTokenBlock;
    const int tokenBlock = (tokens + tokenBlocks - 1) / tokenBlocks;
    int64_t totalRows = 0;
    for (const MatmulTask& t : tasks) totalRows += t.w->rows;
    const int64_t balanced = totalRows * tokenBlocks / (kMinItemsPerThread * threads);
    for (int t0 = 0; t0 < tokens; t0 += tokenBlock) {
        const int t1 = std::min(tokens, t0 + tokenBlock);
        for (size_t ti = 0; ti < tasks.size(); ++ti) {
            const int64_t rows = tasks[ti].w->rows;
            p.work += rows * cols * (t1 - t0);
            int64_t perItem = std::min(kPrefillItemWork / std::max<int64_t>(1, cols * (t1 - t0)), balanced);
            perItem = std::max(kBatchItemRows, roundDown(perItem, kBatchItemRows));
            for (int64_t r = 0; r < rows; r += perItem)
                p.items.push_back({int(ti), r, std::min(rows, r + perItem), t0, t1});
        }
    }
    return p;
}

// Panel `panel` of w: column block by column block, each kLen x kBatchRows k-major, so
// block k0 starts k0 * kBatchRows floats in. Other dtypes are decoded to their exact
// fp32 values first (block_decode.h), as matmul does.
void packBatchPanel(const GemmKernels& k, const WeightMatrix& w, int64_t panel, int64_t colBlock, float* out) {
    const int64_t r = panel * kBatchRows, cols = w.cols;
    const int rows = int(std::min<int64_t>(kBatchRows, w.rows - r));
    const float* wr = reinterpret_cast<const float*>(w.row(r));
    int64_t ws = w.rowBytes / 4;
    if (w.dtype != DType::F32) {
        Scratch& s = threadScratch();
        const int64_t stride = (cols + 15) / 16 * 16;
        s.batchRows.resize(size_t(kBatchRows * stride));
        for (int i = 0; i < rows; ++i) k.decode[int(w.dtype)](w.row(r + i), 0, cols, s.batchRows.data() + i * stride);
        wr = s.batchRows.data();
        ws = stride;
    }
    for (int64_t k0 = 0; k0 < cols; k0 += colBlock)
        k.packBatch(wr + k0, ws, rows, std::min(colBlock, cols - k0), out + k0 * kBatchRows);
}

void runBatchItem(const GemmKernels& k, const BatchPlan& plan, const Item& it, const MatmulTask& task,
                  const float* packed, const float* x, int64_t ldx) {
    const int64_t cols = task.w->cols, colBlock = plan.colBlock;
    const int nt = it.tokenEnd - it.tokenBegin;
    float* yBase = task.y + int64_t(it.tokenBegin) * task.ldy;
    const float* xBase = x + int64_t(it.tokenBegin) * ldx;
    for (int64_t k0 = 0; k0 < cols; k0 += colBlock) {
        const int64_t kLen = std::min(colBlock, cols - k0);
        const bool first = k0 == 0;
        for (int64_t r = it.rowBegin; r < it.rowEnd; r += kBatchRows) {
            const int rows = int(std::min<int64_t>(kBatchRows, it.rowEnd - r));
            const float* wp = packed + (r / kBatchRows * cols + k0) * kBatchRows;
            if (rows == kBatchRows) {
                k.f32Batch(wp, kLen, xBase + k0, ldx, nt, yBase + r, task.ldy, first);
                continue;
            }
            // A last panel with fewer rows: its chains continue in a buffer of whole rows.
            Scratch& s = threadScratch();
            s.batchY.resize(size_t(nt) * kBatchRows);
            if (!first)
                for (int t = 0; t < nt; ++t)
                    std::memcpy(s.batchY.data() + t * kBatchRows, yBase + t * task.ldy + r, size_t(rows) * 4);
            k.f32Batch(wp, kLen, xBase + k0, ldx, nt, s.batchY.data(), kBatchRows, first);
            for (int t = 0; t < nt; ++t)
                std::memcpy(yBase + t * task.ldy + r, s.batchY.data() + t * kBatchRows, size_t(rows) * 4);
        }
    }
}

// Float-family rows a multiple of 2 KiB apart (hidden sizes 512, 1024, 4096...) put a
// tile's activation rows into the same few L1 sets, which the panel's weight rows also
// use: on InternViT's 1024- and 4096-column products, rows one cache line further apart
// ran ~15-25% faster (motor_gemm_bench F32Tower). Such activations are copied once into
// rows padded by a cache line (this thread's buffer, reused between calls; the workers
// have their own); callers that own their buffers (the vision tower) allocate them
// padded and skip the copy. Returns x itself, or the copy with its stride in ldf.
const float* paddedActivations(ThreadPool& pool, const float* x, int tokens, int64_t ldx, int64_t cols, int64_t& ldf) {
    ldf = ldx;
    if (tokens <= kSingleTileTokens || (ldx * 4) % 2048 != 0) return x;
    thread_local AlignedVector<float> padded;
    ldf = paddedRowStride(cols);
    padded.resize(size_t(tokens) * size_t(ldf));
    float* const to = padded.data();
    const int64_t stride = ldf;
    pool.parallelFor(tokens, int64_t(tokens) * cols, [&](int t, int) {
        std::memcpy(to + int64_t(t) * stride, x + int64_t(t) * ldx, size_t(cols) * sizeof(float));
    });
    return to;
}

}  // namespace

void matmul(ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens, int64_t ldx) {
    matmulWith(gemmKernels(), pool, tasks, x, tokens, ldx);
}

void matmulWith(const GemmKernels& k, ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens,
                int64_t ldx) {
    if (tokens <= 0 || tasks.empty()) return;
    bool anyInteger = false, anyFloat = false;
    for (const MatmulTask& t : tasks) {
        anyInteger = anyInteger || GemmKernels::integerFamily(t.w->dtype);
        anyFloat = anyFloat || !GemmKernels::integerFamily(t.w->dtype);
    }
    // Activations quantized once for every integer-family matrix of the call.
    const int64_t cols = tasks[0].w->cols;
    const int64_t qBlocks = cols / kQuantBlock;
    AlignedVector<QuantBlock> xq;
    if (anyInteger) {
        xq.resize(size_t(tokens) * size_t(qBlocks));
        auto quantizeToken = [&](int t, int) {
            k.quantize(x + int64_t(t) * ldx, cols, xq.data() + int64_t(t) * qBlocks);
        };
        if (tokens > kSingleTileTokens)
            pool.parallelFor(tokens, quantizeToken);
        else
            for (int t = 0; t < tokens; ++t) quantizeToken(t, 0);
    }
    int64_t ldf = ldx;
    const float* xf = anyFloat ? paddedActivations(pool, x, tokens, ldx, cols, ldf) : x;
    // One plan per family present (a call mixes families only for odd models).
    for (const bool integer : {false, true}) {
        if (integer ? !anyInteger : !anyFloat) continue;
        std::vector<MatmulTask> family;
        for (const MatmulTask& t : tasks)
            if (GemmKernels::integerFamily(t.w->dtype) == integer) family.push_back(t);
        const Plan plan = makePlan(family, tokens, pool.size(), integer);
        pool.parallelFor(int(plan.items.size()), plan.work, [&](int index, int) {
            const Item& it = plan.items[size_t(index)];
            runItem(k, plan, it, family[size_t(it.task)], xf, ldf, xq, qBlocks);
        });
    }
}

void matmulBatch(ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens, int64_t ldx) {
    matmulBatchWith(gemmKernels(), pool, tasks, x, tokens, ldx);
}

void matmulBatchWith(const GemmKernels& k, ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x,
                     int tokens, int64_t ldx) {
    if (tokens <= 0 || tasks.empty()) return;
    std::vector<MatmulTask> floats, integers;
    for (const MatmulTask& t : tasks) (GemmKernels::integerFamily(t.w->dtype) ? integers : floats).push_back(t);
    if (!integers.empty()) matmulWith(k, pool, integers, x, tokens, ldx);
    if (floats.empty()) return;
    int64_t ldf = ldx;
    const float* xf = paddedActivations(pool, x, tokens, ldx, floats[0].w->cols, ldf);
    const BatchPlan plan = makeBatchPlan(floats, tokens, pool.size());
    thread_local AlignedVector<float> packedBuffer;
    packedBuffer.resize(size_t(plan.packedFloats));
    float* const packed = packedBuffer.data();    // this thread's buffer (the workers have their own)
    std::vector<std::pair<int, int64_t>> panels;  // (task, panel)
    for (size_t ti = 0; ti < floats.size(); ++ti)
        for (int64_t p = 0; p < batchPanels(floats[ti].w->rows); ++p) panels.push_back({int(ti), p});
    pool.parallelFor(int(panels.size()), int64_t(panels.size()) * kBatchRows * floats[0].w->cols, [&](int i, int) {
        const auto [ti, p] = panels[size_t(i)];
        packBatchPanel(k, *floats[size_t(ti)].w, p, plan.colBlock,
                       packed + plan.packedOffset[size_t(ti)] + p * floats[size_t(ti)].w->cols * kBatchRows);
    });
    pool.parallelFor(int(plan.items.size()), plan.work, [&](int index, int) {
        const Item& it = plan.items[size_t(index)];
        runBatchItem(k, plan, it, floats[size_t(it.task)], packed + plan.packedOffset[size_t(it.task)], xf, ldf);
    });
}

void dequantizeRow(const WeightMatrix& w, int64_t row, float* out) {
    decodeRow(w.dtype, w.row(row), w.cols, out);
}

}  // namespace motor::gpu::cpu
