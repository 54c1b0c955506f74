// Reference conversions and (de)quantisers against hand-computed values and bounds.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "motor/gpu/quant.h"

namespace mg = motor::gpu;

TEST(QuantHalf, KnownValues) {
    EXPECT_EQ(mg::fp32ToFp16(1.0f), 0x3C00);
    EXPECT_EQ(mg::fp32ToFp16(-2.0f), 0xC000);
    EXPECT_EQ(mg::fp32ToFp16(65504.0f), 0x7BFF);
    EXPECT_EQ(mg::fp32ToFp16(65520.0f), 0x7C00);  // rounds up to inf
    EXPECT_EQ(mg::fp32ToFp16(65519.0f), 0x7BFF);
    EXPECT_EQ(mg::fp32ToFp16(std::ldexp(1.0f, -24)), 0x0001);  // smallest subnormal
    EXPECT_EQ(mg::fp32ToFp16(std::ldexp(1.0f, -26)), 0x0000);
    EXPECT_EQ(mg::fp32ToFp16(1.0f + std::ldexp(1.0f, -11)), 0x3C00);  // tie to even
    EXPECT_EQ(mg::fp32ToFp16(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);
    EXPECT_TRUE(std::isnan(mg::fp16ToFp32(mg::fp32ToFp16(std::numeric_limits<float>::quiet_NaN()))));
    EXPECT_EQ(mg::fp16ToFp32(0x7C00), std::numeric_limits<float>::infinity());
}

TEST(QuantHalf, EveryHalfRoundTrips) {
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = mg::fp16ToFp32(static_cast<uint16_t>(h));
        if (std::isnan(f)) continue;
        ASSERT_EQ(mg::fp32ToFp16(f), h) << std::hex << h;
    }
}

TEST(QuantBf16, RoundsToNearestEven) {
    EXPECT_EQ(mg::fp32ToBf16(1.0f), 0x3F80);
    EXPECT_EQ(mg::bf16ToFp32(0x3F80), 1.0f);
    EXPECT_EQ(mg::fp32ToBf16(1.0f + std::ldexp(1.0f, -8)), 0x3F80);      // tie, even stays
    EXPECT_EQ(mg::fp32ToBf16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3F82);  // tie, odd rounds up
    EXPECT_TRUE(std::isnan(mg::bf16ToFp32(mg::fp32ToBf16(std::numeric_limits<float>::quiet_NaN()))));
}

TEST(QuantBlocks, SizesMatchLlamaCpp) {
    EXPECT_EQ(mg::dtypeBlockSize(mg::DType::Q8_0), 32);
    EXPECT_EQ(mg::dtypeBlockBytes(mg::DType::Q8_0), 34);
    EXPECT_EQ(mg::dtypeBlockBytes(mg::DType::Q4_0), 18);
    EXPECT_EQ(mg::dtypeBlockSize(mg::DType::Q4_K), 256);
    EXPECT_EQ(mg::dtypeBlockBytes(mg::DType::Q4_K), 144);
    EXPECT_EQ(mg::dtypeBlockBytes(mg::DType::Q6_K), 210);
    EXPECT_EQ(mg::dtypeRowBytes(mg::DType::BF16, 10), 20);
    EXPECT_EQ(mg::dtypeRowBytes(mg::DType::Q4_0, 64), 36);
    EXPECT_STREQ(mg::dtypeName(mg::DType::Q6_K), "Q6_K");
}

TEST(QuantBlocks, Q8AndQ4ErrorsWithinBounds) {
    std::mt19937 rng(3);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    const int n = 32 * 64;
    std::vector<float> x(n);
    for (auto& v : x) v = dist(rng);
    x[5] = 0;  // a block containing exact zeros and one of all zeros
    std::fill(x.begin() + 64, x.begin() + 96, 0.0f);
    for (auto t : {mg::DType::Q8_0, mg::DType::Q4_0}) {
        std::vector<std::byte> q(mg::dtypeRowBytes(t, n));
        std::vector<float> y(n);
        ASSERT_TRUE(mg::quantizeRow(t, x.data(), q.data(), n));
        mg::dequantizeRow(t, q.data(), y.data(), n);
        for (int b = 0; b < n; b += 32) {
            float amax = 0;
            for (int k = b; k < b + 32; ++k) amax = std::max(amax, std::fabs(x[k]));
            // Q8_0: half a step of amax/127 plus the fp16 rounding of the scale.
            // Q4_0: one step of amax/8 at the clamped end of the range.
            const float bound = t == mg::DType::Q8_0 ? amax / 254 + amax * 1e-3f : amax / 8 * 1.01f;
            for (int k = b; k < b + 32; ++k)
                ASSERT_LE(std::fabs(x[k] - y[k]), bound + 1e-9f) << mg::dtypeName(t) << " " << k;
        }
        for (int k = 64; k < 96; ++k) EXPECT_EQ(y[k], 0.0f);
    }
}

TEST(QuantBlocks, Q4KDequantisesHandBuiltBlock) {
    std::vector<std::byte> blk(144, std::byte{0});
    auto set16 = [&](int at, uint16_t v) { std::memcpy(blk.data() + at, &v, 2); };
    set16(0, mg::fp32ToFp16(1.0f));  // d
    set16(2, mg::fp32ToFp16(0.5f));  // dmin
    auto* sc = reinterpret_cast<uint8_t*>(blk.data() + 4);
    // Sub-blocks 0-3: scale j+1, min j (6 bits each in bytes 0-3 and 4-7).
    for (int j = 0; j < 4; ++j) {
        sc[j] = static_cast<uint8_t>(j + 1);
        sc[j + 4] = static_cast<uint8_t>(j);
    }
    // Sub-blocks 4-7: scale 10+j in the low nibble of bytes 8-11, min 2 in the high nibble.
    for (int j = 4; j < 8; ++j) sc[j + 4] = static_cast<uint8_t>((10 + j - 4) | (2 << 4));
    for (int k = 0; k < 128; ++k) blk[16 + k] = std::byte{0x21};  // low nibble 1, high nibble 2
    std::vector<float> y(256);
    mg::dequantizeRowQ4_K(blk.data(), y.data(), 256);
    // Pairs of sub-blocks share 32 bytes: the first uses low nibbles (1), the second high (2).
    for (int j = 0; j < 8; ++j) {
        const float s = j < 4 ? static_cast<float>(j + 1) : static_cast<float>(10 + j - 4);
        const float m = j < 4 ? static_cast<float>(j) : 2.0f;
        const float q = j % 2 == 0 ? 1.0f : 2.0f;
        for (int l = 0; l < 32; ++l) ASSERT_EQ(y[j * 32 + l], s * q - 0.5f * m) << "sub-block " << j;
    }
}

TEST(QuantBlocks, Q6KDequantisesHandBuiltBlock) {
    std::vector<std::byte> blk(210, std::byte{0});
    const uint16_t d = mg::fp32ToFp16(0.25f);
    std::memcpy(blk.data() + 208, &d, 2);
    auto* scales = reinterpret_cast<int8_t*>(blk.data() + 192);
    for (int k = 0; k < 16; ++k) scales[k] = static_cast<int8_t>(k - 8);
    auto* ql = reinterpret_cast<uint8_t*>(blk.data());
    auto* qh = reinterpret_cast<uint8_t*>(blk.data() + 128);
    ql[0] = 0x0F;       // element 0 low 4 bits = 15; element 64 low bits = 0
    qh[0] = 0x03 << 2;  // element 32 high bits = 3 -> q = 48
    std::vector<float> y(256);
    mg::dequantizeRowQ6_K(blk.data(), y.data(), 256);
    EXPECT_EQ(y[0], 0.25f * -8 * (15 - 32));
    EXPECT_EQ(y[32], 0.25f * -6 * (48 - 32));
    EXPECT_EQ(y[64], 0.25f * -4 * (0 - 32));
    EXPECT_EQ(y[128], 0.25f * 0 * (0 - 32));  // second half uses scales 8..15
    EXPECT_EQ(y[255], 0.25f * (15 - 8) * (0 - 32));
}
