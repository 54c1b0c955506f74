// End to end across formats: one random model written as an HF folder and as GGUF
// must give the same logits through the engine. For Llama this pins the rope
// convention contract: HF weights with NeoX pairing == GGUF's permuted weights with
// interleaved pairing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "motor/gpu/model.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/session.h"
#include "motor/gpu/weights.h"

namespace mg = motor::gpu;
namespace fs = std::filesystem;

namespace {

std::vector<float> logitsOf(const std::string& path, const std::vector<int32_t>& tokens) {
    auto w = mg::openModel(path);
    EXPECT_TRUE(w.ok()) << (w ? "" : w.error().message);
    if (!w) return {};
    auto m = mg::Model::load(std::move(w.value()));
    EXPECT_TRUE(m.ok()) << (m ? "" : m.error().message);
    if (!m) return {};
    mg::Session s = m.value()->newSession();
    auto r = s.prefill(tokens, mg::LogitsFor::All);
    EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
    const auto all = s.allLogits();
    return std::vector<float>(all.begin(), all.end());
}

double maxRelative(const std::vector<float>& a, const std::vector<float>& b) {
    double num = 0, den = 0;
    for (size_t k = 0; k < a.size(); ++k) {
        num = std::max(num, std::fabs(double(a[k]) - double(b[k])));
        den = std::max(den, std::fabs(double(b[k])));
    }
    return den > 0 ? num / den : num;
}

}  // namespace

TEST(FormatEquivalence, HfAndGgufGiveTheSameLogits) {
    const fs::path dir = fs::temp_directory_path() / ("motor-equiv-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::vector<int32_t> tokens = {5, 77, 300, 12, 256, 9, 140, 33};
    for (auto arch : {mg::Architecture::Llama, mg::Architecture::Qwen2, mg::Architecture::Qwen3}) {
        SCOPED_TRACE(mg::architectureName(arch));
        mg::RandomModelSpec spec;
        spec.config = mg::makeRandomModelConfig(arch, 64, 2, 4, 2, 128, 320);
        spec.seed = 99;
        const std::string hf = (dir / (std::string(mg::architectureName(arch)) + "-hf")).string();
        const std::string gguf = (dir / (std::string(mg::architectureName(arch)) + ".gguf")).string();
        ASSERT_TRUE(mg::writeRandomModelHf(spec, hf).ok());
        ASSERT_TRUE(mg::writeRandomModelGguf(spec, gguf).ok());
        const auto a = logitsOf(hf, tokens);
        const auto b = logitsOf(gguf, tokens);
        ASSERT_EQ(a.size(), tokens.size() * 320);
        ASSERT_EQ(a.size(), b.size());
        EXPECT_LE(maxRelative(a, b), 1e-4);

        // A Q8_0 copy stays close to the F32 logits.
        spec.dtype = mg::DType::Q8_0;
        const std::string q8 = (dir / (std::string(mg::architectureName(arch)) + "-q8.gguf")).string();
        ASSERT_TRUE(mg::writeRandomModelGguf(spec, q8).ok());
        EXPECT_LE(maxRelative(logitsOf(q8, tokens), a), 0.05);
    }
    fs::remove_all(dir);
}
