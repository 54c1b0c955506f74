#pragma once
// y = W x for a batch of activation rows, W in any supported dtype, row-major {rows,
// cols}. Several matrices that read the same activations (q/k/v, gate/up) go in one
// call so the thread pool is woken once for all of them.
#include <cstddef>
#include <cstdint>
#include <span>

#include "cpu/thread_pool.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::cpu {

struct WeightMatrix {
    DType dtype = DType::F32;
    const std::byte* data = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    int64_t rowBytes = 0;

    const std::byte* row(int64_t r) const { return data + r * rowBytes; }
};

struct MatmulTask {
    const WeightMatrix* w = nullptr;
    float* y = nullptr;  // y[t * ldy + r]
    int64_t ldy = 0;
};

// For every task and every token t < tokens: task.y[t*ldy + r] = W.row(r) . x[t*ldx ..].
// Every task's matrix must have cols equal to the activation width. Each result is
// bit-identical whatever tokens, tasks and threads share the call (gemm_kernels.h).
void matmul(ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens, int64_t ldx);

struct GemmKernels;
// The same with a given kernel set instead of the process's (tests run every set the
// CPU supports in one process).
void matmulWith(const GemmKernels& kernels, ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x,
                int tokens, int64_t ldx);

// The same products for activations that are never decoded one token at a time (the
// vision tower, Whisper's encoder): float-family weights go through the batch family's
// outer-product tiles (gemm_kernels.h), 6-19% faster than matmul's on InternViT's
// shapes (docs/PERFORMANCE.md, "Vision tower"); integer-family weights take matmul's path.
// Each result is again bit-identical whatever tokens, tasks and threads share the call,
// but differs in the last bits from matmul's, so a model must use one or the other for a
// given product, never both.
void matmulBatch(ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x, int tokens, int64_t ldx);
void matmulBatchWith(const GemmKernels& kernels, ThreadPool& pool, std::span<const MatmulTask> tasks, const float* x,
                     int tokens, int64_t ldx);

// Row padding (floats) that keeps activation rows of a 2^k-wide matrix out of each
// other's L1 sets: a caller that allocates its activations with a row stride of
// cols + kActivationRowPad (when cols * 4 is a multiple of 2 KiB) spares matmul its
// padded copy of them.
constexpr int64_t kActivationRowPad = 16;
constexpr int64_t paddedRowStride(int64_t cols) {
    return (cols * 4) % 2048 == 0 ? cols + kActivationRowPad : cols;
}

// Decodes one row to floats (embedding lookup).
void dequantizeRow(const WeightMatrix& w, int64_t row, float* out);

}  // namespace motor::gpu::cpu
