// The random-model writer: one model written as an HF folder and as GGUF must load
// with the same configuration, vocabulary and weights.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "motor/gpu/model_writer.h"
#include "motor/gpu/quant.h"
#include "motor/gpu/tokenizer.h"
#include "motor/gpu/weights.h"

namespace mg = motor::gpu;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("motor-writer-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

struct Pair {
    std::unique_ptr<mg::ModelWeights> hf, gguf;
};

Pair writeBoth(const TempDir& dir, mg::Architecture arch, mg::DType dtype, mg::DType hfDtype) {
    mg::RandomModelSpec spec;
    spec.config = mg::makeRandomModelConfig(arch, 64, 2, 4, 2, 96, 320);
    spec.seed = 7;
    spec.dtype = hfDtype;
    auto r = mg::writeRandomModelHf(spec, dir / "hf");
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    spec.dtype = dtype;
    r = mg::writeRandomModelGguf(spec, dir / "m.gguf");
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    Pair p;
    auto hf = mg::openModel(dir / "hf");
    auto gg = mg::openModel(dir / "m.gguf");
    EXPECT_TRUE(hf.ok()) << (hf ? "" : hf.error().message);
    EXPECT_TRUE(gg.ok()) << (gg ? "" : gg.error().message);
    if (hf) p.hf = std::move(hf.value());
    if (gg) p.gguf = std::move(gg.value());
    return p;
}

std::vector<float> toFloat(const mg::TensorView& t) {
    std::vector<float> out(static_cast<size_t>(t.elements()));
    mg::dequantizeRow(t.dtype, t.data, out.data(), t.elements());
    return out;
}

// Undo llama.cpp's q/k row permutation: GGUF row h*hd + 2i + j holds HF row h*hd + j*hd/2 + i.
std::vector<float> unpermute(const std::vector<float>& g, int64_t heads, int64_t hd, int64_t cols) {
    std::vector<float> out(g.size());
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < hd / 2; ++i)
            for (int64_t j = 0; j < 2; ++j)
                std::memcpy(&out[(h * hd + j * hd / 2 + i) * cols], &g[(h * hd + 2 * i + j) * cols],
                            cols * sizeof(float));
    return out;
}

void expectSameConfig(const mg::ModelConfig& a, const mg::ModelConfig& b) {
    EXPECT_EQ(a.arch, b.arch);
    EXPECT_EQ(a.vocabSize, b.vocabSize);
    EXPECT_EQ(a.dim, b.dim);
    EXPECT_EQ(a.hiddenDim, b.hiddenDim);
    EXPECT_EQ(a.layers, b.layers);
    EXPECT_EQ(a.heads, b.heads);
    EXPECT_EQ(a.kvHeads, b.kvHeads);
    EXPECT_EQ(a.headDim, b.headDim);
    EXPECT_EQ(a.contextLength, b.contextLength);
    EXPECT_EQ(a.rmsEps, b.rmsEps);
    EXPECT_EQ(a.ropeTheta, b.ropeTheta);
    EXPECT_EQ(a.ropeScaling.kind, b.ropeScaling.kind);
    EXPECT_EQ(a.tiedEmbeddings, b.tiedEmbeddings);
    EXPECT_EQ(a.qkvBias, b.qkvBias);
    EXPECT_EQ(a.qkNorm, b.qkNorm);
}

}  // namespace

TEST(ModelWriter, F32BothFormatsAgreeForEveryArchitecture) {
    for (auto arch : {mg::Architecture::Llama, mg::Architecture::Qwen2, mg::Architecture::Qwen3}) {
        SCOPED_TRACE(mg::architectureName(arch));
        TempDir dir;
        Pair p = writeBoth(dir, arch, mg::DType::F32, mg::DType::F32);
        ASSERT_TRUE(p.hf && p.gguf);
        const auto& hc = p.hf->config();
        const auto& gc = p.gguf->config();
        expectSameConfig(hc, gc);
        EXPECT_EQ(hc.qkvBias, arch == mg::Architecture::Qwen2);
        EXPECT_EQ(hc.qkNorm, arch == mg::Architecture::Qwen3);
        // HF keeps rotate_half order; GGUF llama holds permuted q/k for interleaved rope.
        EXPECT_EQ(hc.ropeStyle, mg::RopeStyle::NeoX);
        EXPECT_EQ(gc.ropeStyle, arch == mg::Architecture::Llama ? mg::RopeStyle::Interleaved : mg::RopeStyle::NeoX);

        ASSERT_EQ(p.hf->tensors().size(), p.gguf->tensors().size());
        for (const auto& h : p.hf->tensors()) {
            const mg::TensorView* g = p.gguf->find(h.name);
            ASSERT_NE(g, nullptr) << h.name;
            EXPECT_EQ(g->shape, h.shape) << h.name;
            ASSERT_EQ(g->dtype, mg::DType::F32);
            ASSERT_EQ(g->bytes, h.bytes) << h.name;
            const bool qk =
                h.name.find("attn_q.weight") != std::string::npos || h.name.find("attn_k.weight") != std::string::npos;
            if (arch == mg::Architecture::Llama && qk) {
                const int64_t heads = h.shape[0] / hc.headDim;
                EXPECT_EQ(unpermute(toFloat(*g), heads, hc.headDim, h.shape[1]), toFloat(h)) << h.name;
            } else {
                EXPECT_EQ(std::memcmp(g->data, h.data, static_cast<size_t>(h.bytes)), 0) << h.name << " differs";
            }
        }
        const auto& ht = p.hf->tokenizerData();
        const auto& gt = p.gguf->tokenizerData();
        EXPECT_EQ(ht.tokens, gt.tokens);
        EXPECT_EQ(ht.merges, gt.merges);
        EXPECT_EQ(ht.types, gt.types);
        EXPECT_EQ(ht.preTokenizer, gt.preTokenizer);
        EXPECT_EQ(ht.ignoreMerges, gt.ignoreMerges);
        EXPECT_EQ(ht.ignoreMerges, arch == mg::Architecture::Llama);
        EXPECT_EQ(ht.bos, gt.bos);
        EXPECT_EQ(ht.eos, gt.eos);
        EXPECT_EQ(ht.extraEos, gt.extraEos);
        EXPECT_EQ(ht.addBos, gt.addBos);
        EXPECT_EQ(p.hf->chatTemplate(), p.gguf->chatTemplate());
        EXPECT_FALSE(p.hf->chatTemplate().empty());
        auto a = mg::Tokenizer::create(ht);
        auto b = mg::Tokenizer::create(gt);
        ASSERT_TRUE(a.ok() && b.ok());
        const std::string text = "<|im_start|>user\nMitä oppilas tekee? 42<|im_end|>";
        EXPECT_EQ(a->encode(text), b->encode(text));
    }
}

TEST(ModelWriter, F16AndBf16KeepTheSameNumbers) {
    for (auto dtype : {mg::DType::F16, mg::DType::BF16}) {
        SCOPED_TRACE(mg::dtypeName(dtype));
        TempDir dir;
        Pair p = writeBoth(dir, mg::Architecture::Qwen2, dtype, dtype);
        ASSERT_TRUE(p.hf && p.gguf);
        for (const auto& h : p.hf->tensors()) {
            const mg::TensorView* g = p.gguf->find(h.name);
            ASSERT_NE(g, nullptr);
            EXPECT_EQ(h.dtype, dtype);
            // GGUF keeps 1-D tensors in F32, holding exactly the 16-bit values.
            EXPECT_EQ(g->dtype, h.shape.size() == 1 ? mg::DType::F32 : dtype) << h.name;
            EXPECT_EQ(toFloat(*g), toFloat(h)) << h.name;
        }
    }
}

TEST(ModelWriter, QuantisedGgufStaysCloseToF32) {
    for (auto dtype : {mg::DType::Q8_0, mg::DType::Q4_0}) {
        SCOPED_TRACE(mg::dtypeName(dtype));
        TempDir dir;
        Pair p = writeBoth(dir, mg::Architecture::Qwen3, dtype, mg::DType::F32);
        ASSERT_TRUE(p.hf && p.gguf);
        for (const auto& h : p.hf->tensors()) {
            const mg::TensorView* g = p.gguf->find(h.name);
            ASSERT_NE(g, nullptr);
            if (h.shape.size() == 1) {
                EXPECT_EQ(g->dtype, mg::DType::F32);
                continue;
            }
            EXPECT_EQ(g->dtype, dtype) << h.name;
            EXPECT_EQ(g->bytes, mg::dtypeRowBytes(dtype, h.elements()));
            const auto a = toFloat(h), b = toFloat(*g);
            for (size_t blk = 0; blk < a.size(); blk += 32) {
                float amax = 0;
                for (size_t k = blk; k < blk + 32; ++k) amax = std::max(amax, std::fabs(a[k]));
                const float bound = dtype == mg::DType::Q8_0 ? amax / 127 * 0.5f + amax * 2e-3f : amax / 8 * 1.01f;
                for (size_t k = blk; k < blk + 32; ++k)
                    ASSERT_LE(std::fabs(a[k] - b[k]), bound + 1e-7f) << h.name << " #" << k;
            }
        }
    }
}

TEST(ModelWriter, SameSeedSameWeightsDifferentSeedDifferent) {
    TempDir dir;
    mg::RandomModelSpec spec;
    spec.config = mg::makeRandomModelConfig(mg::Architecture::Llama, 32, 1, 2, 2, 64, 300);
    ASSERT_TRUE(mg::writeRandomModelGguf(spec, dir / "a.gguf").ok());
    ASSERT_TRUE(mg::writeRandomModelGguf(spec, dir / "b.gguf").ok());
    spec.seed = 2;
    ASSERT_TRUE(mg::writeRandomModelGguf(spec, dir / "c.gguf").ok());
    EXPECT_EQ(fs::file_size(dir / "a.gguf"), fs::file_size(dir / "b.gguf"));
    auto a = mg::openModel(dir / "a.gguf");
    auto b = mg::openModel(dir / "b.gguf");
    auto c = mg::openModel(dir / "c.gguf");
    ASSERT_TRUE(a && b && c);
    const auto* ta = a.value()->find("blk.0.ffn_up.weight");
    const auto* tb = b.value()->find("blk.0.ffn_up.weight");
    const auto* tc = c.value()->find("blk.0.ffn_up.weight");
    EXPECT_EQ(std::memcmp(ta->data, tb->data, ta->bytes), 0);
    EXPECT_NE(std::memcmp(ta->data, tc->data, ta->bytes), 0);
}

TEST(ModelWriter, TiedEmbeddingsAndRejectedSpecs) {
    TempDir dir;
    mg::RandomModelSpec spec;
    spec.config = mg::makeRandomModelConfig(mg::Architecture::Qwen2, 32, 1, 2, 1, 64, 300);
    spec.config.tiedEmbeddings = true;
    ASSERT_TRUE(mg::writeRandomModelHf(spec, dir / "hf").ok());
    auto m = mg::openModel(dir / "hf");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_TRUE(m.value()->config().tiedEmbeddings);
    EXPECT_EQ(m.value()->find("output.weight"), nullptr);

    spec.dtype = mg::DType::Q8_0;
    EXPECT_FALSE(mg::writeRandomModelHf(spec, dir / "hf2").ok());
    spec.dtype = mg::DType::F32;
    spec.config.vocabSize = 100;
    EXPECT_FALSE(mg::writeRandomModelGguf(spec, dir / "x.gguf").ok());
    spec.config = mg::makeRandomModelConfig(mg::Architecture::Qwen2, 32, 1, 3, 2, 64, 300);  // 3 heads, 2 kv
    EXPECT_FALSE(mg::writeRandomModelGguf(spec, dir / "y.gguf").ok());
}
