#pragma once
// The tensors of a random model: names in both conventions, shapes, and the generator
// of their values. Values are made on demand, one tensor at a time, so that writing an
// 8B-parameter model never holds more than its largest tensor.
#include <cstdint>
#include <string>
#include <vector>

#include "motor/gpu/model_config.h"

namespace motor::gpu::formats {

struct RandomTensor {
    std::string canonicalName;
    std::string hfName;
    std::vector<int64_t> shape;  // outermost first
    uint64_t state = 0;          // the generator's state before the first value, from (seed, name)
    float scale = 1.0f;          // value = offset + scale * u, u uniform in [-1, 1)
    float offset = 0.0f;

    int64_t elements() const;
    std::vector<float> values() const;  // the same numbers on every call
};

// Values depend only on (seed, canonical name), never on the order of generation.
std::vector<RandomTensor> makeRandomTensors(const ModelConfig& config, uint64_t seed);

}  // namespace motor::gpu::formats
