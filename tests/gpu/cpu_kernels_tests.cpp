// CPU kernels against plain loops: the activation quantizer of every kernel set, fp16
// conversions, the thread pool (the GEMM itself: gemm_tests.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <random>

#include "cpu/cpu_isa.h"
#include "cpu/gemm_kernels.h"
#include "cpu/half.h"
#include "cpu/matmul.h"
#include "cpu/thread_pool.h"
#include "support/gemm_kernel_sets.h"
#include "support/random_model.h"
#include "support/reference_forward.h"

namespace motor::gpu::test {
namespace {

// The test's own activation quantizer, written from the definition in gemm_kernels.h:
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

// MOTOR_CPU_ISA: the best set by default; a named set the CPU cannot run falls back to
// portable, never to another vector width; an unknown name is ignored.
TEST(CpuIsa, ChoiceFollowsTheCpuAndTheRequest) {
    using cpu::CpuIsa;
    EXPECT_EQ(cpu::chooseCpuIsa(nullptr, true, true), CpuIsa::Avx512);
    EXPECT_EQ(cpu::chooseCpuIsa(nullptr, true, false), CpuIsa::Avx2);
    EXPECT_EQ(cpu::chooseCpuIsa(nullptr, false, false), CpuIsa::Portable);
    EXPECT_EQ(cpu::chooseCpuIsa("avx2", true, true), CpuIsa::Avx2);
    EXPECT_EQ(cpu::chooseCpuIsa("portable", true, true), CpuIsa::Portable);
    EXPECT_EQ(cpu::chooseCpuIsa("avx512", true, false), CpuIsa::Portable);
    EXPECT_EQ(cpu::chooseCpuIsa("avx512", true, true), CpuIsa::Avx512);
    EXPECT_EQ(cpu::chooseCpuIsa("avx2", false, false), CpuIsa::Portable);
    EXPECT_EQ(cpu::chooseCpuIsa("sse9", true, false), CpuIsa::Avx2);
    // The kernel tables agree with the CPU: the AVX-512 set exists exactly where it runs.
    EXPECT_EQ(cpu::avx512GemmKernels() != nullptr, cpu::cpuSupports(CpuIsa::Avx512));
    EXPECT_STREQ(cpu::gemmKernels().isa, cpu::cpuIsaName(cpu::cpuIsa()));
}

TEST(QuantizeActivations, EveryKernelSetMatchesTheDefinition) {
    std::mt19937_64 rng(8);
    std::normal_distribution<float> normal(0, 1);
    const int64_t cols = 32 * 9;
    std::vector<float> x(static_cast<size_t>(cols));
    for (auto& f : x) f = normal(rng) * 3;
    for (int i = 64; i < 96; ++i) x[size_t(i)] = 0;                       // an all-zero block
    for (int i = 96; i < 128; ++i) x[size_t(i)] = float(i - 112) + 0.5f;  // d = 1: exact .5 ties
    x[96] = 127.0f;
    x[200] = -1e6f;  // one huge value
    const NaiveQuant ref = naiveQuantize(x);
    for (const auto* k : gemmKernelSets()) {
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

#include "cpu/cpu_isa.h"
#include "cpu/ops.h"
#include "cpu/ops_avx2.h"

namespace motor::gpu::test {
namespace {

// The row operations of the forward pass (portable, and AVX2 where the CPU has it)
// against double-precision formulas, including lengths with a partial last vector and
// the tails of silu's exp.
// The AVX2 GELU's erf (Abramowitz & Stegun 7.1.26) against erf in double, over the whole range (saturated
// tails, zero, tiny and huge values) and a dense sweep of [-6, 6].
TEST(RowOps, GeluErfMatchesTheDoubleFormula) {
    if (!cpu::cpuSupports(cpu::CpuIsa::Avx2)) GTEST_SKIP() << "no AVX2";
    std::vector<float> x{0.0f,  -0.0f, 1e-30f, -1e-30f, 1e-3f,  3.9f, 4.0f, 4.1f,
                         -4.1f, 9.0f,  -9.0f,  60.0f,   -60.0f, 1e6f, -1e6f};
    for (float v = -6.0f; v <= 6.0f; v += 0.00037f) x.push_back(v);
    x.push_back(0.25f);  // a scalar tail
    std::vector<float> y = x;
    cpu::geluErfAvx2(y.data(), int64_t(y.size()));
    for (size_t i = 0; i < x.size(); ++i) {
        const double r = 0.5 * double(x[i]) * (1.0 + std::erf(double(x[i]) / std::sqrt(2.0)));
        ASSERT_NEAR(y[i], r, 4e-7 * std::max(1.0, std::abs(double(x[i])))) << x[i];
    }
}

TEST(RowOps, RmsNormAndSiluMatchDoubleFormulas) {
    std::mt19937_64 rng(3);
    std::normal_distribution<float> normal(0, 3);
    for (const int64_t n : {1, 7, 64, 77, 768}) {
        std::vector<float> x(static_cast<size_t>(n)), w(x.size()), up(x.size());
        for (size_t i = 0; i < x.size(); ++i) {
            x[i] = normal(rng);
            w[i] = normal(rng);
            up[i] = normal(rng);
        }
        if (n >= 7) {
            x[1] = 95.0f;   // exp(-g) underflows
            x[2] = -95.0f;  // and overflows
        }
        double ss = 0;
        for (float v : x) ss += double(v) * v;
        const double scale = 1.0 / std::sqrt(ss / double(n) + 1e-5);
        using RmsFn = void (*)(const float*, const float*, int64_t, float, float*);
        using SiluFn = void (*)(float*, const float*, int64_t);
        std::vector<std::pair<RmsFn, SiluFn>> sets{{&cpu::rmsNorm, &cpu::siluMul}};
        if (cpu::cpuSupports(cpu::CpuIsa::Avx2)) sets.emplace_back(&cpu::rmsNormAvx2, &cpu::siluMulAvx2);
        for (const auto& [rms, silu] : sets) {
            std::vector<float> out(x.size()), gate = x;
            rms(x.data(), w.data(), n, 1e-5f, out.data());
            silu(gate.data(), up.data(), n);
            for (size_t i = 0; i < x.size(); ++i) {
                const double r = x[i] * scale * w[i];
                EXPECT_NEAR(out[i], r, 1e-6 * std::abs(r) + 1e-12) << n << " " << i;
                const double s = double(x[i]) / (1.0 + std::exp(-double(x[i]))) * up[i];
                EXPECT_NEAR(gate[i], s, 1e-6 * std::abs(s) + 1e-30) << n << " " << i;
            }
        }
    }
}

}  // namespace
}  // namespace motor::gpu::test
