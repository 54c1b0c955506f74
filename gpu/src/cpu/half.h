#pragma once
// Scalar fp16 / bf16 <-> fp32 conversions used by the CPU kernels and block decoders.
// Bit-exact IEEE conversions (subnormals, inf, nan) so the optimized kernels and the
// plain reference agree on every weight value.
#include <cstdint>
#include <cstring>

namespace motor::gpu::cpu {

inline float fp32FromBits(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

inline uint32_t bitsFromFp32(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

inline float halfToFloat(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    uint32_t mant = h & 0x3FFu;
    if (exp == 0) {
        if (mant == 0) return fp32FromBits(sign);
        // Subnormal half: renormalise into a normal float.
        int e = -1;
        do {
            ++e;
            mant <<= 1;
        } while ((mant & 0x400u) == 0);
        mant &= 0x3FFu;
        return fp32FromBits(sign | uint32_t(127 - 15 - e) << 23 | mant << 13);
    }
    if (exp == 31) return fp32FromBits(sign | 0x7F800000u | mant << 13);
    return fp32FromBits(sign | (exp + 127 - 15) << 23 | mant << 13);
}

// Round-to-nearest-even; used by tests and writers of random models.
inline uint16_t floatToHalf(float f) {
    const uint32_t x = bitsFromFp32(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const int32_t exp = int32_t((x >> 23) & 0xFF) - 127 + 15;
    uint32_t mant = x & 0x7FFFFFu;
    if (((x >> 23) & 0xFF) == 0xFF) return uint16_t(sign | 0x7C00u | (mant ? 0x200u : 0));
    if (exp >= 31) return uint16_t(sign | 0x7C00u);
    if (exp <= 0) {
        if (exp < -10) return uint16_t(sign);
        mant |= 0x800000u;
        const int shift = 14 - exp;
        uint32_t half = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1);
        const uint32_t mid = 1u << (shift - 1);
        if (rem > mid || (rem == mid && (half & 1))) ++half;
        return uint16_t(sign | half);
    }
    uint32_t half = sign | uint32_t(exp) << 10 | mant >> 13;
    const uint32_t rem = mant & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (half & 1))) ++half;
    return uint16_t(half);
}

inline float bf16ToFloat(uint16_t b) {
    return fp32FromBits(uint32_t(b) << 16);
}

inline uint16_t floatToBf16(float f) {
    uint32_t x = bitsFromFp32(f);
    x += 0x7FFFu + ((x >> 16) & 1);
    return uint16_t(x >> 16);
}

inline uint16_t loadU16(const std::byte* p) {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

}  // namespace motor::gpu::cpu
