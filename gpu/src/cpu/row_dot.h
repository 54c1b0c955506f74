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

// out[t] = sum_i w[i] * xs[t][i] for t < N (N fixed by the table slot).
using RowDotFn = void (*)(const std::byte* row, int64_t cols, const float* const* xs, float* out);

// Decodes a whole row to floats with exactly the values the dot kernels of the same
// set use, so dot(F32 kernel, decoded row) == dot(dtype kernel, row) bit for bit.
using DecodeRowFn = void (*)(const std::byte* row, int64_t cols, float* out);

struct RowDotKernels {
    const char* isa;
    RowDotFn fn[7][kMaxDotTokens];  // [dtype][tokens - 1]
    DecodeRowFn decode[7];

    RowDotFn get(DType t, int tokens) const { return fn[int(t)][tokens - 1]; }
};

const RowDotKernels& portableRowDotKernels();
// nullptr when the build has no AVX2 path.
const RowDotKernels* avx2RowDotKernels();
// AVX2+FMA+F16C when the CPU has them (checked once at run time), else portable.
// MOTOR_CPU_ISA=portable forces the fallback.
const RowDotKernels& rowDotKernels();

}  // namespace motor::gpu::cpu
