#pragma once
// llama.cpp's mmproj GGUF (general.architecture "clip") -> VisionConfig. Only
// clip.projector_type "internvl" is understood; the tensors keep their names, which
// are the canonical vision names (internvl_config.h).
#include "formats/gguf_file.h"
#include "motor/gpu/result.h"
#include "motor/gpu/vision.h"

namespace motor::gpu::formats {

// True when the file is an mmproj (vision/audio projector) GGUF rather than a model.
bool isMmprojGguf(const GgufFile& file);

// projectionDim is taken from clip.vision.projection_dim; the caller checks it against
// the language model. Keys this engine adds (llama.cpp ignores them):
// motor.internvl.template, motor.internvl.select_layer, motor.internvl.ps_version.
Result<VisionConfig> mmprojVisionConfig(const GgufFile& file);

}  // namespace motor::gpu::formats
