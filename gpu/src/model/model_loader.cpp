// Turns a ModelWeights into kernel-ready views, checking every tensor the
// architecture needs so a bad file fails at load with the tensor's name, never later.
#include <string>

#include "model/model_impl.h"
#include "model/tensor_loader.h"
#include "vision/intern_vit.h"

namespace motor::gpu {

namespace {

using loader_detail::Loader;

Result<void> checkConfig(const ModelConfig& c, const std::string& path) {
    auto bad = [&](const std::string& what) { return makeError(path + ": invalid model config: " + what); };
    if (c.vocabSize <= 0 || c.dim <= 0 || c.hiddenDim <= 0 || c.layers <= 0) return bad("non-positive size");
    if (c.heads <= 0 || c.kvHeads <= 0 || c.heads % c.kvHeads != 0) return bad("heads must be a multiple of kvHeads");
    if (c.headDim <= 0 || c.headDim % 2 != 0) return bad("headDim must be positive and even");
    if (c.contextLength <= 0) return bad("contextLength must be positive");
    return {};
}

VisionTokenIds visionTokenIds(const TokenizerData& t) {
    VisionTokenIds ids;
    for (size_t i = 0; i < t.tokens.size(); ++i) {
        const std::string& s = t.tokens[i];
        if (s == "<img>")
            ids.imgStart = int32_t(i);
        else if (s == "</img>")
            ids.imgEnd = int32_t(i);
        else if (s == "<IMG_CONTEXT>")
            ids.imgContext = int32_t(i);
    }
    return ids;
}

}  // namespace

Result<std::unique_ptr<Model::Impl>> loadModelImpl(std::unique_ptr<ModelWeights> weights, const ModelOptions& options) {
    if (!weights) return makeError("Model::load: no weights");
    if (weights->speechConfig())
        return makeError(weights->path() +
                         ": a Whisper speech model; it transcribes audio (SpeechModel::load, "
                         "motor transcribe) and does not generate text from a prompt");
    auto impl = std::make_unique<Model::Impl>();
    impl->config = weights->config();
    const ModelConfig& c = impl->config;
    if (auto ok = checkConfig(c, weights->path()); !ok) return ok.error();
    if (options.kvPageSize <= 0) return makeError("Model::load: kvPageSize must be positive");
    Loader L(*weights);
    const int64_t qDim = int64_t(c.heads) * c.headDim, kvDim = int64_t(c.kvHeads) * c.headDim;

    MOTOR_TRY_ASSIGN(impl->embed, L.matrix("token_embd.weight", c.vocabSize, c.dim));
    MOTOR_TRY_ASSIGN(impl->outputNorm, L.vector("output_norm.weight", c.dim));
    if (weights->find("output.weight")) {
        MOTOR_TRY_ASSIGN(impl->output, L.matrix("output.weight", c.vocabSize, c.dim));
    } else if (c.tiedEmbeddings) {
        impl->output = impl->embed;
    } else {
        return makeError(weights->path() + ": missing tensor output.weight (embeddings are not tied)");
    }
    const bool bias = c.qkvBias || c.arch == Architecture::Qwen2;
    const bool qkNorm = c.qkNorm || c.arch == Architecture::Qwen3;
    impl->layers.resize(size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        LayerWeights& lw = impl->layers[size_t(l)];
        const std::string p = "blk." + std::to_string(l) + ".";
        MOTOR_TRY_ASSIGN(lw.attnNorm, L.vector(p + "attn_norm.weight", c.dim));
        MOTOR_TRY_ASSIGN(lw.q, L.matrix(p + "attn_q.weight", qDim, c.dim));
        MOTOR_TRY_ASSIGN(lw.k, L.matrix(p + "attn_k.weight", kvDim, c.dim));
        MOTOR_TRY_ASSIGN(lw.v, L.matrix(p + "attn_v.weight", kvDim, c.dim));
        MOTOR_TRY_ASSIGN(lw.o, L.matrix(p + "attn_output.weight", c.dim, qDim));
        if (bias) {
            MOTOR_TRY_ASSIGN(lw.qBias, L.vector(p + "attn_q.bias", qDim));
            MOTOR_TRY_ASSIGN(lw.kBias, L.vector(p + "attn_k.bias", kvDim));
            MOTOR_TRY_ASSIGN(lw.vBias, L.vector(p + "attn_v.bias", kvDim));
        }
        if (qkNorm) {
            MOTOR_TRY_ASSIGN(lw.qNorm, L.vector(p + "attn_q_norm.weight", c.headDim));
            MOTOR_TRY_ASSIGN(lw.kNorm, L.vector(p + "attn_k_norm.weight", c.headDim));
        }
        MOTOR_TRY_ASSIGN(lw.ffnNorm, L.vector(p + "ffn_norm.weight", c.dim));
        MOTOR_TRY_ASSIGN(lw.gate, L.matrix(p + "ffn_gate.weight", c.hiddenDim, c.dim));
        MOTOR_TRY_ASSIGN(lw.up, L.matrix(p + "ffn_up.weight", c.hiddenDim, c.dim));
        MOTOR_TRY_ASSIGN(lw.down, L.matrix(p + "ffn_down.weight", c.dim, c.hiddenDim));
    }
    impl->rope = cpu::Rope(c);
    impl->options = options;
    if (options.threads > 0) {
        impl->ownPool = std::make_unique<cpu::ThreadPool>(options.threads);
        impl->pool = impl->ownPool.get();
    } else {
        impl->pool = &cpu::ThreadPool::shared();
    }
    if (const VisionConfig* vc = weights->visionConfig()) {
        if (vc->projectionDim != c.dim)
            return makeError(weights->visionPath() + ": the projector's output size " +
                             std::to_string(vc->projectionDim) + " differs from the language model's hidden size " +
                             std::to_string(c.dim));
        auto vit = vision::InternVit::load(*weights, *vc, visionTokenIds(weights->tokenizerData()), *impl->pool);
        if (!vit) return vit.error();
        impl->vision = std::move(vit.value());
    }
    impl->weights = std::move(weights);
    return impl;
}

}  // namespace motor::gpu
