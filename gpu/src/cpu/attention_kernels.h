#pragma once
// Per-ISA inner kernels of flashAttention (flash_attention.h documents the arithmetic
// every set follows; the AVX2 set fuses multiply-adds, the portable one does not).
#include <cstdint>

namespace motor::gpu::cpu {

constexpr int kKeyBlock = 64;  // keys per online-softmax block; part of the arithmetic

struct AttentionKernels {
    const char* isa;
    // s[r * ldS + j] = q[r] . k[j] (unscaled) for r < rows, j < keys (<= kKeyBlock).
    void (*scores)(const float* const* q, int rows, const float* const* k, int keys, int headDim, float* s,
                   int64_t ldS);
    // One row's update for a block with vis (1..kKeyBlock) visible scores in s: scales
    // them by scaleLog2e, updates the running max *m and sum *l, overwrites s[0..64)
    // with p (zeros past vis) and returns the factor a for the row's output.
    float (*softmaxBlock)(float* s, int vis, float scaleLog2e, float* m, float* l);
    // o[r] = o[r] * alpha[r] + sum_{j < keys} p[r * ldP + j] * v[j], for r < rows.
    void (*accumulate)(float* o, int64_t ldO, int rows, const float* alpha, const float* p, int64_t ldP,
                       const float* const* v, int keys, int headDim);
    // Optional (nullptr in sets without them; headDim a multiple of 8): the same scores
    // from a key block transposed once, kt[c * kKeyBlock + j] = k[j][c] (keys padded with
    // zeros to a multiple of 8), so a score vector covers 8 keys instead of 8 dims and
    // no horizontal sums are needed. The arithmetic is the one of scores(): lane l of
    // the dims is the same fma chain, and the lanes meet in the same pair tree, so the
    // bits are identical; worth it when many query rows reuse the transposed block.
    void (*transposeKeys)(const float* const* k, int keys, int headDim, float* kt);
    void (*scoresTransposed)(const float* const* q, int rows, const float* kt, int keys, int headDim, float* s,
                             int64_t ldS);
    // The scores of FlashAttentionShape::chainScores (the vision tower), from the same
    // transposed block: s[r * ldS + j] = one fma chain over dims 0, 1, 2... in order (the
    // portable set: a multiply, then an add). Cheaper than the 8-lane scores (a register
    // tile of 4 rows x 24 keys needs no lane pairs), but not their bits. Every set has it
    // and transposeKeys; headDim a multiple of 8.
    void (*scoresChain)(const float* const* q, int rows, const float* kt, int keys, int headDim, float* s, int64_t ldS);
};

const AttentionKernels& portableAttentionKernels();
const AttentionKernels* avx2AttentionKernels();  // nullptr without AVX2
const AttentionKernels& attentionKernels();      // the process's ISA (cpu_isa.h)

// 2^x for x <= 0 as every set computes it: exactly 0 below -125, exactly 1 at 0.
float exp2Portable(float x);

}  // namespace motor::gpu::cpu
