#pragma once
// Checks the vision tower's and projector's tensors against their VisionConfig, for
// every source format, so a bad file fails at open with the tensor's name.
#include <string>

#include "formats/model_validation.h"
#include "motor/gpu/vision.h"

namespace motor::gpu::formats {

// file names the model (or mmproj) in errors. Sets config.layerScale from the file.
Result<void> validateVisionTensors(const std::string& file, VisionConfig& config, const TensorLookup& find);

}  // namespace motor::gpu::formats
