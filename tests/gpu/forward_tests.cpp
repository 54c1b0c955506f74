// The optimized CPU forward pass against the plain reference (tests/gpu/support).
#include <gtest/gtest.h>

#include "support/reference_forward.h"
#include "support/test_models.h"

namespace motor::gpu::test {
namespace {

struct Case {
    const char* name;
    Architecture arch;
    DType type;
    // Against the reference that quantizes activations as the integer kernels do (the
    // same as the exact reference for dtypes without integer kernels).
    double tolerance;
    // Against the exact reference: what 8-bit activations cost. Each product with a
    // Q8_0/Q4_0 matrix adds up to half a step of max|x|/127 per activation (about 1%
    // of a product's magnitude in these 64-wide random models); over 2 layers of 7
    // products and the head, logits move by 1-3.5%.
    double exactTolerance;
};

// K-quants need rows that are multiples of 256.
ModelConfig configFor(const Case& c) {
    ModelConfig cfg = tinyConfig(c.arch);
    if (c.type == DType::Q4_K || c.type == DType::Q6_K) {
        cfg.dim = 256;
        cfg.hiddenDim = 512;
        cfg.heads = 4;
        cfg.kvHeads = 2;
        cfg.headDim = 64;
    }
    return cfg;
}

class ForwardVsReference : public ::testing::TestWithParam<Case> {};

TEST_P(ForwardVsReference, PrefillAndDecodeMatchReference) {
    const Case& c = GetParam();
    RandomModelSpec spec{configFor(c), c.type, c.type, 7};
    auto weights = makeRandomModel(spec);
    const ReferenceForward ref(*weights, ActivationMode::QuantizedForInt8Weights);
    const ReferenceForward exact(*weights, ActivationMode::Exact);
    auto loaded = Model::load(std::move(weights));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    Model& model = *loaded.value();

    const auto tokens = randomTokens(12, spec.config.vocabSize, 3);
    const auto expected = ref.logits(tokens);
    const auto expectedExact = exact.logits(tokens);

    // Batched prefill of 9 tokens, every position's logits.
    Session s = model.newSession();
    ASSERT_TRUE(s.prefill(std::span(tokens).first(9), LogitsFor::All).ok());
    const size_t vocab = size_t(spec.config.vocabSize);
    for (size_t t = 0; t < 9; ++t) {
        const auto logits = s.allLogits().subspan(t * vocab, vocab);
        EXPECT_LE(relativeError(logits, expected[t]), c.tolerance) << "position " << t;
        EXPECT_LE(relativeError(logits, expectedExact[t]), c.exactTolerance) << "position " << t;
    }
    // Then single-token decode steps over the KV cache.
    for (size_t t = 9; t < tokens.size(); ++t) {
        ASSERT_TRUE(s.decode(tokens[t]).ok());
        EXPECT_LE(relativeError(s.logits(), expected[t]), c.tolerance) << "position " << t;
        EXPECT_LE(relativeError(s.logits(), expectedExact[t]), c.exactTolerance) << "position " << t;
    }
}

INSTANTIATE_TEST_SUITE_P(Engine, ForwardVsReference,
                         ::testing::Values(Case{"LlamaF32", Architecture::Llama, DType::F32, 1e-4, 1e-4},
                                           Case{"Qwen2F32", Architecture::Qwen2, DType::F32, 1e-4, 1e-4},
                                           Case{"Qwen3F32", Architecture::Qwen3, DType::F32, 1e-4, 1e-4},
                                           Case{"LlamaF16", Architecture::Llama, DType::F16, 1e-4, 1e-4},
                                           Case{"LlamaBF16", Architecture::Llama, DType::BF16, 1e-4, 1e-4},
                                           Case{"LlamaQ8_0", Architecture::Llama, DType::Q8_0, 1e-4, 5e-2},
                                           Case{"Qwen3Q4_0", Architecture::Qwen3, DType::Q4_0, 1e-4, 5e-2},
                                           Case{"LlamaQ4_K", Architecture::Llama, DType::Q4_K, 1e-4, 1e-4},
                                           Case{"Qwen2Q6_K", Architecture::Qwen2, DType::Q6_K, 1e-4, 1e-4}),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(ForwardScaling, LinearAndLlama3RopeScalingMatchReference) {
    for (auto kind : {RopeScaling::Kind::Linear, RopeScaling::Kind::Llama3}) {
        ModelConfig cfg = tinyConfig(Architecture::Llama);
        cfg.ropeScaling.kind = kind;
        cfg.ropeScaling.factor = 8.0f;
        cfg.ropeScaling.originalContext = 64;
        cfg.ropeTheta = 500000.0f;
        auto weights = makeRandomModel({cfg, DType::F32, DType::F32, 11});
        ReferenceForward ref(*weights);
        auto model = Model::load(std::move(weights));
        ASSERT_TRUE(model.ok());
        const auto tokens = randomTokens(20, cfg.vocabSize, 5);
        const auto expected = ref.logits(tokens);
        Session s = (*model)->newSession();
        ASSERT_TRUE(s.prefill(tokens, LogitsFor::All).ok());
        for (size_t t = 0; t < tokens.size(); ++t)
            EXPECT_LE(
                relativeError(s.allLogits().subspan(t * size_t(cfg.vocabSize), size_t(cfg.vocabSize)), expected[t]),
                1e-4);
    }
}

TEST(ModelLoad, MissingTensorIsNamed) {
    ModelConfig cfg = tinyConfig(Architecture::Qwen3);
    cfg.qkNorm = false;  // the file lacks q/k norms but the arch needs them
    auto weights = makeRandomModel({cfg, DType::F32, DType::F32, 1});
    auto model = Model::load(std::move(weights));
    ASSERT_FALSE(model.ok());
    EXPECT_NE(model.error().message.find("blk.0.attn_q_norm.weight"), std::string::npos) << model.error().message;
}

TEST(ModelLoad, WrongShapeIsNamed) {
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    auto weights = makeRandomModel({cfg, DType::F32, DType::F32, 1});
    ModelConfig lying = cfg;
    lying.hiddenDim = 128;
    struct Lie : ModelWeights {
        std::unique_ptr<ModelWeights> inner;
        ModelConfig cfg;
        const std::string& path() const override { return inner->path(); }
        const char* formatName() const override { return "lie"; }
        const ModelConfig& config() const override { return cfg; }
        const TokenizerData& tokenizerData() const override { return inner->tokenizerData(); }
        const std::vector<TensorView>& tensors() const override { return inner->tensors(); }
        const TensorView* find(const std::string& n) const override { return inner->find(n); }
        const std::string& chatTemplate() const override { return inner->chatTemplate(); }
    };
    auto lie = std::make_unique<Lie>();
    lie->inner = std::move(weights);
    lie->cfg = lying;
    auto model = Model::load(std::move(lie));
    ASSERT_FALSE(model.ok());
    EXPECT_NE(model.error().message.find("blk.0.ffn_gate.weight"), std::string::npos) << model.error().message;
}

}  // namespace
}  // namespace motor::gpu::test
