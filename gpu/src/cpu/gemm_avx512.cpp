// AVX-512 panel kernels (F, BW, DQ, VL and VNNI: Ice Lake, Sapphire Rapids, Zen 4 and
// later). They compute every output element with exactly the operations of the AVX2
// set (gemm_kernels.h), so a process on an AVX-512 machine gets the same bits as one on
// an AVX2 machine; what changes is how many elements share an instruction:
//   float family: one zmm holds the 8 lane sums of two tokens of a row (the weight
//     vector broadcast to both halves), and the 32 registers take a 4 x 10 tile;
//   integer family: vpdpbusd (VNNI) forms each lane's 4-column int32 dot in one
//     instruction, two weight rows per zmm. Its unsigned operand is the activation
//     plus 128; the pack stores -128 x (each lane's 4 weights summed) as the
//     accumulator's start, so the lane sum is the exact integer the AVX2 kernel gets
//     from vpsignb, vpmaddubsw and vpmaddwd, and the same cvt and fma follow;
//   batch family: one fma chain per element at any width, 16 + 8 rows per token.
// Decoders, the activation quantizer, decode rows and the batch pack are the AVX2 set's
// (memory-bound, or already at the AVX2 set's speed). Per-function target attributes,
// as in gemm_avx2.cpp; chosen at run time by gemmKernels().
#include "cpu/gemm_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <type_traits>

#include "cpu/cpu_isa.h"

#if defined(MOTOR_GEMM_AVX512_EMULATED)
// The test build (tests/gpu/CMakeLists.txt) compiles this file a second time against
// SIMDe's portable AVX-512 intrinsics over native AVX2/FMA, so the kernels run, and are
// compared bit for bit with the AVX2 set, on machines without AVX-512.
#include "avx512_emulated.h"
#define MOTOR_AVX512
#define MOTOR_AVX512_KERNELS avx512GemmKernelsEmulated
#define MOTOR_AVX512_SUPPORTED cpuSupports(CpuIsa::Avx2)
#else
#include <immintrin.h>
// GCC 12's avx512fintrin.h leaves the "don't care" operand of several intrinsics
// (_mm512_permutexvar_ps, _mm512_cvtepi32_ps, ...) to _mm512_undefined_*, which its own
// -Wmaybe-uninitialized then reports at every use.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define MOTOR_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512vnni,avx2,fma,f16c")))
#define MOTOR_AVX512_KERNELS avx512GemmKernels
#define MOTOR_AVX512_SUPPORTED cpuSupports(CpuIsa::Avx512)
#endif

namespace motor::gpu::cpu {

namespace {

// gemm_avx2.cpp's hsum8, the same tree.
MOTOR_AVX512 inline float hsum8(__m256 v) {
    const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 s2 = _mm_add_ps(s, _mm_movehl_ps(s, s));
    return _mm_cvtss_f32(_mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1)));
}

MOTOR_AVX512 inline __m512 pair(__m256 lo, __m256 hi) {
    return _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1);
}

// Lane mask for the first n (< 8) floats (gemm_avx2.cpp's tailMask).
MOTOR_AVX512 inline __m256i tailMask(int64_t n) {
    alignas(32) static const int32_t kMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kMask + 8 - n));
}

MOTOR_AVX512 inline __m256 upper(__m512 v) {
    return _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
}

// 8 floats; the last partial group of a row with zeros in the missing lanes, as the AVX2
// set loads it.
template <bool Tail>
MOTOR_AVX512 inline __m256 load8(const float* p, __m256i m) {
    if constexpr (Tail)
        return _mm256_maskload_ps(p, m);
    else
        return _mm256_loadu_ps(p);
}

// One step of 8 columns: the token pairs' activations, then each weight row's 8 floats
// broadcast to both halves and multiplied into the row's accumulators.
template <int RM, int RP, bool Single, bool Tail>
MOTOR_AVX512 inline void f32Step(const float* w, int64_t ws, const float* x, int64_t ldx, int64_t k,
                                 __m512 (&c)[RM][RP], __m256i m) {
    __m512 xv[RP];
#pragma GCC unroll 8
    for (int p = 0; p < RP; ++p) {
        const float* x0 = x + 2 * p * ldx + k;
        xv[p] = pair(load8<Tail>(x0, m), (p == RP - 1 && Single) ? _mm256_setzero_ps() : load8<Tail>(x0 + ldx, m));
    }
#pragma GCC unroll 4
    for (int i = 0; i < RM; ++i) {
        // vbroadcastf32x8 from memory: a load, no shuffle.
        const __m512 wv = _mm512_broadcast_f32x8(load8<Tail>(w + i * ws + k, m));
#pragma GCC unroll 8
        for (int p = 0; p < RP; ++p) c[i][p] = _mm512_fmadd_ps(wv, xv[p], c[i][p]);
    }
}

// Float family: RM rows x RP token pairs, c[i][p] = [8 lanes of token 2p | of 2p + 1]
// for row i. The last pair may hold one token (single): its upper half reads zeros and
// is never stored. The accumulator layout between column blocks is the AVX2 set's
// ([row][token][lane]), so a pair's 16 lanes are contiguous.
template <int RM, int RP, bool Single>
MOTOR_AVX512 void f32Tile(const float* w, int64_t ws, const float* x, int64_t ldx, int64_t kLen, float* acc,
                          int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    __m512 c[RM][RP];
#pragma GCC unroll 4
    for (int i = 0; i < RM; ++i)
#pragma GCC unroll 8
        for (int p = 0; p < RP; ++p) {
            const float* a = acc + i * accRow + 2 * p * kAccLanes;
            c[i][p] = (phase & kPanelFirst)     ? _mm512_setzero_ps()
                      : (p == RP - 1 && Single) ? pair(_mm256_loadu_ps(a), _mm256_setzero_ps())
                                                : _mm512_loadu_ps(a);
        }
    int64_t k = 0;
    for (; k + 8 <= kLen; k += 8) f32Step<RM, RP, Single, false>(w, ws, x, ldx, k, c, __m256i{});
    if (k < kLen) f32Step<RM, RP, Single, true>(w, ws, x, ldx, k, c, tailMask(kLen - k));
#pragma GCC unroll 4
    for (int i = 0; i < RM; ++i)
#pragma GCC unroll 8
        for (int p = 0; p < RP; ++p) {
            const bool one = p == RP - 1 && Single;
            float* a = acc + i * accRow + 2 * p * kAccLanes;
            if (phase & kPanelLast) {
                y[2 * p * ldy + i * yRowStep] = hsum8(_mm512_castps512_ps256(c[i][p]));
                if (!one) y[(2 * p + 1) * ldy + i * yRowStep] = hsum8(upper(c[i][p]));
            } else if (one) {
                _mm256_storeu_ps(a, _mm512_castps512_ps256(c[i][p]));
            } else {
                _mm512_storeu_ps(a, c[i][p]);
            }
        }
}

// Token pairs per full tile: 4 x 5 accumulators, 5 activation pairs and a weight vector
// in the 32 registers.
constexpr int kF32TilePairs = 5;

template <int RM>
MOTOR_AVX512 void f32PanelRows(const float* w, int64_t ws, const float* x, int64_t ldx, int tokens, int64_t kLen,
                               float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    const int64_t accRow = int64_t(tokens) * kAccLanes;
    int t = 0;
    auto tile = [&](auto pairs, auto single) {
        f32Tile<RM, decltype(pairs)::value, decltype(single)::value>(w, ws, x + t * ldx, ldx, kLen, acc + t * kAccLanes,
                                                                     accRow, phase, y + t * ldy, ldy, yRowStep);
    };
    using Whole = std::false_type;
    using Single = std::true_type;
    for (; t + 2 * kF32TilePairs <= tokens; t += 2 * kF32TilePairs)
        tile(std::integral_constant<int, kF32TilePairs>{}, Whole{});
    // 0 .. 9 tokens left: pairs, the last one perhaps a single token.
    switch (tokens - t) {
        case 9:
            return tile(std::integral_constant<int, 5>{}, Single{});
        case 8:
            return tile(std::integral_constant<int, 4>{}, Whole{});
        case 7:
            return tile(std::integral_constant<int, 4>{}, Single{});
        case 6:
            return tile(std::integral_constant<int, 3>{}, Whole{});
        case 5:
            return tile(std::integral_constant<int, 3>{}, Single{});
        case 4:
            return tile(std::integral_constant<int, 2>{}, Whole{});
        case 3:
            return tile(std::integral_constant<int, 2>{}, Single{});
        case 2:
            return tile(std::integral_constant<int, 1>{}, Whole{});
        case 1:
            return tile(std::integral_constant<int, 1>{}, Single{});
        default:
            return;
    }
}

MOTOR_AVX512 void f32Panel(const float* w, int64_t ws, int rows, const float* x, int64_t ldx, int tokens, int64_t kLen,
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

// Integer family. The packed block (kPackedQ8BlockBytes, as the AVX2 set's): the 4 rows'
// 32 int8 weights at 0 (rows 0 and 1 in one 64-byte half, 2 and 3 in the other), then
// per row 8 int32 lane starts -128 * (w[4l] + w[4l+1] + w[4l+2] + w[4l+3]) where the
// AVX2 pack keeps |w|, then the 4 fp32 scales: the AVX2 set's pack (weights as int8,
// Q4_0 as nibble - 8), then each row's |w| replaced by its lane starts.
MOTOR_AVX512 void packQ8(DType type, const std::byte* row0, int64_t rowBytes, int rows, int64_t b0, int64_t blocks,
                         std::byte* out) {
    avx2GemmKernels()->packQ8(type, row0, rowBytes, rows, b0, blocks, out);
    const __m256i ones8 = _mm256_set1_epi8(1);
    const __m256i ones16 = _mm256_set1_epi16(1);
    for (int64_t b = 0; b < blocks; ++b) {
        std::byte* o = out + b * kPackedQ8BlockBytes;
        for (int i = 0; i < kPanelRows; ++i) {
            const __m256i q = _mm256_load_si256(reinterpret_cast<const __m256i*>(o + i * kQuantBlock));
            // Lane sums of 4 signed weights: pairs by maddubs against ones, then madd.
            const __m256i sum4 = _mm256_madd_epi16(_mm256_maddubs_epi16(ones8, q), ones16);
            _mm256_store_si256(reinterpret_cast<__m256i*>(o + kPackedQ8AbsOffset + i * kQuantBlock),
                               _mm256_mullo_epi32(sum4, _mm256_set1_epi32(-128)));
        }
    }
}

// Scale vectors of a row pair: [s[lo] x 8 | s[hi] x 8] from the 4 scales dw_i * dx.
MOTOR_AVX512 inline __m512 pairScale(__m128 s, const __m512i& idx) {
    return _mm512_permutexvar_ps(idx, _mm512_castps128_ps512(s));
}

// 4 rows (two zmm of row pairs) x RN tokens. Accumulators between column blocks are
// the AVX2 layout ([row][token][lane]); rows past `rows` are computed from the pack's
// zeros and neither read nor written.
template <int RN>
MOTOR_AVX512 void q8Tile(const std::byte* packed, int rows, const QuantBlock* xq, int64_t ldxq, int64_t blocks,
                         float* acc, int64_t accRow, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    __m512 c[2][RN];
#pragma GCC unroll 2
    for (int h = 0; h < 2; ++h)
#pragma GCC unroll 8
        for (int j = 0; j < RN; ++j) {
            if (phase & kPanelFirst) {
                c[h][j] = _mm512_setzero_ps();
                continue;
            }
            const __m256 lo =
                2 * h < rows ? _mm256_loadu_ps(acc + 2 * h * accRow + j * kAccLanes) : _mm256_setzero_ps();
            const __m256 hi =
                2 * h + 1 < rows ? _mm256_loadu_ps(acc + (2 * h + 1) * accRow + j * kAccLanes) : _mm256_setzero_ps();
            c[h][j] = pair(lo, hi);
        }
    const __m512i idx01 = _mm512_set_epi32(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m512i idx23 = _mm512_set_epi32(3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2);
    const __m512i bias = _mm512_set1_epi8(char(0x80));
    for (int64_t b = 0; b < blocks; ++b) {
        const std::byte* blk = packed + b * kPackedQ8BlockBytes;
        const __m128 dw = _mm_load_ps(reinterpret_cast<const float*>(blk + kPackedQ8ScaleOffset));
        const __m512i w01 = _mm512_loadu_si512(blk);
        const __m512i w23 = _mm512_loadu_si512(blk + 2 * kQuantBlock);
        const __m512i s01 = _mm512_loadu_si512(blk + kPackedQ8AbsOffset);
        const __m512i s23 = _mm512_loadu_si512(blk + kPackedQ8AbsOffset + 2 * kQuantBlock);
#pragma GCC unroll 8
        for (int j = 0; j < RN; ++j) {
            const QuantBlock& xb = xq[j * ldxq + b];
            const __m128 s = _mm_mul_ps(dw, _mm_broadcast_ss(&xb.d));
            const __m512i xu = _mm512_xor_si512(
                _mm512_broadcast_i64x4(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(xb.q))), bias);
            const __m512 p01 = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(s01, xu, w01));
            c[0][j] = _mm512_fmadd_ps(p01, pairScale(s, idx01), c[0][j]);
            const __m512 p23 = _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(s23, xu, w23));
            c[1][j] = _mm512_fmadd_ps(p23, pairScale(s, idx23), c[1][j]);
        }
    }
#pragma GCC unroll 2
    for (int h = 0; h < 2; ++h)
#pragma GCC unroll 8
        for (int j = 0; j < RN; ++j)
            for (int half = 0; half < 2; ++half) {
                const int i = 2 * h + half;
                if (i >= rows) continue;
                const __m256 v = half ? upper(c[h][j]) : _mm512_castps512_ps256(c[h][j]);
                if (phase & kPanelLast)
                    y[j * ldy + i * yRowStep] = hsum8(v);
                else
                    _mm256_storeu_ps(acc + i * accRow + j * kAccLanes, v);
            }
}

// Tokens per full tile: 2 x 8 accumulators, the four weight and lane-start vectors and
// a token's activations and scales fit the 32 registers.
constexpr int kQ8TileTokens = 8;

MOTOR_AVX512 void q8PackedPanel(const std::byte* packed, int rows, const QuantBlock* xq, int64_t ldxq, int tokens,
                                int64_t blocks, float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    const int64_t accRow = int64_t(tokens) * kAccLanes;
    int t = 0;
    auto tile = [&](auto n) {
        q8Tile<decltype(n)::value>(packed, rows, xq + t * ldxq, ldxq, blocks, acc + t * kAccLanes, accRow, phase,
                                   y + t * ldy, ldy, yRowStep);
    };
    for (; t + kQ8TileTokens <= tokens; t += kQ8TileTokens) tile(std::integral_constant<int, kQ8TileTokens>{});
    switch (tokens - t) {
        case 7:
            return tile(std::integral_constant<int, 7>{});
        case 6:
            return tile(std::integral_constant<int, 6>{});
        case 5:
            return tile(std::integral_constant<int, 5>{});
        case 4:
            return tile(std::integral_constant<int, 4>{});
        case 3:
            return tile(std::integral_constant<int, 3>{});
        case 2:
            return tile(std::integral_constant<int, 2>{});
        case 1:
            return tile(std::integral_constant<int, 1>{});
        default:
            return;
    }
}

// Batch family: MT tokens x kBatchRows rows, rows 0-15 in a zmm and 16-23 in a ymm per
// token, one fma chain per element as in the AVX2 set.
static_assert(kBatchRows == 24);
template <int MT>
MOTOR_AVX512 void batchTile(const float* wp, int64_t kc, const float* x, int64_t ldx, float* y, int64_t ldy,
                            bool first) {
    __m512 a[MT];
    __m256 b[MT];
#pragma GCC unroll 12
    for (int t = 0; t < MT; ++t) {
        a[t] = first ? _mm512_setzero_ps() : _mm512_loadu_ps(y + t * ldy);
        b[t] = first ? _mm256_setzero_ps() : _mm256_loadu_ps(y + t * ldy + 16);
    }
    for (int64_t k = 0; k < kc; ++k, wp += kBatchRows) {
        const __m512 w0 = _mm512_loadu_ps(wp);
        const __m256 w1 = _mm256_load_ps(wp + 16);
#pragma GCC unroll 12
        for (int t = 0; t < MT; ++t) {
            const __m512 xb = _mm512_set1_ps(x[t * ldx + k]);
            a[t] = _mm512_fmadd_ps(w0, xb, a[t]);
            b[t] = _mm256_fmadd_ps(w1, _mm512_castps512_ps256(xb), b[t]);
        }
    }
#pragma GCC unroll 12
    for (int t = 0; t < MT; ++t) {
        _mm512_storeu_ps(y + t * ldy, a[t]);
        _mm256_storeu_ps(y + t * ldy + 16, b[t]);
    }
}

// Tokens per full batch tile: 2 x 10 accumulators, two weight vectors and a broadcast.
constexpr int kBatchTileTokens = 10;

MOTOR_AVX512 void f32Batch(const float* wp, int64_t kc, const float* x, int64_t ldx, int tokens, float* y, int64_t ldy,
                           bool first) {
    int t = 0;
    auto tile = [&](auto n) { batchTile<decltype(n)::value>(wp, kc, x + t * ldx, ldx, y + t * ldy, ldy, first); };
    for (; t + kBatchTileTokens <= tokens; t += kBatchTileTokens) tile(std::integral_constant<int, kBatchTileTokens>{});
    const int left = tokens - t;
    if (left >= 8) tile(std::integral_constant<int, 8>{}), t += 8;
    if (tokens - t >= 4) tile(std::integral_constant<int, 4>{}), t += 4;
    if (tokens - t >= 2) tile(std::integral_constant<int, 2>{}), t += 2;
    if (tokens - t == 1) tile(std::integral_constant<int, 1>{});
}

}  // namespace

const GemmKernels* MOTOR_AVX512_KERNELS() {
    static const bool supported = MOTOR_AVX512_SUPPORTED && avx2GemmKernels() != nullptr;
    if (!supported) return nullptr;
    static const GemmKernels k = [] {
        GemmKernels s = *avx2GemmKernels();
#if defined(MOTOR_GEMM_AVX512_EMULATED)
        s.isa = "avx512-emulated";
#else
        s.isa = "avx512";
#endif
        s.f32Panel = &f32Panel;
        s.q8PackedPanel = &q8PackedPanel;
        s.packQ8 = &packQ8;
        s.f32Batch = &f32Batch;
        return s;
    }();
    return &k;
}

}  // namespace motor::gpu::cpu

#else

namespace motor::gpu::cpu {
const GemmKernels* avx512GemmKernels() {
    return nullptr;
}
}  // namespace motor::gpu::cpu

#endif
