// AVX2/FMA/F16C panel kernels (see gemm_kernels.h for the arithmetic they share).
// Compiled with per-function target attributes, not a file-wide -mavx2, so no inline
// function of a shared header is ever emitted with AVX2 encodings; chosen at run time
// by gemmKernels() after __builtin_cpu_supports.
//
// Register tiles are tinyBLAS-style dot products (llamafile's sgemm): weights and
// activations both have the columns contiguous, every output element owns one ymm of 8
// lane sums, and the horizontal sum happens once at the end. This keeps one element's
// arithmetic independent of the tile shape, which is what lets decode share it.
#include "cpu/gemm_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include <cstring>

#include "cpu/block_decode.h"
#include "cpu/cpu_isa.h"
#include "cpu/transpose_avx2.h"

#define MOTOR_AVX2 __attribute__((target("avx2,fma,f16c")))

namespace motor::gpu::cpu {

namespace {

MOTOR_AVX2 inline float halfAt(const std::byte* p) {
    uint16_t h;
    std::memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

MOTOR_AVX2 inline float hsum8(__m256 v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 s2 = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
}

// Lane mask for the first n (< 8) floats.
MOTOR_AVX2 inline __m256i tailMask(int64_t n) {
    alignas(32) static const int32_t kMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMask + 8 - n));
}

template <int RM, int RN>
MOTOR_AVX2 inline void loadAcc(__m256 (&c)[RM][RN], const float* acc, int64_t accRow, int phase) {
    for (int i = 0; i < RM; ++i)
        for (int j = 0; j < RN; ++j)
            c[i][j] = (phase & kPanelFirst) ? _mm256_setzero_ps() : _mm256_loadu_ps(acc + i * accRow + j * kAccLanes);
}

// Row i of the tile lands in y[j * ldy + i * yRowStep] (yRowStep > 1: rows far apart).
template <int RM, int RN>
MOTOR_AVX2 inline void storeAcc(__m256 (&c)[RM][RN], float* acc, int64_t accRow, int phase, float* y, int64_t ldy,
                                int64_t yRowStep = 1) {
    for (int i = 0; i < RM; ++i)
        for (int j = 0; j < RN; ++j) {
            if (phase & kPanelLast)
                y[j * ldy + i * yRowStep] = hsum8(c[i][j]);
            else
                _mm256_storeu_ps(acc + i * accRow + j * kAccLanes, c[i][j]);
        }
}

// How a tile reads 8 weights of a row as fp32: F32 as it is, F16 and BF16 widened to
// their exact values (block_decode.h's), so every loader gives the tile the same floats
// a decoded panel would. tail: the first n (< 8) of them, zeros after.
struct WeightsF32 {
    using Elem = float;
    MOTOR_AVX2 static inline __m256 load(const float* p) { return _mm256_loadu_ps(p); }
    MOTOR_AVX2 static inline __m256 tail(const float* p, int64_t, __m256i m) { return _mm256_maskload_ps(p, m); }
};
template <class Widen>
struct WeightsHalf {
    using Elem = uint16_t;
    MOTOR_AVX2 static inline __m256 load(const uint16_t* p) {
        return Widen::widen(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    }
    MOTOR_AVX2 static inline __m256 tail(const uint16_t* p, int64_t n, __m256i) {
        alignas(16) uint16_t h[8] = {};
        std::memcpy(h, p, size_t(n) * 2);
        return Widen::widen(_mm_load_si128(reinterpret_cast<const __m128i*>(h)));
    }
};
struct WidenF16 {
    MOTOR_AVX2 static inline __m256 widen(__m128i h) { return _mm256_cvtph_ps(h); }
};
struct WidenBF16 {
    MOTOR_AVX2 static inline __m256 widen(__m128i h) {
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
    }
};

// RM rows x RN tokens: 12 accumulators, RN activation vectors and one weight vector
// fill the 16 ymm registers at 4 x 3. w: RM rows of L::Elem, ws elements apart.
template <int RM, int RN, class L = WeightsF32>
MOTOR_AVX2 void f32Tile(const typename L::Elem* w, int64_t ws, const float* x, int64_t ldx, int64_t kLen, float* acc,
                        int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep = 1) {
    __m256 c[RM][RN];
    loadAcc<RM, RN>(c, acc, accRow, phase);
    int64_t k = 0;
    for (; k + 8 <= kLen; k += 8) {
        __m256 xv[RN];
        for (int j = 0; j < RN; ++j) xv[j] = _mm256_loadu_ps(x + j * ldx + k);
        for (int i = 0; i < RM; ++i) {
            const __m256 wv = L::load(w + i * ws + k);
            for (int j = 0; j < RN; ++j) c[i][j] = _mm256_fmadd_ps(wv, xv[j], c[i][j]);
        }
    }
    if (k < kLen) {
        // Zero padding: the last group adds 0 * 0 in the missing lanes.
        const __m256i m = tailMask(kLen - k);
        __m256 xv[RN];
        for (int j = 0; j < RN; ++j) xv[j] = _mm256_maskload_ps(x + j * ldx + k, m);
        for (int i = 0; i < RM; ++i) {
            const __m256 wv = L::tail(w + i * ws + k, kLen - k, m);
            for (int j = 0; j < RN; ++j) c[i][j] = _mm256_fmadd_ps(wv, xv[j], c[i][j]);
        }
    }
    storeAcc<RM, RN>(c, acc, accRow, phase, y, ldy, yRowStep);
}

constexpr int kF32TileTokens = 3;

template <int RM>
MOTOR_AVX2 void f32PanelRows(const float* w, int64_t ws, const float* x, int64_t ldx, int tokens, int64_t kLen,
                             float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    const int64_t accRow = int64_t(tokens) * kAccLanes;
    int t = 0;
    for (; t + kF32TileTokens <= tokens; t += kF32TileTokens)
        f32Tile<RM, kF32TileTokens>(w, ws, x + t * ldx, ldx, kLen, acc + t * kAccLanes, accRow, phase, y + t * ldy, ldy,
                                    yRowStep);
    if (tokens - t == 2)
        f32Tile<RM, 2>(w, ws, x + t * ldx, ldx, kLen, acc + t * kAccLanes, accRow, phase, y + t * ldy, ldy, yRowStep);
    if (tokens - t == 1)
        f32Tile<RM, 1>(w, ws, x + t * ldx, ldx, kLen, acc + t * kAccLanes, accRow, phase, y + t * ldy, ldy, yRowStep);
}

MOTOR_AVX2 void f32Panel(const float* w, int64_t ws, int rows, const float* x, int64_t ldx, int tokens, int64_t kLen,
                         float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    switch (rows) {
        case 4:
            return f32PanelRows<4>(w, ws, x, ldx, tokens, kLen, acc, phase, y, ldy, yRowStep);
        case 3:
            return f32PanelRows<3>(w, ws, x, ldx, tokens, kLen, acc, phase, y, ldy, yRowStep);
        case 2:
            return f32PanelRows<2>(w, ws, x, ldx, tokens, kLen, acc, phase, y, ldy, yRowStep);
        case 1:
            return f32PanelRows<1>(w, ws, x, ldx, tokens, kLen, acc, phase, y, ldy, yRowStep);
        default:
            return;
    }
}

// Batch family (gemm_kernels.h): MT tokens x kBatchRows rows, 4 x 3 vectors = 12
// accumulators, three weight vectors and one broadcast in the 16 ymm registers. The
// unroll pragmas keep GCC from giving the accumulator array a stack home that it then
// stores on every column.
template <int MT>
MOTOR_AVX2 void batchTile(const float* wp, int64_t kc, const float* x, int64_t ldx, float* y, int64_t ldy, bool first) {
    constexpr int NV = kBatchRows / 8;
    __m256 c[MT][NV];
#pragma GCC unroll 8
    for (int t = 0; t < MT; ++t)
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) c[t][v] = first ? _mm256_setzero_ps() : _mm256_loadu_ps(y + t * ldy + 8 * v);
    for (int64_t k = 0; k < kc; ++k, wp += kBatchRows) {
        __m256 w[NV];
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) w[v] = _mm256_load_ps(wp + 8 * v);
#pragma GCC unroll 8
        for (int t = 0; t < MT; ++t) {
            const __m256 xb = _mm256_broadcast_ss(x + t * ldx + k);
#pragma GCC unroll 8
            for (int v = 0; v < NV; ++v) c[t][v] = _mm256_fmadd_ps(w[v], xb, c[t][v]);
        }
    }
#pragma GCC unroll 8
    for (int t = 0; t < MT; ++t)
#pragma GCC unroll 8
        for (int v = 0; v < NV; ++v) _mm256_storeu_ps(y + t * ldy + 8 * v, c[t][v]);
}

MOTOR_AVX2 void f32Batch(const float* wp, int64_t kc, const float* x, int64_t ldx, int tokens, float* y, int64_t ldy,
                         bool first) {
    static_assert(kBatchTokens == 4 && kBatchRows % 8 == 0);
    int t = 0;
    for (; t + kBatchTokens <= tokens; t += kBatchTokens)
        batchTile<4>(wp, kc, x + t * ldx, ldx, y + t * ldy, ldy, first);
    if (tokens - t == 3) batchTile<3>(wp, kc, x + t * ldx, ldx, y + t * ldy, ldy, first);
    if (tokens - t == 2) batchTile<2>(wp, kc, x + t * ldx, ldx, y + t * ldy, ldy, first);
    if (tokens - t == 1) batchTile<1>(wp, kc, x + t * ldx, ldx, y + t * ldy, ldy, first);
}

MOTOR_AVX2 void packBatchAvx2(const float* w, int64_t ws, int rows, int64_t kc, float* wp) {
    for (int g = 0; g < kBatchRows; g += 8) {
        int64_t k = 0;
        for (; k + 8 <= kc; k += 8) {
            __m256 r[8];
            for (int i = 0; i < 8; ++i)
                r[i] = g + i < rows ? _mm256_loadu_ps(w + (g + i) * ws + k) : _mm256_setzero_ps();
            transpose8x8(r);
            for (int j = 0; j < 8; ++j) _mm256_store_ps(wp + (k + j) * kBatchRows + g, r[j]);
        }
        for (; k < kc; ++k)
            for (int i = 0; i < 8; ++i) wp[k * kBatchRows + g + i] = g + i < rows ? w[(g + i) * ws + k] : 0.0f;
    }
}

// Integer tile over raw Q8_0 rows (decode: every block is read once, so nothing is
// packed): per block the RM weight rows are loaded once (with |w| for maddubs), the RN
// activation blocks once, and each output costs sign, maddubs, madd, cvt and one fma
// against its scale dw * dx. |w| <= 128 and |x| <= 127 keep maddubs' pair sums below
// 2^15. The scales are converted where the block is read, so the rows stream through
// once, front to back.
template <int RM, int RN>
MOTOR_AVX2 void q8Tile(const std::byte* w, int64_t rowBytes, const QuantBlock* xq, int64_t ldxq, int64_t blocks,
                       float* acc, int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    __m256 c[RM][RN];
    loadAcc<RM, RN>(c, acc, accRow, phase);
    const __m256i ones = _mm256_set1_epi16(1);
    for (int64_t b = 0; b < blocks; ++b) {
        __m256i xv[RN];
        float dx[RN];
        for (int j = 0; j < RN; ++j) {
            const QuantBlock& xb = xq[j * ldxq + b];
            dx[j] = xb.d;
            xv[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb.q));
        }
        for (int i = 0; i < RM; ++i) {
            const std::byte* blk = w + i * rowBytes + b * kQ8_0Bytes;
            const float dw = halfAt(blk);
            const __m256i wv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(blk + 2));
            const __m256i aw = _mm256_sign_epi8(wv, wv);
            for (int j = 0; j < RN; ++j) {
                const __m256i p16 = _mm256_maddubs_epi16(aw, _mm256_sign_epi8(xv[j], wv));
                const __m256 p = _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, ones));
                c[i][j] = _mm256_fmadd_ps(p, _mm256_set1_ps(dw * dx[j]), c[i][j]);
            }
        }
    }
    storeAcc<RM, RN>(c, acc, accRow, phase, y, ldy, yRowStep);
}

constexpr int kQ8TileTokens = 2;

// Decode: whole rows for up to 3 tokens, without packing (each block is read once). The
// rows run as four interleaved streams a quarter of the range apart: four fma chains in
// flight, and each stream reads its own pages front to back. Interleaving adjacent rows
// instead (two or four rows 816 bytes apart) halved 110M Q8_0 decode when the weights
// came from DRAM: the streams shared pages and defeated the hardware prefetcher
// (docs/PERFORMANCE.md).
MOTOR_AVX2 void q8Rows(const std::byte* w, int64_t rowBytes, int64_t rows, const QuantBlock* xq, int64_t ldxq,
                       int tokens, int64_t blocks, float* y, int64_t ldy) {
    const int whole = kPanelFirst | kPanelLast;
    const int64_t part = rows / 4;
    for (int64_t i = 0; i < part; ++i) {
        int t = 0;
        for (; t + kQ8TileTokens <= tokens; t += kQ8TileTokens)
            q8Tile<4, kQ8TileTokens>(w + i * rowBytes, part * rowBytes, xq + t * ldxq, ldxq, blocks, nullptr, 0, whole,
                                     y + t * ldy + i, ldy, part);
        if (t < tokens)
            q8Tile<4, 1>(w + i * rowBytes, part * rowBytes, xq + t * ldxq, ldxq, blocks, nullptr, 0, whole,
                         y + t * ldy + i, ldy, part);
    }
    for (int64_t r = 4 * part; r < rows; ++r)
        for (int t = 0; t < tokens; ++t)
            q8Tile<1, 1>(w + r * rowBytes, rowBytes, xq + t * ldxq, ldxq, blocks, nullptr, 0, whole, y + t * ldy + r,
                         ldy, 1);
}

// The same for fp32 rows (decode of F32 matrices), and for F16/BF16 rows widened in
// registers (ws: elements between rows).
template <class L>
MOTOR_AVX2 void floatRows(const typename L::Elem* w, int64_t ws, int64_t rows, const float* x, int64_t ldx, int tokens,
                          int64_t cols, float* y, int64_t ldy) {
    const int whole = kPanelFirst | kPanelLast;
    const int64_t part = rows / 4;
    for (int64_t i = 0; i < part; ++i) {
        int t = 0;
        for (; t + kF32TileTokens <= tokens; t += kF32TileTokens)
            f32Tile<4, kF32TileTokens, L>(w + i * ws, part * ws, x + t * ldx, ldx, cols, nullptr, 0, whole,
                                          y + t * ldy + i, ldy, part);
        for (; t < tokens; ++t)
            f32Tile<4, 1, L>(w + i * ws, part * ws, x + t * ldx, ldx, cols, nullptr, 0, whole, y + t * ldy + i, ldy,
                             part);
    }
    for (int64_t r = 4 * part; r < rows; ++r)
        for (int t = 0; t < tokens; ++t)
            f32Tile<1, 1, L>(w + r * ws, ws, x + t * ldx, ldx, cols, nullptr, 0, whole, y + t * ldy + r, ldy, 1);
}

MOTOR_AVX2 void f32Rows(const float* w, int64_t ws, int64_t rows, const float* x, int64_t ldx, int tokens, int64_t cols,
                        float* y, int64_t ldy) {
    floatRows<WeightsF32>(w, ws, rows, x, ldx, tokens, cols, y, ldy);
}

template <class Widen>
MOTOR_AVX2 void halfRows(const std::byte* w, int64_t rowBytes, int64_t rows, const float* x, int64_t ldx, int tokens,
                         int64_t cols, float* y, int64_t ldy) {
    floatRows<WeightsHalf<Widen>>(reinterpret_cast<const uint16_t*>(w), rowBytes / 2, rows, x, ldx, tokens, cols, y,
                                  ldy);
}

template <int RM, int RN>
MOTOR_AVX2 void q8PackedTile(const std::byte* packed, const QuantBlock* xq, int64_t ldxq, int64_t blocks, float* acc,
                             int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    __m256 c[RM][RN];
    loadAcc<RM, RN>(c, acc, accRow, phase);
    const __m256i ones = _mm256_set1_epi16(1);
    alignas(16) float sc[RN][4];
    for (int64_t b = 0; b < blocks; ++b) {
        const std::byte* blk = packed + b * kPackedQ8BlockBytes;
        const __m128 dw = _mm_load_ps(reinterpret_cast<const float*>(blk + kPackedQ8ScaleOffset));
        __m256i xv[RN];
        for (int j = 0; j < RN; ++j) {
            const QuantBlock& xb = xq[j * ldxq + b];
            _mm_store_ps(sc[j], _mm_mul_ps(dw, _mm_broadcast_ss(&xb.d)));
            xv[j] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb.q));
        }
        for (int i = 0; i < RM; ++i) {
            const __m256i wv = _mm256_load_si256(reinterpret_cast<const __m256i*>(blk + i * kQuantBlock));
            const __m256i aw =
                _mm256_load_si256(reinterpret_cast<const __m256i*>(blk + kPackedQ8AbsOffset + i * kQuantBlock));
            for (int j = 0; j < RN; ++j) {
                const __m256i p16 = _mm256_maddubs_epi16(aw, _mm256_sign_epi8(xv[j], wv));
                const __m256 p = _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, ones));
                c[i][j] = _mm256_fmadd_ps(p, _mm256_broadcast_ss(&sc[j][i]), c[i][j]);
            }
        }
    }
    storeAcc<RM, RN>(c, acc, accRow, phase, y, ldy, yRowStep);
}

// The full 4 x 2 tile with named accumulators: GCC kept q8PackedTile's accumulator
// array on the stack (a store per block and output) and passed the scales through
// memory. Here the four scales dw_i * dx_j of a token sit in both halves of one
// register and are picked by an in-lane shuffle (the same product, the same fma), and
// the weight bytes are read as memory operands of vpsignb, so the tile fits in the 16
// registers. Same operations in the same order per element as q8PackedTile<4, 2>.
MOTOR_AVX2 void q8PackedTile4x2(const std::byte* packed, const QuantBlock* xq, int64_t ldxq, int64_t blocks, float* acc,
                                int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    __m256 c00, c01, c10, c11, c20, c21, c30, c31;
    if (phase & kPanelFirst) {
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = _mm256_setzero_ps();
    } else {
        c00 = _mm256_loadu_ps(acc), c01 = _mm256_loadu_ps(acc + kAccLanes);
        c10 = _mm256_loadu_ps(acc + accRow), c11 = _mm256_loadu_ps(acc + accRow + kAccLanes);
        c20 = _mm256_loadu_ps(acc + 2 * accRow), c21 = _mm256_loadu_ps(acc + 2 * accRow + kAccLanes);
        c30 = _mm256_loadu_ps(acc + 3 * accRow), c31 = _mm256_loadu_ps(acc + 3 * accRow + kAccLanes);
    }
    const __m256i ones = _mm256_set1_epi16(1);
    const QuantBlock* x0p = xq;
    const QuantBlock* x1p = xq + ldxq;
    for (int64_t b = 0; b < blocks; ++b) {
        const std::byte* blk = packed + b * kPackedQ8BlockBytes;
        const __m256 dw = _mm256_broadcast_ps(reinterpret_cast<const __m128*>(blk + kPackedQ8ScaleOffset));
        const __m256 s0 = _mm256_mul_ps(dw, _mm256_broadcast_ss(&x0p[b].d));
        const __m256 s1 = _mm256_mul_ps(dw, _mm256_broadcast_ss(&x1p[b].d));
        const __m256i x0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x0p[b].q));
        const __m256i x1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x1p[b].q));
#define MOTOR_Q8_ROW(I, C0, C1, SH)                                                                          \
    {                                                                                                        \
        const __m256i wv = _mm256_load_si256(reinterpret_cast<const __m256i*>(blk + (I)*kQuantBlock));       \
        const __m256i aw =                                                                                   \
            _mm256_load_si256(reinterpret_cast<const __m256i*>(blk + kPackedQ8AbsOffset + (I)*kQuantBlock)); \
        const __m256 p0 =                                                                                    \
            _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(x0, wv)), ones)); \
        C0 = _mm256_fmadd_ps(p0, _mm256_permute_ps(s0, SH), C0);                                             \
        const __m256 p1 =                                                                                    \
            _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_maddubs_epi16(aw, _mm256_sign_epi8(x1, wv)), ones)); \
        C1 = _mm256_fmadd_ps(p1, _mm256_permute_ps(s1, SH), C1);                                             \
    }
        MOTOR_Q8_ROW(0, c00, c01, 0x00)
        MOTOR_Q8_ROW(1, c10, c11, 0x55)
        MOTOR_Q8_ROW(2, c20, c21, 0xAA)
        MOTOR_Q8_ROW(3, c30, c31, 0xFF)
#undef MOTOR_Q8_ROW
    }
    __m256 c[4][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
    storeAcc<4, 2>(c, acc, accRow, phase, y, ldy, yRowStep);
}

template <int RM>
MOTOR_AVX2 void q8PackedRows(const std::byte* packed, const QuantBlock* xq, int64_t ldxq, int tokens, int64_t blocks,
                             float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    const int64_t accRow = int64_t(tokens) * kAccLanes;
    int t = 0;
    for (; t + kQ8TileTokens <= tokens; t += kQ8TileTokens) {
        if constexpr (RM == 4 && kQ8TileTokens == 2)
            q8PackedTile4x2(packed, xq + t * ldxq, ldxq, blocks, acc + t * kAccLanes, accRow, phase, y + t * ldy, ldy,
                            yRowStep);
        else
            q8PackedTile<RM, kQ8TileTokens>(packed, xq + t * ldxq, ldxq, blocks, acc + t * kAccLanes, accRow, phase,
                                            y + t * ldy, ldy, yRowStep);
    }
    if (t < tokens)
        q8PackedTile<RM, 1>(packed, xq + t * ldxq, ldxq, blocks, acc + t * kAccLanes, accRow, phase, y + t * ldy, ldy,
                            yRowStep);
}

MOTOR_AVX2 void q8PackedPanel(const std::byte* packed, int rows, const QuantBlock* xq, int64_t ldxq, int tokens,
                              int64_t blocks, float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    switch (rows) {
        case 4:
            return q8PackedRows<4>(packed, xq, ldxq, tokens, blocks, acc, phase, y, ldy, yRowStep);
        case 3:
            return q8PackedRows<3>(packed, xq, ldxq, tokens, blocks, acc, phase, y, ldy, yRowStep);
        case 2:
            return q8PackedRows<2>(packed, xq, ldxq, tokens, blocks, acc, phase, y, ldy, yRowStep);
        case 1:
            return q8PackedRows<1>(packed, xq, ldxq, tokens, blocks, acc, phase, y, ldy, yRowStep);
        default:
            return;
    }
}

MOTOR_AVX2 void packQ8Avx2(DType type, const std::byte* row0, int64_t rowBytes, int rows, int64_t b0, int64_t blocks,
                           std::byte* out) {
    const __m128i mask = _mm_set1_epi8(0x0F);
    const __m256i eight = _mm256_set1_epi8(8);
    for (int64_t b = 0; b < blocks; ++b) {
        std::byte* o = out + b * kPackedQ8BlockBytes;
        auto* d = reinterpret_cast<float*>(o + kPackedQ8ScaleOffset);
        for (int i = 0; i < kPanelRows; ++i) {
            __m256i q = _mm256_setzero_si256();
            float scale = 0.0f;
            if (i < rows && type == DType::Q8_0) {
                const std::byte* blk = row0 + i * rowBytes + (b0 + b) * kQ8_0Bytes;
                scale = halfAt(blk);
                q = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(blk + 2));
            } else if (i < rows) {
                const std::byte* blk = row0 + i * rowBytes + (b0 + b) * kQ4_0Bytes;
                scale = halfAt(blk);
                const __m128i n = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blk + 2));
                q = _mm256_sub_epi8(_mm256_set_m128i(_mm_and_si128(_mm_srli_epi16(n, 4), mask), _mm_and_si128(n, mask)),
                                    eight);
            }
            _mm256_store_si256(reinterpret_cast<__m256i*>(o + i * kQuantBlock), q);
            _mm256_store_si256(reinterpret_cast<__m256i*>(o + kPackedQ8AbsOffset + i * kQuantBlock),
                               _mm256_sign_epi8(q, q));
            d[i] = scale;
        }
    }
}

MOTOR_AVX2 inline __m256 i8ToPs(__m128i v8) {
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v8));
}
MOTOR_AVX2 inline __m256 u8ToPs(__m128i v8) {
    return _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(v8));
}

// Chunk decoders: weights 32c .. 32c+31 of a row into w[0..3], bit-identical to
// decodeChunk() in block_decode.h.
struct DecF16 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const auto* p = reinterpret_cast<const __m128i*>(row + c * kChunk * 2);
        for (int j = 0; j < 4; ++j) w[j] = _mm256_cvtph_ps(_mm_loadu_si128(p + j));
    }
};

struct DecBF16 {
    MOTOR_AVX2 static inline void chunk(const std::byte* row, int64_t c, __m256 w[4]) {
        const auto* p = reinterpret_cast<const __m128i*>(row + c * kChunk * 2);
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
            const __m128i l =
                _mm_and_si128(_mm_srl_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(ql) + h), shQl), mask4);
            const __m128i hb =
                _mm_and_si128(_mm_srl_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(qh) + h), shQh), mask2);
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

MOTOR_AVX2 inline float tailWeight(DType t, const std::byte* row, int64_t i) {
    if (t == DType::F32) {
        float f;
        std::memcpy(&f, row + 4 * i, 4);
        return f;
    }
    uint16_t h;
    std::memcpy(&h, row + 2 * i, 2);
    if (t == DType::F16) return _cvtsh_ss(h);
    return bf16ToFloat(h);
}

template <class Dec, DType T>
MOTOR_AVX2 void decodeRangeAvx2(const std::byte* row, int64_t col0, int64_t n, float* out) {
    const int64_t c0 = col0 / kChunk;
    const int64_t chunks = n / kChunk;
    __m256 w[4];
    for (int64_t c = 0; c < chunks; ++c) {
        Dec::chunk(row, c0 + c, w);
        for (int j = 0; j < 4; ++j) _mm256_storeu_ps(out + c * kChunk + 8 * j, w[j]);
    }
    if constexpr (T == DType::F16 || T == DType::BF16)
        for (int64_t i = chunks * kChunk; i < n; ++i) out[i] = tailWeight(T, row, col0 + i);
}

MOTOR_AVX2 void decodeF32(const std::byte* row, int64_t col0, int64_t n, float* out) {
    std::memcpy(out, row + col0 * 4, size_t(n) * sizeof(float));
}

// Quantizes activations exactly as the portable quantizer does (same max, same scale,
// same round-to-nearest-even), eight lanes at a time.
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
            i32[j] = _mm256_cvtps_epi32(
                _mm256_round_ps(_mm256_mul_ps(v[j], id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
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

GemmKernels makeAvx2() {
    GemmKernels k{};
    k.isa = "avx2";
    k.f32Panel = &f32Panel;
    k.q8Rows = &q8Rows;
    k.f32Rows = &f32Rows;
    k.f16Rows = &halfRows<WidenF16>;
    k.bf16Rows = &halfRows<WidenBF16>;
    k.q8PackedPanel = &q8PackedPanel;
    k.packQ8 = &packQ8Avx2;
    k.f32Batch = &f32Batch;
    k.packBatch = &packBatchAvx2;
    k.decode[int(DType::F32)] = &decodeF32;
    k.decode[int(DType::F16)] = &decodeRangeAvx2<DecF16, DType::F16>;
    k.decode[int(DType::BF16)] = &decodeRangeAvx2<DecBF16, DType::BF16>;
    k.decode[int(DType::Q8_0)] = &decodeRangeAvx2<DecQ8_0, DType::Q8_0>;
    k.decode[int(DType::Q4_0)] = &decodeRangeAvx2<DecQ4_0, DType::Q4_0>;
    k.decode[int(DType::Q4_K)] = &decodeRangeAvx2<DecQ4_K, DType::Q4_K>;
    k.decode[int(DType::Q6_K)] = &decodeRangeAvx2<DecQ6_K, DType::Q6_K>;
    k.quantize = &quantizeAvx2;
    return k;
}

}  // namespace

const GemmKernels* avx2GemmKernels() {
    static const GemmKernels k = makeAvx2();
    static const bool supported = cpuSupports(CpuIsa::Avx2);
    return supported ? &k : nullptr;
}

}  // namespace motor::gpu::cpu

#else

namespace motor::gpu::cpu {
const GemmKernels* avx2GemmKernels() {
    return nullptr;
}
}  // namespace motor::gpu::cpu

#endif
