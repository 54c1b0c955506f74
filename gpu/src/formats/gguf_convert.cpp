// Model -> GGUF (+ mmproj GGUF) conversion. Tensors are already under canonical
// (llama.cpp) names in memory, so conversion is re-encoding plus metadata: the
// language model's keys as llama.cpp's converter writes them for llama/qwen2/qwen3,
// and the clip.* keys of its InternVisionModel converter for the vision side.
#include <sys/stat.h>

#include <cstdio>
#include <cstring>

#include "formats/gguf_writer.h"
#include "formats/try.h"
#include "motor/gpu/convert.h"
#include "motor/gpu/quant.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

namespace {

bool isVisionTensor(const std::string& n) {
    return n.rfind("v.", 0) == 0 || n.rfind("mm.", 0) == 0;
}

// llama.cpp's converter reorders each head's rows from (half, pair) to (pair, half)
// for GGUF llama, whose rope is interleaved; HF keeps rotate_half order.
std::vector<float> permuteForInterleavedRope(const std::vector<float>& w, int64_t heads, int64_t headDim,
                                             int64_t cols) {
    std::vector<float> out(w.size());
    const int64_t half = headDim / 2;
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < half; ++i)
            for (int64_t j = 0; j < 2; ++j)
                std::memcpy(&out[size_t((h * headDim + i * 2 + j) * cols)],
                            &w[size_t((h * headDim + j * half + i) * cols)], size_t(cols) * sizeof(float));
    return out;
}

DType targetType(const TensorView& t, DType wanted) {
    const std::string& n = t.name;
    if (t.shape.size() < 2 || n == "v.class_embd" || n == "v.position_embd.weight") return DType::F32;
    if (n == "v.patch_embd.weight") return wanted == DType::F32 ? DType::F32 : DType::F16;
    if (t.shape.back() % dtypeBlockSize(wanted) != 0) return DType::F16;
    return wanted;
}

Result<std::vector<float>> decodeAll(const TensorView& t, const std::string& file) {
    const int64_t n = t.elements();
    if (n % dtypeBlockSize(t.dtype) != 0 || t.bytes < dtypeRowBytes(t.dtype, n))
        return makeError(file + ": tensor '" + t.name + "' cannot be decoded (" + dtypeName(t.dtype) + ", " +
                         std::to_string(n) + " elements, " + std::to_string(t.bytes) + " bytes)");
    std::vector<float> v(static_cast<size_t>(n));
    dequantizeRow(t.dtype, t.data, v.data(), n);
    return v;
}

Result<std::vector<std::byte>> encodeAll(const TensorView& t, const std::vector<float>& values, DType type) {
    const int64_t cols = t.shape.empty() ? 1 : t.shape.back();
    const int64_t rows = int64_t(values.size()) / cols;
    std::vector<std::byte> data(static_cast<size_t>(rows * dtypeRowBytes(type, cols)));
    for (int64_t r = 0; r < rows; ++r)
        if (!quantizeRow(type, values.data() + r * cols, data.data() + r * dtypeRowBytes(type, cols), cols))
            return makeError(std::string("convert: no quantiser for ") + dtypeName(type));
    return data;
}

// llama.cpp's general.file_type numbering.
uint32_t fileType(DType t) {
    switch (t) {
        case DType::F32:
            return 0;
        case DType::F16:
            return 1;
        case DType::Q4_0:
            return 2;
        case DType::Q8_0:
            return 7;
        case DType::BF16:
            return 32;
        default:
            return 1;
    }
}

void addTextMetadata(formats::GgufWriter& w, const ModelWeights& m, DType type) {
    const ModelConfig& c = m.config();
    const TokenizerData& tok = m.tokenizerData();
    const std::string a = architectureName(c.arch);
    w.addString("general.architecture", a);
    w.addString("general.name", m.path().substr(m.path().find_last_of('/') + 1));
    w.addU32("general.file_type", fileType(type));
    w.addU32("general.alignment", 32);
    w.addU32(a + ".context_length", uint32_t(c.contextLength));
    w.addU32(a + ".embedding_length", uint32_t(c.dim));
    w.addU32(a + ".feed_forward_length", uint32_t(c.hiddenDim));
    w.addU32(a + ".block_count", uint32_t(c.layers));
    w.addU32(a + ".attention.head_count", uint32_t(c.heads));
    w.addU32(a + ".attention.head_count_kv", uint32_t(c.kvHeads));
    w.addU32(a + ".attention.key_length", uint32_t(c.headDim));
    w.addU32(a + ".attention.value_length", uint32_t(c.headDim));
    w.addF32(a + ".attention.layer_norm_rms_epsilon", c.rmsEps);
    w.addF32(a + ".rope.freq_base", c.ropeTheta);
    w.addU32(a + ".vocab_size", uint32_t(c.vocabSize));
    if (c.ropeScaling.kind != RopeScaling::Kind::None) {
        w.addString(a + ".rope.scaling.type", c.ropeScaling.kind == RopeScaling::Kind::Linear ? "linear" : "llama3");
        w.addF32(a + ".rope.scaling.factor", c.ropeScaling.factor);
        w.addU32(a + ".rope.scaling.original_context_length", uint32_t(c.ropeScaling.originalContext));
        if (c.ropeScaling.kind == RopeScaling::Kind::Llama3) {
            w.addF32(a + ".rope.scaling.low_freq_factor", c.ropeScaling.lowFreqFactor);
            w.addF32(a + ".rope.scaling.high_freq_factor", c.ropeScaling.highFreqFactor);
        }
    }
    // The embedding has vocabSize rows; llama.cpp wants one token per row, so the
    // unused tail of a padded vocabulary gets [PAD<id>] entries, as its converter does.
    std::vector<std::string> tokens = tok.tokens;
    std::vector<int32_t> types;
    for (size_t i = 0; i < tokens.size(); ++i)
        types.push_back(int32_t(i < tok.types.size() ? tok.types[i] : TokenType::Normal));
    for (size_t i = tokens.size(); i < size_t(c.vocabSize); ++i) {
        tokens.push_back("[PAD" + std::to_string(i) + "]");
        types.push_back(int32_t(TokenType::UserDefined));
    }
    if (tok.kind == TokenizerKind::ByteLevelBpe) {
        w.addString("tokenizer.ggml.model", "gpt2");
        w.addString("tokenizer.ggml.pre", tok.preTokenizer == "llama3"  ? "llama-bpe"
                                          : tok.preTokenizer == "qwen2" ? "qwen2"
                                                                        : "gpt-2");
        w.addStringArray("tokenizer.ggml.tokens", tokens);
        w.addI32Array("tokenizer.ggml.token_type", types);
        w.addStringArray("tokenizer.ggml.merges", tok.merges);
    } else {
        w.addString("tokenizer.ggml.model", "llama");
        w.addStringArray("tokenizer.ggml.tokens", tokens);
        std::vector<float> scores = tok.scores;
        scores.resize(tokens.size(), 0.0f);
        w.addF32Array("tokenizer.ggml.scores", scores);
        w.addI32Array("tokenizer.ggml.token_type", types);
        w.addBool("tokenizer.ggml.add_space_prefix", tok.addSpacePrefix);
    }
    if (tok.bos >= 0) w.addU32("tokenizer.ggml.bos_token_id", uint32_t(tok.bos));
    if (tok.eos >= 0) w.addU32("tokenizer.ggml.eos_token_id", uint32_t(tok.eos));
    if (!tok.extraEos.empty()) w.addU32("tokenizer.ggml.eot_token_id", uint32_t(tok.extraEos[0]));
    if (tok.pad >= 0) w.addU32("tokenizer.ggml.padding_token_id", uint32_t(tok.pad));
    if (tok.unk >= 0) w.addU32("tokenizer.ggml.unknown_token_id", uint32_t(tok.unk));
    w.addBool("tokenizer.ggml.add_bos_token", tok.addBos);
    if (!m.chatTemplate().empty()) w.addString("tokenizer.chat_template", m.chatTemplate());
}

void addVisionMetadata(formats::GgufWriter& w, const ModelWeights& m, const VisionConfig& v, DType type) {
    w.addString("general.architecture", "clip");
    w.addString("general.name", m.path().substr(m.path().find_last_of('/') + 1) + " (vision)");
    w.addU32("general.file_type", fileType(type));
    w.addU32("general.alignment", 32);
    w.addBool("clip.has_vision_encoder", true);
    w.addString("clip.projector_type", "internvl");
    w.addU32("clip.vision.image_size", uint32_t(v.imageSize));
    w.addU32("clip.vision.patch_size", uint32_t(v.patchSize));
    w.addU32("clip.vision.embedding_length", uint32_t(v.dim));
    w.addU32("clip.vision.feed_forward_length", uint32_t(v.hiddenDim));
    w.addU32("clip.vision.projection_dim", uint32_t(v.projectionDim));
    w.addU32("clip.vision.block_count", uint32_t(v.layers));
    w.addU32("clip.vision.attention.head_count", uint32_t(v.heads));
    w.addF32("clip.vision.attention.layer_norm_epsilon", v.normEps);
    w.addF32Array("clip.vision.image_mean", {v.imageMean[0], v.imageMean[1], v.imageMean[2]});
    w.addF32Array("clip.vision.image_std", {v.imageStd[0], v.imageStd[1], v.imageStd[2]});
    w.addBool("clip.use_gelu", true);
    w.addU32("clip.vision.projector.scale_factor", uint32_t(v.scaleFactor));
    // Read by this engine only (llama.cpp ignores unknown keys).
    if (!v.templateName.empty()) w.addString("motor.internvl.template", v.templateName);
    w.addI32("motor.internvl.select_layer", v.selectLayer);
    w.addString("motor.internvl.ps_version", v.psVersion);
}

Result<int64_t> fileSize(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return makeError(path + ": not written");
    return int64_t(st.st_size);
}

}  // namespace

Result<ConvertReport> convertToGguf(const std::string& modelPath, const std::string& outGguf,
                                    const ConvertOptions& options) {
    const DType type = options.type;
    if (type != DType::F32 && type != DType::F16 && type != DType::BF16 && type != DType::Q8_0 && type != DType::Q4_0)
        return makeError(outGguf + ": conversion type " + dtypeName(type) +
                         " is not supported (f32, f16, bf16, q8_0, q4_0)");
    OpenOptions oo;
    oo.autoMmproj = true;
    auto opened = openModel(modelPath, oo);
    if (!opened) return opened.error();
    const ModelWeights& m = *opened.value();
    const ModelConfig& c = m.config();
    const VisionConfig* vision = m.visionConfig();
    ConvertReport report;
    report.textPath = outGguf;
    formats::GgufWriter text, proj;
    addTextMetadata(text, m, type);
    if (vision) {
        report.mmprojPath = options.mmprojPath;
        if (report.mmprojPath.empty()) {
            const size_t slash = outGguf.find_last_of('/');
            report.mmprojPath = slash == std::string::npos
                                    ? "mmproj-" + outGguf
                                    : outGguf.substr(0, slash + 1) + "mmproj-" + outGguf.substr(slash + 1);
        }
        addVisionMetadata(proj, m, *vision, type);
    }
    const bool permute = c.arch == Architecture::Llama && c.ropeStyle == RopeStyle::NeoX;
    for (const TensorView& t : m.tensors()) {
        const bool v = isVisionTensor(t.name);
        if (v && !vision) continue;
        if (!v && t.name.rfind("token_embd", 0) != 0 && t.name.rfind("output", 0) != 0 && t.name.rfind("blk.", 0) != 0)
            continue;  // tensors the engine does not use (e.g. transformers' mask_token)
        // Decoded and re-encoded when the writer reaches it: one tensor in F32 at a time.
        const DType target = targetType(t, type);
        const int64_t cols = t.shape.empty() ? 1 : t.shape.back();
        const auto bytes = static_cast<uint64_t>(t.elements() / cols * dtypeRowBytes(target, cols));
        (v ? proj : text)
            .addTensor(t.name, target, t.shape, bytes, [&, t, v, target]() -> Result<std::vector<std::byte>> {
                auto values = decodeAll(t, v ? m.visionPath() : m.path());
                if (!values) return values.error();
                const bool isQ = t.name.find(".attn_q.weight") != std::string::npos && !v;
                const bool isK = t.name.find(".attn_k.weight") != std::string::npos && !v;
                if (permute && (isQ || isK))
                    values.value() =
                        permuteForInterleavedRope(values.value(), isQ ? c.heads : c.kvHeads, c.headDim, t.shape.back());
                return encodeAll(t, values.value(), target);
            });
        ++report.tensors;
    }
    MOTOR_TRY(text.write(outGguf));
    auto ts = fileSize(outGguf);
    if (!ts) return ts.error();
    report.textBytes = ts.value();
    if (vision) {
        MOTOR_TRY(proj.write(report.mmprojPath));
        auto ps = fileSize(report.mmprojPath);
        if (!ps) return ps.error();
        report.mmprojBytes = ps.value();
    }
    return report;
}

}  // namespace motor::gpu
