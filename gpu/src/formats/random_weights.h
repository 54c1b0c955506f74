#pragma once
// The tensors of a random model: names in both conventions, shapes and values.
#include <cstdint>
#include <string>
#include <vector>

#include "motor/gpu/model_config.h"

namespace motor::gpu::formats {

struct RandomTensor {
    std::string canonicalName;
    std::string hfName;
    std::vector<int64_t> shape;  // outermost first
    std::vector<float> values;
};

// Values depend only on (seed, canonical name), never on the order of generation.
std::vector<RandomTensor> makeRandomTensors(const ModelConfig& config, uint64_t seed);

}  // namespace motor::gpu::formats
