// The real model: stories260K.gguf (F32 Llama, SentencePiece) with greedy decoding must
// reproduce an independent implementation's output on the common prefix.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "motor/gpu/engine.h"
#include "motor/gpu/tokenizer.h"
#include "support/reference_forward.h"

namespace motor::gpu::test {
namespace {

const std::string kDir = std::string(MOTOR_SHARED_TESTDATA) + "/models/";

std::unique_ptr<Model> loadStories() {
    auto w = openModel(kDir + "stories260K.gguf");
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
    if (!w.ok()) return nullptr;
    auto m = Model::load(std::move(w.value()));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? std::move(m.value()) : nullptr;
}

TEST(Stories260K, GreedyOnceUponATimeMatchesExpectedText) {
    if (!std::filesystem::exists(kDir + "stories260K.gguf")) GTEST_SKIP() << "shared testdata not found at " << kDir;
    auto model = loadStories();
    ASSERT_TRUE(model);
    std::ifstream in(kDir + "stories260K.once-upon-a-time.expected.txt", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string expected = ss.str();
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) expected.pop_back();

    const std::string prompt = "Once upon a time";
    GenerateOptions o;
    o.maxTokens = model->config().contextLength - 8;
    auto r = generateText(*model, prompt, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const std::string got = prompt + r->text;
    const size_t n = std::min(got.size(), expected.size());
    ASSERT_GT(n, prompt.size() + 200) << "too little text to compare: " << got;
    EXPECT_EQ(got.substr(0, n), expected.substr(0, n));
}

TEST(Stories260K, EngineMatchesReferenceForwardOnRealWeights) {
    if (!std::filesystem::exists(kDir + "stories260K.gguf")) GTEST_SKIP() << "shared testdata not found at " << kDir;
    auto model = loadStories();
    ASSERT_TRUE(model);
    auto tok = Tokenizer::create(model->tokenizerData());
    ASSERT_TRUE(tok.ok());
    const auto ids = tok->encode("Once upon a time, there was a little girl named Lily.");
    ReferenceForward ref(model->weights());
    const auto expected = ref.logits(ids);
    Session s = model->newSession();
    ASSERT_TRUE(s.prefill(ids, LogitsFor::All).ok());
    const size_t vocab = size_t(model->vocabSize());
    for (size_t t = 0; t < ids.size(); ++t) {
        double num = 0, den = 0;
        for (size_t i = 0; i < vocab; ++i) {
            num = std::max(num, std::abs(double(s.allLogits()[t * vocab + i]) - expected[t][i]));
            den = std::max(den, std::abs(double(expected[t][i])));
        }
        EXPECT_LE(num / den, 1e-4) << "position " << t;
    }
}

}  // namespace
}  // namespace motor::gpu::test
