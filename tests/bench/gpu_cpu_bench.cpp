// CPU inference benchmark: prefill and decode tokens/s of random-weight Llama-family
// models (~15M and ~110M parameters, F32 and Q8_0), against the memory-bandwidth bound
// measured in the same run, plus a plain single-threaded loop for comparison.
//
//   motor_gpu_bench [--quick] [--threads N]
//
// Prints a Markdown table (pasted into docs/PERFORMANCE.md).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cpu/block_decode.h"
#include "cpu/gemm_kernels.h"
#include "cpu/thread_pool.h"
#include "motor/gpu/engine.h"
#include "support/random_model.h"

using namespace motor::gpu;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// Sustained read bandwidth: every thread sums its slice of a 1 GiB array (16 lanes so
// the compiler vectorises); best of `passes` passes. The array is allocated once and
// probed again around every model's decode run: on a shared virtual machine the
// bandwidth moves by 1.5x within minutes, and a bound measured minutes earlier says
// little about the conditions a decode ran under.
class BandwidthProbe {
public:
    explicit BandwidthProbe(cpu::ThreadPool& pool) : pool_(pool), data_((size_t(1) << 30) / sizeof(float)) {
        for (size_t i = 0; i < data_.size(); ++i) data_[i] = float(i & 1023);
    }

    double measureGBs(int passes) {
        const size_t n = data_.size();
        const int parts = pool_.size() * 8;
        std::vector<float> sums(static_cast<size_t>(parts));
        double best = 0;
        for (int rep = 0; rep < passes; ++rep) {
            const auto t0 = Clock::now();
            pool_.parallelFor(parts, [&](int p, int) {
                const size_t b = n / size_t(parts) * size_t(p), e = n / size_t(parts) * size_t(p + 1);
                float acc[16] = {};
                for (size_t i = b; i + 16 <= e; i += 16)
                    for (int l = 0; l < 16; ++l) acc[l] += data_[i + size_t(l)];
                float s = 0;
                for (float a : acc) s += a;
                sums[size_t(p)] = s;
            });
            const double dt = seconds(t0, Clock::now());
            best = std::max(best, double(n * sizeof(float)) / dt / 1e9);
        }
        volatile float sink = sums[0];
        (void)sink;
        return best;
    }

private:
    cpu::ThreadPool& pool_;
    std::vector<float> data_;
};

ModelConfig benchConfig(bool large) {
    ModelConfig c;
    c.arch = Architecture::Llama;
    c.vocabSize = 32000;
    c.dim = large ? 768 : 288;
    c.hiddenDim = large ? 2048 : 768;
    c.layers = large ? 12 : 6;
    c.heads = large ? 12 : 6;
    c.kvHeads = c.heads;
    c.headDim = c.dim / c.heads;
    c.contextLength = 1024;
    c.tiedEmbeddings = true;
    return c;
}

int64_t parameterCount(const ModelConfig& c) {
    const int64_t perLayer = 2 * int64_t(c.dim) * c.heads * c.headDim + 2 * int64_t(c.dim) * c.kvHeads * c.headDim +
                             3 * int64_t(c.dim) * c.hiddenDim + 2 * c.dim;
    return int64_t(c.vocabSize) * c.dim + c.layers * perLayer + c.dim;
}

// The plain loop: one token through every weight matrix, single thread, decode a row
// then a scalar dot. No attention (it is tiny next to the matrices at short context).
double plainLoopTokensPerSecond(const ModelWeights& w, int reps) {
    const ModelConfig& c = w.config();
    std::vector<const TensorView*> mats;
    for (const auto& t : w.tensors())
        if (t.shape.size() == 2 && t.name != "token_embd.weight") mats.push_back(&t);
    if (c.tiedEmbeddings) mats.push_back(w.find("token_embd.weight"));
    std::vector<float> x(size_t(std::max(c.dim, c.hiddenDim)), 0.5f), row(x.size());
    double sink = 0;
    const auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r)
        for (const TensorView* t : mats) {
            const int64_t rows = t->shape[0], cols = t->shape[1];
            const int64_t rb = cpu::rowBytes(t->dtype, cols);
            for (int64_t i = 0; i < rows; ++i) {
                cpu::decodeRow(t->dtype, t->data + i * rb, cols, row.data());
                float s = 0;
                for (int64_t k = 0; k < cols; ++k) s += row[size_t(k)] * x[size_t(k)];
                sink += s;
            }
        }
    const double dt = seconds(t0, Clock::now());
    volatile double keep = sink;
    (void)keep;
    return reps / dt;
}

struct Row {
    std::string model;
    double params;
    double weightMB;
    double prefillTps;
    double decodeTps;
    double decodeTps1;
    double boundTps;
    double bandwidthGBs;
    double plainTps;
};

Row run(bool large, DType type, BandwidthProbe& probe, int threads, bool quick) {
    const ModelConfig c = benchConfig(large);
    test::RandomModelSpec spec{c, type, type, 1};
    auto weights = test::makeRandomModel(spec);
    const double plain = plainLoopTokensPerSecond(*weights, large ? 1 : 3);
    auto loaded = Model::load(std::move(weights), ModelOptions{threads, 32});
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
        std::exit(1);
    }
    Model& model = *loaded.value();
    std::vector<int32_t> prompt(quick ? 64 : 128);
    for (size_t i = 0; i < prompt.size(); ++i) prompt[i] = int32_t((i * 7919) % size_t(c.vocabSize));

    auto decodeRate = [&](Model& m, int steps) {
        Session s = m.newSession();
        (void)s.prefill(std::span(prompt).first(16));
        int32_t tok = argmax(s.logits());
        const auto t0 = Clock::now();
        for (int i = 0; i < steps; ++i) {
            (void)s.decode(tok);
            tok = argmax(s.logits());
        }
        return steps / seconds(t0, Clock::now());
    };
    // Prefill: best of 3.
    double prefill = 0;
    for (int rep = 0; rep < 3; ++rep) {
        Session s = model.newSession();
        const auto t0 = Clock::now();
        (void)s.prefill(prompt);
        prefill = std::max(prefill, prompt.size() / seconds(t0, Clock::now()));
    }
    const int steps = quick ? 16 : (large ? 48 : 128);
    // The bound uses the higher of the probes just before and just after the decode
    // runs (the stricter bound).
    double bandwidth = probe.measureGBs(3);
    const double decode = std::max(decodeRate(model, steps), decodeRate(model, steps));
    bandwidth = std::max(bandwidth, probe.measureGBs(3));
    auto single = Model::load(test::makeRandomModel(spec), ModelOptions{1, 32});
    const double decode1 = decodeRate(*single.value(), steps / 2);
    const double bytes = double(model.weightBytesPerToken());
    char name[64];
    std::snprintf(name, sizeof name, "%s %s", large ? "llama-110M" : "llama-15M", dtypeName(type));
    return {name,    double(parameterCount(c)) / 1e6, bytes / 1e6, prefill, decode,
            decode1, bandwidth * 1e9 / bytes,         bandwidth,   plain};
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    int threads = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            threads = std::atoi(argv[++i]);
    }
    cpu::ThreadPool pool(threads);
    BandwidthProbe probe(pool);
    std::printf("threads: %d, kernels: %s\n\n", pool.size(), cpu::gemmKernels().isa);
    std::printf(
        "| model | params (M) | weights read/token (MB) | prefill tok/s | decode tok/s | decode tok/s, 1 thread | "
        "decode GB/s | probe GB/s | bandwidth bound tok/s | decode %% of bound | plain loop tok/s |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (bool large : {false, true})
        for (DType t : {DType::F32, DType::Q8_0}) {
            const Row r = run(large, t, probe, threads, quick);
            std::printf("| %s | %.1f | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% | %.2f |\n",
                        r.model.c_str(), r.params, r.weightMB, r.prefillTps, r.decodeTps, r.decodeTps1,
                        r.decodeTps * r.weightMB / 1e3, r.bandwidthGBs, r.boundTps, 100.0 * r.decodeTps / r.boundTps,
                        r.plainTps);
            std::fflush(stdout);
        }
    return 0;
}
