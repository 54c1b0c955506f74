// cpu::matmul alone (Google Benchmark): GFLOP/s of the blocked GEMM for the matrix
// shapes of a llama 110M layer and a Qwen3-0.6B layer, per dtype, for a prefill chunk
// (128 tokens) and decode (1 token). Kernels: the process's set (MOTOR_CPU_ISA).
//
//   motor_gemm_bench [--benchmark_filter=F32] [--threads=N via MOTOR_CPU_THREADS]
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "cpu/matmul.h"
#include "cpu/thread_pool.h"
#include "support/random_model.h"

namespace {

using namespace motor::gpu;

cpu::ThreadPool& pool() {
    static cpu::ThreadPool p;  // MOTOR_CPU_THREADS or all cores
    return p;
}

void run(benchmark::State& state, DType type, bool batch) {
    const int64_t rows = state.range(0), cols = state.range(1);
    const int tokens = int(state.range(2));
    const auto bytes = test::randomTensorBytes(type, rows, cols, 0.5f, 1);
    const cpu::WeightMatrix w{type, bytes.data(), rows, cols, int64_t(bytes.size()) / rows};
    std::vector<float> x(size_t(cols * tokens)), y(size_t(rows * tokens));
    std::mt19937 rng(2);
    std::normal_distribution<float> normal(0, 1);
    for (auto& f : x) f = normal(rng);
    const cpu::MatmulTask task[] = {{&w, y.data(), rows}};
    for (auto _ : state) {
        if (batch)
            cpu::matmulBatch(pool(), task, x.data(), tokens, cols);
        else
            cpu::matmul(pool(), task, x.data(), tokens, cols);
        benchmark::DoNotOptimize(y.data());
    }
    state.counters["GFLOPs"] = benchmark::Counter(
        2.0 * double(rows * cols) * tokens, benchmark::Counter::kIsIterationInvariantRate, benchmark::Counter::kIs1000);
    state.counters["threads"] = pool().size();
}

void matmulBench(benchmark::State& state, DType type) {
    run(state, type, false);
}

// cpu::matmulBatch (the outer-product family of products never decoded: vision tower,
// Whisper's encoder).
void matmulBatchBench(benchmark::State& state, DType type) {
    run(state, type, true);
}

// rows, cols, tokens: 110M q/o (768x768), gate/up (2048x768), down (768x2048);
// Qwen3-0.6B q (2048x1024), down (1024x3072).
void shapes(benchmark::internal::Benchmark* b) {
    for (int tokens : {128, 1})
        for (auto [r, c] : {std::pair{768, 768}, std::pair{2048, 768}, std::pair{768, 2048}, std::pair{2048, 1024},
                            std::pair{1024, 3072}})
            b->Args({r, c, tokens});
    b->Unit(benchmark::kMicrosecond);
}

// InternViT-300M's products for one 448x448 frame (1,025 tokens): q/k/v/o (1024x1024),
// MLP up (4096x1024) and down (1024x4096); the vision tower is ~85% these.
void towerShapes(benchmark::internal::Benchmark* b) {
    for (auto [r, c] : {std::pair{1024, 1024}, std::pair{4096, 1024}, std::pair{1024, 4096}}) b->Args({r, c, 1025});
    b->Unit(benchmark::kMillisecond);
}

// An 8B layer's wide products (Qwen3-8B, InternVL3.5-8B's language model): q/o
// (4096x4096) and down (4096x12288), a 128-token prefill chunk.
void wideShapes(benchmark::internal::Benchmark* b) {
    for (auto [r, c] : {std::pair{4096, 4096}, std::pair{4096, 12288}}) b->Args({r, c, 128});
    b->Unit(benchmark::kMillisecond);
}

BENCHMARK_CAPTURE(matmulBench, F32, DType::F32)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, F32Tower, DType::F32)->Apply(towerShapes);
BENCHMARK_CAPTURE(matmulBatchBench, F32Tower, DType::F32)->Apply(towerShapes);
BENCHMARK_CAPTURE(matmulBatchBench, F16Tower, DType::F16)->Apply(towerShapes);
BENCHMARK_CAPTURE(matmulBench, Q8_0, DType::Q8_0)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, Q4_0, DType::Q4_0)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, Q8_0Wide, DType::Q8_0)->Apply(wideShapes);
BENCHMARK_CAPTURE(matmulBench, Q4_0Wide, DType::Q4_0)->Apply(wideShapes);
BENCHMARK_CAPTURE(matmulBench, F16, DType::F16)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, BF16, DType::BF16)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, Q4_K, DType::Q4_K)->Apply(shapes);
BENCHMARK_CAPTURE(matmulBench, Q6_K, DType::Q6_K)->Apply(shapes);

}  // namespace

BENCHMARK_MAIN();
