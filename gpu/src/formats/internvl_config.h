#pragma once
// InternVL config.json (both layouts) -> the language model's ModelConfig and the
// VisionConfig, and the tensor renaming of both layouts onto the canonical names.
//
// Canonical vision names are llama.cpp's mmproj names, so an mmproj GGUF needs no
// renaming: v.patch_embd.weight {dim, 3, patch, patch}, v.patch_embd.bias,
// v.class_embd, v.position_embd.weight, v.blk.N.{ln1,ln2}.{weight,bias},
// v.blk.N.attn_{q,k,v,out}.{weight,bias}, v.blk.N.attn_{q,k}_norm.weight (6B),
// v.blk.N.{ls1,ls2}.weight, v.blk.N.ffn_{up,down}.{weight,bias},
// mm.model.mlp.{0,1,3}.{weight,bias} (LayerNorm, Linear, -, Linear).
#include <string>
#include <vector>

#include "formats/json_value.h"
#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"
#include "motor/gpu/vision.h"

namespace motor::gpu::formats {

enum class InternVLLayout { Original, Native };

struct InternVLConfig {
    InternVLLayout layout = InternVLLayout::Original;
    ModelConfig text;
    VisionConfig vision;
};

// True when config.json describes an InternVL model of either layout.
bool isInternVLConfig(const JsonValue& config);

// Parses either layout; errors name the file and the field ("vision_config.norm_type").
Result<InternVLConfig> internvlConfig(const JsonValue& config, const std::string& file);

// The canonical tensors for one stored tensor: usually one renamed view; the
// original layout's fused attn.qkv becomes three row-range views (q, k, v). Names
// with no canonical counterpart come back unchanged (and are ignored by the loader).
std::vector<TensorView> internvlCanonicalTensors(InternVLLayout layout, const TensorView& stored);

}  // namespace motor::gpu::formats
