#include "formats/vision_validation.h"

#include <vector>

namespace motor::gpu::formats {

namespace {

std::string shapeText(const std::vector<int64_t>& s) {
    std::string out = "[";
    for (size_t k = 0; k < s.size(); ++k) out += (k ? ", " : "") + std::to_string(s[k]);
    return out + "]";
}

}  // namespace

Result<void> validateVisionTensors(const std::string& file, VisionConfig& c, const TensorLookup& find) {
    auto expect = [&](const std::string& name, std::vector<int64_t> shape) -> Result<void> {
        const TensorView* t = find(name);
        if (t == nullptr) return makeError(file + ": tensor '" + name + "' is missing");
        if (t->shape != shape)
            return makeError(file + ": tensor '" + name + "' has shape " + shapeText(t->shape) + ", expected " +
                             shapeText(shape));
        return {};
    };
    // Parameters stored with leading 1s ([1, 1, C], [1, N, C]) in PyTorch and GGUF
    // alike: checked by element count and innermost size.
    auto expectElements = [&](const std::string& name, int64_t count, int64_t inner, const char* why) -> Result<void> {
        const TensorView* t = find(name);
        if (t == nullptr) return makeError(file + ": tensor '" + name + "' is missing");
        if (t->elements() != count || t->shape.empty() || t->shape.back() != inner)
            return makeError(file + ": tensor '" + name + "' has shape " + shapeText(t->shape) + ", expected " +
                             std::to_string(count / inner) + " x " + std::to_string(inner) + why);
        return {};
    };
    const int64_t C = c.dim, F = c.hiddenDim, P = c.patchSize, D = c.projectionDim;
    const int64_t merged = C * c.scaleFactor * c.scaleFactor;
    if (auto r = expect("v.patch_embd.weight", {C, c.channels, P, P}); !r) return r;
    if (auto r = expect("v.patch_embd.bias", {C}); !r) return r;
    if (auto r = expectElements("v.class_embd", C, C, ""); !r) return r;
    const int64_t positions = int64_t(c.patchesPerImage()) + 1;
    if (auto r = expectElements("v.position_embd.weight", positions * C, C,
                                " (the patch grid of image_size / patch_size plus the class token; checkpoints of "
                                "another grid would need interpolation, which is not supported)");
        !r)
        return r;
    c.layerScale = find("v.blk.0.ls1.weight") != nullptr;
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "v.blk." + std::to_string(l) + ".";
        std::vector<std::pair<std::string, std::vector<int64_t>>> want = {
            {"ln1.weight", {C}},         {"ln2.weight", {C}},       {"attn_q.weight", {C, C}},
            {"attn_k.weight", {C, C}},   {"attn_v.weight", {C, C}}, {"attn_out.weight", {C, C}},
            {"attn_out.bias", {C}},      {"ffn_up.weight", {F, C}}, {"ffn_up.bias", {F}},
            {"ffn_down.weight", {C, F}}, {"ffn_down.bias", {C}},
        };
        if (c.norm == VisionNorm::LayerNorm) {
            want.push_back({"ln1.bias", {C}});
            want.push_back({"ln2.bias", {C}});
        }
        if (c.qkvBias)
            for (const char* n : {"attn_q.bias", "attn_k.bias", "attn_v.bias"}) want.push_back({n, {C}});
        if (c.qkNorm)
            for (const char* n : {"attn_q_norm.weight", "attn_k_norm.weight"}) want.push_back({n, {C}});
        if (c.layerScale)
            for (const char* n : {"ls1.weight", "ls2.weight"}) want.push_back({n, {C}});
        for (const auto& [n, s] : want)
            if (auto r = expect(b + n, s); !r) return r;
    }
    for (auto [n, s] : std::vector<std::pair<const char*, std::vector<int64_t>>>{{"mm.model.mlp.0.weight", {merged}},
                                                                                 {"mm.model.mlp.0.bias", {merged}},
                                                                                 {"mm.model.mlp.1.weight", {D, merged}},
                                                                                 {"mm.model.mlp.1.bias", {D}},
                                                                                 {"mm.model.mlp.3.weight", {D, D}},
                                                                                 {"mm.model.mlp.3.bias", {D}}})
        if (auto r = expect(n, s); !r) return r;
    return {};
}

}  // namespace motor::gpu::formats
