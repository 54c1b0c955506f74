#pragma once
// The per-ISA kernel set behind cpu::matmul: register-tiled panel kernels (a few weight
// rows times a run of activation rows over a range of columns), the decoders that pack
// weights into them, and the activation quantizer of the integer kernels.
//
// Determinism contract. Every output element y[t][r] = W.row(r) . x[t] is computed with
// one fixed sequence of floating-point operations that depends only on the ISA and the
// dtype, never on how many tokens or rows share the call, on the tile an element falls
// in, on the column blocking or on the thread that computes it:
//   float family (F32, F16, BF16, Q4_K, Q6_K; weights decoded exactly to fp32 first):
//     8 lane accumulators, lane l = fma(w[k], x[k], lane l) for k = l, l+8, l+16, ... in
//     order (AVX2: one vfmadd231ps per 8 columns; a last partial group of 8 is padded
//     with zeros), then the fixed horizontal sum hsum8;
//   integer family (Q8_0, Q4_0 against activations quantized per 32 values):
//     per 32-block b an exact int32 dot split in 8 lanes (lane l: columns 4l..4l+3 of
//     the block), lane l = fma(float(lane sum), dw_b * dx_b, lane l) in block order, then
//     hsum8.
// Decode (one token) runs the same panel kernel as a 256-token prefill tile, so prefill,
// fork, decodeBatch and sequential decode agree bit for bit. The portable set follows
// the same lane structure with separate multiply and add (no fma; it is compiled with
// -ffp-contract=off), so its results differ from AVX2 in the last bits: a process uses
// one set (MOTOR_CPU_ISA fixes it), so that never mixes. The AVX-512 set performs the
// AVX2 set's operations per element (gemm_avx512.cpp) and gives its bits.
#include <cstddef>
#include <cstdint>

#include "motor/gpu/tensor.h"

namespace motor::gpu::cpu {

// Accumulator lanes per output element while a product is split over column blocks.
constexpr int kAccLanes = 8;
// Weight rows per panel kernel call: the register tile's row count.
constexpr int kPanelRows = 4;

// Activations quantized for integer dot products: one block per 32 values,
// x[i] ~= d * q[i] with d = max|x| / 127 and q = round-to-nearest-even(x / d). The error
// this adds (half a step of max|x|/127 per value) is what llama.cpp's Q8_0 activations
// add; tests bound it against the float reference.
constexpr int kQuantBlock = 32;
struct QuantBlock {
    float d;
    int8_t q[kQuantBlock];
};
static_assert(sizeof(QuantBlock) == 36);

// Phase flags of a panel call over one column block.
enum PanelPhase : int {
    kPanelFirst = 1,  // the accumulators start at zero (acc is not read)
    kPanelLast = 2,   // the results go to y (acc is not written)
};

// Float family. w: rows (<= kPanelRows) fp32 weight rows wStride floats apart, columns
// [0, kLen) of the block; x: tokens activation rows ldx floats apart, already offset to
// the block's first column. acc: rows x tokens x kAccLanes floats ([row][token][lane]),
// the running lane sums between column blocks. On kPanelLast, y[t * ldy + r * yRowStep]
// = hsum8. kLen is a multiple of 8 except in the last block.
using F32PanelFn = void (*)(const float* w, int64_t wStride, int rows, const float* x, int64_t ldx, int tokens,
                            int64_t kLen, float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep);

// Decode (a few tokens, whole rows, nothing reused so nothing packed or blocked): for
// r < rows and t < tokens, y[t * ldy + r] = W.row(r) . x[t], over F32 rows (ws floats
// apart, cols columns) or Q8_0 rows (rowBytes apart, blocks blocks, activations xq).
// Same per-element arithmetic as the panels; the row order inside is the kernel's.
using F32RowsFn = void (*)(const float* w, int64_t ws, int64_t rows, const float* x, int64_t ldx, int tokens,
                           int64_t cols, float* y, int64_t ldy);
using Q8RowsFn = void (*)(const std::byte* w, int64_t rowBytes, int64_t rows, const QuantBlock* xq, int64_t ldxq,
                          int tokens, int64_t blocks, float* y, int64_t ldy);
// The same over F16 or BF16 rows (rowBytes apart, cols columns), each weight widened to
// its exact fp32 value in registers: the float family's arithmetic, without writing a
// decoded panel (Whisper's F16 and InternVL's BF16 decoders).
using HalfRowsFn = void (*)(const std::byte* w, int64_t rowBytes, int64_t rows, const float* x, int64_t ldx, int tokens,
                            int64_t cols, float* y, int64_t ldy);

// Integer family panel, over a packed panel (packQ8): per 32-column block, kPanelRows x
// 32 int8 weights, the same as |w| (maddubs' unsigned operand, so the tile loop does
// not recompute it for every token tile), then kPanelRows fp32 scales; 32-byte
// aligned; rows (<= kPanelRows),
// blocks blocks; xq: tokens rows of QuantBlocks ldxq blocks apart, offset to the block's
// first column block. acc/phase/y as for F32PanelFn. Packing gives one aligned pointer
// and fp32 scales to the token tiles that reuse the panel.
constexpr int64_t kPackedQ8AbsOffset = kPanelRows * kQuantBlock;        // |w| of the 4 rows
constexpr int64_t kPackedQ8ScaleOffset = 2 * kPanelRows * kQuantBlock;  // 4 fp32 scales
constexpr int64_t kPackedQ8BlockBytes = kPackedQ8ScaleOffset + 32;      // scales padded to 32 bytes
using Q8PackedPanelFn = void (*)(const std::byte* packed, int rows, const QuantBlock* xq, int64_t ldxq, int tokens,
                                 int64_t blocks, float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep);

// Packs blocks [b0, b0 + blocks) of rows (<= kPanelRows) Q8_0 or Q4_0 rows, rowBytes
// apart, into out (blocks * kPackedQ8BlockBytes bytes). Q4_0 weights become
// nibble - 8 with the same scale, so both formats share the integer kernel.
using PackQ8Fn = void (*)(DType type, const std::byte* row0, int64_t rowBytes, int rows, int64_t b0, int64_t blocks,
                          std::byte* out);

// Decodes columns [col0, col0 + n) of a row to floats, exactly the values of
// decodeChunk() in block_decode.h. col0 is a multiple of 32 (of 256 for K-quants); n is
// a multiple of 32 or reaches the end of the row (plain types only).
using DecodeRangeFn = void (*)(const std::byte* row, int64_t col0, int64_t n, float* out);

// Quantizes cols values (a multiple of 32) into cols / 32 blocks.
using QuantizeFn = void (*)(const float* x, int64_t cols, QuantBlock* out);

// Batch family (matmulBatch, for products that are never decoded one token at a time:
// the vision tower, Whisper's encoder). Weights are packed per column block into panels
// of kBatchRows rows stored k-major (packBatch), and a register tile of kBatchTokens
// tokens x kBatchRows rows takes, per column, kBatchRows / 8 weight vectors and one
// broadcast activation: an outer product, which streams a quarter of the activation
// bytes per multiply-add that the float family's dot-product tiles do. Every output
// element is one accumulator, y = fma(w[k], x[k], y) for k = 0, 1, 2... in order (the
// portable set: a multiply, then an add), carried through y between column blocks, so
// its bits depend only on the ISA, never on tiles, column blocks, tokens or threads.
// They differ in the last bits from the float family's lane sums above.
constexpr int kBatchRows = 24;
constexpr int kBatchTokens = 4;
// wp: kc x kBatchRows floats, k-major, 32-byte aligned; x: tokens rows ldx apart, at the
// block's first column; y: y[t * ldy + i] for all i < kBatchRows. first: y starts from
// zero (it is not read), else the chain continues from y's values.
using F32BatchFn = void (*)(const float* wp, int64_t kc, const float* x, int64_t ldx, int tokens, float* y, int64_t ldy,
                            bool first);
// Packs columns [0, kc) of rows (<= kBatchRows) fp32 rows ws floats apart into wp,
// k-major (wp[k * kBatchRows + i] = w[i * ws + k]), rows past `rows` as zeros.
using PackBatchFn = void (*)(const float* w, int64_t ws, int rows, int64_t kc, float* wp);

struct GemmKernels {
    const char* isa;
    F32PanelFn f32Panel;
    F32RowsFn f32Rows;
    Q8RowsFn q8Rows;
    HalfRowsFn f16Rows, bf16Rows;
    Q8PackedPanelFn q8PackedPanel;
    PackQ8Fn packQ8;
    F32BatchFn f32Batch;
    PackBatchFn packBatch;
    DecodeRangeFn decode[7];  // [dtype]
    QuantizeFn quantize;

    // Q8_0 and Q4_0 multiply through the integer kernel (activations quantized once per
    // matmul call), every other dtype through the float kernel.
    static bool integerFamily(DType t) { return t == DType::Q8_0 || t == DType::Q4_0; }
};

const GemmKernels& portableGemmKernels();
// nullptr when the build has no AVX2 path or the CPU lacks AVX2/FMA/F16C.
const GemmKernels* avx2GemmKernels();
// nullptr when the build has no AVX-512 path or the CPU lacks AVX-512 F/BW/DQ/VL/VNNI.
// Same bits as the AVX2 set for every kernel (gemm_avx512.cpp).
const GemmKernels* avx512GemmKernels();
// The set of the process's instruction set (cpu_isa.h, MOTOR_CPU_ISA).
const GemmKernels& gemmKernels();

}  // namespace motor::gpu::cpu
