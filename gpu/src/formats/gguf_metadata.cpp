#include "formats/gguf_metadata.h"

#include <cmath>
#include <limits>

#include "formats/model_validation.h"
#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

enum class Need { Optional, Required };

// Typed lookups that name the key in their errors; absent keys keep the default.
class Meta {
public:
    explicit Meta(const GgufFile& f) : f_(f) {}

    Result<void> getInt(const std::string& key, int& out, Need need) const {
        const GgufValue* v = f_.find(key);
        if (v == nullptr) {
            if (need == Need::Required) return makeError(f_.name() + ": metadata '" + key + "' is missing");
            return {};
        }
        auto i = v->asInt();
        if (!i || v->type == GgufType::Bool)
            return makeError(f_.name() + ": metadata '" + key + "' must be an integer, is " + ggufTypeName(v->type));
        if (*i < std::numeric_limits<int>::min() || *i > std::numeric_limits<int>::max())
            return makeError(f_.name() + ": metadata '" + key + "' value " + std::to_string(*i) + " is out of range");
        out = static_cast<int>(*i);
        return {};
    }

    Result<void> getFloat(const std::string& key, float& out) const {
        const GgufValue* v = f_.find(key);
        if (v == nullptr) return {};
        auto d = v->asNumber();
        if (!d || v->type == GgufType::Bool || !std::isfinite(*d))
            return makeError(f_.name() + ": metadata '" + key + "' must be a finite number");
        out = static_cast<float>(*d);
        return {};
    }

    Result<void> getBool(const std::string& key, bool& out) const {
        const GgufValue* v = f_.find(key);
        if (v == nullptr) return {};
        if (v->type != GgufType::Bool)
            return makeError(f_.name() + ": metadata '" + key + "' must be bool, is " + ggufTypeName(v->type));
        out = v->u != 0;
        return {};
    }

    Result<void> getString(const std::string& key, std::string& out, Need need) const {
        const GgufValue* v = f_.find(key);
        if (v == nullptr) {
            if (need == Need::Required) return makeError(f_.name() + ": metadata '" + key + "' is missing");
            return {};
        }
        if (v->type != GgufType::String)
            return makeError(f_.name() + ": metadata '" + key + "' must be a string, is " + ggufTypeName(v->type));
        out = v->s;
        return {};
    }

    // An array whose elements have the given type, or nullptr when absent.
    Result<const GgufValue*> getArray(const std::string& key, GgufType element) const {
        const GgufValue* v = f_.find(key);
        if (v == nullptr) return static_cast<const GgufValue*>(nullptr);
        if (v->type != GgufType::Array || v->elementType != element)
            return makeError(f_.name() + ": metadata '" + key + "' must be an array of " + ggufTypeName(element));
        return v;
    }

private:
    const GgufFile& f_;
};

}  // namespace

Result<ModelConfig> ggufModelConfig(const GgufFile& file, int vocabFromTokenizer) {
    Meta m(file);
    ModelConfig c;
    std::string arch;
    MOTOR_TRY(m.getString("general.architecture", arch, Need::Required));
    if (arch == "llama") {
        c.arch = Architecture::Llama;
        c.ropeStyle = RopeStyle::Interleaved;  // llama.cpp's converter permutes q/k for it
    } else if (arch == "qwen2" || arch == "qwen3") {
        c.arch = arch == "qwen2" ? Architecture::Qwen2 : Architecture::Qwen3;
        c.ropeStyle = RopeStyle::NeoX;
        c.rmsEps = 1e-6f;
        c.ropeTheta = 1000000.0f;
    } else {
        return makeError(file.name() + ": metadata 'general.architecture': unsupported architecture '" + arch +
                         "' (llama, qwen2 and qwen3 are supported)");
    }
    const std::string p = arch + ".";
    MOTOR_TRY(m.getInt(p + "embedding_length", c.dim, Need::Required));
    MOTOR_TRY(m.getInt(p + "feed_forward_length", c.hiddenDim, Need::Required));
    MOTOR_TRY(m.getInt(p + "block_count", c.layers, Need::Required));
    MOTOR_TRY(m.getInt(p + "attention.head_count", c.heads, Need::Required));
    c.kvHeads = c.heads;
    MOTOR_TRY(m.getInt(p + "attention.head_count_kv", c.kvHeads, Need::Optional));
    MOTOR_TRY(m.getInt(p + "context_length", c.contextLength, Need::Optional));
    c.headDim = c.heads > 0 ? c.dim / c.heads : 0;
    MOTOR_TRY(m.getInt(p + "attention.key_length", c.headDim, Need::Optional));
    int valueLength = c.headDim;
    MOTOR_TRY(m.getInt(p + "attention.value_length", valueLength, Need::Optional));
    if (valueLength != c.headDim)
        return makeError(file.name() + ": metadata '" + p + "attention.value_length' " + std::to_string(valueLength) +
                         " differs from key_length " + std::to_string(c.headDim) + " (not supported)");
    MOTOR_TRY(m.getFloat(p + "attention.layer_norm_rms_epsilon", c.rmsEps));
    MOTOR_TRY(m.getFloat(p + "rope.freq_base", c.ropeTheta));

    c.vocabSize = vocabFromTokenizer;
    MOTOR_TRY(m.getInt(p + "vocab_size", c.vocabSize, Need::Optional));
    if (c.vocabSize <= 0) {
        if (const TensorView* e = file.findTensor("token_embd.weight");
            e && e->shape.size() == 2 && e->shape[0] <= std::numeric_limits<int>::max())
            c.vocabSize = static_cast<int>(e->shape[0]);
    }

    std::string scaling = "none";
    MOTOR_TRY(m.getString(p + "rope.scaling.type", scaling, Need::Optional));
    float linearScale = 0;
    MOTOR_TRY(m.getFloat(p + "rope.scale_linear", linearScale));  // older files
    if (scaling == "none" && linearScale > 0 && linearScale != 1.0f) {
        scaling = "linear";
        c.ropeScaling.factor = linearScale;
    }
    MOTOR_TRY(m.getFloat(p + "rope.scaling.factor", c.ropeScaling.factor));
    MOTOR_TRY(m.getInt(p + "rope.scaling.original_context_length", c.ropeScaling.originalContext, Need::Optional));
    if (scaling == "linear") {
        c.ropeScaling.kind = RopeScaling::Kind::Linear;
    } else if (scaling == "llama3") {
        c.ropeScaling.kind = RopeScaling::Kind::Llama3;
        MOTOR_TRY(m.getFloat(p + "rope.scaling.low_freq_factor", c.ropeScaling.lowFreqFactor));
        MOTOR_TRY(m.getFloat(p + "rope.scaling.high_freq_factor", c.ropeScaling.highFreqFactor));
    } else if (scaling != "none") {
        return makeError(file.name() + ": metadata '" + p + "rope.scaling.type': unsupported rope scaling '" + scaling +
                         "' (none, linear and llama3 are supported)");
    }
    MOTOR_TRY(validateConfigNumbers(file.name(), c));
    return c;
}

Result<TokenizerData> ggufTokenizerData(const GgufFile& file) {
    Meta m(file);
    TokenizerData t;
    std::string model;
    MOTOR_TRY(m.getString("tokenizer.ggml.model", model, Need::Required));
    if (model == "llama") {
        t.kind = TokenizerKind::SentencePiece;
        t.addBos = true;
        t.addSpacePrefix = true;
    } else if (model == "gpt2") {
        t.kind = TokenizerKind::ByteLevelBpe;
        t.addBos = false;
        t.addSpacePrefix = false;
    } else {
        return makeError(file.name() + ": metadata 'tokenizer.ggml.model': unsupported tokenizer '" + model +
                         "' (llama and gpt2 are supported)");
    }
    auto tokens = m.getArray("tokenizer.ggml.tokens", GgufType::String);
    if (!tokens) return tokens.error();
    if (tokens.value() == nullptr) return makeError(file.name() + ": metadata 'tokenizer.ggml.tokens' is missing");
    const size_t n = tokens.value()->items.size();
    if (n == 0) return makeError(file.name() + ": metadata 'tokenizer.ggml.tokens' is empty");
    if (n > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
        return makeError(file.name() + ": metadata 'tokenizer.ggml.tokens' has too many entries");
    t.tokens.reserve(n);
    for (const auto& v : tokens.value()->items) t.tokens.push_back(v.s);

    auto scores = m.getArray("tokenizer.ggml.scores", GgufType::F32);
    if (!scores) return scores.error();
    if (const GgufValue* s = scores.value()) {
        if (s->items.size() != n)
            return makeError(file.name() + ": metadata 'tokenizer.ggml.scores' has " + std::to_string(s->items.size()) +
                             " entries for " + std::to_string(n) + " tokens");
        for (const auto& v : s->items) t.scores.push_back(static_cast<float>(v.f));
    }
    auto types = m.getArray("tokenizer.ggml.token_type", GgufType::I32);
    if (!types) return types.error();
    if (const GgufValue* s = types.value()) {
        if (s->items.size() != n)
            return makeError(file.name() + ": metadata 'tokenizer.ggml.token_type' has " +
                             std::to_string(s->items.size()) + " entries for " + std::to_string(n) + " tokens");
        for (const auto& v : s->items) {
            if (v.i < 1 || v.i > 6)
                return makeError(file.name() + ": metadata 'tokenizer.ggml.token_type': unknown type " +
                                 std::to_string(v.i));
            t.types.push_back(static_cast<TokenType>(v.i));
        }
    }
    auto merges = m.getArray("tokenizer.ggml.merges", GgufType::String);
    if (!merges) return merges.error();
    if (const GgufValue* s = merges.value())
        for (const auto& v : s->items) t.merges.push_back(v.s);
    MOTOR_TRY(m.getString("tokenizer.ggml.pre", t.preTokenizer, Need::Optional));
    // llama.cpp names pre-tokenisers after model families; fold the ones whose regex
    // we implement onto the names HF folders get, so both formats compare equal.
    if (t.preTokenizer == "llama-bpe" || t.preTokenizer == "llama3" || t.preTokenizer == "smaug-bpe")
        t.preTokenizer = "llama3";
    else if (t.preTokenizer == "qwen2" || t.preTokenizer == "deepseek-r1-qwen")
        t.preTokenizer = "qwen2";
    else if (t.kind == TokenizerKind::ByteLevelBpe &&
             (t.preTokenizer.empty() || t.preTokenizer == "default" || t.preTokenizer == "gpt-2"))
        t.preTokenizer = "gpt2";
    // llama.cpp takes whole-word vocabulary hits without merging for Llama 3, as HF's
    // "ignore_merges": true does.
    t.ignoreMerges = t.kind == TokenizerKind::ByteLevelBpe && t.preTokenizer == "llama3";

    // Writers use 0xFFFFFFFF (or any id past the vocabulary) for "no such token";
    // such ids are dropped rather than failing a model over an unused pad token.
    auto id = [&](const char* key, int32_t& out) -> Result<void> {
        const GgufValue* v = file.find(key);
        if (v == nullptr) return {};
        auto i = v->asInt();
        if (!i || v->type == GgufType::Bool)
            return makeError(file.name() + ": metadata '" + key + "' must be an integer, is " + ggufTypeName(v->type));
        out = (*i >= 0 && static_cast<uint64_t>(*i) < n) ? static_cast<int32_t>(*i) : -1;
        return {};
    };
    MOTOR_TRY(id("tokenizer.ggml.bos_token_id", t.bos));
    MOTOR_TRY(id("tokenizer.ggml.eos_token_id", t.eos));
    MOTOR_TRY(id("tokenizer.ggml.unknown_token_id", t.unk));
    MOTOR_TRY(id("tokenizer.ggml.padding_token_id", t.pad));
    for (const char* key : {"tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"}) {
        int32_t extra = -1;
        MOTOR_TRY(id(key, extra));
        if (extra >= 0 && extra != t.eos) t.extraEos.push_back(extra);
    }
    MOTOR_TRY(m.getBool("tokenizer.ggml.add_bos_token", t.addBos));
    MOTOR_TRY(m.getBool("tokenizer.ggml.add_space_prefix", t.addSpacePrefix));
    return t;
}

std::string ggufChatTemplate(const GgufFile& file) {
    const GgufValue* v = file.find("tokenizer.chat_template");
    return v != nullptr && v->type == GgufType::String ? v->s : std::string();
}

}  // namespace motor::gpu::formats
