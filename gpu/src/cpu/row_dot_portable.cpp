// Portable row-dot kernels: decode a chunk to 32 floats, then 8 independent lanes per
// token so the compiler can vectorise without reassociating (no -ffast-math needed).
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "cpu/block_decode.h"
#include "cpu/row_dot.h"

namespace motor::gpu::cpu {

namespace {

template <DType T, int N>
void dotPortable(const std::byte* row, int64_t cols, const float* const* xs, float* out) {
    float acc[N][8] = {};
    float w[kChunk];
    const int64_t chunks = cols / kChunk;
    for (int64_t c = 0; c < chunks; ++c) {
        decodeChunk(T, row, c, w);
        for (int t = 0; t < N; ++t) {
            const float* x = xs[t] + c * kChunk;
            for (int j = 0; j < kChunk; j += 8)
                for (int l = 0; l < 8; ++l) acc[t][l] += w[j + l] * x[j + l];
        }
    }
    float tail[N] = {};
    if (chunks * kChunk < cols) {
        const int64_t rest = cols - chunks * kChunk;
        float wt[kChunk];
        decodeRow(T, row + rowBytes(T, chunks * kChunk), rest, wt);
        for (int t = 0; t < N; ++t)
            for (int64_t i = 0; i < rest; ++i) tail[t] += wt[i] * xs[t][chunks * kChunk + i];
    }
    for (int t = 0; t < N; ++t) {
        const float s = ((acc[t][0] + acc[t][4]) + (acc[t][1] + acc[t][5])) +
                        ((acc[t][2] + acc[t][6]) + (acc[t][3] + acc[t][7]));
        out[t] = s + tail[t];
    }
}

template <DType T>
void decodePortable(const std::byte* row, int64_t cols, float* out) {
    decodeRow(T, row, cols, out);
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

// Integer weights and scale of block b (Q8_0 / Q4_0 only).
template <DType T>
float intBlock(const std::byte* row, int64_t b, int8_t w[kQuantBlock]) {
    if constexpr (T == DType::Q8_0) {
        const std::byte* blk = row + b * kQ8_0Bytes;
        std::memcpy(w, blk + 2, kQuantBlock);
        return halfToFloat(loadU16(blk));
    } else {
        const std::byte* blk = row + b * kQ4_0Bytes;
        const auto* qs = reinterpret_cast<const uint8_t*>(blk + 2);
        for (int i = 0; i < 16; ++i) {
            w[i] = int8_t((qs[i] & 0x0F) - 8);
            w[i + 16] = int8_t((qs[i] >> 4) - 8);
        }
        return halfToFloat(loadU16(blk));
    }
}

template <DType T, int N>
void quantDotPortable(const std::byte* rows, int64_t rowBytes, int64_t nrows, int64_t cols, const QuantBlock* const* xs,
                      float* y, int64_t ldy) {
    int8_t w[kQuantBlock];
    for (int64_t r = 0; r < nrows; ++r) {
        const std::byte* row = rows + r * rowBytes;
        float acc[N] = {};
        for (int64_t b = 0; b < cols / kQuantBlock; ++b) {
            const float dw = intBlock<T>(row, b, w);
            for (int t = 0; t < N; ++t) {
                const QuantBlock& x = xs[t][b];
                int32_t s = 0;
                for (int i = 0; i < kQuantBlock; ++i) s += int32_t(w[i]) * int32_t(x.q[i]);
                acc[t] += (dw * x.d) * float(s);
            }
        }
        for (int t = 0; t < N; ++t) y[t * ldy + r] = acc[t];
    }
}

template <DType T>
constexpr void fillQuant(RowDotKernels& k) {
    k.qfn[int(T)][0] = &quantDotPortable<T, 1>;
    k.qfn[int(T)][1] = &quantDotPortable<T, 2>;
    k.qfn[int(T)][2] = &quantDotPortable<T, 3>;
    k.qfn[int(T)][3] = &quantDotPortable<T, 4>;
}

template <DType T>
constexpr void fill(RowDotKernels& k) {
    k.decode[int(T)] = &decodePortable<T>;
    k.fn[int(T)][0] = &dotPortable<T, 1>;
    k.fn[int(T)][1] = &dotPortable<T, 2>;
    k.fn[int(T)][2] = &dotPortable<T, 3>;
    k.fn[int(T)][3] = &dotPortable<T, 4>;
}

RowDotKernels makePortable() {
    RowDotKernels k{};
    k.isa = "portable";
    fill<DType::F32>(k);
    fill<DType::F16>(k);
    fill<DType::BF16>(k);
    fill<DType::Q8_0>(k);
    fill<DType::Q4_0>(k);
    fill<DType::Q4_K>(k);
    fill<DType::Q6_K>(k);
    k.quantize = &quantizePortable;
    fillQuant<DType::Q8_0>(k);
    fillQuant<DType::Q4_0>(k);
    return k;
}

bool cpuHasAvx2() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
           __builtin_cpu_supports("f16c");
#else
    return false;
#endif
}

}  // namespace

const RowDotKernels& portableRowDotKernels() {
    static const RowDotKernels k = makePortable();
    return k;
}

const RowDotKernels& rowDotKernels() {
    static const RowDotKernels* chosen = [] {
        const char* force = std::getenv("MOTOR_CPU_ISA");
        const bool portable = force && std::strcmp(force, "portable") == 0;
        const RowDotKernels* avx2 = avx2RowDotKernels();
        if (!portable && avx2 && cpuHasAvx2()) return avx2;
        return &portableRowDotKernels();
    }();
    return *chosen;
}

}  // namespace motor::gpu::cpu
