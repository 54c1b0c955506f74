// Portable panel kernels: the lane structure of the AVX2 set (gemm_kernels.h) in plain
// loops, with a separate multiply and add where AVX2 fuses them. Built with
// -ffp-contract=off (gpu/CMakeLists.txt) so the compiler never fuses some of them in
// one inlined copy and not in another: every tile shape must compute an element the
// same way.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "cpu/block_decode.h"
#include "cpu/cpu_isa.h"
#include "cpu/gemm_kernels.h"

namespace motor::gpu::cpu {

namespace {

// The AVX2 hsum8 tree: 128-bit halves, then pairs, then the last two.
inline float hsum8(const float a[kAccLanes]) {
    return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]));
}

void finish(float lanes[kAccLanes], float* acc, int phase, float* y) {
    if (phase & kPanelLast)
        *y = hsum8(lanes);
    else
        std::memcpy(acc, lanes, sizeof(float) * kAccLanes);
}

void f32PanelPortable(const float* w, int64_t ws, int rows, const float* x, int64_t ldx, int tokens, int64_t kLen,
                      float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    for (int r = 0; r < rows; ++r) {
        const float* wr = w + r * ws;
        for (int t = 0; t < tokens; ++t) {
            const float* xt = x + t * ldx;
            float* a = acc + (int64_t(r) * tokens + t) * kAccLanes;
            float lanes[kAccLanes] = {};
            if (!(phase & kPanelFirst)) std::memcpy(lanes, a, sizeof lanes);
            for (int64_t k = 0; k < kLen; k += kAccLanes)
                for (int l = 0; l < kAccLanes; ++l) {
                    const bool in = k + l < kLen;  // zero padding, as AVX2's masked loads
                    const float p = (in ? wr[k + l] : 0.0f) * (in ? xt[k + l] : 0.0f);
                    lanes[l] = lanes[l] + p;
                }
            finish(lanes, a, phase, y + t * ldy + r * yRowStep);
        }
    }
}

void f32RowsPortable(const float* w, int64_t ws, int64_t rows, const float* x, int64_t ldx, int tokens, int64_t cols,
                     float* y, int64_t ldy) {
    float acc[kAccLanes];
    for (int64_t r = 0; r < rows; ++r)
        f32PanelPortable(w + r * ws, ws, 1, x, ldx, tokens, cols, acc, kPanelFirst | kPanelLast, y + r, ldy, 1);
}

// F16/BF16 decode rows: each row widened to fp32 (block_decode.h's exact values), then
// the F32 row's arithmetic.
template <DType T>
void halfRowsPortable(const std::byte* w, int64_t rowBytes, int64_t rows, const float* x, int64_t ldx, int tokens,
                      int64_t cols, float* y, int64_t ldy) {
    thread_local std::vector<float> row;
    row.resize(size_t(cols));
    for (int64_t r = 0; r < rows; ++r) {
        decodeRow(T, w + r * rowBytes, cols, row.data());
        f32RowsPortable(row.data(), cols, 1, x, ldx, tokens, cols, y + r, ldy);
    }
}

// Batch family: one accumulator per element, multiply then add, columns in order.
void f32BatchPortable(const float* wp, int64_t kc, const float* x, int64_t ldx, int tokens, float* y, int64_t ldy,
                      bool first) {
    for (int t = 0; t < tokens; ++t)
        for (int i = 0; i < kBatchRows; ++i) {
            float a = first ? 0.0f : y[t * ldy + i];
            for (int64_t k = 0; k < kc; ++k) a = a + wp[k * kBatchRows + i] * x[t * ldx + k];
            y[t * ldy + i] = a;
        }
}

void packBatchPortable(const float* w, int64_t ws, int rows, int64_t kc, float* wp) {
    for (int64_t k = 0; k < kc; ++k)
        for (int i = 0; i < kBatchRows; ++i) wp[k * kBatchRows + i] = i < rows ? w[i * ws + k] : 0.0f;
}

void q8RowsPortable(const std::byte* w, int64_t rowBytes, int64_t rows, const QuantBlock* xq, int64_t ldxq, int tokens,
                    int64_t blocks, float* y, int64_t ldy) {
    for (int64_t r = 0; r < rows; ++r) {
        const std::byte* wr = w + r * rowBytes;
        for (int t = 0; t < tokens; ++t) {
            const QuantBlock* xt = xq + t * ldxq;
            float lanes[kAccLanes] = {};
            for (int64_t b = 0; b < blocks; ++b) {
                const std::byte* blk = wr + b * kQ8_0Bytes;
                const auto* q = reinterpret_cast<const int8_t*>(blk + 2);
                const float scale = halfToFloat(loadU16(blk)) * xt[b].d;
                for (int l = 0; l < kAccLanes; ++l) {
                    int32_t s = 0;
                    for (int i = 4 * l; i < 4 * l + 4; ++i) s += int32_t(q[i]) * int32_t(xt[b].q[i]);
                    lanes[l] = lanes[l] + float(s) * scale;
                }
            }
            y[t * ldy + r] = hsum8(lanes);
        }
    }
}

// The packed layout: q8RowsPortable's products in the same order.
void q8PackedPanelPortable(const std::byte* packed, int rows, const QuantBlock* xq, int64_t ldxq, int tokens,
                           int64_t blocks, float* acc, int phase, float* y, int64_t ldy, int64_t yRowStep) {
    for (int r = 0; r < rows; ++r)
        for (int t = 0; t < tokens; ++t) {
            const QuantBlock* xt = xq + t * ldxq;
            float* a = acc + (int64_t(r) * tokens + t) * kAccLanes;
            float lanes[kAccLanes] = {};
            if (!(phase & kPanelFirst)) std::memcpy(lanes, a, sizeof lanes);
            for (int64_t b = 0; b < blocks; ++b) {
                const std::byte* blk = packed + b * kPackedQ8BlockBytes;
                const auto* q = reinterpret_cast<const int8_t*>(blk + r * kQuantBlock);
                float dw;
                std::memcpy(&dw, blk + kPackedQ8ScaleOffset + 4 * r, 4);
                const float scale = dw * xt[b].d;
                for (int l = 0; l < kAccLanes; ++l) {
                    int32_t s = 0;
                    for (int i = 4 * l; i < 4 * l + 4; ++i) s += int32_t(q[i]) * int32_t(xt[b].q[i]);
                    lanes[l] = lanes[l] + float(s) * scale;
                }
            }
            finish(lanes, a, phase, y + t * ldy + r * yRowStep);
        }
}

void packQ8Portable(DType type, const std::byte* row0, int64_t rowBytes, int rows, int64_t b0, int64_t blocks,
                    std::byte* out) {
    for (int64_t b = 0; b < blocks; ++b) {
        std::byte* o = out + b * kPackedQ8BlockBytes;
        for (int i = 0; i < kPanelRows; ++i) {
            auto* q = reinterpret_cast<int8_t*>(o + i * kQuantBlock);
            float scale = 0.0f;
            if (i >= rows) {
                std::memset(q, 0, kQuantBlock);
            } else if (type == DType::Q8_0) {
                const std::byte* blk = row0 + i * rowBytes + (b0 + b) * kQ8_0Bytes;
                scale = halfToFloat(loadU16(blk));
                std::memcpy(q, blk + 2, kQuantBlock);
            } else {
                const auto* blk = reinterpret_cast<const uint8_t*>(row0 + i * rowBytes + (b0 + b) * kQ4_0Bytes);
                scale = halfToFloat(loadU16(reinterpret_cast<const std::byte*>(blk)));
                for (int k = 0; k < 16; ++k) {
                    q[k] = int8_t((blk[2 + k] & 0x0F) - 8);
                    q[k + 16] = int8_t((blk[2 + k] >> 4) - 8);
                }
            }
            auto* a = reinterpret_cast<int8_t*>(o + kPackedQ8AbsOffset + i * kQuantBlock);
            for (int k = 0; k < kQuantBlock; ++k)
                a[k] = int8_t(q[k] < 0 ? -q[k] : q[k]);  // -128 stays 0x80 (= 128 unsigned)
            std::memcpy(o + kPackedQ8ScaleOffset + 4 * i, &scale, 4);
        }
    }
}

template <DType T>
void decodeRangePortable(const std::byte* row, int64_t col0, int64_t n, float* out) {
    const int64_t chunks = n / kChunk;
    for (int64_t c = 0; c < chunks; ++c) decodeChunk(T, row, col0 / kChunk + c, out + c * kChunk);
    for (int64_t i = chunks * kChunk; i < n; ++i) {
        const int64_t col = col0 + i;
        if constexpr (T == DType::F32)
            std::memcpy(out + i, row + 4 * col, sizeof(float));
        else if constexpr (T == DType::F16)
            out[i] = halfToFloat(loadU16(row + 2 * col));
        else
            out[i] = bf16ToFloat(loadU16(row + 2 * col));
    }
}

void quantizePortable(const float* x, int64_t cols, QuantBlock* out) {
    for (int64_t b = 0; b < cols / kQuantBlock; ++b) {
        const float* v = x + b * kQuantBlock;
        float amax = 0.0f;
        for (int i = 0; i < kQuantBlock; ++i) amax = std::max(amax, std::fabs(v[i]));
        const float d = amax / 127.0f;
        const float id = d > 0.0f ? 1.0f / d : 0.0f;
        out[b].d = d;
        for (int i = 0; i < kQuantBlock; ++i) {
            const float r = std::nearbyint(v[i] * id);  // NaN only for non-finite input
            out[b].q[i] = std::isnan(r) ? int8_t(0) : int8_t(std::clamp(r, -127.0f, 127.0f));
        }
    }
}

GemmKernels makePortable() {
    GemmKernels k{};
    k.isa = "portable";
    k.f32Panel = &f32PanelPortable;
    k.f32Rows = &f32RowsPortable;
    k.q8Rows = &q8RowsPortable;
    k.f16Rows = &halfRowsPortable<DType::F16>;
    k.bf16Rows = &halfRowsPortable<DType::BF16>;
    k.q8PackedPanel = &q8PackedPanelPortable;
    k.packQ8 = &packQ8Portable;
    k.f32Batch = &f32BatchPortable;
    k.packBatch = &packBatchPortable;
    k.decode[int(DType::F32)] = &decodeRangePortable<DType::F32>;
    k.decode[int(DType::F16)] = &decodeRangePortable<DType::F16>;
    k.decode[int(DType::BF16)] = &decodeRangePortable<DType::BF16>;
    k.decode[int(DType::Q8_0)] = &decodeRangePortable<DType::Q8_0>;
    k.decode[int(DType::Q4_0)] = &decodeRangePortable<DType::Q4_0>;
    k.decode[int(DType::Q4_K)] = &decodeRangePortable<DType::Q4_K>;
    k.decode[int(DType::Q6_K)] = &decodeRangePortable<DType::Q6_K>;
    k.quantize = &quantizePortable;
    return k;
}

}  // namespace

const GemmKernels& portableGemmKernels() {
    static const GemmKernels k = makePortable();
    return k;
}

const GemmKernels& gemmKernels() {
    static const GemmKernels* chosen = cpuIsa() == CpuIsa::Avx512 ? avx512GemmKernels()
                                       : cpuIsa() == CpuIsa::Avx2 ? avx2GemmKernels()
                                                                  : &portableGemmKernels();
    return *chosen;
}

}  // namespace motor::gpu::cpu
