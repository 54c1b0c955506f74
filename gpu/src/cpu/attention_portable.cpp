// Portable attention kernels: the lane structure of the AVX2 set in plain loops, with a
// separate multiply and add (built with -ffp-contract=off, see gemm_portable.cpp).
#include <cmath>
#include <cstring>
#include <limits>

#include "cpu/attention_kernels.h"
#include "cpu/cpu_isa.h"

namespace motor::gpu::cpu {

namespace {

inline float pairTree(const float a[8]) {
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

void scoresPortable(const float* const* q, int rows, const float* const* k, int keys, int headDim, float* s,
                    int64_t ldS) {
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < keys; ++j) {
            float lanes[8] = {};
            for (int c = 0; c < headDim; c += 8)
                for (int l = 0; l < 8; ++l) {
                    const bool in = c + l < headDim;
                    lanes[l] = lanes[l] + (in ? q[r][c + l] : 0.0f) * (in ? k[j][c + l] : 0.0f);
                }
            s[r * ldS + j] = pairTree(lanes);
        }
}

void transposeKeysPortable(const float* const* k, int keys, int headDim, float* kt) {
    const int padded = (keys + 7) / 8 * 8;
    for (int c = 0; c < headDim; ++c)
        for (int j = 0; j < padded; ++j) kt[int64_t(c) * kKeyBlock + j] = j < keys ? k[j][c] : 0.0f;
}

void scoresChainPortable(const float* const* q, int rows, const float* kt, int keys, int headDim, float* s,
                         int64_t ldS) {
    const int padded = (keys + 7) / 8 * 8;
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < padded; ++j) {
            float a = 0.0f;
            for (int c = 0; c < headDim; ++c) a = a + q[r][c] * kt[int64_t(c) * kKeyBlock + j];
            s[r * ldS + j] = a;
        }
}

float softmaxBlockPortable(float* s, int vis, float scaleLog2e, float* m, float* l) {
    float mx = -std::numeric_limits<float>::infinity();
    for (int j = 0; j < vis; ++j) {
        s[j] = s[j] * scaleLog2e;
        mx = s[j] > mx ? s[j] : mx;
    }
    const float mNew = *m > mx ? *m : mx;
    const float a = exp2Portable(*m - mNew);
    float lanes[8] = {};
    for (int j = 0; j < kKeyBlock; ++j) {
        s[j] = j < vis ? exp2Portable(s[j] - mNew) : 0.0f;
        if (j < (vis + 7) / 8 * 8) lanes[j % 8] = lanes[j % 8] + s[j];
    }
    *l = *l * a + pairTree(lanes);
    *m = mNew;
    return a;
}

void accumulatePortable(float* o, int64_t ldO, int rows, const float* alpha, const float* p, int64_t ldP,
                        const float* const* v, int keys, int headDim) {
    for (int r = 0; r < rows; ++r) {
        float* orow = o + r * ldO;
        for (int c = 0; c < headDim; ++c) orow[c] = orow[c] * alpha[r];
        for (int j = 0; j < keys; ++j) {
            const float pj = p[r * ldP + j];
            for (int c = 0; c < headDim; ++c) orow[c] = orow[c] + pj * v[j][c];
        }
    }
}

}  // namespace

float exp2Portable(float x) {
    if (!(x >= -125.0f)) return 0.0f;  // also -inf and NaN
    x = x > 0.0f ? 0.0f : x;
    const float n = std::nearbyint(x);
    const float f = x - n;
    // 2^f on [-0.5, 0.5]: Taylor series of e^(f ln 2) to degree 6 (relative error < 2e-8).
    float p = 1.5403530393381606e-4f;
    p = p * f + 1.3333558146428443e-3f;
    p = p * f + 9.6181291076284772e-3f;
    p = p * f + 5.5504108664821580e-2f;
    p = p * f + 2.4022650695910071e-1f;
    p = p * f + 6.9314718055994531e-1f;
    p = p * f + 1.0f;
    uint32_t bits;
    std::memcpy(&bits, &p, 4);
    bits += uint32_t(int32_t(n)) << 23;
    std::memcpy(&p, &bits, 4);
    return p;
}

const AttentionKernels& portableAttentionKernels() {
    static const AttentionKernels k{"portable",          &scoresPortable,        &softmaxBlockPortable,
                                    &accumulatePortable, &transposeKeysPortable, nullptr,
                                    &scoresChainPortable};
    return k;
}

const AttentionKernels& attentionKernels() {
    static const AttentionKernels* chosen =
        cpuIsa() >= CpuIsa::Avx2 ? avx2AttentionKernels() : &portableAttentionKernels();
    return *chosen;
}

}  // namespace motor::gpu::cpu
