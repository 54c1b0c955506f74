// Vision tower benchmark: InternViT-300M geometry (hidden 1024, 24 layers, 16 heads,
// MLP 4096, 448x448 tiles, 1,025 tokens per frame), random F32 weights, 8 frames in
// one encodePixels pass (tower + a 64-wide projector, ~0.1% of the work). PyTorch's
// side is tests/reference/bench_vision_tower.py; docs/PERFORMANCE.md "Vision tower
// (CPU)" records both.
//
//   motor_vision_bench [--threads N] [--frames N] [--layers N] [--repeat N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cpu/thread_pool.h"
#include "vision/intern_vit.h"

using namespace motor::gpu;

namespace {

// Just enough ModelWeights to hand InternVit::load a set of random F32 tensors.
class BenchWeights final : public ModelWeights {
public:
    void add(const std::string& name, std::vector<int64_t> shape, float scale, float offset, std::mt19937& rng) {
        int64_t n = 1;
        for (int64_t d : shape) n *= d;
        auto data = std::make_unique<float[]>(size_t(n));
        std::normal_distribution<float> dist(0.0f, 1.0f);
        for (int64_t i = 0; i < n; ++i) data[size_t(i)] = offset + scale * dist(rng);
        TensorView t{name, DType::F32, std::move(shape), reinterpret_cast<const std::byte*>(data.get()), n * 4};
        tensors_.push_back(t);
        buffers_.push_back(std::move(data));
    }
    const std::string& path() const override { return path_; }
    const char* formatName() const override { return "bench"; }
    const ModelConfig& config() const override { return config_; }
    const TokenizerData& tokenizerData() const override { return tok_; }
    const std::vector<TensorView>& tensors() const override { return tensors_; }
    const TensorView* find(const std::string& name) const override {
        for (const auto& t : tensors_)
            if (t.name == name) return &t;
        return nullptr;
    }
    const std::string& chatTemplate() const override { return path_; }

private:
    std::string path_ = "vision-bench";
    ModelConfig config_;
    TokenizerData tok_;
    std::vector<TensorView> tensors_;
    std::vector<std::unique_ptr<float[]>> buffers_;
};

}  // namespace

int main(int argc, char** argv) {
    int threads = 1, frames = 8, layers = 24, repeat = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--threads")
            threads = v;
        else if (a == "--frames")
            frames = v;
        else if (a == "--layers")
            layers = v;
        else if (a == "--repeat")
            repeat = v;
    }
    VisionConfig c;
    c.dim = 1024;
    c.hiddenDim = 4096;
    c.layers = layers;
    c.heads = 16;
    c.projectionDim = 64;
    const int64_t C = c.dim, F = c.hiddenDim, merged = C * 4;
    BenchWeights w;
    std::mt19937 rng(7);
    w.add("v.patch_embd.weight", {C, 3, 14, 14}, 0.04f, 0, rng);
    w.add("v.patch_embd.bias", {C}, 0.02f, 0, rng);
    w.add("v.class_embd", {1, 1, C}, 0.02f, 0, rng);
    w.add("v.position_embd.weight", {1, 1025, C}, 0.02f, 0, rng);
    for (int l = 0; l < layers; ++l) {
        const std::string b = "v.blk." + std::to_string(l) + ".";
        for (const char* n : {"ln1", "ln2"}) {
            w.add(b + n + ".weight", {C}, 0.1f, 1.0f, rng);
            w.add(b + n + ".bias", {C}, 0.02f, 0, rng);
        }
        for (const char* n : {"attn_q", "attn_k", "attn_v", "attn_out"}) {
            w.add(b + n + ".weight", {C, C}, 0.03f, 0, rng);
            w.add(b + n + ".bias", {C}, 0.02f, 0, rng);
        }
        w.add(b + "ls1.weight", {C}, 0.02f, 0.1f, rng);
        w.add(b + "ls2.weight", {C}, 0.02f, 0.1f, rng);
        w.add(b + "ffn_up.weight", {F, C}, 0.03f, 0, rng);
        w.add(b + "ffn_up.bias", {F}, 0.02f, 0, rng);
        w.add(b + "ffn_down.weight", {C, F}, 0.015f, 0, rng);
        w.add(b + "ffn_down.bias", {C}, 0.02f, 0, rng);
    }
    w.add("mm.model.mlp.0.weight", {merged}, 0.1f, 1.0f, rng);
    w.add("mm.model.mlp.0.bias", {merged}, 0.02f, 0, rng);
    w.add("mm.model.mlp.1.weight", {64, merged}, 0.02f, 0, rng);
    w.add("mm.model.mlp.1.bias", {64}, 0.02f, 0, rng);
    w.add("mm.model.mlp.3.weight", {64, 64}, 0.1f, 0, rng);
    w.add("mm.model.mlp.3.bias", {64}, 0.02f, 0, rng);
    cpu::ThreadPool pool(threads);
    auto vit = vision::InternVit::load(w, c, {}, pool);
    if (!vit.ok()) {
        std::fprintf(stderr, "%s\n", vit.error().message.c_str());
        return 1;
    }
    std::vector<float> pixels(size_t(frames) * 3 * 448 * 448);
    std::normal_distribution<float> px(0.0f, 1.0f);
    for (float& p : pixels) p = px(rng);
    double best = 1e30;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        auto out = vit.value()->encodePixels(pixels, frames, nullptr);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!out.ok()) return 1;
        best = std::min(best, s);
        std::printf("run %d: %.2f s\n", r + 1, s);
    }
    std::printf("motor vision tower: %d layers, %d frames, %d threads: best %.2f s, %.3f frames/s\n", layers, frames,
                threads, best, frames / best);
    return 0;
}
