// Sampler: greedy, reproducibility from the seed, top-k / top-p masks, masked logits.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "motor/gpu/sampler.h"

namespace motor::gpu {
namespace {

const std::vector<float> kLogits{1.0f, 3.0f, 2.0f, 0.5f, 2.9f, -1.0f};

TEST(Sampler, GreedyPicksArgmaxLowestIdOnTies) {
    Sampler s;
    EXPECT_EQ(s.sample(kLogits), 1);
    const std::vector<float> tie{0.0f, 5.0f, 5.0f};
    EXPECT_EQ(s.sample(tie), 1);
    const std::vector<float> masked{-INFINITY, -INFINITY, 0.1f};
    EXPECT_EQ(s.sample(masked), 2);
}

TEST(Sampler, SameSeedSameSequenceDifferentSeedDiffers) {
    SamplerOptions o{1.0f, 0, 1.0f, 42};
    Sampler a(o), b(o);
    o.seed = 43;
    Sampler c(o);
    std::vector<int32_t> sa, sb, sc;
    for (int i = 0; i < 200; ++i) {
        sa.push_back(a.sample(kLogits));
        sb.push_back(b.sample(kLogits));
        sc.push_back(c.sample(kLogits));
    }
    EXPECT_EQ(sa, sb);
    EXPECT_NE(sa, sc);
}

TEST(Sampler, Pcg32KnownStream) {
    // Reference values of pcg32 with seed 42, stream 54 (pcg-random.org demo).
    Pcg32 r(42, 54);
    EXPECT_EQ(r.next(), 0xa15c02b7u);
    EXPECT_EQ(r.next(), 0x7b47f409u);
    EXPECT_EQ(r.next(), 0xba1d3330u);
}

TEST(Sampler, TopKKeepsKLargest) {
    Sampler s({1.0f, 2, 1.0f, 1});
    const auto p = s.probabilities(kLogits);
    EXPECT_GT(p[1], 0);
    EXPECT_GT(p[4], 0);
    for (int i : {0, 2, 3, 5}) EXPECT_EQ(p[size_t(i)], 0.0f);
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-6);
    for (int i = 0; i < 100; ++i) {
        const int t = s.sample(kLogits);
        EXPECT_TRUE(t == 1 || t == 4);
    }
}

TEST(Sampler, TopPKeepsSmallestPrefixReachingP) {
    // softmax(kLogits): token 1 ~ 0.37, 4 ~ 0.34, 2 ~ 0.14 ...: p = 0.6 keeps {1, 4}.
    Sampler s({1.0f, 0, 0.6f, 1});
    const auto p = s.probabilities(kLogits);
    EXPECT_GT(p[1], 0);
    EXPECT_GT(p[4], 0);
    EXPECT_EQ(p[2], 0.0f);
    EXPECT_NEAR(p[1] + p[4], 1.0, 1e-6);
    // Tiny p still keeps the top token.
    Sampler tiny({1.0f, 0, 1e-6f, 1});
    EXPECT_FLOAT_EQ(tiny.probabilities(kLogits)[1], 1.0f);
}

TEST(Sampler, TemperatureSharpensAndMaskedNeverSampled) {
    Sampler hot({2.0f, 0, 1.0f, 5}), cold({0.25f, 0, 1.0f, 5});
    EXPECT_GT(cold.probabilities(kLogits)[1], hot.probabilities(kLogits)[1]);
    std::vector<float> masked = kLogits;
    masked[1] = -INFINITY;
    for (int i = 0; i < 300; ++i) EXPECT_NE(hot.sample(masked), 1);
}

}  // namespace
}  // namespace motor::gpu
