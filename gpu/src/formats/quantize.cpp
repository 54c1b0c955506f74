// Reference (scalar) quantisers and dequantisers. Block layouts match ggml so GGUF
// files written here load in llama.cpp and the other way round.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "motor/gpu/quant.h"

namespace motor::gpu {

namespace {

uint32_t floatBits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

float bitsFloat(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

uint16_t load16(const std::byte* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

void store16(std::byte* p, uint16_t v) {
    std::memcpy(p, &v, 2);
}

constexpr int kQ8Bytes = 34;
constexpr int kQ4Bytes = 18;
constexpr int kQ4KBytes = 144;
constexpr int kQ6KBytes = 210;

}  // namespace

uint16_t fp32ToFp16(float f) {
    const uint32_t x = floatBits(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const uint32_t ax = x & 0x7FFFFFFFu;
    if (ax >= 0x7F800000u) return static_cast<uint16_t>(sign | (ax > 0x7F800000u ? 0x7E00u : 0x7C00u));
    if (ax >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);  // >= 65520 rounds to inf
    if (ax < 0x38800000u) {
        // Below the smallest normal half: scaling by 2^24 is exact, so rounding the
        // scaled value to an integer gives the subnormal mantissa (ties to even).
        const auto m = static_cast<uint32_t>(std::nearbyint(bitsFloat(ax) * 16777216.0f));
        return static_cast<uint16_t>(sign | m);
    }
    const uint32_t mant = ax & 0x7FFFFFu;
    const uint32_t exp = (ax >> 23) - 127 + 15;
    uint32_t h = (exp << 10) | (mant >> 13);
    const uint32_t rest = mant & 0x1FFFu;
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ++h;  // a carry correctly bumps the exponent
    return static_cast<uint16_t>(sign | h);
}

float fp16ToFp32(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    const uint32_t mant = h & 0x3FFu;
    if (exp == 0) {
        const float v = static_cast<float>(mant) * 5.9604644775390625e-08f;  // 2^-24
        return sign ? -v : v;
    }
    if (exp == 31) return bitsFloat(sign | 0x7F800000u | (mant << 13));
    return bitsFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
}

uint16_t fp32ToBf16(float f) {
    const uint32_t x = floatBits(f);
    if ((x & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // keep NaN quiet
    return static_cast<uint16_t>((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
}

float bf16ToFp32(uint16_t b) {
    return bitsFloat(static_cast<uint32_t>(b) << 16);
}

void quantizeRowQ8_0(const float* x, std::byte* out, int64_t n) {
    for (int64_t b = 0; b < n / 32; ++b, x += 32, out += kQ8Bytes) {
        float amax = 0;
        for (int j = 0; j < 32; ++j) amax = std::max(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = d != 0 ? 1.0f / d : 0.0f;
        store16(out, fp32ToFp16(d));
        for (int j = 0; j < 32; ++j) out[2 + j] = static_cast<std::byte>(static_cast<int8_t>(std::lround(x[j] * id)));
    }
}

void dequantizeRowQ8_0(const std::byte* in, float* y, int64_t n) {
    for (int64_t b = 0; b < n / 32; ++b, in += kQ8Bytes, y += 32) {
        const float d = fp16ToFp32(load16(in));
        for (int j = 0; j < 32; ++j) y[j] = d * static_cast<float>(static_cast<int8_t>(in[2 + j]));
    }
}

void quantizeRowQ4_0(const float* x, std::byte* out, int64_t n) {
    for (int64_t b = 0; b < n / 32; ++b, x += 32, out += kQ4Bytes) {
        // The signed extreme maps to -8 exactly, using the full range on its side.
        float amax = 0, extreme = 0;
        for (int j = 0; j < 32; ++j) {
            if (std::fabs(x[j]) > amax) {
                amax = std::fabs(x[j]);
                extreme = x[j];
            }
        }
        const float d = extreme / -8.0f;
        const float id = d != 0 ? 1.0f / d : 0.0f;
        store16(out, fp32ToFp16(d));
        for (int j = 0; j < 16; ++j) {
            const int lo = std::min(15, static_cast<int>(x[j] * id + 8.5f));
            const int hi = std::min(15, static_cast<int>(x[j + 16] * id + 8.5f));
            out[2 + j] = static_cast<std::byte>(lo | (hi << 4));
        }
    }
}

void dequantizeRowQ4_0(const std::byte* in, float* y, int64_t n) {
    for (int64_t b = 0; b < n / 32; ++b, in += kQ4Bytes, y += 32) {
        const float d = fp16ToFp32(load16(in));
        for (int j = 0; j < 16; ++j) {
            const auto q = static_cast<uint8_t>(in[2 + j]);
            y[j] = static_cast<float>((q & 0x0F) - 8) * d;
            y[j + 16] = static_cast<float>((q >> 4) - 8) * d;
        }
    }
}

void dequantizeRowQ4_K(const std::byte* in, float* y, int64_t n) {
    for (int64_t b = 0; b < n / 256; ++b, in += kQ4KBytes) {
        const float d = fp16ToFp32(load16(in));
        const float dmin = fp16ToFp32(load16(in + 2));
        const auto* sc = reinterpret_cast<const uint8_t*>(in + 4);
        const auto* q = reinterpret_cast<const uint8_t*>(in + 16);
        // Eight sub-blocks of 32, each with a 6-bit scale and 6-bit min packed in 12 bytes.
        auto scaleMin = [sc](int j, uint8_t& s, uint8_t& m) {
            if (j < 4) {
                s = sc[j] & 63;
                m = sc[j + 4] & 63;
            } else {
                s = static_cast<uint8_t>((sc[j + 4] & 0x0F) | ((sc[j - 4] >> 6) << 4));
                m = static_cast<uint8_t>((sc[j + 4] >> 4) | ((sc[j] >> 6) << 4));
            }
        };
        for (int j = 0; j < 256; j += 64, q += 32) {
            uint8_t s1, m1, s2, m2;
            scaleMin(j / 32, s1, m1);
            scaleMin(j / 32 + 1, s2, m2);
            for (int l = 0; l < 32; ++l) *y++ = d * s1 * (q[l] & 0x0F) - dmin * m1;
            for (int l = 0; l < 32; ++l) *y++ = d * s2 * (q[l] >> 4) - dmin * m2;
        }
    }
}

void dequantizeRowQ6_K(const std::byte* in, float* y, int64_t n) {
    for (int64_t b = 0; b < n / 256; ++b, in += kQ6KBytes) {
        const auto* ql = reinterpret_cast<const uint8_t*>(in);
        const auto* qh = reinterpret_cast<const uint8_t*>(in + 128);
        const auto* sc = reinterpret_cast<const int8_t*>(in + 192);
        const float d = fp16ToFp32(load16(in + 208));
        for (int half = 0; half < 2; ++half, y += 128, ql += 64, qh += 32, sc += 8) {
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = ((ql[l] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                y[l] = d * sc[is] * q1;
                y[l + 32] = d * sc[is + 2] * q2;
                y[l + 64] = d * sc[is + 4] * q3;
                y[l + 96] = d * sc[is + 6] * q4;
            }
        }
    }
}

void dequantizeRow(DType t, const std::byte* in, float* y, int64_t n) {
    switch (t) {
        case DType::F32:
            std::memcpy(y, in, static_cast<size_t>(n) * 4);
            return;
        case DType::F16:
            for (int64_t k = 0; k < n; ++k) y[k] = fp16ToFp32(load16(in + 2 * k));
            return;
        case DType::BF16:
            for (int64_t k = 0; k < n; ++k) y[k] = bf16ToFp32(load16(in + 2 * k));
            return;
        case DType::Q8_0:
            dequantizeRowQ8_0(in, y, n);
            return;
        case DType::Q4_0:
            dequantizeRowQ4_0(in, y, n);
            return;
        case DType::Q4_K:
            dequantizeRowQ4_K(in, y, n);
            return;
        case DType::Q6_K:
            dequantizeRowQ6_K(in, y, n);
            return;
    }
}

bool quantizeRow(DType t, const float* x, std::byte* out, int64_t n) {
    switch (t) {
        case DType::F32:
            std::memcpy(out, x, static_cast<size_t>(n) * 4);
            return true;
        case DType::F16:
            for (int64_t k = 0; k < n; ++k) store16(out + 2 * k, fp32ToFp16(x[k]));
            return true;
        case DType::BF16:
            for (int64_t k = 0; k < n; ++k) store16(out + 2 * k, fp32ToBf16(x[k]));
            return true;
        case DType::Q8_0:
            quantizeRowQ8_0(x, out, n);
            return true;
        case DType::Q4_0:
            quantizeRowQ4_0(x, out, n);
            return true;
        default:
            return false;
    }
}

}  // namespace motor::gpu
