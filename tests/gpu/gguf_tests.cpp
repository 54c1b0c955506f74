// GGUF reader: the real stories260K file and handcrafted corrupt files.
#include <gtest/gtest.h>

#include <filesystem>

#include "formats/gguf_file.h"
#include "motor/gpu/weights.h"

namespace mg = motor::gpu;

namespace {

std::string storiesPath() {
    return std::string(MOTOR_SHARED_TESTDATA) + "/models/stories260K.gguf";
}

#define SKIP_WITHOUT_STORIES() \
    if (!std::filesystem::exists(storiesPath())) GTEST_SKIP() << "shared test data not found: " << storiesPath()

}  // namespace

TEST(GgufStories, ConfigMatchesKnownModel) {
    SKIP_WITHOUT_STORIES();
    auto m = mg::openModel(storiesPath());
    ASSERT_TRUE(m.ok()) << m.error().message;
    const auto& c = m.value()->config();
    EXPECT_EQ(c.arch, mg::Architecture::Llama);
    EXPECT_EQ(c.dim, 64);
    EXPECT_EQ(c.layers, 5);
    EXPECT_EQ(c.heads, 8);
    EXPECT_EQ(c.kvHeads, 4);
    EXPECT_EQ(c.headDim, 8);
    EXPECT_EQ(c.vocabSize, 512);
    EXPECT_EQ(c.ropeStyle, mg::RopeStyle::Interleaved);
    EXPECT_STREQ(m.value()->formatName(), "gguf");
}

TEST(GgufStories, TensorsAreF32WithOutermostFirstShapes) {
    SKIP_WITHOUT_STORIES();
    auto m = mg::openModel(storiesPath());
    ASSERT_TRUE(m.ok()) << m.error().message;
    const mg::TensorView* e = m.value()->find("token_embd.weight");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->dtype, mg::DType::F32);
    EXPECT_EQ(e->shape, (std::vector<int64_t>{512, 64}));
    EXPECT_EQ(e->bytes, 512 * 64 * 4);
    const mg::TensorView* k = m.value()->find("blk.0.attn_k.weight");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->shape, (std::vector<int64_t>{32, 64}));
    for (const auto& t : m.value()->tensors()) {
        EXPECT_EQ(t.dtype, mg::DType::F32) << t.name;
        EXPECT_EQ(t.bytes, t.elements() * 4) << t.name;
    }
}

TEST(GgufStories, TokenizerDataIsSentencePiece) {
    SKIP_WITHOUT_STORIES();
    auto m = mg::openModel(storiesPath());
    ASSERT_TRUE(m.ok()) << m.error().message;
    const auto& t = m.value()->tokenizerData();
    EXPECT_EQ(t.kind, mg::TokenizerKind::SentencePiece);
    EXPECT_EQ(t.tokens.size(), 512u);
    EXPECT_EQ(t.scores.size(), 512u);
    EXPECT_EQ(t.bos, 1);
    EXPECT_EQ(t.eos, 2);
    EXPECT_TRUE(t.addBos);
    EXPECT_TRUE(t.addSpacePrefix);
}
