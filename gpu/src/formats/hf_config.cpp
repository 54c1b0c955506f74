#include "formats/hf_config.h"

#include <cmath>
#include <limits>
#include <utility>

#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

enum class Need { Optional, Required };

class Fields {
public:
    Fields(const JsonValue& obj, std::string file, std::string prefix = "")
        : obj_(obj), file_(std::move(file)), prefix_(std::move(prefix)) {}

    Result<void> getInt(const char* key, int& out, Need need) const {
        const JsonValue* v = obj_.get(key);
        if (v == nullptr || v->isNull()) {
            if (need == Need::Required) return makeError(file_ + ": field '" + prefix_ + key + "' is missing");
            return {};
        }
        auto i = v->integer();
        if (!i) return makeError(file_ + ": field '" + prefix_ + key + "' must be an integer");
        if (*i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max())
            return makeError(file_ + ": field '" + prefix_ + key + "' is out of range");
        out = static_cast<int>(*i);
        return {};
    }

    Result<void> getFloat(const char* key, float& out) const {
        const JsonValue* v = obj_.get(key);
        if (v == nullptr || v->isNull()) return {};
        if (!v->isNumber() || !std::isfinite(v->number()))
            return makeError(file_ + ": field '" + prefix_ + key + "' must be a finite number");
        out = static_cast<float>(v->number());
        return {};
    }

    Result<void> getBool(const char* key, bool& out) const {
        const JsonValue* v = obj_.get(key);
        if (v == nullptr || v->isNull()) return {};
        if (!v->isBool()) return makeError(file_ + ": field '" + prefix_ + key + "' must be true or false");
        out = v->boolean();
        return {};
    }

private:
    const JsonValue& obj_;
    std::string file_;
    std::string prefix_;
};

}  // namespace

Result<ModelConfig> hfModelConfig(const JsonValue& json, const std::string& file) {
    if (!json.isObject()) return makeError(file + ": top level is not a JSON object");
    ModelConfig c;
    std::string archName;
    if (const JsonValue* a = json.get("architectures");
        a && a->isArray() && !a->array().empty() && a->array()[0].isString())
        archName = a->array()[0].string();
    else if (const JsonValue* m = json.get("model_type"); m && m->isString())
        archName = m->string();
    if (archName == "LlamaForCausalLM" || archName == "llama") {
        c.arch = Architecture::Llama;
    } else if (archName == "Qwen2ForCausalLM" || archName == "qwen2") {
        c.arch = Architecture::Qwen2;
        c.rmsEps = 1e-6f;
    } else if (archName == "Qwen3ForCausalLM" || archName == "qwen3") {
        c.arch = Architecture::Qwen3;
        c.rmsEps = 1e-6f;
    } else {
        return makeError(file + ": field 'architectures': unsupported architecture '" + archName +
                         "' (LlamaForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM are supported)");
    }
    // HF checkpoints keep q/k in rotate_half order for every architecture; the
    // compute side pairs (i, i + d/2) instead of permuting the weights here.
    c.ropeStyle = RopeStyle::NeoX;
    Fields f(json, file);
    MOTOR_TRY(f.getInt("hidden_size", c.dim, Need::Required));
    MOTOR_TRY(f.getInt("intermediate_size", c.hiddenDim, Need::Required));
    MOTOR_TRY(f.getInt("num_hidden_layers", c.layers, Need::Required));
    MOTOR_TRY(f.getInt("num_attention_heads", c.heads, Need::Required));
    c.kvHeads = c.heads;
    MOTOR_TRY(f.getInt("num_key_value_heads", c.kvHeads, Need::Optional));
    c.headDim = c.heads > 0 ? c.dim / c.heads : 0;
    MOTOR_TRY(f.getInt("head_dim", c.headDim, Need::Optional));
    MOTOR_TRY(f.getInt("vocab_size", c.vocabSize, Need::Required));
    MOTOR_TRY(f.getInt("max_position_embeddings", c.contextLength, Need::Optional));
    MOTOR_TRY(f.getFloat("rms_norm_eps", c.rmsEps));
    MOTOR_TRY(f.getFloat("rope_theta", c.ropeTheta));
    MOTOR_TRY(f.getBool("tie_word_embeddings", c.tiedEmbeddings));
    bool bias = c.arch == Architecture::Qwen2;
    MOTOR_TRY(f.getBool("attention_bias", bias));
    c.qkvBias = bias;
    c.qkNorm = c.arch == Architecture::Qwen3;

    if (const JsonValue* rs = json.get("rope_scaling"); rs && !rs->isNull()) {
        if (!rs->isObject()) return makeError(file + ": field 'rope_scaling' must be an object or null");
        const JsonValue* type = rs->get("rope_type");
        if (type == nullptr) type = rs->get("type");
        if (type == nullptr || !type->isString())
            return makeError(file + ": field 'rope_scaling.rope_type' is missing or not a string");
        Fields s(*rs, file, "rope_scaling.");
        MOTOR_TRY(s.getFloat("factor", c.ropeScaling.factor));
        if (type->string() == "linear") {
            c.ropeScaling.kind = RopeScaling::Kind::Linear;
        } else if (type->string() == "llama3") {
            c.ropeScaling.kind = RopeScaling::Kind::Llama3;
            MOTOR_TRY(s.getFloat("low_freq_factor", c.ropeScaling.lowFreqFactor));
            MOTOR_TRY(s.getFloat("high_freq_factor", c.ropeScaling.highFreqFactor));
            MOTOR_TRY(s.getInt("original_max_position_embeddings", c.ropeScaling.originalContext, Need::Optional));
        } else if (type->string() != "default") {
            return makeError(file + ": field 'rope_scaling.rope_type': unsupported rope scaling '" + type->string() +
                             "' (linear, llama3 are supported)");
        }
    }
    return c;
}

std::string hfCanonicalName(const std::string& n) {
    static const std::pair<const char*, const char*> top[] = {
        {"model.embed_tokens.weight", "token_embd.weight"},
        {"model.norm.weight", "output_norm.weight"},
        {"lm_head.weight", "output.weight"},
    };
    for (auto [from, to] : top)
        if (n == from) return to;
    const std::string layers = "model.layers.";
    if (n.compare(0, layers.size(), layers) != 0) return n;
    size_t p = layers.size();
    const size_t dot = n.find('.', p);
    if (dot == std::string::npos || dot == p) return n;
    const std::string index = n.substr(p, dot - p);
    for (char ch : index)
        if (ch < '0' || ch > '9') return n;
    const std::string rest = n.substr(dot + 1);
    static const std::pair<const char*, const char*> parts[] = {
        {"input_layernorm.weight", "attn_norm.weight"},
        {"self_attn.q_proj.weight", "attn_q.weight"},
        {"self_attn.k_proj.weight", "attn_k.weight"},
        {"self_attn.v_proj.weight", "attn_v.weight"},
        {"self_attn.q_proj.bias", "attn_q.bias"},
        {"self_attn.k_proj.bias", "attn_k.bias"},
        {"self_attn.v_proj.bias", "attn_v.bias"},
        {"self_attn.o_proj.weight", "attn_output.weight"},
        {"self_attn.q_norm.weight", "attn_q_norm.weight"},
        {"self_attn.k_norm.weight", "attn_k_norm.weight"},
        {"post_attention_layernorm.weight", "ffn_norm.weight"},
        {"mlp.gate_proj.weight", "ffn_gate.weight"},
        {"mlp.up_proj.weight", "ffn_up.weight"},
        {"mlp.down_proj.weight", "ffn_down.weight"},
    };
    for (auto [from, to] : parts)
        if (rest == from) return "blk." + index + "." + to;
    return n;
}

}  // namespace motor::gpu::formats
