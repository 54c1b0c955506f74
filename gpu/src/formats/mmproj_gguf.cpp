#include "formats/mmproj_gguf.h"

#include <cmath>
#include <limits>

#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

Error keyError(const GgufFile& f, const std::string& key, const std::string& what) {
    return makeError(f.name() + ": metadata '" + key + "' " + what);
}

Result<void> readInt(const GgufFile& f, const std::string& key, int& out, bool required) {
    const GgufValue* v = f.find(key);
    if (v == nullptr) return required ? Result<void>(keyError(f, key, "is missing")) : Result<void>();
    auto i = v->asInt();
    if (!i || v->type == GgufType::Bool || *i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max())
        return keyError(f, key, std::string("must be an integer, is ") + ggufTypeName(v->type));
    out = int(*i);
    return {};
}

Result<void> readFloat(const GgufFile& f, const std::string& key, float& out) {
    const GgufValue* v = f.find(key);
    if (v == nullptr) return {};
    auto d = v->asNumber();
    if (!d || v->type == GgufType::Bool || !std::isfinite(*d)) return keyError(f, key, "must be a finite number");
    out = float(*d);
    return {};
}

Result<void> readString(const GgufFile& f, const std::string& key, std::string& out) {
    const GgufValue* v = f.find(key);
    if (v == nullptr) return {};
    if (v->type != GgufType::String)
        return keyError(f, key, std::string("must be a string, is ") + ggufTypeName(v->type));
    out = v->s;
    return {};
}

Result<void> readTriple(const GgufFile& f, const std::string& key, float (&out)[3]) {
    const GgufValue* v = f.find(key);
    if (v == nullptr) return {};
    if (v->type != GgufType::Array || v->items.size() != 3) return keyError(f, key, "must be an array of 3 numbers");
    for (int i = 0; i < 3; ++i) {
        auto d = v->items[size_t(i)].asNumber();
        if (!d || !std::isfinite(*d)) return keyError(f, key, "must be an array of 3 numbers");
        out[i] = float(*d);
    }
    return {};
}

}  // namespace

bool isMmprojGguf(const GgufFile& file) {
    const GgufValue* a = file.find("general.architecture");
    return a != nullptr && a->type == GgufType::String && a->s == "clip";
}

Result<VisionConfig> mmprojVisionConfig(const GgufFile& f) {
    if (!isMmprojGguf(f))
        return keyError(f, "general.architecture", "is not 'clip': the file is not an mmproj (vision projector) GGUF");
    VisionConfig c;
    std::string type;
    MOTOR_TRY(readString(f, "clip.projector_type", type));
    if (type.empty()) MOTOR_TRY(readString(f, "clip.vision.projector_type", type));
    if (type != "internvl")
        return keyError(f, "clip.projector_type", "is '" + type + "' (only 'internvl' is supported)");
    c.projectorType = type;
    if (const GgufValue* hv = f.find("clip.has_vision_encoder"); hv && hv->type == GgufType::Bool && hv->u == 0)
        return keyError(f, "clip.has_vision_encoder", "is false: the file has no vision encoder");
    MOTOR_TRY(readInt(f, "clip.vision.image_size", c.imageSize, true));
    MOTOR_TRY(readInt(f, "clip.vision.patch_size", c.patchSize, true));
    MOTOR_TRY(readInt(f, "clip.vision.embedding_length", c.dim, true));
    MOTOR_TRY(readInt(f, "clip.vision.feed_forward_length", c.hiddenDim, true));
    MOTOR_TRY(readInt(f, "clip.vision.block_count", c.layers, true));
    MOTOR_TRY(readInt(f, "clip.vision.attention.head_count", c.heads, true));
    MOTOR_TRY(readInt(f, "clip.vision.projection_dim", c.projectionDim, true));
    MOTOR_TRY(readFloat(f, "clip.vision.attention.layer_norm_epsilon", c.normEps));
    MOTOR_TRY(readInt(f, "clip.vision.projector.scale_factor", c.scaleFactor, false));
    MOTOR_TRY(readTriple(f, "clip.vision.image_mean", c.imageMean));
    MOTOR_TRY(readTriple(f, "clip.vision.image_std", c.imageStd));
    if (const GgufValue* s = f.find("clip.use_silu"); s && s->type == GgufType::Bool && s->u != 0)
        return keyError(f, "clip.use_silu", "is true (the InternViT MLP uses GELU)");
    MOTOR_TRY(readString(f, "motor.internvl.template", c.templateName));
    MOTOR_TRY(readInt(f, "motor.internvl.select_layer", c.selectLayer, false));
    MOTOR_TRY(readString(f, "motor.internvl.ps_version", c.psVersion));
    // Norm kind and optional tensors follow from what the file holds, as llama.cpp's
    // loader decides: LayerNorm has a bias, InternViT-6B's RMSNorm has none.
    c.norm = f.findTensor("v.blk.0.ln1.bias") != nullptr ? VisionNorm::LayerNorm : VisionNorm::RmsNorm;
    c.qkNorm = f.findTensor("v.blk.0.attn_q_norm.weight") != nullptr;
    c.qkvBias = f.findTensor("v.blk.0.attn_q.bias") != nullptr;
    if (c.dim <= 0 || c.heads <= 0 || c.dim % c.heads != 0)
        return keyError(f, "clip.vision.attention.head_count", "must divide a positive clip.vision.embedding_length");
    if (c.patchSize <= 0 || c.imageSize % c.patchSize != 0)
        return keyError(f, "clip.vision.patch_size", "must divide clip.vision.image_size");
    if (c.scaleFactor <= 0 || c.gridSize() % c.scaleFactor != 0)
        return keyError(f, "clip.vision.projector.scale_factor",
                        "must divide the patch grid of " + std::to_string(c.gridSize()));
    if (c.selectLayer < -c.layers || c.selectLayer > c.layers || c.selectLayer == 0)
        return keyError(f, "motor.internvl.select_layer", "is outside the tower's layers");
    if (c.psVersion != "v1" && c.psVersion != "v2") return keyError(f, "motor.internvl.ps_version", "must be v1 or v2");
    return c;
}

}  // namespace motor::gpu::formats
