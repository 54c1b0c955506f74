#include "formats/internvl_config.h"

#include <cmath>
#include <limits>

#include "formats/hf_config.h"
#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

// Field reader that names "file: field 'prefix.key'" in every error.
class Obj {
public:
    Obj(const JsonValue& v, const std::string& file, std::string prefix)
        : v_(v), file_(file), prefix_(std::move(prefix)) {}

    Error error(const std::string& key, const std::string& what) const {
        return makeError(file_ + ": field '" + prefix_ + key + "' " + what);
    }
    const JsonValue* get(const char* key) const {
        const JsonValue* x = v_.get(key);
        return x == nullptr || x->isNull() ? nullptr : x;
    }
    // An int, or the first element of an [h, w] pair whose two values agree.
    Result<void> integer(const char* key, int& out, bool required) const {
        const JsonValue* x = get(key);
        if (x == nullptr) return required ? Result<void>(error(key, "is missing")) : Result<void>();
        if (x->isArray()) {
            if (x->array().size() != 2 || !x->array()[0].integer() ||
                x->array()[0].integer() != x->array()[1].integer())
                return error(key, "must be an integer or a square [h, w] pair");
            x = &x->array()[0];
        }
        auto i = x->integer();
        if (!i || *i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max())
            return error(key, "must be an integer");
        out = int(*i);
        return {};
    }
    Result<void> number(const char* key, double& out) const {
        const JsonValue* x = get(key);
        if (x == nullptr) return {};
        if (!x->isNumber() || !std::isfinite(x->number())) return error(key, "must be a finite number");
        out = x->number();
        return {};
    }
    Result<void> boolean(const char* key, bool& out) const {
        const JsonValue* x = get(key);
        if (x == nullptr) return {};
        if (!x->isBool()) return error(key, "must be true or false");
        out = x->boolean();
        return {};
    }
    Result<void> string(const char* key, std::string& out) const {
        const JsonValue* x = get(key);
        if (x == nullptr) return {};
        if (!x->isString()) return error(key, "must be a string");
        out = x->string();
        return {};
    }

private:
    const JsonValue& v_;
    const std::string& file_;
    std::string prefix_;
};

std::string archOf(const JsonValue& config) {
    if (const JsonValue* a = config.get("architectures");
        a && a->isArray() && !a->array().empty() && a->array()[0].isString())
        return a->array()[0].string();
    if (const JsonValue* m = config.get("model_type"); m && m->isString()) return m->string();
    return {};
}

}  // namespace

bool isInternVLConfig(const JsonValue& config) {
    return config.isObject() && config.get("vision_config") != nullptr &&
           (config.get("llm_config") != nullptr || config.get("text_config") != nullptr);
}

Result<InternVLConfig> internvlConfig(const JsonValue& config, const std::string& file) {
    InternVLConfig out;
    const std::string arch = archOf(config);
    const bool native = config.get("text_config") != nullptr;
    out.layout = native ? InternVLLayout::Native : InternVLLayout::Original;
    if (native && arch != "InternVLForConditionalGeneration" && arch != "internvl")
        return makeError(file + ": field 'architectures': unsupported multimodal architecture '" + arch +
                         "' (InternVLForConditionalGeneration and InternVLChatModel are supported)");
    if (!native && arch != "InternVLChatModel" && arch != "internvl_chat")
        return makeError(file + ": field 'architectures': unsupported multimodal architecture '" + arch +
                         "' (InternVLChatModel and InternVLForConditionalGeneration are supported)");

    const char* textKey = native ? "text_config" : "llm_config";
    const JsonValue* text = config.get(textKey);
    if (text == nullptr || !text->isObject()) return makeError(file + ": field '" + textKey + "' must be an object");
    auto tc = hfModelConfig(*text, file + " (" + textKey + ")");
    if (!tc) return tc.error();
    out.text = tc.value();

    const JsonValue* vj = config.get("vision_config");
    if (vj == nullptr || !vj->isObject()) return makeError(file + ": field 'vision_config' must be an object");
    Obj v(*vj, file, "vision_config.");
    Obj top(config, file, "");
    VisionConfig& c = out.vision;
    MOTOR_TRY(v.integer("hidden_size", c.dim, true));
    MOTOR_TRY(v.integer("intermediate_size", c.hiddenDim, true));
    MOTOR_TRY(v.integer("num_hidden_layers", c.layers, true));
    MOTOR_TRY(v.integer("num_attention_heads", c.heads, true));
    MOTOR_TRY(v.integer("image_size", c.imageSize, true));
    MOTOR_TRY(v.integer("patch_size", c.patchSize, true));
    MOTOR_TRY(v.integer("num_channels", c.channels, false));
    double eps = 1e-6;
    MOTOR_TRY(v.number("layer_norm_eps", eps));
    c.normEps = float(eps);
    std::string normType = "layer_norm";
    MOTOR_TRY(v.string("norm_type", normType));
    if (normType == "layer_norm")
        c.norm = VisionNorm::LayerNorm;
    else if (normType == "rms_norm")
        c.norm = VisionNorm::RmsNorm;
    else
        return v.error("norm_type", "is '" + normType + "' (layer_norm and rms_norm are supported)");
    MOTOR_TRY(v.boolean(native ? "use_qk_norm" : "qk_normalization", c.qkNorm));
    c.qkvBias = true;
    MOTOR_TRY(v.boolean(native ? "attention_bias" : "qkv_bias", c.qkvBias));
    std::string act = "gelu";
    MOTOR_TRY(v.string("hidden_act", act));
    if (act != "gelu") return v.error("hidden_act", "is '" + act + "' (only gelu, the exact erf GELU, is supported)");
    if (c.channels != 3) return v.error("num_channels", "is " + std::to_string(c.channels) + " (RGB, 3, is supported)");

    double ratio = 0.5;
    MOTOR_TRY(top.number("downsample_ratio", ratio));
    if (!(ratio > 0) || std::fabs(1.0 / ratio - std::round(1.0 / ratio)) > 1e-6)
        return top.error("downsample_ratio", "must be 1/n for an integer n");
    c.scaleFactor = int(std::lround(1.0 / ratio));

    if (native) {
        MOTOR_TRY(top.integer("vision_feature_layer", c.selectLayer, false));
        std::string strategy = "default";
        MOTOR_TRY(top.string("vision_feature_select_strategy", strategy));
        if (strategy != "default")
            return top.error("vision_feature_select_strategy",
                             "is '" + strategy + "' (default, dropping the class token, is supported)");
        std::string pact = "gelu";
        MOTOR_TRY(top.string("projector_hidden_act", pact));
        if (pact != "gelu") return top.error("projector_hidden_act", "is '" + pact + "' (gelu is supported)");
        bool meanPool = true;
        MOTOR_TRY(v.boolean("use_mean_pooling", meanPool));
        if (!meanPool)
            return v.error("use_mean_pooling",
                           "is false: a final vision LayerNorm is not supported (InternVL's is identity)");
        c.psVersion = "v2";
    } else {
        MOTOR_TRY(top.integer("select_layer", c.selectLayer, false));
        MOTOR_TRY(top.string("ps_version", c.psVersion));
        if (c.psVersion != "v1" && c.psVersion != "v2")
            return top.error("ps_version", "is '" + c.psVersion + "' (v1 and v2 are supported)");
        MOTOR_TRY(top.string("template", c.templateName));
        int force = 0;
        MOTOR_TRY(top.integer("force_image_size", force, false));
        if (force > 0 && force != c.imageSize)
            return top.error("force_image_size", "is " + std::to_string(force) + " but vision_config.image_size is " +
                                                     std::to_string(c.imageSize) +
                                                     ": interpolating position embeddings is not supported");
    }
    if (c.selectLayer < -c.layers || c.selectLayer > c.layers || c.selectLayer == 0)
        return top.error(
            native ? "vision_feature_layer" : "select_layer",
            "is " + std::to_string(c.selectLayer) + ", outside the tower's " + std::to_string(c.layers) + " layers");
    c.projectionDim = out.text.dim;
    if (c.dim <= 0 || c.hiddenDim <= 0 || c.layers <= 0 || c.heads <= 0 || c.dim % c.heads != 0)
        return v.error("num_attention_heads", "must divide a positive hidden_size");
    if (c.patchSize <= 0 || c.imageSize % c.patchSize != 0)
        return v.error("patch_size", "must divide image_size " + std::to_string(c.imageSize));
    if (c.gridSize() % c.scaleFactor != 0)
        return top.error("downsample_ratio", "does not divide the patch grid of " + std::to_string(c.gridSize()));
    return out;
}

namespace {

bool startsWith(const std::string& s, const std::string& p) {
    return s.compare(0, p.size(), p) == 0;
}

// "3.rest" after a prefix -> index "3" and "rest"; false when not of that form.
bool splitLayer(const std::string& s, std::string& index, std::string& rest) {
    const size_t dot = s.find('.');
    if (dot == std::string::npos || dot == 0) return false;
    for (size_t i = 0; i < dot; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    index = s.substr(0, dot);
    rest = s.substr(dot + 1);
    return true;
}

TensorView renamed(const TensorView& t, std::string name) {
    TensorView v = t;
    v.name = std::move(name);
    return v;
}

std::string lookup(const std::string& key, std::initializer_list<std::pair<const char*, const char*>> table) {
    for (auto [from, to] : table)
        if (key == from) return to;
    return {};
}

std::vector<TensorView> originalVision(const TensorView& t) {
    const std::string& n = t.name;
    const std::string embd = "vision_model.embeddings.";
    const std::string layers = "vision_model.encoder.layers.";
    if (startsWith(n, embd)) {
        const std::string to = lookup(n.substr(embd.size()), {{"class_embedding", "v.class_embd"},
                                                              {"position_embedding", "v.position_embd.weight"},
                                                              {"patch_embedding.weight", "v.patch_embd.weight"},
                                                              {"patch_embedding.bias", "v.patch_embd.bias"}});
        return {renamed(t, to.empty() ? n : to)};
    }
    std::string index, rest;
    if (startsWith(n, layers) && splitLayer(n.substr(layers.size()), index, rest)) {
        const std::string b = "v.blk." + index + ".";
        if (rest == "attn.qkv.weight" || rest == "attn.qkv.bias") {
            // Fused [3C, ...] -> three views of C rows each (q, k, v), no copy.
            const bool weight = rest == "attn.qkv.weight";
            if (t.shape.empty() || t.shape[0] % 3 != 0) return {t};
            const int64_t rows = t.shape[0] / 3;
            const int64_t bytes = t.bytes / 3;
            std::vector<TensorView> out;
            const char* parts[] = {"attn_q", "attn_k", "attn_v"};
            for (int i = 0; i < 3; ++i) {
                TensorView v = renamed(t, b + parts[i] + (weight ? ".weight" : ".bias"));
                v.shape[0] = rows;
                v.bytes = bytes;
                v.data = t.data ? t.data + i * bytes : nullptr;
                out.push_back(std::move(v));
            }
            return out;
        }
        const std::string to = lookup(rest, {{"attn.proj.weight", "attn_out.weight"},
                                             {"attn.proj.bias", "attn_out.bias"},
                                             {"attn.q_norm.weight", "attn_q_norm.weight"},
                                             {"attn.k_norm.weight", "attn_k_norm.weight"},
                                             {"norm1.weight", "ln1.weight"},
                                             {"norm1.bias", "ln1.bias"},
                                             {"norm2.weight", "ln2.weight"},
                                             {"norm2.bias", "ln2.bias"},
                                             {"ls1", "ls1.weight"},
                                             {"ls2", "ls2.weight"},
                                             {"mlp.fc1.weight", "ffn_up.weight"},
                                             {"mlp.fc1.bias", "ffn_up.bias"},
                                             {"mlp.fc2.weight", "ffn_down.weight"},
                                             {"mlp.fc2.bias", "ffn_down.bias"}});
        return {renamed(t, to.empty() ? n : b + to)};
    }
    const std::string to = lookup(n, {{"mlp1.0.weight", "mm.model.mlp.0.weight"},
                                      {"mlp1.0.bias", "mm.model.mlp.0.bias"},
                                      {"mlp1.1.weight", "mm.model.mlp.1.weight"},
                                      {"mlp1.1.bias", "mm.model.mlp.1.bias"},
                                      {"mlp1.3.weight", "mm.model.mlp.3.weight"},
                                      {"mlp1.3.bias", "mm.model.mlp.3.bias"}});
    return {renamed(t, to.empty() ? n : to)};
}

std::vector<TensorView> nativeVision(const TensorView& t, const std::string& n) {
    const std::string embd = "vision_tower.embeddings.";
    const std::string layers = "vision_tower.encoder.layer.";
    if (startsWith(n, embd)) {
        const std::string to =
            lookup(n.substr(embd.size()), {{"cls_token", "v.class_embd"},
                                           {"position_embeddings", "v.position_embd.weight"},
                                           {"patch_embeddings.projection.weight", "v.patch_embd.weight"},
                                           {"patch_embeddings.projection.bias", "v.patch_embd.bias"}});
        return {renamed(t, to.empty() ? t.name : to)};
    }
    std::string index, rest;
    if (startsWith(n, layers) && splitLayer(n.substr(layers.size()), index, rest)) {
        const std::string to = lookup(rest, {{"attention.q_proj.weight", "attn_q.weight"},
                                             {"attention.q_proj.bias", "attn_q.bias"},
                                             {"attention.k_proj.weight", "attn_k.weight"},
                                             {"attention.k_proj.bias", "attn_k.bias"},
                                             {"attention.v_proj.weight", "attn_v.weight"},
                                             {"attention.v_proj.bias", "attn_v.bias"},
                                             {"attention.projection_layer.weight", "attn_out.weight"},
                                             {"attention.projection_layer.bias", "attn_out.bias"},
                                             {"attention.q_norm.weight", "attn_q_norm.weight"},
                                             {"attention.k_norm.weight", "attn_k_norm.weight"},
                                             {"layernorm_before.weight", "ln1.weight"},
                                             {"layernorm_before.bias", "ln1.bias"},
                                             {"layernorm_after.weight", "ln2.weight"},
                                             {"layernorm_after.bias", "ln2.bias"},
                                             {"lambda_1", "ls1.weight"},
                                             {"lambda_2", "ls2.weight"},
                                             {"mlp.fc1.weight", "ffn_up.weight"},
                                             {"mlp.fc1.bias", "ffn_up.bias"},
                                             {"mlp.fc2.weight", "ffn_down.weight"},
                                             {"mlp.fc2.bias", "ffn_down.bias"}});
        return {renamed(t, to.empty() ? t.name : "v.blk." + index + "." + to)};
    }
    const std::string to = lookup(n, {{"multi_modal_projector.layer_norm.weight", "mm.model.mlp.0.weight"},
                                      {"multi_modal_projector.layer_norm.bias", "mm.model.mlp.0.bias"},
                                      {"multi_modal_projector.linear_1.weight", "mm.model.mlp.1.weight"},
                                      {"multi_modal_projector.linear_1.bias", "mm.model.mlp.1.bias"},
                                      {"multi_modal_projector.linear_2.weight", "mm.model.mlp.3.weight"},
                                      {"multi_modal_projector.linear_2.bias", "mm.model.mlp.3.bias"}});
    return {renamed(t, to.empty() ? t.name : to)};
}

}  // namespace

std::vector<TensorView> internvlCanonicalTensors(InternVLLayout layout, const TensorView& t) {
    const std::string& n = t.name;
    if (layout == InternVLLayout::Original) {
        // language_model.model.* / language_model.lm_head.weight: the Qwen3 decoder.
        const std::string lm = "language_model.";
        if (startsWith(n, lm)) return {renamed(t, hfCanonicalName(n.substr(lm.size())))};
        return originalVision(t);
    }
    // transformers >= 4.52 saves model.language_model.*, model.vision_tower.*,
    // model.multi_modal_projector.*, lm_head.weight; earlier versions (and several
    // hub checkpoints) language_model.model.*, language_model.lm_head.weight,
    // vision_tower.*, multi_modal_projector.*. Both are accepted.
    std::string s = startsWith(n, "model.") && !startsWith(n, "model.layers.") &&
                            !startsWith(n, "model.embed_tokens") && !startsWith(n, "model.norm.")
                        ? n.substr(6)
                        : n;
    if (s == "lm_head.weight" || s == "language_model.lm_head.weight") return {renamed(t, "output.weight")};
    if (startsWith(s, "language_model.model.")) return {renamed(t, hfCanonicalName(s.substr(15)))};
    if (startsWith(s, "language_model.")) return {renamed(t, hfCanonicalName("model." + s.substr(15)))};
    return nativeVision(t, s);
}

}  // namespace motor::gpu::formats
