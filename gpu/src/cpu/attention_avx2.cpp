// AVX2/FMA attention kernels (arithmetic: flash_attention.h). Per-function target
// attributes, as in gemm_avx2.cpp.
#include "cpu/attention_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cmath>
#include <limits>

#include "cpu/cpu_isa.h"

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

template <int RQ>
MOTOR_AVX2 void accumulateRows(float* o, int64_t ldO, const float* alpha, const float* p, int64_t ldP,
                               const float* const* v, int keys, int headDim) {
    int c = 0;
    for (; c + 32 <= headDim; c += 32) accumulateTile<RQ, 4>(o, ldO, alpha, p, ldP, v, keys, c);
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
    static const AttentionKernels k{"avx2", &scoresAvx2, &softmaxBlockAvx2, &accumulateAvx2};
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
