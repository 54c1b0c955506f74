#pragma once
// In-memory ModelWeights with random values, so engine tests need no model file.
// Matrices are stored in the requested dtype (random but valid quant blocks);
// norms and biases are F32.
#include <cstdint>
#include <memory>

#include "motor/gpu/weights.h"

namespace motor::gpu::test {

struct RandomModelSpec {
    ModelConfig config;
    DType matrixType = DType::F32;
    DType embeddingType = DType::F32;
    uint64_t seed = 1;
};

// Small configs for the three architecture switches.
ModelConfig tinyConfig(Architecture arch);

std::unique_ptr<ModelWeights> makeRandomModel(const RandomModelSpec& spec);

// Random tensor bytes of the given dtype (rows x cols), values roughly uniform in
// [-scale, scale] for plain types; used by kernel tests too.
std::vector<std::byte> randomTensorBytes(DType t, int64_t rows, int64_t cols, float scale, uint64_t seed);

}  // namespace motor::gpu::test
