#include "formats/random_weights.h"

#include <cmath>

namespace motor::gpu::formats {

namespace {

uint64_t splitMix(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t hashName(const std::string& s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

enum class Init { Embedding, Linear, Norm, Bias };

RandomTensor make(const std::string& canonical, const std::string& hf, std::vector<int64_t> shape, Init init,
                  uint64_t seed) {
    RandomTensor t;
    t.canonicalName = canonical;
    t.hfName = hf;
    t.shape = std::move(shape);
    t.state = seed ^ hashName(canonical);
    // Linear weights get variance 1/fan_in so activations stay O(1) through the layers.
    const float fanIn = t.shape.size() == 2 ? static_cast<float>(t.shape[1]) : 1.0f;
    switch (init) {
        case Init::Embedding:
            break;
        case Init::Linear:
            t.scale = std::sqrt(3.0f / fanIn);
            break;
        case Init::Norm:
            t.scale = 0.1f;
            t.offset = 1.0f;
            break;
        case Init::Bias:
            t.scale = 0.1f;
            break;
    }
    return t;
}

}  // namespace

int64_t RandomTensor::elements() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::vector<float> RandomTensor::values() const {
    std::vector<float> out(static_cast<size_t>(elements()));
    uint64_t s = state;
    // offset + scale * u is bit-identical to u, u * scale and 1 + 0.1 * u for the
    // offsets 0 and 1 used here (u is never -0), so files keep their exact bytes.
    for (auto& v : out) {
        const float u = static_cast<float>(splitMix(s) >> 40) / static_cast<float>(1ull << 24) * 2.0f - 1.0f;
        v = offset + scale * u;
    }
    return out;
}

std::vector<RandomTensor> makeRandomTensors(const ModelConfig& c, uint64_t seed) {
    const int64_t v = c.vocabSize, d = c.dim, h = c.hiddenDim;
    const int64_t q = int64_t{c.heads} * c.headDim, kv = int64_t{c.kvHeads} * c.headDim;
    std::vector<RandomTensor> out;
    out.push_back(make("token_embd.weight", "model.embed_tokens.weight", {v, d}, Init::Embedding, seed));
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        const std::string m = "model.layers." + std::to_string(l) + ".";
        out.push_back(make(b + "attn_norm.weight", m + "input_layernorm.weight", {d}, Init::Norm, seed));
        out.push_back(make(b + "attn_q.weight", m + "self_attn.q_proj.weight", {q, d}, Init::Linear, seed));
        out.push_back(make(b + "attn_k.weight", m + "self_attn.k_proj.weight", {kv, d}, Init::Linear, seed));
        out.push_back(make(b + "attn_v.weight", m + "self_attn.v_proj.weight", {kv, d}, Init::Linear, seed));
        if (c.qkvBias) {
            out.push_back(make(b + "attn_q.bias", m + "self_attn.q_proj.bias", {q}, Init::Bias, seed));
            out.push_back(make(b + "attn_k.bias", m + "self_attn.k_proj.bias", {kv}, Init::Bias, seed));
            out.push_back(make(b + "attn_v.bias", m + "self_attn.v_proj.bias", {kv}, Init::Bias, seed));
        }
        if (c.qkNorm) {
            out.push_back(make(b + "attn_q_norm.weight", m + "self_attn.q_norm.weight", {c.headDim}, Init::Norm, seed));
            out.push_back(make(b + "attn_k_norm.weight", m + "self_attn.k_norm.weight", {c.headDim}, Init::Norm, seed));
        }
        out.push_back(make(b + "attn_output.weight", m + "self_attn.o_proj.weight", {d, q}, Init::Linear, seed));
        out.push_back(make(b + "ffn_norm.weight", m + "post_attention_layernorm.weight", {d}, Init::Norm, seed));
        out.push_back(make(b + "ffn_gate.weight", m + "mlp.gate_proj.weight", {h, d}, Init::Linear, seed));
        out.push_back(make(b + "ffn_up.weight", m + "mlp.up_proj.weight", {h, d}, Init::Linear, seed));
        out.push_back(make(b + "ffn_down.weight", m + "mlp.down_proj.weight", {d, h}, Init::Linear, seed));
    }
    out.push_back(make("output_norm.weight", "model.norm.weight", {d}, Init::Norm, seed));
    if (!c.tiedEmbeddings) out.push_back(make("output.weight", "lm_head.weight", {v, d}, Init::Linear, seed));
    return out;
}

}  // namespace motor::gpu::formats
