#pragma once
// Helpers shared by engine tests: build a Model from a random spec, compare logits.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <vector>

#include "motor/gpu/engine.h"
#include "support/random_model.h"

namespace motor::gpu::test {

inline std::unique_ptr<Model> loadRandomModel(const RandomModelSpec& spec, ModelOptions options = {}) {
    auto m = Model::load(makeRandomModel(spec), options);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? std::move(m.value()) : nullptr;
}

inline std::vector<int32_t> randomTokens(int n, int vocab, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int32_t> t(static_cast<size_t>(n));
    for (auto& x : t) x = int32_t(rng() % uint64_t(vocab));
    return t;
}

// max |a - b| / max |b|.
inline double relativeError(std::span<const float> a, const std::vector<float>& b) {
    double num = 0, den = 0;
    for (size_t i = 0; i < b.size(); ++i) {
        num = std::max(num, std::abs(double(a[i]) - double(b[i])));
        den = std::max(den, std::abs(double(b[i])));
    }
    return num / std::max(den, 1e-30);
}

}  // namespace motor::gpu::test
