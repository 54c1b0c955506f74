#include "cpu/matmul.h"

#include <algorithm>
#include <vector>

#include "cpu/block_decode.h"
#include "cpu/row_dot.h"

namespace motor::gpu::cpu {

namespace {

// Cache blocking: a work item is a run of weight rows; inside it the tokens are walked
// in tiles of kTokenTile so that the tile's activations stay in L2 while each weight
// row is streamed once per tile from L1 (kMaxDotTokens tokens per kernel call).
// Items are sized by work (rows x cols x tokens), not by a fixed row count: claiming an
// item costs two atomics on lines shared by every core, and with 16-row items a Q8_0
// decode step spent more time bouncing those lines than computing (2 threads were
// slower than 1 on a 110M model). With the integer Q8_0 kernel an item of 2^17
// multiply-adds took ~2.5 us and the claims still cost ~12% of a decode step; items of
// 2^19 (about 10 us) and 2 per thread took 110M Q8_0 decode from ~363 to ~412 tok/s
// and F32 from ~138 to ~146 (docs/PERFORMANCE.md). Each row's result does not depend
// on the split.
constexpr int64_t kMinRowsPerItem = 16;
constexpr int64_t kTargetItemWork = int64_t(1) << 19;  // multiply-adds, about 10 us
constexpr int64_t kMinItemsPerThread = 2;               // enough items to balance the load
constexpr int kTokenTile = 32;  // a multiple of kMaxDotTokens
// From this many tokens on, a quantized row without an integer kernel (K-quants) is
// decoded once per token tile into an fp32 buffer and dotted with the F32 kernel
// (bit-identical, see DecodeRowFn) instead of being decoded again for every kernel
// call. Q8_0/Q4_0 rows always go through the integer kernels (activations quantized
// once per call), whatever the token count.
constexpr int kDecodeOnceTokens = 8;

struct Item {
    int task;
    int64_t rowBegin;
    int64_t rowEnd;
};

}  // namespace

void matmul(ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens, int64_t ldx) {
    if (tokens <= 0 || tasks.empty()) return;
    const RowDotKernels& k = rowDotKernels();
    std::vector<Item> items;
    int64_t work = 0;
    bool anyQuant = false;
    for (size_t ti = 0; ti < tasks.size(); ++ti) {
        const int64_t rows = tasks[ti].w->rows;
        const int64_t rowWork = std::max<int64_t>(1, tasks[ti].w->cols * tokens);
        work += rows * rowWork;
        const int64_t balanced = rows / (kMinItemsPerThread * std::max(1, pool.size()));
        int64_t perItem = std::min(kTargetItemWork / rowWork, balanced);
        perItem = std::max(kMinRowsPerItem, perItem / kMinRowsPerItem * kMinRowsPerItem);
        for (int64_t r = 0; r < rows; r += perItem) items.push_back({int(ti), r, std::min<int64_t>(rows, r + perItem)});
        anyQuant = anyQuant || k.quantizesActivations(tasks[ti].w->dtype);
    }
    // Activations quantized once for every integer-kernel matrix of the call.
    const int64_t cols = tasks[0].w->cols;
    const int64_t qBlocks = cols / kQuantBlock;
    std::vector<QuantBlock> xq;
    if (anyQuant) {
        xq.resize(size_t(tokens) * size_t(qBlocks));
        auto quantizeToken = [&](int t, int) { k.quantize(x + int64_t(t) * ldx, cols, xq.data() + int64_t(t) * qBlocks); };
        if (tokens >= kDecodeOnceTokens) pool.parallelFor(tokens, quantizeToken);
        else
            for (int t = 0; t < tokens; ++t) quantizeToken(t, 0);
    }
    // Per-thread decode buffers (only used for float-kernel quantized weights in
    // batched calls).
    int64_t maxCols = 0;
    if (tokens >= kDecodeOnceTokens)
        for (const MatmulTask& t : tasks)
            if (t.w->dtype != DType::F32 && !k.quantizesActivations(t.w->dtype)) maxCols = std::max(maxCols, t.w->cols);
    std::vector<float> buffers(size_t(maxCols) * size_t(pool.size()));
    pool.parallelFor(int(items.size()), work, [&](int index, int thread) {
        const Item& it = items[size_t(index)];
        const MatmulTask& task = tasks[size_t(it.task)];
        const WeightMatrix& w = *task.w;
        if (k.quantizesActivations(w.dtype)) {
            // Token groups outside, rows inside: an item's rows stay in L1/L2 across
            // the groups of a tile.
            for (int t = 0; t < tokens; t += kMaxDotTokens) {
                const int n = std::min(kMaxDotTokens, tokens - t);
                const QuantBlock* xs[kMaxDotTokens];
                for (int j = 0; j < n; ++j) xs[j] = xq.data() + int64_t(t + j) * qBlocks;
                k.getQuant(w.dtype, n)(w.row(it.rowBegin), w.rowBytes, it.rowEnd - it.rowBegin, w.cols, xs,
                                       task.y + int64_t(t) * task.ldy + it.rowBegin, task.ldy);
            }
            return;
        }
        const bool decodeOnce = w.dtype != DType::F32 && tokens >= kDecodeOnceTokens;
        const DType dotType = decodeOnce ? DType::F32 : w.dtype;
        const RowDotFn full = k.get(dotType, kMaxDotTokens);
        float* decoded = buffers.data() + size_t(thread) * size_t(maxCols);
        for (int t0 = 0; t0 < tokens; t0 += kTokenTile) {
            const int t1 = std::min(tokens, t0 + kTokenTile);
            for (int64_t r = it.rowBegin; r < it.rowEnd; ++r) {
                const std::byte* row = w.row(r);
                if (decodeOnce) {
                    k.decode[int(w.dtype)](row, w.cols, decoded);
                    row = reinterpret_cast<const std::byte*>(decoded);
                }
                const float* xs[kMaxDotTokens];
                float out[kMaxDotTokens];
                for (int t = t0; t < t1; t += kMaxDotTokens) {
                    const int n = std::min(kMaxDotTokens, t1 - t);
                    for (int j = 0; j < n; ++j) xs[j] = x + int64_t(t + j) * ldx;
                    (n == kMaxDotTokens ? full : k.get(dotType, n))(row, w.cols, xs, out);
                    for (int j = 0; j < n; ++j) task.y[int64_t(t + j) * task.ldy + r] = out[j];
                }
            }
        }
    });
}

void dequantizeRow(const WeightMatrix& w, int64_t row, float* out) {
    decodeRow(w.dtype, w.row(row), w.cols, out);
}

}  // namespace motor::gpu::cpu
