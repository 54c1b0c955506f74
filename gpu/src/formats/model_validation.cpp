#include "formats/model_validation.h"

#include <vector>

namespace motor::gpu::formats {

namespace {

std::string shapeText(const std::vector<int64_t>& s) {
    std::string out = "[";
    for (size_t k = 0; k < s.size(); ++k) out += (k ? ", " : "") + std::to_string(s[k]);
    return out + "]";
}

}  // namespace

Result<void> validateConfigNumbers(const std::string& file, const ModelConfig& c) {
    auto positive = [&](int v, const char* field) -> Result<void> {
        if (v <= 0) return makeError(file + ": " + field + " must be positive, is " + std::to_string(v));
        return {};
    };
    for (auto r : {positive(c.vocabSize, "vocab size"), positive(c.dim, "embedding length"),
                   positive(c.hiddenDim, "feed-forward length"), positive(c.layers, "block count"),
                   positive(c.heads, "head count"), positive(c.kvHeads, "kv head count"),
                   positive(c.headDim, "head dim"), positive(c.contextLength, "context length")})
        if (!r) return r;
    if (c.heads % c.kvHeads != 0)
        return makeError(file + ": head count " + std::to_string(c.heads) + " is not a multiple of kv head count " +
                         std::to_string(c.kvHeads));
    if (c.headDim % 2 != 0)
        return makeError(file + ": head dim " + std::to_string(c.headDim) + " is odd (rope needs pairs)");
    if (!(c.rmsEps > 0)) return makeError(file + ": rms norm epsilon must be positive");
    if (!(c.ropeTheta > 0)) return makeError(file + ": rope theta must be positive");
    if (c.ropeScaling.kind != RopeScaling::Kind::None && !(c.ropeScaling.factor > 0))
        return makeError(file + ": rope scaling factor must be positive");
    return {};
}

Result<void> validateModelTensors(const std::string& file, ModelConfig& c, const TensorLookup& find) {
    auto expect = [&](const std::string& name, std::vector<int64_t> shape) -> Result<void> {
        const TensorView* t = find(name);
        if (t == nullptr) return makeError(file + ": tensor '" + name + "' is missing");
        if (t->shape != shape)
            return makeError(file + ": tensor '" + name + "' has shape " + shapeText(t->shape) + ", expected " +
                             shapeText(shape));
        return {};
    };
    const int64_t v = c.vocabSize, d = c.dim, h = c.hiddenDim;
    const int64_t q = int64_t{c.heads} * c.headDim, kv = int64_t{c.kvHeads} * c.headDim;
    if (auto r = expect("token_embd.weight", {v, d}); !r) return r;
    if (auto r = expect("output_norm.weight", {d}); !r) return r;
    c.tiedEmbeddings = find("output.weight") == nullptr;
    if (!c.tiedEmbeddings)
        if (auto r = expect("output.weight", {v, d}); !r) return r;
    c.qkvBias = find("blk.0.attn_q.bias") != nullptr;
    c.qkNorm = find("blk.0.attn_q_norm.weight") != nullptr;
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        const std::vector<std::pair<std::string, std::vector<int64_t>>> base = {
            {"attn_norm.weight", {d}},   {"attn_q.weight", {q, d}},      {"attn_k.weight", {kv, d}},
            {"attn_v.weight", {kv, d}},  {"attn_output.weight", {d, q}}, {"ffn_norm.weight", {d}},
            {"ffn_gate.weight", {h, d}}, {"ffn_up.weight", {h, d}},      {"ffn_down.weight", {d, h}},
        };
        for (const auto& [n, s] : base)
            if (auto r = expect(b + n, s); !r) return r;
        if (c.qkvBias) {
            for (auto [n, s] :
                 {std::pair<const char*, int64_t>{"attn_q.bias", q}, {"attn_k.bias", kv}, {"attn_v.bias", kv}})
                if (auto r = expect(b + n, {s}); !r) return r;
        }
        if (c.qkNorm) {
            for (const char* n : {"attn_q_norm.weight", "attn_k_norm.weight"})
                if (auto r = expect(b + n, {c.headDim}); !r) return r;
        }
    }
    return {};
}

}  // namespace motor::gpu::formats
