// JSON label constraint: masks, limits, and end-to-end generation that always parses.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "motor/gpu/engine.h"
#include "support/mini_json.h"
#include "support/test_models.h"

namespace motor::gpu::test {
namespace {

const std::vector<std::string> kLabels{"Monitoring", "Controlling", "Mixed"};

// A byte-level test vocabulary: id 0 "</s>" (EOS), id 1 control (empty), every
// printable ASCII byte, some multi-byte pieces, UTF-8 (whole and split) and escapes.
std::vector<std::string> testVocab() {
    std::vector<std::string> v{"</s>", ""};
    for (int c = 32; c < 127; ++c) v.push_back(std::string(1, char(c)));
    for (const char* s : {"{",
                          "{\"",
                          "\"label\"",
                          ": \"",
                          "Mon",
                          "itoring",
                          "Monitoring",
                          "Controlling",
                          "Cont",
                          "Mixed",
                          "M",
                          "\",",
                          " \"rationale\": \"",
                          "\"}",
                          "the ",
                          "\\n",
                          "\\\"",
                          "\\u00e9",
                          "\xC3\xA9",
                          "\xC3",
                          "\xA9",
                          "\n",
                          "  ",
                          "\"Mixed\"",
                          "ing",
                          "ed",
                          " group",
                          "\xE2\x82\xAC"})
        v.push_back(s);
    return v;
}

JsonLabelConstraint makeConstraint(int maxChars = 30) {
    auto c = JsonLabelConstraint::create({kLabels, maxChars}, testVocab(), {0});
    EXPECT_TRUE(c.ok());
    return std::move(c.value());
}

int idOf(const std::string& piece) {
    const auto v = testVocab();
    for (size_t i = 2; i < v.size(); ++i)
        if (v[i] == piece) return int(i);
    return -1;
}

TEST(JsonLabelConstraint, RejectsBadSchemas) {
    EXPECT_FALSE(JsonLabelConstraint::create({{}, 10}, testVocab(), {0}).ok());
    EXPECT_FALSE(JsonLabelConstraint::create({{"A", "A"}, 10}, testVocab(), {0}).ok());
    EXPECT_FALSE(JsonLabelConstraint::create({{"A"}, 10}, testVocab(), {9999}).ok());
}

TEST(JsonLabelConstraint, AllowsOnlyGrammarPrefixes) {
    const auto c = makeConstraint();
    auto s = c.initial();
    EXPECT_TRUE(c.allows(s, idOf("{")));
    EXPECT_TRUE(c.allows(s, idOf("{\"")));
    EXPECT_FALSE(c.allows(s, idOf("M")));
    EXPECT_FALSE(c.allows(s, 0));  // EOS before completion
    EXPECT_FALSE(c.allows(s, 1));  // empty/control token
    for (const char* p : {"{\"", "label", "\": \""}) {
        for (char ch : std::string(p)) ASSERT_TRUE(c.advance(s, idOf(std::string(1, ch))));
    }
    EXPECT_FALSE(c.labelStarted(s));
    EXPECT_TRUE(c.allows(s, idOf("M")));
    EXPECT_TRUE(c.allows(s, idOf("Cont")));
    EXPECT_FALSE(c.allows(s, idOf("the ")));
    EXPECT_FALSE(c.allows(s, idOf("\"")));  // empty label
    ASSERT_TRUE(c.advance(s, idOf("M")));
    EXPECT_FALSE(c.determinedLabel(s).has_value());  // Monitoring or Mixed
    EXPECT_EQ(c.possibleLabels(s), 0b101u);
    EXPECT_TRUE(c.allows(s, idOf("ixed")) || idOf("ixed") < 0);
    ASSERT_TRUE(c.advance(s, idOf("on")) || c.advance(s, idOf("o")));
    EXPECT_EQ(c.determinedLabel(s), 0);
}

TEST(JsonLabelConstraint, RationaleLimitAndEscapes) {
    const auto c = makeConstraint(3);
    auto s = c.initial();
    for (const char* p : {"{", "\"label\"", ": \"", "Mixed", "\",", " \"rationale\": \""})
        ASSERT_TRUE(c.advance(s, idOf(p))) << p;
    EXPECT_FALSE(c.allows(s, idOf("\xA9")));  // stray continuation byte
    ASSERT_TRUE(c.advance(s, idOf("\xC3")));  // first half of é
    EXPECT_FALSE(c.allows(s, idOf("\"}")));   // cannot close mid-character
    ASSERT_TRUE(c.advance(s, idOf("\xA9")));
    ASSERT_TRUE(c.advance(s, idOf("\\u00e9")));  // an escape is one character
    EXPECT_FALSE(c.allows(s, idOf("the ")));     // 4 chars would exceed 3
    ASSERT_TRUE(c.advance(s, idOf("\\n")));
    EXPECT_FALSE(c.allows(s, idOf("a")));  // limit reached
    ASSERT_TRUE(c.advance(s, idOf("\"}")));
    EXPECT_TRUE(c.complete(s));
    EXPECT_TRUE(c.allows(s, 0));
    EXPECT_FALSE(c.allows(s, idOf(" ")));
}

// mask() (with its plain-text shortcut) agrees with allows() token by token along
// random walks through the grammar.
TEST(JsonLabelConstraint, MaskAgreesWithAllowsEverywhere) {
    const auto vocab = testVocab();
    const auto c = makeConstraint(12);
    for (uint64_t seed = 0; seed < 40; ++seed) {
        Sampler sampler({1.0f, 0, 1.0f, seed});
        auto s = c.initial();
        for (int step = 0; step < 200; ++step) {
            std::vector<float> logits(vocab.size(), 0.0f);
            c.mask(s, logits);
            for (size_t t = 0; t < vocab.size(); ++t)
                ASSERT_EQ(std::isfinite(logits[t]), c.allows(s, int32_t(t))) << "token " << t << " step " << step;
            const int32_t t = sampler.sample(logits);
            if (t == 0) break;
            ASSERT_TRUE(c.advance(s, t));
        }
    }
}

// Random logits at every step (no model): the output always parses, the label is in
// the enum, and the rationale respects the limit.
TEST(JsonLabelConstraint, RandomLogitsAlwaysYieldValidJson) {
    const auto vocab = testVocab();
    for (int maxChars : {0, 5, 40}) {
        const auto c = makeConstraint(maxChars);
        for (uint64_t seed = 0; seed < 300; ++seed) {
            std::mt19937_64 rng(seed);
            std::normal_distribution<float> normal(0.0f, 3.0f);
            Sampler sampler({1.0f, 0, 1.0f, seed});
            auto s = c.initial();
            std::string text;
            bool ended = false;
            for (int step = 0; step < 400 && !ended; ++step) {
                std::vector<float> logits(vocab.size());
                for (auto& x : logits) x = normal(rng);
                c.mask(s, logits);
                const int32_t t = sampler.sample(logits);
                ASSERT_GE(t, 0) << "dead end at seed " << seed << " after " << text;
                if (t == 0) {
                    ended = true;
                    break;
                }
                ASSERT_TRUE(c.advance(s, t));
                text += vocab[size_t(t)];
            }
            ASSERT_TRUE(ended) << text;
            const auto obj = MiniJson::parseFlatObject(text);
            ASSERT_TRUE(obj.has_value()) << text;
            ASSERT_EQ(obj->size(), 2u) << text;
            EXPECT_NE(std::find(kLabels.begin(), kLabels.end(), obj->at("label")), kLabels.end()) << text;
            ASSERT_TRUE(utf8Length(text).has_value()) << text;
            EXPECT_LE(utf8Length(obj->at("rationale")).value_or(0), maxChars) << text;
        }
    }
}

// End to end with a random-weight model whose vocabulary is the test vocabulary.
TEST(Generate, ConstrainedGenerationParsesAndReportsLabelProbabilities) {
    const auto vocab = testVocab();
    ModelConfig cfg = tinyConfig(Architecture::Qwen3);
    cfg.vocabSize = int(vocab.size());
    cfg.contextLength = 512;
    auto model = loadRandomModel({cfg, DType::Q8_0, DType::F32, 21});
    const auto c = makeConstraint(20);
    Session context = model->newSession();
    ASSERT_TRUE(context.prefill(randomTokens(10, cfg.vocabSize, 77)).ok());
    for (uint64_t seed = 0; seed < 12; ++seed) {
        Session s = context.fork();
        GenerateOptions o;
        o.maxTokens = 300;
        o.sampler = {seed == 0 ? 0.0f : 1.5f, 0, 1.0f, seed};
        o.constraint = &c;
        auto r = generate(s, o);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->stop, StopReason::EndToken) << r->text;
        const auto obj = MiniJson::parseFlatObject(r->text);
        ASSERT_TRUE(obj.has_value()) << r->text;
        ASSERT_TRUE(r->label.has_value());
        EXPECT_EQ(obj->at("label"), *r->label);
        ASSERT_EQ(r->labelProbabilities.size(), kLabels.size());
        const double sum = std::accumulate(r->labelProbabilities.begin(), r->labelProbabilities.end(), 0.0);
        EXPECT_NEAR(sum, 1.0, 1e-9);
        for (double p : r->labelProbabilities) EXPECT_GE(p, 0.0);
        EXPECT_EQ(s.position(), context.position() + int(r->tokens.size()));
    }
}

TEST(Generate, MostProbableLabelChoiceEmitsTheArgmaxLabel) {
    const auto vocab = testVocab();
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    cfg.vocabSize = int(vocab.size());
    cfg.contextLength = 512;
    auto model = loadRandomModel({cfg, DType::F32, DType::F32, 33});
    const auto c = makeConstraint(10);
    for (uint64_t seed = 0; seed < 6; ++seed) {
        Session s = model->newSession();
        ASSERT_TRUE(s.prefill(randomTokens(6, cfg.vocabSize, seed)).ok());
        GenerateOptions o;
        o.maxTokens = 200;
        o.sampler = {1.0f, 0, 1.0f, seed};
        o.constraint = &c;
        o.labelChoice = LabelChoice::MostProbable;
        auto r = generate(s, o);
        ASSERT_TRUE(r.ok()) << r.error().message;
        ASSERT_TRUE(MiniJson::parseFlatObject(r->text).has_value()) << r->text;
        const auto best = std::max_element(r->labelProbabilities.begin(), r->labelProbabilities.end());
        EXPECT_EQ(r->labelIndex, int(best - r->labelProbabilities.begin())) << r->text;
    }
}

// The one loop: a batch of sequences with their own samplers, budgets and constraints
// gives each exactly what generate() gives it alone (tokens, text, label, P(label)).
TEST(Generate, BatchEqualsEachSequenceAlone) {
    const auto vocab = testVocab();
    ModelConfig cfg = tinyConfig(Architecture::Qwen3);
    cfg.vocabSize = int(vocab.size());
    cfg.contextLength = 512;
    auto model = loadRandomModel({cfg, DType::Q8_0, DType::F32, 21});
    const auto c = makeConstraint(20);
    const auto c2 = makeConstraint(6);
    Session context = model->newSession();
    ASSERT_TRUE(context.prefill(randomTokens(10, cfg.vocabSize, 77)).ok());
    std::vector<GenerateOptions> options(5);
    for (size_t i = 0; i < options.size(); ++i) {
        options[i].maxTokens = i == 3 ? 4 : 200;  // one runs out of budget early
        options[i].sampler = {i == 0 ? 0.0f : 1.3f, 0, 1.0f, 100 + i};
        options[i].constraint = i == 4 ? nullptr : (i % 2 ? &c2 : &c);
        options[i].labelChoice = i == 2 ? LabelChoice::MostProbable : LabelChoice::Sampled;
    }
    std::vector<Session> batch, alone;
    for (size_t i = 0; i < options.size(); ++i) {
        batch.push_back(context.fork());
        alone.push_back(context.fork());
        ASSERT_TRUE(batch.back().prefill(randomTokens(int(i) + 1, cfg.vocabSize, 5 + i)).ok());
        ASSERT_TRUE(alone.back().prefill(randomTokens(int(i) + 1, cfg.vocabSize, 5 + i)).ok());
    }
    std::vector<Session*> ptrs;
    for (Session& s : batch) ptrs.push_back(&s);
    const auto together = generateBatch(ptrs, options);
    ASSERT_EQ(together.size(), options.size());
    for (size_t i = 0; i < options.size(); ++i) {
        auto single = generate(alone[i], options[i]);
        ASSERT_TRUE(single.ok() && together[i].ok());
        EXPECT_EQ(together[i]->tokens, single->tokens) << i;
        EXPECT_EQ(together[i]->text, single->text) << i;
        EXPECT_EQ(together[i]->label, single->label) << i;
        EXPECT_EQ(together[i]->labelProbabilities, single->labelProbabilities) << i;
        EXPECT_EQ(together[i]->stop, single->stop) << i;
        EXPECT_EQ(batch[i].position(), alone[i].position()) << i;
    }
    EXPECT_EQ(together[3]->stop, StopReason::MaxTokens);
    // Cancelled before the first step: every sequence ends at once, nothing appended.
    std::atomic<bool> cancel{true};
    Session more = context.fork();
    Session* one[] = {&more};
    auto cancelled = generateBatch(one, std::span(options.data(), 1), &cancel);
    ASSERT_TRUE(cancelled[0].ok());
    EXPECT_EQ(cancelled[0]->stop, StopReason::Cancelled);
    EXPECT_EQ(more.position(), context.position());
}

TEST(Generate, UnconstrainedStopsAtStopTokenOrBudget) {
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    auto model = loadRandomModel({cfg, DType::F32, DType::F32, 2});
    Session s = model->newSession();
    GenerateOptions o;
    o.maxTokens = 7;
    EXPECT_FALSE(generate(s, o).ok());  // not prefilled
    ASSERT_TRUE(s.prefill(randomTokens(3, cfg.vocabSize, 1)).ok());
    auto r = generate(s, o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->tokens.size(), 7u);
    EXPECT_EQ(r->stop, StopReason::MaxTokens);
    // Greedy: stopping at the first generated token when it is a stop id.
    Session s2 = model->newSession();
    ASSERT_TRUE(s2.prefill(randomTokens(3, cfg.vocabSize, 1)).ok());
    o.stopIds = {r->tokens[0]};
    auto r2 = generate(s2, o);
    ASSERT_TRUE(r2.ok());
    EXPECT_TRUE(r2->tokens.empty());
    EXPECT_EQ(r2->stop, StopReason::StopToken);
}

TEST(TokenBytes, SentencePieceAndByteLevel) {
    TokenizerData spm;
    spm.tokens = {"<unk>", "<s>", "<0x0A>", "\xE2\x96\x81Once", "upon"};
    spm.types = {TokenType::Unknown, TokenType::Control, TokenType::Byte, TokenType::Normal, TokenType::Normal};
    const auto a = tokenBytesFromTokenizerData(spm);
    EXPECT_EQ(a, (std::vector<std::string>{"", "", "\n", " Once", "upon"}));
    TokenizerData bpe;
    bpe.kind = TokenizerKind::ByteLevelBpe;
    bpe.tokens = {"\xC4\xA0the", "\xC4\x8A", "{\""};  // Ġthe, Ċ
    const auto b = tokenBytesFromTokenizerData(bpe);
    EXPECT_EQ(b, (std::vector<std::string>{" the", "\n", "{\""}));
}

}  // namespace
}  // namespace motor::gpu::test
