#pragma once
// Checks that a model's tensors match its configuration, whatever the file format, so
// the compute side can index weights without re-checking shapes.
#include <functional>
#include <string>

#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

using TensorLookup = std::function<const TensorView*(const std::string&)>;

// Fills the tensor-derived flags of config (tiedEmbeddings, qkvBias, qkNorm) and
// checks every expected tensor's presence and shape. file names the model in errors.
Result<void> validateModelTensors(const std::string& file, ModelConfig& config, const TensorLookup& find);

// Range checks of the numbers themselves (positive sizes, heads divisible, ...).
Result<void> validateConfigNumbers(const std::string& file, const ModelConfig& config);

}  // namespace motor::gpu::formats
