// Random-model writer: the same tensors, config and vocabulary in a Hugging Face
// folder and in a GGUF file.
#include "motor/gpu/model_writer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "formats/gguf_writer.h"
#include "formats/json_value.h"
#include "formats/model_validation.h"
#include "formats/random_weights.h"
#include "formats/safetensors_writer.h"
#include "formats/try.h"
#include "motor/gpu/quant.h"

namespace motor::gpu {

namespace {

const char* kChatTemplate =
    "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + "
    "'\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

std::string num(float f) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(f));  // 9 digits round-trip a float
    return buf;
}

std::vector<std::byte> encode(DType t, const std::vector<float>& v) {
    std::vector<std::byte> out(static_cast<size_t>(dtypeRowBytes(t, static_cast<int64_t>(v.size()))));
    quantizeRow(t, v.data(), out.data(), static_cast<int64_t>(v.size()));
    return out;
}

// Rounds values through a 16-bit dtype so that a file keeping 1-D tensors in F32
// (GGUF) and one keeping them in F16/BF16 (safetensors) hold the same numbers.
void roundThrough(DType t, std::vector<float>& v) {
    if (t != DType::F16 && t != DType::BF16) return;
    auto bytes = encode(t, v);
    dequantizeRow(t, bytes.data(), v.data(), static_cast<int64_t>(v.size()));
}

// llama.cpp's converter reorders each head's rows from (half, pair) to (pair, half),
// turning HF's rotate_half layout into the interleaved one GGUF llama expects.
std::vector<float> permuteForInterleavedRope(const std::vector<float>& w, int64_t heads, int64_t headDim,
                                             int64_t cols) {
    std::vector<float> out(w.size());
    const int64_t half = headDim / 2;
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < half; ++i)
            for (int64_t j = 0; j < 2; ++j) {
                const int64_t dst = h * headDim + i * 2 + j;
                const int64_t src = h * headDim + j * half + i;
                std::memcpy(&out[dst * cols], &w[src * cols], static_cast<size_t>(cols) * sizeof(float));
            }
    return out;
}

Result<void> checkSpec(const RandomModelSpec& spec, const std::string& target) {
    MOTOR_TRY(formats::validateConfigNumbers(target, spec.config));
    if (spec.config.vocabSize < 259)
        return makeError(target + ": vocab size must be at least 259 (256 bytes + 3 specials)");
    return {};
}

// Header first, then one tensor at a time: the values of a tensor exist only while it is written.
Result<void> writeRandomSafetensors(const std::string& path, const std::vector<formats::RandomTensor>& tensors,
                                    DType dtype) {
    std::vector<formats::SafetensorsTensor> described;
    for (const auto& t : tensors)
        described.push_back({t.hfName, dtype, t.shape, static_cast<uint64_t>(dtypeRowBytes(dtype, t.elements()))});
    return formats::writeSafetensors(path, described, [&](size_t i) -> Result<std::vector<std::byte>> {
        auto values = tensors[i].values();
        roundThrough(dtype, values);
        return encode(dtype, values);
    });
}

Result<void> writeText(const std::string& path, const std::string& text) {
    return formats::writeFileBytes(path, text.data(), text.size());
}

std::string tokenizerJson(const TokenizerData& t) {
    const char* pattern = t.preTokenizer == "llama3"
                              ? "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| "
                                "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
                              : "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| "
                                "?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    std::string s = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[";
    bool first = true;
    for (size_t k = 0; k < t.tokens.size(); ++k) {
        if (t.types[k] != TokenType::Control) continue;
        s += std::string(first ? "" : ",") + "{\"id\":" + std::to_string(k) +
             ",\"content\":" + formats::jsonQuote(t.tokens[k]) +
             ",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}";
        first = false;
    }
    s += "],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\","
         "\"pattern\":{\"Regex\":" +
         formats::jsonQuote(pattern) +
         "},\"behavior\":\"Isolated\",\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
         "\"trim_offsets\":false,\"use_regex\":false}]},\"post_processor\":null,"
         "\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":false,\"use_regex\":false},"
         "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":null,"
         "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,\"ignore_merges\":" +
         std::string(t.ignoreMerges ? "true" : "false") + ",\"vocab\":{";
    first = true;
    for (size_t k = 0; k < t.tokens.size(); ++k) {
        if (t.types[k] == TokenType::Control) continue;
        s += std::string(first ? "" : ",") + formats::jsonQuote(t.tokens[k]) + ":" + std::to_string(k);
        first = false;
    }
    s += "},\"merges\":[";
    for (size_t k = 0; k < t.merges.size(); ++k) s += std::string(k ? "," : "") + formats::jsonQuote(t.merges[k]);
    return s + "]}}";
}

std::string configJson(const ModelConfig& c, const TokenizerData& t, DType dtype) {
    const char* arch = c.arch == Architecture::Llama   ? "LlamaForCausalLM"
                       : c.arch == Architecture::Qwen2 ? "Qwen2ForCausalLM"
                                                       : "Qwen3ForCausalLM";
    std::string s = "{\n  \"architectures\": [\"" + std::string(arch) + "\"],\n  \"model_type\": \"" +
                    architectureName(c.arch) + "\",\n  \"hidden_size\": " + std::to_string(c.dim) +
                    ",\n  \"intermediate_size\": " + std::to_string(c.hiddenDim) +
                    ",\n  \"num_hidden_layers\": " + std::to_string(c.layers) +
                    ",\n  \"num_attention_heads\": " + std::to_string(c.heads) +
                    ",\n  \"num_key_value_heads\": " + std::to_string(c.kvHeads) +
                    ",\n  \"head_dim\": " + std::to_string(c.headDim) +
                    ",\n  \"vocab_size\": " + std::to_string(c.vocabSize) +
                    ",\n  \"max_position_embeddings\": " + std::to_string(c.contextLength) +
                    ",\n  \"rms_norm_eps\": " + num(c.rmsEps) + ",\n  \"rope_theta\": " + num(c.ropeTheta) +
                    ",\n  \"tie_word_embeddings\": " + (c.tiedEmbeddings ? "true" : "false") +
                    ",\n  \"attention_bias\": " + (c.qkvBias ? "true" : "false") +
                    ",\n  \"bos_token_id\": " + std::to_string(t.bos) +
                    ",\n  \"eos_token_id\": " + std::to_string(t.eos) + ",\n  \"torch_dtype\": \"" +
                    (dtype == DType::F16    ? "float16"
                     : dtype == DType::BF16 ? "bfloat16"
                                            : "float32") +
                    "\",\n  \"rope_scaling\": ";
    if (c.ropeScaling.kind == RopeScaling::Kind::None) {
        s += "null";
    } else if (c.ropeScaling.kind == RopeScaling::Kind::Linear) {
        s += "{\"rope_type\": \"linear\", \"factor\": " + num(c.ropeScaling.factor) + "}";
    } else {
        s += "{\"rope_type\": \"llama3\", \"factor\": " + num(c.ropeScaling.factor) +
             ", \"low_freq_factor\": " + num(c.ropeScaling.lowFreqFactor) +
             ", \"high_freq_factor\": " + num(c.ropeScaling.highFreqFactor) +
             ", \"original_max_position_embeddings\": " + std::to_string(c.ropeScaling.originalContext) + "}";
    }
    return s + "\n}\n";
}

}  // namespace

ModelConfig makeRandomModelConfig(Architecture arch, int dim, int layers, int heads, int kvHeads, int hiddenDim,
                                  int vocabSize) {
    ModelConfig c;
    c.arch = arch;
    c.dim = dim;
    c.layers = layers;
    c.heads = heads;
    c.kvHeads = kvHeads;
    c.hiddenDim = hiddenDim;
    c.vocabSize = vocabSize;
    c.headDim = heads > 0 ? dim / heads : 0;
    c.contextLength = 4096;
    c.qkvBias = arch == Architecture::Qwen2;
    c.qkNorm = arch == Architecture::Qwen3;
    c.rmsEps = arch == Architecture::Llama ? 1e-5f : 1e-6f;
    c.ropeTheta = arch == Architecture::Llama ? 10000.0f : 1000000.0f;
    c.ropeStyle = RopeStyle::NeoX;
    return c;
}

Result<void> writeRandomModelHf(const RandomModelSpec& spec, const std::string& folder) {
    MOTOR_TRY(checkSpec(spec, folder));
    if (spec.dtype != DType::F32 && spec.dtype != DType::F16 && spec.dtype != DType::BF16)
        return makeError(folder + ": safetensors models are written in F32, F16 or BF16, not " + dtypeName(spec.dtype));
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST)
        return makeError(folder + ": cannot create folder: " + std::strerror(errno));
    const TokenizerData tok = makeSmallByteLevelTokenizer(spec.config.vocabSize, spec.config.arch);
    MOTOR_TRY(writeRandomSafetensors(folder + "/model.safetensors", formats::makeRandomTensors(spec.config, spec.seed),
                                     spec.dtype));
    MOTOR_TRY(writeText(folder + "/config.json", configJson(spec.config, tok, spec.dtype)));
    MOTOR_TRY(writeText(folder + "/tokenizer.json", tokenizerJson(tok)));
    MOTOR_TRY(writeText(folder + "/tokenizer_config.json",
                        "{\n  \"add_bos_token\": false,\n  \"bos_token\": null,\n  \"eos_token\": " +
                            formats::jsonQuote(tok.tokens[tok.eos]) +
                            ",\n  \"pad_token\": " + formats::jsonQuote(tok.tokens[tok.pad]) +
                            ",\n  \"chat_template\": " + formats::jsonQuote(kChatTemplate) + "\n}\n"));
    return writeText(folder + "/generation_config.json", "{\n  \"bos_token_id\": " + std::to_string(tok.bos) +
                                                             ",\n  \"eos_token_id\": [" + std::to_string(tok.eos) +
                                                             ", " + std::to_string(tok.extraEos[0]) + "]\n}\n");
}

namespace {

// InternViT and projector tensors under the original release's names, values keyed by
// (seed, name) like the language model's.
std::vector<formats::RandomTensor> randomVisionTensors(const RandomInternVLSpec& s) {
    const int64_t c = s.visionDim, h = s.visionHiddenDim, d = s.llm.dim;
    const int64_t grid = s.imageSize / s.patchSize, positions = grid * grid + 1, merged = c * 4;
    std::vector<formats::RandomTensor> out;
    auto add = [&](const std::string& name, std::vector<int64_t> shape, float scale, float offset) {
        formats::RandomTensor t;
        t.canonicalName = t.hfName = name;
        t.shape = std::move(shape);
        t.state = s.seed ^ 0x5bd1e995ull;
        for (char ch : name) t.state = (t.state ^ uint8_t(ch)) * 1099511628211ull;
        t.scale = scale;
        t.offset = offset;
        out.push_back(std::move(t));
    };
    auto linear = [&](const std::string& name, int64_t rows, int64_t cols) {
        add(name + ".weight", {rows, cols}, std::sqrt(3.0f / float(cols)), 0.0f);
        add(name + ".bias", {rows}, 0.02f, 0.0f);
    };
    auto norm = [&](const std::string& name, int64_t n) {
        add(name + ".weight", {n}, 0.1f, 1.0f);
        add(name + ".bias", {n}, 0.02f, 0.0f);
    };
    const std::string e = "vision_model.embeddings.";
    add(e + "class_embedding", {1, 1, c}, 0.5f, 0.0f);
    add(e + "patch_embedding.weight", {c, 3, s.patchSize, s.patchSize},
        std::sqrt(3.0f / float(3 * s.patchSize * s.patchSize)), 0.0f);
    add(e + "patch_embedding.bias", {c}, 0.02f, 0.0f);
    add(e + "position_embedding", {1, positions, c}, 0.5f, 0.0f);
    for (int l = 0; l < s.visionLayers; ++l) {
        const std::string b = "vision_model.encoder.layers." + std::to_string(l) + ".";
        norm(b + "norm1", c);
        linear(b + "attn.qkv", 3 * c, c);
        linear(b + "attn.proj", c, c);
        add(b + "ls1", {c}, 0.05f, 0.1f);
        norm(b + "norm2", c);
        linear(b + "mlp.fc1", h, c);
        linear(b + "mlp.fc2", c, h);
        add(b + "ls2", {c}, 0.05f, 0.1f);
    }
    norm("mlp1.0", merged);
    linear("mlp1.1", d, merged);
    linear("mlp1.3", d, d);
    return out;
}

}  // namespace

Result<void> writeRandomInternVLHf(const RandomInternVLSpec& spec, const std::string& folder) {
    RandomModelSpec llm{spec.llm, spec.dtype, spec.seed};
    llm.config.arch = Architecture::Qwen3;
    MOTOR_TRY(checkSpec(llm, folder));
    if (spec.dtype != DType::F32 && spec.dtype != DType::F16 && spec.dtype != DType::BF16)
        return makeError(folder + ": safetensors models are written in F32, F16 or BF16, not " + dtypeName(spec.dtype));
    if (spec.patchSize <= 0 || spec.imageSize % spec.patchSize != 0 || (spec.imageSize / spec.patchSize) % 2 != 0)
        return makeError(folder + ": the image size must be an even number of patches");
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST)
        return makeError(folder + ": cannot create folder: " + std::strerror(errno));
    // The chat vocabulary, then InternVL's three image tokens as the last ids.
    TokenizerData tok = makeSmallByteLevelTokenizer(llm.config.vocabSize - 3, llm.config.arch);
    for (const char* special : {"<img>", "</img>", "<IMG_CONTEXT>"}) {
        tok.tokens.push_back(special);
        tok.types.push_back(TokenType::Control);
    }
    auto tensors = formats::makeRandomTensors(llm.config, spec.seed);
    for (auto& t : tensors) t.hfName = "language_model." + t.hfName;
    for (auto& t : randomVisionTensors(spec)) tensors.push_back(std::move(t));
    MOTOR_TRY(writeRandomSafetensors(folder + "/model.safetensors", tensors, spec.dtype));
    const std::string llmJson = configJson(llm.config, tok, spec.dtype);
    const char* dtype = spec.dtype == DType::F16 ? "float16" : spec.dtype == DType::BF16 ? "bfloat16" : "float32";
    const std::string config =
        "{\n  \"architectures\": [\"InternVLChatModel\"],\n  \"model_type\": \"internvl_chat\",\n"
        "  \"template\": \"internvl2_5\",\n  \"downsample_ratio\": 0.5,\n  \"ps_version\": \"v2\",\n"
        "  \"select_layer\": -1,\n  \"force_image_size\": " +
        std::to_string(spec.imageSize) +
        ",\n"
        "  \"torch_dtype\": \"" +
        dtype +
        "\",\n  \"vision_config\": {\"architectures\": [\"InternVisionModel\"], "
        "\"model_type\": \"intern_vit_6b\", \"hidden_size\": " +
        std::to_string(spec.visionDim) + ", \"intermediate_size\": " + std::to_string(spec.visionHiddenDim) +
        ", \"num_hidden_layers\": " + std::to_string(spec.visionLayers) +
        ", \"num_attention_heads\": " + std::to_string(spec.visionHeads) +
        ", \"image_size\": " + std::to_string(spec.imageSize) + ", \"patch_size\": " + std::to_string(spec.patchSize) +
        ", \"num_channels\": 3, \"layer_norm_eps\": 1e-06, \"hidden_act\": \"gelu\", \"norm_type\": \"layer_norm\", "
        "\"qk_normalization\": false, \"qkv_bias\": true, \"torch_dtype\": \"" +
        dtype +
        "\"},\n"
        "  \"llm_config\": " +
        llmJson.substr(0, llmJson.size() - 1) + "\n}\n";
    MOTOR_TRY(writeText(folder + "/config.json", config));
    MOTOR_TRY(writeText(folder + "/tokenizer.json", tokenizerJson(tok)));
    MOTOR_TRY(writeText(folder + "/tokenizer_config.json",
                        "{\n  \"add_bos_token\": false,\n  \"bos_token\": null,\n  \"eos_token\": " +
                            formats::jsonQuote(tok.tokens[tok.eos]) +
                            ",\n  \"pad_token\": " + formats::jsonQuote(tok.tokens[tok.pad]) +
                            ",\n  \"chat_template\": " + formats::jsonQuote(kChatTemplate) + "\n}\n"));
    return writeText(folder + "/generation_config.json", "{\n  \"bos_token_id\": " + std::to_string(tok.bos) +
                                                             ",\n  \"eos_token_id\": [" + std::to_string(tok.eos) +
                                                             ", " + std::to_string(tok.extraEos[0]) + "]\n}\n");
}

Result<void> writeRandomModelGguf(const RandomModelSpec& spec, const std::string& path) {
    MOTOR_TRY(checkSpec(spec, path));
    if (spec.dtype == DType::Q4_K || spec.dtype == DType::Q6_K)
        return makeError(path + ": GGUF models are written in F32, F16, BF16, Q8_0 or Q4_0, not " +
                         dtypeName(spec.dtype));
    const ModelConfig& c = spec.config;
    const TokenizerData tok = makeSmallByteLevelTokenizer(c.vocabSize, c.arch);
    const std::string a = architectureName(c.arch);
    formats::GgufWriter w;
    w.addString("general.architecture", a);
    w.addString("general.name", "motor-random-" + a);
    w.addU32("general.alignment", 32);
    w.addU32(a + ".context_length", static_cast<uint32_t>(c.contextLength));
    w.addU32(a + ".embedding_length", static_cast<uint32_t>(c.dim));
    w.addU32(a + ".feed_forward_length", static_cast<uint32_t>(c.hiddenDim));
    w.addU32(a + ".block_count", static_cast<uint32_t>(c.layers));
    w.addU32(a + ".attention.head_count", static_cast<uint32_t>(c.heads));
    w.addU32(a + ".attention.head_count_kv", static_cast<uint32_t>(c.kvHeads));
    w.addU32(a + ".attention.key_length", static_cast<uint32_t>(c.headDim));
    w.addU32(a + ".attention.value_length", static_cast<uint32_t>(c.headDim));
    w.addF32(a + ".attention.layer_norm_rms_epsilon", c.rmsEps);
    w.addF32(a + ".rope.freq_base", c.ropeTheta);
    w.addU32(a + ".vocab_size", static_cast<uint32_t>(c.vocabSize));
    if (c.ropeScaling.kind != RopeScaling::Kind::None) {
        w.addString(a + ".rope.scaling.type", c.ropeScaling.kind == RopeScaling::Kind::Linear ? "linear" : "llama3");
        w.addF32(a + ".rope.scaling.factor", c.ropeScaling.factor);
        w.addU32(a + ".rope.scaling.original_context_length", static_cast<uint32_t>(c.ropeScaling.originalContext));
        if (c.ropeScaling.kind == RopeScaling::Kind::Llama3) {
            w.addF32(a + ".rope.scaling.low_freq_factor", c.ropeScaling.lowFreqFactor);
            w.addF32(a + ".rope.scaling.high_freq_factor", c.ropeScaling.highFreqFactor);
        }
    }
    w.addString("tokenizer.ggml.model", "gpt2");
    w.addString("tokenizer.ggml.pre", tok.preTokenizer == "llama3" ? "llama-bpe" : "qwen2");
    w.addStringArray("tokenizer.ggml.tokens", tok.tokens);
    std::vector<int32_t> types;
    for (TokenType t : tok.types) types.push_back(static_cast<int32_t>(t));
    w.addI32Array("tokenizer.ggml.token_type", types);
    w.addStringArray("tokenizer.ggml.merges", tok.merges);
    w.addU32("tokenizer.ggml.bos_token_id", static_cast<uint32_t>(tok.bos));
    w.addU32("tokenizer.ggml.eos_token_id", static_cast<uint32_t>(tok.eos));
    w.addU32("tokenizer.ggml.eot_token_id", static_cast<uint32_t>(tok.extraEos[0]));
    w.addU32("tokenizer.ggml.padding_token_id", static_cast<uint32_t>(tok.pad));
    w.addBool("tokenizer.ggml.add_bos_token", false);
    w.addString("tokenizer.chat_template", kChatTemplate);

    // Each tensor's values are made when the writer reaches it.
    for (auto& t : formats::makeRandomTensors(c, spec.seed)) {
        DType dtype = spec.dtype;
        if (t.shape.size() < 2 || t.shape.back() % dtypeBlockSize(dtype) != 0) dtype = DType::F32;
        const auto bytes = static_cast<uint64_t>(dtypeRowBytes(dtype, t.elements()));
        w.addTensor(t.canonicalName, dtype, t.shape, bytes, [t, dtype, &c, &spec]() -> Result<std::vector<std::byte>> {
            auto values = t.values();
            roundThrough(spec.dtype, values);
            const bool isQ = t.canonicalName.find(".attn_q.weight") != std::string::npos;
            const bool isK = t.canonicalName.find(".attn_k.weight") != std::string::npos;
            if (c.arch == Architecture::Llama && (isQ || isK))
                values = permuteForInterleavedRope(values, isQ ? c.heads : c.kvHeads, c.headDim, t.shape[1]);
            return encode(dtype, values);
        });
    }
    return w.write(path);
}

}  // namespace motor::gpu
