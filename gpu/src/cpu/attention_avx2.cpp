// AVX2/FMA attention kernels (arithmetic: flash_attention.h). Per-function target
// attributes, as in gemm_avx2.cpp.
#include "cpu/attention_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cmath>
#include <limits>

#include "cpu/cpu_isa.h"
#include "cpu/transpose_avx2.h"

#define MOTOR_AVX2 __attribute__((target("avx2,fma,f16c")))

namespace motor::gpu::cpu {

namespace {

MOTOR_AVX2 inline __m256i tailMask(int n) {
    alignas(32) static const int32_t kMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMask + 8 - n));
}

// The eight lane sums of a[0..7], each ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)), in one
// vector.
MOTOR_AVX2 inline __m256 reduce8(const __m256 a[8]) {
    const __m256 t0 = _mm256_hadd_ps(a[0], a[1]), t1 = _mm256_hadd_ps(a[2], a[3]);
    const __m256 t2 = _mm256_hadd_ps(a[4], a[5]), t3 = _mm256_hadd_ps(a[6], a[7]);
    const __m256 u0 = _mm256_hadd_ps(t0, t1), u1 = _mm256_hadd_ps(t2, t3);
    return _mm256_add_ps(_mm256_permute2f128_ps(u0, u1, 0x20), _mm256_permute2f128_ps(u0, u1, 0x31));
}

// The same tree for one vector.
MOTOR_AVX2 inline float reduce1(__m256 v) {
    const __m256 z = _mm256_setzero_ps();
    const __m256 a[8] = {v, z, z, z, z, z, z, z};
    return _mm256_cvtss_f32(reduce8(a));
}

// RQ query rows x RK keys (RQ * RK <= 8), all head dims.
template <int RQ, int RK>
MOTOR_AVX2 void scoreTile(const float* const* q, const float* const* k, int headDim, float* s, int64_t ldS) {
    __m256 acc[8];
    for (int i = 0; i < 8; ++i) acc[i] = _mm256_setzero_ps();
    int c = 0;
    for (; c + 8 <= headDim; c += 8) {
        __m256 qv[RQ];
        for (int r = 0; r < RQ; ++r) qv[r] = _mm256_loadu_ps(q[r] + c);
        for (int j = 0; j < RK; ++j) {
            const __m256 kv = _mm256_loadu_ps(k[j] + c);
            for (int r = 0; r < RQ; ++r) acc[r * RK + j] = _mm256_fmadd_ps(qv[r], kv, acc[r * RK + j]);
        }
    }
    if (c < headDim) {
        const __m256i m = tailMask(headDim - c);
        __m256 qv[RQ];
        for (int r = 0; r < RQ; ++r) qv[r] = _mm256_maskload_ps(q[r] + c, m);
        for (int j = 0; j < RK; ++j) {
            const __m256 kv = _mm256_maskload_ps(k[j] + c, m);
            for (int r = 0; r < RQ; ++r) acc[r * RK + j] = _mm256_fmadd_ps(qv[r], kv, acc[r * RK + j]);
        }
    }
    alignas(32) float out[8];
    _mm256_store_ps(out, reduce8(acc));
    for (int r = 0; r < RQ; ++r)
        for (int j = 0; j < RK; ++j) s[r * ldS + j] = out[r * RK + j];
}

template <int RQ, int RK>
MOTOR_AVX2 void scoreTiles(const float* const* q, const float* const* k, int keys, int headDim, float* s, int64_t ldS) {
    int j = 0;
    for (; j + RK <= keys; j += RK) scoreTile<RQ, RK>(q, k + j, headDim, s + j, ldS);
    for (; j < keys; ++j) scoreTile<RQ, 1>(q, k + j, headDim, s + j, ldS);
}

MOTOR_AVX2 void scoresAvx2(const float* const* q, int rows, const float* const* k, int keys, int headDim, float* s,
                           int64_t ldS) {
    int r = 0;
    for (; r + 2 <= rows; r += 2) scoreTiles<2, 4>(q + r, k, keys, headDim, s + r * ldS, ldS);
    if (r < rows) scoreTiles<1, 8>(q + r, k, keys, headDim, s + r * ldS, ldS);
}

// Keys of a block transposed for scoresTransposedAvx2: kt[c * kKeyBlock + j] = k[j][c],
// eight keys by eight dims at a time (headDim a multiple of 8); keys past the last
// multiple of 8 are zeros.
MOTOR_AVX2 void transposeKeysAvx2(const float* const* k, int keys, int headDim, float* kt) {
    const int groups = (keys + 7) / 8;
    for (int g = 0; g < groups; ++g) {
        const int j0 = 8 * g;
        for (int c = 0; c < headDim; c += 8) {
            __m256 r[8];
            for (int i = 0; i < 8; ++i) r[i] = j0 + i < keys ? _mm256_loadu_ps(k[j0 + i] + c) : _mm256_setzero_ps();
            transpose8x8(r);
            float* o = kt + int64_t(c) * kKeyBlock + j0;
            for (int i = 0; i < 8; ++i) _mm256_storeu_ps(o + i * kKeyBlock, r[i]);
        }
    }
}

// RQ query rows x RG groups of 8 keys from transposed keys. P_l (l < 8) is lane l of
// scoreTile's accumulator for 8 keys at once: the fma chain over dims l, l+8, ... in
// order; the lanes meet in the same tree ((P0+P1)+(P2+P3))+((P4+P5)+(P6+P7)), so every
// score has scoreTile's bits. Lanes are computed two at a time (8 chains in flight).
template <int RQ, int RG>
MOTOR_AVX2 void scoreTileT(const float* const* q, const float* kt, int headDim, float* s, int64_t ldS) {
    __m256 lo[RQ][RG], hi[RQ][RG];
    for (int pair = 0; pair < 4; ++pair) {
        __m256 a[RQ][RG], b[RQ][RG];
        for (int r = 0; r < RQ; ++r)
            for (int g = 0; g < RG; ++g) a[r][g] = b[r][g] = _mm256_setzero_ps();
        for (int c = 2 * pair; c < headDim; c += 8) {
            __m256 k0[RG], k1[RG];
            for (int g = 0; g < RG; ++g) {
                k0[g] = _mm256_loadu_ps(kt + int64_t(c) * kKeyBlock + 8 * g);
                k1[g] = _mm256_loadu_ps(kt + int64_t(c + 1) * kKeyBlock + 8 * g);
            }
            for (int r = 0; r < RQ; ++r) {
                const __m256 q0 = _mm256_broadcast_ss(q[r] + c), q1 = _mm256_broadcast_ss(q[r] + c + 1);
                for (int g = 0; g < RG; ++g) {
                    a[r][g] = _mm256_fmadd_ps(q0, k0[g], a[r][g]);
                    b[r][g] = _mm256_fmadd_ps(q1, k1[g], b[r][g]);
                }
            }
        }
        for (int r = 0; r < RQ; ++r)
            for (int g = 0; g < RG; ++g) {
                const __m256 sum = _mm256_add_ps(a[r][g], b[r][g]);
                if (pair == 0) lo[r][g] = sum;
                if (pair == 1) lo[r][g] = _mm256_add_ps(lo[r][g], sum);
                if (pair == 2) hi[r][g] = sum;
                if (pair == 3) hi[r][g] = _mm256_add_ps(hi[r][g], sum);
            }
    }
    for (int r = 0; r < RQ; ++r)
        for (int g = 0; g < RG; ++g) _mm256_storeu_ps(s + r * ldS + 8 * g, _mm256_add_ps(lo[r][g], hi[r][g]));
}

// Writes scores up to the next multiple of 8 keys (zeros past keys; s has kKeyBlock
// columns, and softmaxBlock reads only the visible ones).
MOTOR_AVX2 void scoresTransposedAvx2(const float* const* q, int rows, const float* kt, int keys, int headDim, float* s,
                                     int64_t ldS) {
    const int groups = (keys + 7) / 8;
    int r = 0;
    for (; r + 2 <= rows; r += 2) {
        int g = 0;
        for (; g + 2 <= groups; g += 2) scoreTileT<2, 2>(q + r, kt + 8 * g, headDim, s + r * ldS + 8 * g, ldS);
        if (g < groups) scoreTileT<2, 1>(q + r, kt + 8 * g, headDim, s + r * ldS + 8 * g, ldS);
    }
    if (r < rows) {
        int g = 0;
        for (; g + 2 <= groups; g += 2) scoreTileT<1, 2>(q + r, kt + 8 * g, headDim, s + r * ldS + 8 * g, ldS);
        if (g < groups) scoreTileT<1, 1>(q + r, kt + 8 * g, headDim, s + r * ldS + 8 * g, ldS);
    }
}

// Chain scores (attention_kernels.h): RQ rows x RG groups of 8 keys, one accumulator per
// score and dim after dim; 4 x 3 fills the registers with three key vectors and a
// broadcast.
template <int RQ, int RG>
MOTOR_AVX2 void chainTile(const float* const* q, const float* kt, int headDim, float* s, int64_t ldS) {
    __m256 acc[RQ][RG];
#pragma GCC unroll 4
    for (int r = 0; r < RQ; ++r)
#pragma GCC unroll 4
        for (int g = 0; g < RG; ++g) acc[r][g] = _mm256_setzero_ps();
    for (int c = 0; c < headDim; ++c) {
        __m256 k[RG];
#pragma GCC unroll 4
        for (int g = 0; g < RG; ++g) k[g] = _mm256_loadu_ps(kt + int64_t(c) * kKeyBlock + 8 * g);
#pragma GCC unroll 4
        for (int r = 0; r < RQ; ++r) {
            const __m256 qc = _mm256_broadcast_ss(q[r] + c);
#pragma GCC unroll 4
            for (int g = 0; g < RG; ++g) acc[r][g] = _mm256_fmadd_ps(qc, k[g], acc[r][g]);
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < RQ; ++r)
#pragma GCC unroll 4
        for (int g = 0; g < RG; ++g) _mm256_storeu_ps(s + r * ldS + 8 * g, acc[r][g]);
}

template <int RQ>
MOTOR_AVX2 void chainRows(const float* const* q, const float* kt, int groups, int headDim, float* s, int64_t ldS) {
    int g = 0;
    for (; g + 3 <= groups; g += 3) chainTile<RQ, 3>(q, kt + 8 * g, headDim, s + 8 * g, ldS);
    if (groups - g == 2) chainTile<RQ, 2>(q, kt + 8 * g, headDim, s + 8 * g, ldS);
    if (groups - g == 1) chainTile<RQ, 1>(q, kt + 8 * g, headDim, s + 8 * g, ldS);
}

MOTOR_AVX2 void scoresChainAvx2(const float* const* q, int rows, const float* kt, int keys, int headDim, float* s,
                                int64_t ldS) {
    const int groups = (keys + 7) / 8;
    int r = 0;
    for (; r + 4 <= rows; r += 4) chainRows<4>(q + r, kt, groups, headDim, s + r * ldS, ldS);
    if (rows - r == 3) chainRows<3>(q + r, kt, groups, headDim, s + r * ldS, ldS);
    if (rows - r == 2) chainRows<2>(q + r, kt, groups, headDim, s + r * ldS, ldS);
    if (rows - r == 1) chainRows<1>(q + r, kt, groups, headDim, s + r * ldS, ldS);
}

// 2^x for x <= 0, lane-wise (exp2Portable's polynomial with fused multiply-adds):
// exactly 0 below -125 (and for -inf), exactly 1 at 0.
MOTOR_AVX2 inline __m256 exp2Avx2(__m256 x) {
    const __m256 valid = _mm256_cmp_ps(x, _mm256_set1_ps(-125.0f), _CMP_GE_OQ);
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-125.0f)), _mm256_setzero_ps());
    const __m256 n = _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    const __m256 f = _mm256_sub_ps(x, n);
    __m256 p = _mm256_set1_ps(1.5403530393381606e-4f);
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.3333558146428443e-3f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(9.6181291076284772e-3f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(5.5504108664821580e-2f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(2.4022650695910071e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(6.9314718055994531e-1f));
    p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.0f));
    const __m256i e = _mm256_slli_epi32(_mm256_cvtps_epi32(n), 23);
    return _mm256_and_ps(_mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p), e)), valid);
}

MOTOR_AVX2 float softmaxBlockAvx2(float* s, int vis, float scaleLog2e, float* m, float* l) {
    const int nv = (vis + 7) / 8;
    const __m256 scale = _mm256_set1_ps(scaleLog2e);
    const __m256 negInf = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
    __m256 x[kKeyBlock / 8];
    __m256 mx = negInf;
    for (int i = 0; i < nv; ++i) {
        x[i] = _mm256_mul_ps(_mm256_loadu_ps(s + 8 * i), scale);
        if (8 * i + 8 > vis) x[i] = _mm256_blendv_ps(negInf, x[i], _mm256_castsi256_ps(tailMask(vis - 8 * i)));
        mx = _mm256_max_ps(mx, x[i]);
    }
    __m128 h = _mm_max_ps(_mm256_castps256_ps128(mx), _mm256_extractf128_ps(mx, 1));
    h = _mm_max_ps(h, _mm_movehl_ps(h, h));
    h = _mm_max_ss(h, _mm_shuffle_ps(h, h, 1));
    const float blockMax = _mm_cvtss_f32(h);
    const float mNew = *m > blockMax ? *m : blockMax;
    const float a = _mm256_cvtss_f32(exp2Avx2(_mm256_set1_ps(*m - mNew)));
    const __m256 mv = _mm256_set1_ps(mNew);
    __m256 sum = _mm256_setzero_ps();
    for (int i = 0; i < nv; ++i) {
        const __m256 p = exp2Avx2(_mm256_sub_ps(x[i], mv));
        sum = _mm256_add_ps(sum, p);
        _mm256_storeu_ps(s + 8 * i, p);
    }
    for (int i = nv; i < kKeyBlock / 8; ++i) _mm256_storeu_ps(s + 8 * i, _mm256_setzero_ps());
    *l = *l * a + reduce1(sum);
    *m = mNew;
    return a;
}

// RQ rows x 4 vectors (32 dims) of o per pass over the keys.
template <int RQ, int NV>
MOTOR_AVX2 void accumulateTile(float* o, int64_t ldO, const float* alpha, const float* p, int64_t ldP,
                               const float* const* v, int keys, int c0) {
    __m256 acc[RQ][NV];
    for (int r = 0; r < RQ; ++r) {
        const __m256 a = _mm256_set1_ps(alpha[r]);
        for (int i = 0; i < NV; ++i) acc[r][i] = _mm256_mul_ps(_mm256_loadu_ps(o + r * ldO + c0 + 8 * i), a);
    }
    for (int j = 0; j < keys; ++j) {
        __m256 vv[NV];
        for (int i = 0; i < NV; ++i) vv[i] = _mm256_loadu_ps(v[j] + c0 + 8 * i);
        for (int r = 0; r < RQ; ++r) {
            const __m256 pj = _mm256_broadcast_ss(p + r * ldP + j);
            for (int i = 0; i < NV; ++i) acc[r][i] = _mm256_fmadd_ps(pj, vv[i], acc[r][i]);
        }
    }
    for (int r = 0; r < RQ; ++r)
        for (int i = 0; i < NV; ++i) _mm256_storeu_ps(o + r * ldO + c0 + 8 * i, acc[r][i]);
}

// The 2 x 4 case with named accumulators: GCC kept the array version's accumulators on
// the stack (a store per fma), which made this the slowest part of the vision tower's
// attention. Same operations in the same order as accumulateTile<2, 4>.
MOTOR_AVX2 void accumulateTile2x4(float* o, int64_t ldO, const float* alpha, const float* p, int64_t ldP,
                                  const float* const* v, int keys, int c0) {
    const __m256 a0 = _mm256_set1_ps(alpha[0]), a1 = _mm256_set1_ps(alpha[1]);
    float* o0 = o + c0;
    float* o1 = o + ldO + c0;
    __m256 c00 = _mm256_mul_ps(_mm256_loadu_ps(o0), a0), c01 = _mm256_mul_ps(_mm256_loadu_ps(o0 + 8), a0);
    __m256 c02 = _mm256_mul_ps(_mm256_loadu_ps(o0 + 16), a0), c03 = _mm256_mul_ps(_mm256_loadu_ps(o0 + 24), a0);
    __m256 c10 = _mm256_mul_ps(_mm256_loadu_ps(o1), a1), c11 = _mm256_mul_ps(_mm256_loadu_ps(o1 + 8), a1);
    __m256 c12 = _mm256_mul_ps(_mm256_loadu_ps(o1 + 16), a1), c13 = _mm256_mul_ps(_mm256_loadu_ps(o1 + 24), a1);
    const float* p1 = p + ldP;
    for (int j = 0; j < keys; ++j) {
        const float* vj = v[j] + c0;
        const __m256 v0 = _mm256_loadu_ps(vj), v1 = _mm256_loadu_ps(vj + 8);
        const __m256 v2 = _mm256_loadu_ps(vj + 16), v3 = _mm256_loadu_ps(vj + 24);
        const __m256 q0 = _mm256_broadcast_ss(p + j), q1 = _mm256_broadcast_ss(p1 + j);
        c00 = _mm256_fmadd_ps(q0, v0, c00);
        c01 = _mm256_fmadd_ps(q0, v1, c01);
        c02 = _mm256_fmadd_ps(q0, v2, c02);
        c03 = _mm256_fmadd_ps(q0, v3, c03);
        c10 = _mm256_fmadd_ps(q1, v0, c10);
        c11 = _mm256_fmadd_ps(q1, v1, c11);
        c12 = _mm256_fmadd_ps(q1, v2, c12);
        c13 = _mm256_fmadd_ps(q1, v3, c13);
    }
    _mm256_storeu_ps(o0, c00);
    _mm256_storeu_ps(o0 + 8, c01);
    _mm256_storeu_ps(o0 + 16, c02);
    _mm256_storeu_ps(o0 + 24, c03);
    _mm256_storeu_ps(o1, c10);
    _mm256_storeu_ps(o1 + 8, c11);
    _mm256_storeu_ps(o1 + 16, c12);
    _mm256_storeu_ps(o1 + 24, c13);
}

template <int RQ>
MOTOR_AVX2 void accumulateRows(float* o, int64_t ldO, const float* alpha, const float* p, int64_t ldP,
                               const float* const* v, int keys, int headDim) {
    int c = 0;
    for (; c + 32 <= headDim; c += 32) {
        if constexpr (RQ == 2)
            accumulateTile2x4(o, ldO, alpha, p, ldP, v, keys, c);
        else
            accumulateTile<RQ, 4>(o, ldO, alpha, p, ldP, v, keys, c);
    }
    for (; c + 8 <= headDim; c += 8) accumulateTile<RQ, 1>(o, ldO, alpha, p, ldP, v, keys, c);
    // Dims past the last multiple of 8, one at a time (a fixed path per dim).
    for (; c < headDim; ++c)
        for (int r = 0; r < RQ; ++r) {
            float acc = o[r * ldO + c] * alpha[r];
            for (int j = 0; j < keys; ++j) acc = std::fma(p[r * ldP + j], v[j][c], acc);
            o[r * ldO + c] = acc;
        }
}

MOTOR_AVX2 void accumulateAvx2(float* o, int64_t ldO, int rows, const float* alpha, const float* p, int64_t ldP,
                               const float* const* v, int keys, int headDim) {
    int r = 0;
    for (; r + 2 <= rows; r += 2) accumulateRows<2>(o + r * ldO, ldO, alpha + r, p + r * ldP, ldP, v, keys, headDim);
    if (r < rows) accumulateRows<1>(o + r * ldO, ldO, alpha + r, p + r * ldP, ldP, v, keys, headDim);
}

}  // namespace

const AttentionKernels* avx2AttentionKernels() {
    static const AttentionKernels k{"avx2",          &scoresAvx2,        &softmaxBlockAvx2,
                                    &accumulateAvx2, &transposeKeysAvx2, &scoresTransposedAvx2,
                                    &scoresChainAvx2};
    static const bool supported = cpuSupports(CpuIsa::Avx2);
    return supported ? &k : nullptr;
}

}  // namespace motor::gpu::cpu

#else

namespace motor::gpu::cpu {
const AttentionKernels* avx2AttentionKernels() {
    return nullptr;
}
}  // namespace motor::gpu::cpu

#endif
