// AVX2/FMA/F16C row-dot kernels. Compiled with per-function target attributes (not a
// file-wide -mavx2) so no inline function of a shared header is ever emitted with AVX2
// encodings; chosen at run time by rowDotKernels() after __builtin_cpu_supports.
#include "cpu/row_dot.h"

#include "cpu/block_decode.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cstring>

#define MOTOR_AVX2 __attribute__((target("avx2,fma,f16c")))

namespace motor::gpu::cpu {

namespace {

constexpr int kChunkElems = 32;

MOTOR_AVX2 inline float halfAt(const std::byte* p) {
    uint16_t h;
    std::memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

MOTOR_AVX2 inline __m256 i8ToPs(__m128i v8) { return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v8)); }
MOTOR_AVX2 inline __m256 u8ToPs(__m128i v8) { return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(v8)); }

// Each decoder fills w[0..3] with weights 32c .. 32c+31 of the row, bit-identical to
// decodeChunk() in block_decode.h.
struct DecF32 {
    static constexpr int64_t kBlockBytes = 4;
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const auto* p = reinterpret_cast<const float*>(row) + c * kChunkElems;
        for (int j = 0; j < 4; ++j) w[j] = _mm256_loadu_ps(p + 8 * j);
    }
};

struct DecF16 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const auto* p = reinterpret_cast<const __m128i*>(row + c * kChunkElems * 2);
        for (int j = 0; j < 4; ++j) w[j] = _mm256_cvtph_ps(_mm_loadu_si128(p + j));
    }
};

struct DecBF16 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const auto* p = reinterpret_cast<const __m128i*>(row + c * kChunkElems * 2);
        for (int j = 0; j < 4; ++j)
            w[j] = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128(p + j)), 16));
    }
};

struct DecQ8_0 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const std::byte* blk = row + c * kQ8_0Bytes;
        const __m256 d = _mm256_set1_ps(halfAt(blk));
        for (int j = 0; j < 4; ++j)
            w[j] = _mm256_mul_ps(i8ToPs(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(blk + 2 + 8 * j))), d);
    }
};

struct DecQ4_0 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const std::byte* blk = row + c * kQ4_0Bytes;
        const __m256 d = _mm256_set1_ps(halfAt(blk));
        const __m128i q = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blk + 2));
        const __m128i mask = _mm_set1_epi8(0x0F);
        const __m128i eight = _mm_set1_epi8(8);
        const __m128i lo = _mm_sub_epi8(_mm_and_si128(q, mask), eight);
        const __m128i hi = _mm_sub_epi8(_mm_and_si128(_mm_srli_epi16(q, 4), mask), eight);
        w[0] = _mm256_mul_ps(i8ToPs(lo), d);
        w[1] = _mm256_mul_ps(i8ToPs(_mm_srli_si128(lo, 8)), d);
        w[2] = _mm256_mul_ps(i8ToPs(hi), d);
        w[3] = _mm256_mul_ps(i8ToPs(_mm_srli_si128(hi, 8)), d);
    }
};

struct DecQ4_K {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const int64_t sb = c / 8;
        const int s = int(c % 8);
        const std::byte* blk = row + sb * kQ4_KBytes;
        uint8_t sc, m;
        q4kScaleMin(s, reinterpret_cast<const uint8_t*>(blk + 4), sc, m);
        const __m256 d1 = _mm256_set1_ps(halfAt(blk) * float(sc));
        const __m256 m1 = _mm256_set1_ps(halfAt(blk + 2) * float(m));
        const auto* q = reinterpret_cast<const __m128i*>(blk + 16 + 32 * (s / 2));
        __m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1);
        if (s & 1) {
            a = _mm_srli_epi16(a, 4);
            b = _mm_srli_epi16(b, 4);
        }
        const __m128i mask = _mm_set1_epi8(0x0F);
        a = _mm_and_si128(a, mask);
        b = _mm_and_si128(b, mask);
        w[0] = _mm256_sub_ps(_mm256_mul_ps(d1, u8ToPs(a)), m1);
        w[1] = _mm256_sub_ps(_mm256_mul_ps(d1, u8ToPs(_mm_srli_si128(a, 8))), m1);
        w[2] = _mm256_sub_ps(_mm256_mul_ps(d1, u8ToPs(b)), m1);
        w[3] = _mm256_sub_ps(_mm256_mul_ps(d1, u8ToPs(_mm_srli_si128(b, 8))), m1);
    }
};

struct DecQ6_K {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const int64_t sb = c / 8;
        const int s = int(c % 8);
        const std::byte* blk = row + sb * kQ6_KBytes;
        const float d = halfAt(blk + 208);
        const int n = s / 4, k = s % 4;
        const std::byte* ql = blk + 64 * n + ((k & 1) ? 32 : 0);
        const std::byte* qh = blk + 128 + 32 * n;
        const auto* sc = reinterpret_cast<const int8_t*>(blk + 192 + 8 * n + 2 * k);
        const __m128i mask4 = _mm_set1_epi8(0x0F);
        const __m128i mask2 = _mm_set1_epi8(0x03);
        const __m128i shQl = _mm_cvtsi32_si128(k >= 2 ? 4 : 0);
        const __m128i shQh = _mm_cvtsi32_si128(2 * k);
        const __m128i thirtyTwo = _mm_set1_epi8(32);
        __m128i q[2];
        for (int h = 0; h < 2; ++h) {
            const __m128i l = _mm_and_si128(_mm_srl_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(ql) + h), shQl), mask4);
            const __m128i hb = _mm_and_si128(_mm_srl_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(qh) + h), shQh), mask2);
            q[h] = _mm_sub_epi8(_mm_or_si128(l, _mm_slli_epi16(hb, 4)), thirtyTwo);
        }
        const __m256 s0 = _mm256_set1_ps(d * float(sc[0]));
        const __m256 s1 = _mm256_set1_ps(d * float(sc[1]));
        w[0] = _mm256_mul_ps(s0, i8ToPs(q[0]));
        w[1] = _mm256_mul_ps(s0, i8ToPs(_mm_srli_si128(q[0], 8)));
        w[2] = _mm256_mul_ps(s1, i8ToPs(q[1]));
        w[3] = _mm256_mul_ps(s1, i8ToPs(_mm_srli_si128(q[1], 8)));
    }
};

MOTOR_AVX2 inline float hsum(__m256 v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 s2 = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
}

MOTOR_AVX2 inline float tailWeight(DType t, const std::byte* row, int64_t i) {
    if (t == DType::F32) {
        float f;
        std::memcpy(&f, row + 4 * i, 4);
        return f;
    }
    uint16_t h;
    std::memcpy(&h, row + 2 * i, 2);
    if (t == DType::F16) return _cvtsh_ss(h);
    const uint32_t bits = uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

template <class Dec, DType T, int N>
MOTOR_AVX2 void dotAvx2(const std::byte* row, int64_t cols, const float* const* xs, float* out) {
    // Per token and chunk: two partial products (p, q) then one add into the
    // accumulator. The loop-carried chain is a single add per 32 weights, so a lone
    // token (decode) is not latency bound, and one accumulator per token leaves
    // registers for 4 tokens (prefill) without spilling.
    __m256 acc[N];
    for (int t = 0; t < N; ++t) acc[t] = _mm256_setzero_ps();
    const int64_t chunks = cols / kChunkElems;
    __m256 w[4];
    for (int64_t c = 0; c < chunks; ++c) {
        Dec::chunk(row, c, w);
        for (int t = 0; t < N; ++t) {
            const float* x = xs[t] + c * kChunkElems;
            __m256 p = _mm256_mul_ps(w[0], _mm256_loadu_ps(x));
            p = _mm256_fmadd_ps(w[1], _mm256_loadu_ps(x + 8), p);
            __m256 q = _mm256_mul_ps(w[2], _mm256_loadu_ps(x + 16));
            q = _mm256_fmadd_ps(w[3], _mm256_loadu_ps(x + 24), q);
            acc[t] = _mm256_add_ps(acc[t], _mm256_add_ps(p, q));
        }
    }
    for (int t = 0; t < N; ++t) {
        float s = hsum(acc[t]);
        if constexpr (T == DType::F32 || T == DType::F16 || T == DType::BF16) {
            float tail = 0.0f;
            for (int64_t i = chunks * kChunkElems; i < cols; ++i) tail += tailWeight(T, row, i) * xs[t][i];
            s += tail;
        }
        out[t] = s;
    }
}

template <class Dec, DType T>
MOTOR_AVX2 void decodeAvx2(const std::byte* row, int64_t cols, float* out) {
    const int64_t chunks = cols / kChunkElems;
    __m256 w[4];
    for (int64_t c = 0; c < chunks; ++c) {
        Dec::chunk(row, c, w);
        for (int j = 0; j < 4; ++j) _mm256_storeu_ps(out + c * kChunkElems + 8 * j, w[j]);
    }
    if constexpr (T == DType::F32 || T == DType::F16 || T == DType::BF16)
        for (int64_t i = chunks * kChunkElems; i < cols; ++i) out[i] = tailWeight(T, row, i);
}

// Quantizes activations exactly as quantizePortable does (same max, same scale, same
// round-to-nearest-even), eight lanes at a time.
MOTOR_AVX2 void quantizeAvx2(const float* x, int64_t cols, QuantBlock* out) {
    const __m256 signBit = _mm256_set1_ps(-0.0f);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (int64_t b = 0; b < cols / kQuantBlock; ++b) {
        __m256 v[4];
        for (int j = 0; j < 4; ++j) v[j] = _mm256_loadu_ps(x + b * kQuantBlock + 8 * j);
        const __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(signBit, v[0]), _mm256_andnot_ps(signBit, v[1])),
                                       _mm256_max_ps(_mm256_andnot_ps(signBit, v[2]), _mm256_andnot_ps(signBit, v[3])));
        __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        h = _mm_max_ps(h, _mm_movehl_ps(h, h));
        h = _mm_max_ss(h, _mm_shuffle_ps(h, h, 1));
        const float d = _mm_cvtss_f32(h) / 127.0f;
        const __m256 id = _mm256_set1_ps(d > 0.0f ? 1.0f / d : 0.0f);
        __m256i i32[4];
        for (int j = 0; j < 4; ++j)
            i32[j] = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v[j], id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
        // packs interleave 128-bit lanes: bytes come out as 4-value groups in the order
        // 0,2,4,6,1,3,5,7 of the eight groups; the permute puts them back in place.
        const __m256i i16a = _mm256_packs_epi32(i32[0], i32[1]);
        const __m256i i16b = _mm256_packs_epi32(i32[2], i32[3]);
        __m256i q = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(i16a, i16b), order);
        q = _mm256_max_epi8(q, _mm256_set1_epi8(-127));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out[b].q), q);
        out[b].d = d;
    }
}

// Integer weights of block b as 32 signed bytes, and the block's scale.
struct IntQ8_0 {
    MOTOR_AVX2 static inline __m256i block(const std::byte* row, int64_t b, float& d) {
        const std::byte* blk = row + b * kQ8_0Bytes;
        d = halfAt(blk);
        return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(blk + 2));
    }
};

struct IntQ4_0 {
    MOTOR_AVX2 static inline __m256i block(const std::byte* row, int64_t b, float& d) {
        const std::byte* blk = row + b * kQ4_0Bytes;
        d = halfAt(blk);
        const __m128i q = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blk + 2));
        const __m128i mask = _mm_set1_epi8(0x0F);
        const __m256i nibbles = _mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(q, 4), mask), _mm_and_si128(q, mask));
        return _mm256_sub_epi8(nibbles, _mm256_set1_epi8(8));
    }
};

// Eight int32 partial sums of w . x over one block: |w| as unsigned bytes times x with
// w's sign (maddubs; |w| <= 128 and |x| <= 127, so pair sums stay below 2^15), then
// pairs of int16 summed to int32.
MOTOR_AVX2 inline __m256 blockProduct(__m256i absW, __m256i w, const int8_t* xq) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq));
    const __m256i p16 = _mm256_maddubs_epi16(absW, _mm256_sign_epi8(x, w));
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, _mm256_set1_epi16(1)));
}

template <class Dec, int N>
MOTOR_AVX2 inline void quantDotRow(const std::byte* row, int64_t cols, const QuantBlock* const* xs, float* y, int64_t ldy) {
    // Two blocks per step, combined before the single add into each token's
    // accumulator (the same structure as dotAvx2), identical for every N.
    __m256 acc[N];
    for (int t = 0; t < N; ++t) acc[t] = _mm256_setzero_ps();
    const int64_t blocks = cols / kQuantBlock;
    int64_t b = 0;
    for (; b + 2 <= blocks; b += 2) {
        float d0, d1;
        const __m256i w0 = Dec::block(row, b, d0);
        const __m256i w1 = Dec::block(row, b + 1, d1);
        const __m256i a0 = _mm256_sign_epi8(w0, w0);
        const __m256i a1 = _mm256_sign_epi8(w1, w1);
        const __m256 dw0 = _mm256_set1_ps(d0), dw1 = _mm256_set1_ps(d1);
        for (int t = 0; t < N; ++t) {
            const QuantBlock* x = xs[t] + b;
            const __m256 p = _mm256_mul_ps(blockProduct(a0, w0, x[0].q), _mm256_mul_ps(dw0, _mm256_broadcast_ss(&x[0].d)));
            const __m256 q = _mm256_fmadd_ps(blockProduct(a1, w1, x[1].q), _mm256_mul_ps(dw1, _mm256_broadcast_ss(&x[1].d)), p);
            acc[t] = _mm256_add_ps(acc[t], q);
        }
    }
    if (b < blocks) {
        float d0;
        const __m256i w0 = Dec::block(row, b, d0);
        const __m256i a0 = _mm256_sign_epi8(w0, w0);
        const __m256 dw0 = _mm256_set1_ps(d0);
        for (int t = 0; t < N; ++t) {
            const QuantBlock* x = xs[t] + b;
            acc[t] = _mm256_add_ps(acc[t], _mm256_mul_ps(blockProduct(a0, w0, x[0].q), _mm256_mul_ps(dw0, _mm256_broadcast_ss(&x[0].d))));
        }
    }
    for (int t = 0; t < N; ++t) y[t * ldy] = hsum(acc[t]);
}

template <class Dec, int N>
MOTOR_AVX2 void quantDotAvx2(const std::byte* rows, int64_t rowBytes, int64_t nrows, int64_t cols,
                             const QuantBlock* const* xs, float* y, int64_t ldy) {
    for (int64_t r = 0; r < nrows; ++r) quantDotRow<Dec, N>(rows + r * rowBytes, cols, xs, y + r, ldy);
}

template <class Dec, DType T>
void fillQuant(RowDotKernels& k) {
    k.qfn[int(T)][0] = &quantDotAvx2<Dec, 1>;
    k.qfn[int(T)][1] = &quantDotAvx2<Dec, 2>;
    k.qfn[int(T)][2] = &quantDotAvx2<Dec, 3>;
    k.qfn[int(T)][3] = &quantDotAvx2<Dec, 4>;
}

template <class Dec, DType T>
void fill(RowDotKernels& k) {
    k.decode[int(T)] = &decodeAvx2<Dec, T>;
    k.fn[int(T)][0] = &dotAvx2<Dec, T, 1>;
    k.fn[int(T)][1] = &dotAvx2<Dec, T, 2>;
    k.fn[int(T)][2] = &dotAvx2<Dec, T, 3>;
    k.fn[int(T)][3] = &dotAvx2<Dec, T, 4>;
}

RowDotKernels makeAvx2() {
    RowDotKernels k{};
    k.isa = "avx2";
    fill<DecF32, DType::F32>(k);
    fill<DecF16, DType::F16>(k);
    fill<DecBF16, DType::BF16>(k);
    fill<DecQ8_0, DType::Q8_0>(k);
    fill<DecQ4_0, DType::Q4_0>(k);
    fill<DecQ4_K, DType::Q4_K>(k);
    fill<DecQ6_K, DType::Q6_K>(k);
    k.quantize = &quantizeAvx2;
    fillQuant<IntQ8_0, DType::Q8_0>(k);
    fillQuant<IntQ4_0, DType::Q4_0>(k);
    return k;
}

}  // namespace

const RowDotKernels* avx2RowDotKernels() {
    static const RowDotKernels k = makeAvx2();
    return &k;
}

}  // namespace motor::gpu::cpu

#else

namespace motor::gpu::cpu {
const RowDotKernels* avx2RowDotKernels() { return nullptr; }
}  // namespace motor::gpu::cpu

#endif
