#pragma once
// Dot products of one weight row (any supported dtype, decoded 32 weights at a time)
// with up to kMaxDotTokens activation vectors at once, so batched prefill reads each
// weight chunk once for several tokens.
//
// Determinism contract: the result for a token does not depend on how many tokens
// share the call (each token has its own accumulators, updated in the same order).
// This is what makes fork/prefill/decodeBatch bit-identical to sequential decoding.
#include <cstddef>
#include <cstdint>

#include "motor/gpu/tensor.h"

namespace motor::gpu::cpu {

// Four tokens' accumulators and temporaries fit the 16 AVX2 registers.
constexpr int kMaxDotTokens = 4;

// Activations quantized for integer dot products: one block per 32 values,
// x[i] ~= d * q[i] with d = max|x| / 127 and q = round-to-nearest-even(x / d). Weights
// whose blocks are 32 wide with one scale (Q8_0, Q4_0) are dotted against these with
// int8 x int8 -> int32 products, one float multiply-add per block: decode of those
// formats stops being bound by int8 -> float conversions and approaches the memory
// bound. The error this adds (half a step of max|x|/127 per value) is what llama.cpp's
// Q8_0 activations add; tests bound it against the float reference.
constexpr int kQuantBlock = 32;
struct QuantBlock {
    float d;
    int8_t q[kQuantBlock];
};
static_assert(sizeof(QuantBlock) == 36);

// out[t] = sum_i w[i] * xs[t][i] for t < N (N fixed by the table slot).
using RowDotFn = void (*)(const std::byte* row, int64_t cols, const float* const* xs, float* out);

// Decodes a whole row to floats with exactly the values the dot kernels of the same
// set use, so dot(F32 kernel, decoded row) == dot(dtype kernel, row) bit for bit.
using DecodeRowFn = void (*)(const std::byte* row, int64_t cols, float* out);

// For rows r < nrows starting at rows (rowBytes apart): y[t * ldy + r] =
// sum_b w_block_b(r) . xs[t][b], cols / 32 blocks (cols a multiple of 32). A run of rows
// per call, since one row of a decode step is well under a microsecond of work.
using QuantRowDotFn = void (*)(const std::byte* rows, int64_t rowBytes, int64_t nrows, int64_t cols,
                               const QuantBlock* const* xs, float* y, int64_t ldy);

// Quantizes cols values (a multiple of 32) into cols / 32 blocks.
using QuantizeFn = void (*)(const float* x, int64_t cols, QuantBlock* out);

struct RowDotKernels {
    const char* isa;
    RowDotFn fn[7][kMaxDotTokens];  // [dtype][tokens - 1]
    DecodeRowFn decode[7];
    // Integer kernels for the dtypes that have them (nullptr elsewhere). When a dtype
    // has one, every product with it goes through it, single token or batch, so the
    // determinism contract holds across prefill, fork and decodeBatch.
    QuantRowDotFn qfn[7][kMaxDotTokens];
    QuantizeFn quantize;

    RowDotFn get(DType t, int tokens) const { return fn[int(t)][tokens - 1]; }
    QuantRowDotFn getQuant(DType t, int tokens) const { return qfn[int(t)][tokens - 1]; }
    bool quantizesActivations(DType t) const { return qfn[int(t)][0] != nullptr; }
};

const RowDotKernels& portableRowDotKernels();
// nullptr when the build has no AVX2 path.
const RowDotKernels* avx2RowDotKernels();
// AVX2+FMA+F16C when the CPU has them (checked once at run time), else portable.
// MOTOR_CPU_ISA=portable forces the fallback.
const RowDotKernels& rowDotKernels();

}  // namespace motor::gpu::cpu
