#pragma once
// Hugging Face config.json -> ModelConfig, and HF tensor names -> canonical names.
#include <string>

#include "formats/json_value.h"
#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"

namespace motor::gpu::formats {

Result<ModelConfig> hfModelConfig(const JsonValue& config, const std::string& file);

// "model.layers.3.self_attn.q_proj.weight" -> "blk.3.attn_q.weight"; names with no
// canonical counterpart come back unchanged.
std::string hfCanonicalName(const std::string& hfName);

}  // namespace motor::gpu::formats
