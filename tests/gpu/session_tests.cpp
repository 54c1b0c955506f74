// Sessions: errors, fork sharing (no copy, bit-identical), decodeBatch == sequential.
#include <gtest/gtest.h>

#include <cstring>

#include "support/test_models.h"

namespace motor::gpu::test {
namespace {

bool bitEqual(std::span<const float> a, std::span<const float> b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

TEST(Session, RejectsBadTokenAndOverflow) {
    auto model = loadRandomModel({tinyConfig(Architecture::Llama), DType::F32, DType::F32, 2});
    Session s = model->newSession();
    const std::vector<int32_t> bad{1, 500};
    auto r = s.prefill(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("500"), std::string::npos);
    EXPECT_EQ(s.position(), 0);
    const auto many = randomTokens(model->config().contextLength + 1, model->vocabSize(), 1);
    r = s.prefill(many);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("context overflow"), std::string::npos);
    EXPECT_FALSE(s.prefill({}).ok());
}

class ForkTest : public ::testing::TestWithParam<DType> {};

TEST_P(ForkTest, ForkThenContinueIsBitIdenticalToFreshSession) {
    ModelConfig cfg = tinyConfig(Architecture::Qwen3);
    auto model = loadRandomModel({cfg, GetParam(), GetParam(), 4}, ModelOptions{0, 8});
    const auto prefix = randomTokens(21, cfg.vocabSize, 8);  // ends inside a page
    const auto contA = randomTokens(6, cfg.vocabSize, 9);
    const auto contB = randomTokens(5, cfg.vocabSize, 10);

    Session parent = model->newSession();
    ASSERT_TRUE(parent.prefill(prefix).ok());
    Session a = parent.fork();
    Session b = parent.fork();
    EXPECT_EQ(a.sharedPageCount(), a.pageCount());  // nothing copied by fork
    ASSERT_TRUE(a.prefill(std::span(contA).first(2)).ok());
    for (size_t i = 2; i < contA.size(); ++i) ASSERT_TRUE(a.decode(contA[i]).ok());
    for (int32_t t : contB) ASSERT_TRUE(b.decode(t).ok());
    // Only the tail page was copied; full prefix pages are still shared.
    EXPECT_GE(a.sharedPageCount(), 2);

    for (const auto* cont : {&contA, &contB}) {
        std::vector<int32_t> all = prefix;
        all.insert(all.end(), cont->begin(), cont->end());
        Session fresh = model->newSession();
        ASSERT_TRUE(fresh.prefill(all).ok());
        const Session& forked = cont == &contA ? a : b;
        EXPECT_TRUE(bitEqual(fresh.logits(), forked.logits()));
    }
    // The parent is unaffected by its forks' writes.
    Session again = model->newSession();
    ASSERT_TRUE(again.prefill(prefix).ok());
    ASSERT_TRUE(parent.decode(contB[0]).ok());
    ASSERT_TRUE(again.decode(contB[0]).ok());
    EXPECT_TRUE(bitEqual(parent.logits(), again.logits()));
}

INSTANTIATE_TEST_SUITE_P(Engine, ForkTest, ::testing::Values(DType::F32, DType::Q8_0, DType::Q4_0));

TEST(Session, DecodeBatchEqualsSequentialDecode) {
    ModelConfig cfg = tinyConfig(Architecture::Qwen2);
    auto model = loadRandomModel({cfg, DType::Q8_0, DType::F32, 6}, ModelOptions{0, 8});
    Session context = model->newSession();
    ASSERT_TRUE(context.prefill(randomTokens(13, cfg.vocabSize, 1)).ok());
    // Three agents sharing the clip context plus an unrelated clip of another length.
    Session other = model->newSession();
    ASSERT_TRUE(other.prefill(randomTokens(4, cfg.vocabSize, 2)).ok());
    std::vector<Session> batched, sequential;
    for (int i = 0; i < 3; ++i) {
        batched.push_back(context.fork());
        sequential.push_back(context.fork());
    }
    batched.push_back(other.fork());
    sequential.push_back(other.fork());
    std::vector<Session*> ptrs;
    for (auto& s : batched) ptrs.push_back(&s);
    for (int step = 0; step < 5; ++step) {
        const auto toks = randomTokens(4, cfg.vocabSize, 100 + uint64_t(step));
        ASSERT_TRUE(Session::decodeBatch(ptrs, toks).ok());
        for (size_t i = 0; i < 4; ++i) {
            ASSERT_TRUE(sequential[i].decode(toks[i]).ok());
            EXPECT_TRUE(bitEqual(batched[i].logits(), sequential[i].logits())) << "step " << step << " session " << i;
            EXPECT_EQ(batched[i].position(), sequential[i].position());
        }
    }
    const std::vector<int32_t> two{1, 2};
    EXPECT_FALSE(Session::decodeBatch(std::span(ptrs).first(1), two).ok());
}

TEST(Session, ThreadCountDoesNotChangeLogits) {
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    auto one = loadRandomModel({cfg, DType::F16, DType::F16, 3}, ModelOptions{1, 32});
    auto three = loadRandomModel({cfg, DType::F16, DType::F16, 3}, ModelOptions{3, 32});
    const auto toks = randomTokens(10, cfg.vocabSize, 4);
    Session a = one->newSession(), b = three->newSession();
    ASSERT_TRUE(a.prefill(toks).ok());
    ASSERT_TRUE(b.prefill(toks).ok());
    EXPECT_TRUE(bitEqual(a.logits(), b.logits()));
}

}  // namespace
}  // namespace motor::gpu::test

namespace motor::gpu::test {
namespace {

// Prompts longer than one prefill chunk (256 tokens) give the same logits as feeding
// them in arbitrary pieces.
TEST(Session, LongPrefillIsChunkedWithoutChangingLogits) {
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    cfg.contextLength = 700;
    auto model = loadRandomModel({cfg, DType::F32, DType::F32, 12});
    const auto toks = randomTokens(600, cfg.vocabSize, 3);
    Session whole = model->newSession(), pieces = model->newSession();
    ASSERT_TRUE(whole.prefill(toks, LogitsFor::All).ok());
    ASSERT_TRUE(pieces.prefill(std::span(toks).first(100)).ok());
    ASSERT_TRUE(pieces.prefill(std::span(toks).subspan(100, 499)).ok());
    ASSERT_TRUE(pieces.decode(toks[599]).ok());
    const size_t vocab = size_t(cfg.vocabSize);
    ASSERT_EQ(whole.allLogits().size(), 600 * vocab);
    EXPECT_EQ(std::memcmp(whole.allLogits().data() + 599 * vocab, pieces.logits().data(), vocab * 4), 0);
    EXPECT_EQ(std::memcmp(whole.logits().data(), pieces.logits().data(), vocab * 4), 0);
}

}  // namespace
}  // namespace motor::gpu::test

#include <thread>

namespace motor::gpu::test {
namespace {

// Two models on two threads share the process-wide pool; each must still match its
// own single-threaded result.
TEST(Session, ModelsOnSeveralThreadsShareThePool) {
    ModelConfig cfg = tinyConfig(Architecture::Llama);
    cfg.dim = 256;
    cfg.hiddenDim = 512;
    cfg.headDim = 64;
    auto a = loadRandomModel({cfg, DType::Q8_0, DType::F32, 1});
    auto b = loadRandomModel({cfg, DType::F32, DType::F32, 2});
    const auto toks = randomTokens(40, cfg.vocabSize, 9);
    std::vector<float> la, lb;
    for (auto* m : {a.get(), b.get()}) {
        Session s = m->newSession();
        ASSERT_TRUE(s.prefill(toks).ok());
        (m == a.get() ? la : lb).assign(s.logits().begin(), s.logits().end());
    }
    bool okA = true, okB = true;
    auto run = [&](Model* m, const std::vector<float>& expect, bool& ok) {
        for (int rep = 0; rep < 5; ++rep) {
            Session s = m->newSession();
            ok = ok && s.prefill(toks).ok() && std::memcmp(s.logits().data(), expect.data(), expect.size() * 4) == 0;
        }
    };
    std::thread ta(run, a.get(), std::cref(la), std::ref(okA));
    std::thread tb(run, b.get(), std::cref(lb), std::ref(okB));
    ta.join();
    tb.join();
    EXPECT_TRUE(okA);
    EXPECT_TRUE(okB);
}

}  // namespace
}  // namespace motor::gpu::test
