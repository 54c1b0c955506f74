// InternVL end to end against transformers (tests/data/internvl, made by
// tests/reference/make_internvl_fixtures.py): the same random weights in the
// transformers-native folder, the original OpenGVLab folder (sharded, fused qkv) and
// GGUF + mmproj made by convertToGguf, through preprocessing, the vision tower, the
// projector, the Qwen3 decoder with the image rows spliced in, and greedy decoding.
#include <gtest/gtest.h>

#include <cmath>

#include "motor/gpu/convert.h"
#include "motor/gpu/engine.h"
#include "motor/gpu/tokenizer.h"
#include "support/internvl_fixtures.h"

namespace mg = motor::gpu;
using namespace motor::gpu::test;

namespace {

// max |a - b| over max |ref|: the error relative to the tensor's scale.
double relErr(std::span<const float> a, std::span<const float> ref) {
    double num = 0, den = 0;
    for (size_t i = 0; i < ref.size() && i < a.size(); ++i) {
        num = std::max(num, std::abs(double(a[i]) - double(ref[i])));
        den = std::max(den, std::abs(double(ref[i])));
    }
    return a.size() == ref.size() ? num / std::max(den, 1e-30) : INFINITY;
}

struct Layout {
    const char* name;
    mg::DType ggufType;  // F32 for the folders themselves
    bool gguf;
    double tolerance;  // relative, on tower output, projected rows and logits
};

// Runs the prompt: token runs with prefill, each <IMG_CONTEXT> run with the next
// frame's rows; returns the logits of every position.
std::vector<float> runPrompt(mg::Session& s, const std::vector<int32_t>& ids, int32_t ctx,
                             const mg::VisionEmbeddings& rows) {
    std::vector<float> all;
    size_t i = 0;
    int frame = 0;
    while (i < ids.size()) {
        size_t j = i;
        const bool image = ids[i] == ctx;
        while (j < ids.size() && (ids[j] == ctx) == image) ++j;
        if (image) {
            EXPECT_EQ(j - i, size_t(rows.tokensPerImage));
            auto r = s.prefillEmbeddings(rows.frame(frame++), mg::LogitsFor::All);
            EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        } else {
            auto r = s.prefill(std::span<const int32_t>(ids).subspan(i, j - i), mg::LogitsFor::All);
            EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        }
        all.insert(all.end(), s.allLogits().begin(), s.allLogits().end());
        i = j;
    }
    return all;
}

int32_t argmax(std::span<const float> v) {
    return int32_t(std::max_element(v.begin(), v.end()) - v.begin());
}

class InternVLReference : public ::testing::TestWithParam<Layout> {
protected:
    std::unique_ptr<mg::Model> open() {
        const Layout& L = GetParam();
        std::string path = internvlData(L.name);
        if (L.gguf) {
            mg::ConvertOptions o;
            o.type = L.ggufType;
            auto r = mg::convertToGguf(internvlData("native"), dir_.path("tiny.gguf"), o);
            EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
            if (!r.ok()) return nullptr;
            EXPECT_EQ(r->mmprojPath, dir_.path("mmproj-tiny.gguf"));
            path = r->textPath;  // the mmproj beside it is found automatically
        }
        auto w = mg::openModel(path);
        EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
        if (!w.ok()) return nullptr;
        auto m = mg::Model::load(std::move(w.value()));
        EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
        return m.ok() ? std::move(m.value()) : nullptr;
    }
    ScratchDir dir_;
};

TEST_P(InternVLReference, MatchesTransformers) {
    const Layout& L = GetParam();
    const auto manifest = internvlManifest();
    const auto* ref = manifest.get("reference");
    auto model = open();
    ASSERT_TRUE(model);
    const mg::VisionEncoder* vision = model->vision();
    ASSERT_NE(vision, nullptr);
    EXPECT_EQ(vision->tokensPerImage(), 256);
    EXPECT_EQ(vision->imageSize(), 448);
    EXPECT_EQ(vision->embeddingDim(), model->config().dim);
    const auto* tok = manifest.get("tokens");
    EXPECT_EQ(vision->tokenIds().imgStart, *tok->get("img_start")->integer());
    EXPECT_EQ(vision->tokenIds().imgEnd, *tok->get("img_end")->integer());
    EXPECT_EQ(vision->tokenIds().imgContext, *tok->get("img_context")->integer());
    EXPECT_EQ(vision->config().templateName, std::string(L.name) == "original" ? "internvl2_5" : "");
    EXPECT_EQ(vision->preprocessing().describe(), "pil-bicubic 448x448, mean 0.485,0.456,0.406, std 0.229,0.224,0.225");

    // Preprocessing + tower + projector, both frames in one batch.
    const PpmImage f0 = readPpm(internvlData("frame0.ppm")), f1 = readPpm(internvlData("frame1.ppm"));
    const mg::RgbImage frames[] = {f0.view(), f1.view()};
    std::vector<float> pixels;
    for (const auto& f : frames) {
        const auto p = mg::preprocessInternVL(f, 448, vision->config().imageMean, vision->config().imageStd);
        pixels.insert(pixels.end(), p.begin(), p.end());
    }
    mg::VisionTrace trace;
    auto traced = vision->encodePixels(pixels, 2, &trace);
    ASSERT_TRUE(traced.ok()) << traced.error().message;
    const double towerErr = relErr(trace.towerOutput, readF32(internvlData("tower.f32")));
    const double projErr = relErr(trace.projected, readF32(internvlData("projected.f32")));
    auto rows = vision->encode(frames);
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    EXPECT_EQ(rows->rows, traced->rows);  // encode() = preprocess + encodePixels
    EXPECT_EQ(rows->frames, 2);

    // The decoder with the image rows in place of <IMG_CONTEXT>.
    const auto ids = jsonInts(ref->get("prompt_ids"));
    EXPECT_EQ(ids, jsonInts(manifest.get("chat")->get("input_ids")));
    mg::Session s = model->newSession();
    const auto logits = runPrompt(s, ids, vision->tokenIds().imgContext, rows.value());
    const auto refLogits = readF32(internvlData("logits.f32"));
    ASSERT_EQ(logits.size(), refLogits.size());
    const double logitErr = relErr(logits, refLogits);

    std::printf("[ %s ] tower %.3g, projected %.3g, logits %.3g (relative to max |ref|)\n", L.name, towerErr, projErr,
                logitErr);
    EXPECT_LT(towerErr, L.tolerance);
    EXPECT_LT(projErr, L.tolerance);
    EXPECT_LT(logitErr, L.tolerance);

    // Greedy continuation.
    std::vector<int32_t> greedy;
    for (int i = 0; i < 20; ++i) {
        greedy.push_back(argmax(s.logits()));
        ASSERT_TRUE(s.decode(greedy.back()).ok());
    }
    EXPECT_EQ(greedy, jsonInts(ref->get("greedy")));
}

// F32: the same arithmetic as the reference up to summation order. Q8_0: weights
// rounded to 8 bits per 32-block (relative step ~1/254 of the block's max) and
// activations quantized the same way in the integer kernels; errors of ~1% of the
// tensor's scale are the expected order, so 5e-2 bounds them with margin while still
// catching any layout or indexing mistake (those give O(1) errors).
INSTANTIATE_TEST_SUITE_P(Layouts, InternVLReference,
                         ::testing::Values(Layout{"native", mg::DType::F32, false, 1e-4},
                                           Layout{"original", mg::DType::F32, false, 1e-4},
                                           Layout{"gguf_f32", mg::DType::F32, true, 1e-4},
                                           Layout{"gguf_q8_0", mg::DType::Q8_0, true, 5e-2}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(InternVLSession, ForkAfterTheImagesEqualsRecomputing) {
    auto w = mg::openModel(internvlData("original"));
    ASSERT_TRUE(w.ok()) << w.error().message;
    mg::ModelOptions mo;
    mo.kvPageSize = 16;  // image runs of 256 rows start and end mid-page
    auto model = mg::Model::load(std::move(w.value()), mo);
    ASSERT_TRUE(model.ok()) << model.error().message;
    const mg::VisionEncoder* vision = model.value()->vision();
    const PpmImage f0 = readPpm(internvlData("frame0.ppm")), f1 = readPpm(internvlData("frame1.ppm"));
    const mg::RgbImage frames[] = {f0.view(), f1.view()};
    auto rows = vision->encode(frames);
    ASSERT_TRUE(rows.ok());
    const auto manifest = internvlManifest();
    const auto ids = jsonInts(manifest.get("reference")->get("prompt_ids"));
    const int32_t ctx = vision->tokenIds().imgContext;
    const int32_t end = vision->tokenIds().imgEnd;
    // Prefix: everything up to and including the last </img>, then three different
    // continuations from forks of it.
    const size_t cut = size_t(std::find(ids.rbegin(), ids.rend(), end).base() - ids.begin());
    const std::vector<int32_t> prefix(ids.begin(), ids.begin() + std::ptrdiff_t(cut));
    mg::Session base = model.value()->newSession();
    runPrompt(base, prefix, ctx, rows.value());
    const std::vector<std::vector<int32_t>> tails = {{ids.begin() + std::ptrdiff_t(cut), ids.end()}, {10, 20, 30}, {7}};
    for (const auto& tail : tails) {
        mg::Session forked = base.fork();
        EXPECT_GT(forked.sharedPageCount(), 0);
        ASSERT_TRUE(forked.prefill(tail).ok());
        std::vector<int32_t> full = prefix;
        full.insert(full.end(), tail.begin(), tail.end());
        mg::Session fresh = model.value()->newSession();
        runPrompt(fresh, full, ctx, rows.value());
        ASSERT_EQ(forked.position(), fresh.position());
        const auto a = forked.logits(), b = fresh.logits();
        EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "fork differs from recomputing";
    }
    // The parent is untouched by its forks.
    mg::Session again = model.value()->newSession();
    runPrompt(again, prefix, ctx, rows.value());
    EXPECT_TRUE(std::equal(base.logits().begin(), base.logits().end(), again.logits().begin(), again.logits().end()));
}

TEST(InternVLSession, TokenizerEncodesTheExpandedPrompt) {
    auto w = mg::openModel(internvlData("native"));
    ASSERT_TRUE(w.ok()) << w.error().message;
    auto t = mg::Tokenizer::create(w.value()->tokenizerData());
    ASSERT_TRUE(t.ok()) << t.error().message;
    const auto manifest = internvlManifest();
    const auto* chat = manifest.get("chat");
    EXPECT_EQ(t.value().encode(chat->get("expanded_text")->string()), jsonInts(chat->get("input_ids")));
}

TEST(InternVLVit6B, RmsNormAndQkNormMatchTransformers) {
    auto w = mg::openModel(internvlData("vit6b"));
    ASSERT_TRUE(w.ok()) << w.error().message;
    const mg::VisionConfig* vc = w.value()->visionConfig();
    ASSERT_NE(vc, nullptr);
    EXPECT_EQ(vc->norm, mg::VisionNorm::RmsNorm);
    EXPECT_TRUE(vc->qkNorm);
    EXPECT_FALSE(vc->qkvBias);
    auto model = mg::Model::load(std::move(w.value()));
    ASSERT_TRUE(model.ok()) << model.error().message;
    const PpmImage f0 = readPpm(internvlData("frame0.ppm"));
    const mg::RgbImage frames[] = {f0.view()};
    mg::VisionTrace trace;
    const auto px = mg::preprocessInternVL(frames[0], 448, vc->imageMean, vc->imageStd);
    auto rows = model.value()->vision()->encodePixels(px, 1, &trace);
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    const auto manifest = internvlManifest();
    double sum = 0;
    for (float x : trace.towerOutput) sum += x;
    const double refSum = manifest.get("vit6b")->get("tower_sum")->number();
    EXPECT_NEAR(sum, refSum, 1e-4 * std::max(1.0, std::abs(refSum)));
    const double err = relErr(rows->rows, readF32(internvlData("vit6b_projected.f32")));
    std::printf("[ vit6b ] projected %.3g\n", err);
    EXPECT_LT(err, 1e-4);
}

}  // namespace
