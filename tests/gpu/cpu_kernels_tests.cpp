// CPU kernels against plain loops: row dots of every dtype (portable and AVX2 sets),
// batch independence, fp16 conversions, the thread pool.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <random>

#include "cpu/half.h"
#include "cpu/matmul.h"
#include "cpu/row_dot.h"
#include "cpu/thread_pool.h"
#include "support/random_model.h"
#include "support/reference_forward.h"

namespace motor::gpu::test {
namespace {

struct DotCase {
    DType type;
    int64_t cols;
};

class RowDot : public ::testing::TestWithParam<DotCase> {};

// The float kernels of every dtype (for Q8_0/Q4_0 they remain the decode path of
// DecodeRowFn users; products go through the integer kernels below).
TEST_P(RowDot, EveryKernelSetMatchesDequantizedReference) {
    const auto [type, cols] = GetParam();
    const int64_t rows = 3;
    auto bytes = randomTensorBytes(type, rows, cols, 0.5f, 99);
    TensorView view{"w", type, {rows, cols}, bytes.data(), int64_t(bytes.size())};
    const auto w = referenceDequantize(view);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<float> uni(-1, 1);
    std::vector<std::vector<float>> x(4, std::vector<float>(size_t(cols)));
    for (auto& v : x)
        for (auto& f : v) f = uni(rng);
    std::vector<const cpu::RowDotKernels*> sets{&cpu::portableRowDotKernels()};
    if (cpu::avx2RowDotKernels() && &cpu::rowDotKernels() == cpu::avx2RowDotKernels())
        sets.push_back(cpu::avx2RowDotKernels());
    const int64_t rb = int64_t(bytes.size()) / rows;
    for (const auto* k : sets) {
        for (int64_t r = 0; r < rows; ++r) {
            std::vector<float> single(4);
            for (int t = 0; t < 4; ++t) {
                const float* xs[1] = {x[size_t(t)].data()};
                k->get(type, 1)(bytes.data() + r * rb, cols, xs, &single[size_t(t)]);
                double ref = 0, mag = 0;
                for (int64_t i = 0; i < cols; ++i) {
                    ref += double(w[size_t(r * cols + i)]) * x[size_t(t)][size_t(i)];
                    mag += std::abs(double(w[size_t(r * cols + i)]) * x[size_t(t)][size_t(i)]);
                }
                EXPECT_NEAR(single[size_t(t)], ref, 1e-5 * mag + 1e-6) << k->isa << " " << dtypeName(type);
            }
            // Batched calls give bit-identical results to single-token calls.
            for (int n = 2; n <= cpu::kMaxDotTokens; ++n) {
                const float* xs[4] = {x[0].data(), x[1].data(), x[2].data(), x[3].data()};
                float out[4];
                k->get(type, n)(bytes.data() + r * rb, cols, xs, out);
                for (int t = 0; t < n; ++t) EXPECT_EQ(std::memcmp(&out[t], &single[size_t(t)], 4), 0) << k->isa << " n=" << n;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cpu, RowDot,
                         ::testing::Values(DotCase{DType::F32, 172}, DotCase{DType::F32, 256}, DotCase{DType::F16, 200},
                                           DotCase{DType::BF16, 77}, DotCase{DType::Q8_0, 320},
                                           DotCase{DType::Q4_0, 96}, DotCase{DType::Q4_K, 512},
                                           DotCase{DType::Q6_K, 768}));

// The test's own activation quantizer, written from the definition in row_dot.h:
// d = max|x| / 127, q = x / d rounded to nearest, ties to even.
struct NaiveQuant {
    std::vector<float> d;
    std::vector<int> q;
};

NaiveQuant naiveQuantize(const std::vector<float>& x) {
    NaiveQuant r;
    for (size_t b = 0; b < x.size() / 32; ++b) {
        float amax = 0;
        for (size_t i = 0; i < 32; ++i) amax = std::max(amax, std::abs(x[b * 32 + i]));
        const float d = amax / 127.0f;
        r.d.push_back(d);
        for (size_t i = 0; i < 32; ++i) r.q.push_back(d == 0 ? 0 : int(std::nearbyint(x[b * 32 + i] * (1.0f / d))));
    }
    return r;
}

std::vector<const cpu::RowDotKernels*> activeSets() {
    std::vector<const cpu::RowDotKernels*> sets{&cpu::portableRowDotKernels()};
    if (cpu::avx2RowDotKernels() && &cpu::rowDotKernels() == cpu::avx2RowDotKernels())
        sets.push_back(cpu::avx2RowDotKernels());
    return sets;
}

TEST(QuantizeActivations, EveryKernelSetMatchesTheDefinition) {
    std::mt19937_64 rng(8);
    std::normal_distribution<float> normal(0, 1);
    const int64_t cols = 32 * 9;
    std::vector<float> x(static_cast<size_t>(cols));
    for (auto& f : x) f = normal(rng) * 3;
    for (int i = 64; i < 96; ++i) x[size_t(i)] = 0;             // an all-zero block
    for (int i = 96; i < 128; ++i) x[size_t(i)] = float(i - 112) + 0.5f;  // d = 1: exact .5 ties
    x[96] = 127.0f;
    x[200] = -1e6f;                                              // one huge value
    const NaiveQuant ref = naiveQuantize(x);
    for (const auto* k : activeSets()) {
        std::vector<cpu::QuantBlock> q(size_t(cols / 32));
        k->quantize(x.data(), cols, q.data());
        for (size_t b = 0; b < q.size(); ++b) {
            EXPECT_EQ(q[b].d, ref.d[b]) << k->isa << " block " << b;
            int amax = 0;
            for (size_t i = 0; i < 32; ++i) {
                EXPECT_EQ(int(q[b].q[i]), ref.q[b * 32 + i]) << k->isa << " block " << b << " value " << i;
                EXPECT_LE(std::abs(x[b * 32 + i] - q[b].d * float(q[b].q[i])), q[b].d * 0.5f * (1 + 1e-6f)) << k->isa;
                amax = std::max(amax, std::abs(int(q[b].q[i])));
            }
            EXPECT_EQ(amax, b == 2 ? 0 : 127) << k->isa << " block " << b;
        }
        EXPECT_EQ(q[3].d, 1.0f);
        EXPECT_EQ(int(q[3].q[115 - 96]), 4) << k->isa;   // 3.5 -> 4
        EXPECT_EQ(int(q[3].q[114 - 96]), 2) << k->isa;   // 2.5 -> 2
        EXPECT_EQ(int(q[3].q[109 - 96]), -2) << k->isa;  // -2.5 -> -2
    }
}

class QuantRowDot : public ::testing::TestWithParam<DType> {};

TEST_P(QuantRowDot, IntegerKernelsMatchExactProductOfQuantizedValues) {
    const DType type = GetParam();
    const int64_t rows = 3, cols = 32 * 11;  // an odd block count exercises the tail
    auto bytes = randomTensorBytes(type, rows, cols, 0.5f, 41);
    // -128 never comes out of a quantizer but is a valid Q8_0 byte in a file: |w| = 128
    // must survive the unsigned x signed byte products.
    if (type == DType::Q8_0) bytes[2] = bytes[3 * 34 + 5] = std::byte(0x80);
    TensorView view{"w", type, {rows, cols}, bytes.data(), int64_t(bytes.size())};
    const auto w = referenceDequantize(view);
    std::mt19937_64 rng(6);
    std::normal_distribution<float> normal(0, 1);
    std::vector<std::vector<float>> x(4, std::vector<float>(size_t(cols)));
    for (auto& v : x)
        for (auto& f : v) f = normal(rng);
    const int64_t rb = int64_t(bytes.size()) / rows;
    for (const auto* k : activeSets()) {
        ASSERT_TRUE(k->quantizesActivations(type)) << k->isa;
        std::vector<std::vector<cpu::QuantBlock>> xq(4, std::vector<cpu::QuantBlock>(size_t(cols / 32)));
        for (int t = 0; t < 4; ++t) k->quantize(x[size_t(t)].data(), cols, xq[size_t(t)].data());
        for (int64_t r = 0; r < rows; ++r) {
            float single[4];
            for (int t = 0; t < 4; ++t) {
                const cpu::QuantBlock* xs[1] = {xq[size_t(t)].data()};
                k->getQuant(type, 1)(bytes.data() + r * rb, rb, 1, cols, xs, &single[t], 1);
                // Reference: dequantized weights times dequantized activations, in
                // double; and the plain float product, which differs by at most half
                // a quantization step of each activation.
                const NaiveQuant nq = naiveQuantize(x[size_t(t)]);
                double exact = 0, mag = 0, plain = 0, bound = 0;
                for (int64_t i = 0; i < cols; ++i) {
                    const double wi = w[size_t(r * cols + i)];
                    const double xi = double(nq.d[size_t(i / 32)]) * nq.q[size_t(i)];
                    exact += wi * xi;
                    mag += std::abs(wi * xi);
                    plain += wi * x[size_t(t)][size_t(i)];
                    bound += std::abs(wi) * nq.d[size_t(i / 32)] * 0.5;
                }
                EXPECT_NEAR(single[t], exact, 1e-5 * mag + 1e-6) << k->isa << " " << dtypeName(type);
                EXPECT_LE(std::abs(single[t] - plain), bound * (1 + 1e-4) + 1e-5 * mag) << k->isa;
            }
            for (int n = 2; n <= cpu::kMaxDotTokens; ++n) {
                const cpu::QuantBlock* xs[4] = {xq[0].data(), xq[1].data(), xq[2].data(), xq[3].data()};
                float out[4];
                k->getQuant(type, n)(bytes.data() + r * rb, rb, 1, cols, xs, out, 1);
                for (int t = 0; t < n; ++t) EXPECT_EQ(std::memcmp(&out[t], &single[t], 4), 0) << k->isa << " n=" << n;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cpu, QuantRowDot, ::testing::Values(DType::Q8_0, DType::Q4_0),
                         [](const ::testing::TestParamInfo<DType>& info) { return std::string(dtypeName(info.param)); });

TEST(Half, RoundTripsAndSpecialValues) {
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = cpu::halfToFloat(uint16_t(h));
        if (std::isnan(f)) continue;
        EXPECT_EQ(cpu::floatToHalf(f), uint16_t(h)) << h;
    }
    EXPECT_EQ(cpu::halfToFloat(0x3C00), 1.0f);
    EXPECT_EQ(cpu::halfToFloat(0x0001), std::ldexp(1.0f, -24));
    EXPECT_EQ(cpu::bf16ToFloat(cpu::floatToBf16(1.5f)), 1.5f);
}

TEST(Matmul, ManyTokensMatchesSingleTokenBitForBit) {
    const int64_t rows = 70, cols = 96;
    const int T = 37;
    auto bytes = randomTensorBytes(DType::Q8_0, rows, cols, 0.5f, 3);
    cpu::WeightMatrix w{DType::Q8_0, bytes.data(), rows, cols, cols / 32 * 34};
    std::vector<float> x(size_t(T * cols));
    std::mt19937_64 rng(1);
    for (auto& f : x) f = float(int(rng() % 2001) - 1000) / 1000.0f;
    cpu::ThreadPool pool(3);
    std::vector<float> batched(size_t(T * rows)), single(static_cast<size_t>(rows));
    const cpu::MatmulTask task[] = {{&w, batched.data(), rows}};
    cpu::matmul(pool, task, x.data(), T, cols);
    for (int t = 0; t < T; ++t) {
        const cpu::MatmulTask one[] = {{&w, single.data(), rows}};
        cpu::matmul(pool, one, x.data() + t * cols, 1, cols);
        EXPECT_EQ(std::memcmp(single.data(), batched.data() + t * rows, size_t(rows) * 4), 0) << t;
    }
}

TEST(ThreadPool, EveryItemRunsExactlyOnceAcrossManyLoops) {
    cpu::ThreadPool pool(4);
    std::vector<std::atomic<int>> hits(257);
    for (int round = 0; round < 2000; ++round) {
        const int n = 1 + round % 257;
        pool.parallelFor(n, [&](int i, int thread) {
            EXPECT_GE(thread, 0);
            EXPECT_LT(thread, 4);
            hits[size_t(i)].fetch_add(1);
        });
    }
    int total = 0;
    for (auto& h : hits) total += h.load();
    int expected = 0;
    for (int round = 0; round < 2000; ++round) expected += 1 + round % 257;
    EXPECT_EQ(total, expected);
}

}  // namespace
}  // namespace motor::gpu::test

#include "motor/gpu/quant.h"

namespace motor::gpu::test {
namespace {

// Two independent dequantizers (the formats side's quant.h and the test reference)
// agree bit for bit on random blocks of every dtype, so both read llama.cpp's layouts
// the same way.
TEST(Dequantize, ReferenceAgreesWithFormatsQuantH) {
    for (DType t : {DType::F16, DType::BF16, DType::Q8_0, DType::Q4_0, DType::Q4_K, DType::Q6_K}) {
        const int64_t n = 512;
        auto bytes = randomTensorBytes(t, 1, n, 0.5f, 17);
        TensorView view{"w", t, {1, n}, bytes.data(), int64_t(bytes.size())};
        const auto ref = referenceDequantize(view);
        std::vector<float> other(static_cast<size_t>(n));
        dequantizeRow(t, bytes.data(), other.data(), n);
        EXPECT_EQ(std::memcmp(ref.data(), other.data(), size_t(n) * 4), 0) << dtypeName(t);
    }
}

}  // namespace
}  // namespace motor::gpu::test
