#pragma once
// Prefill and decode speed of a loaded model through the public Session API, measured
// the way llama-bench measures its pp/tg tests, so the two can be compared on the same
// GGUF file (`motor models bench`, motor-bench-model, docs/PERFORMANCE.md):
//   prefill: a fresh session prefills promptTokens tokens as one call;
//   decode:  a fresh session decodes genTokens tokens one by one from position 0.
// Tokens are pseudo-random ids of the model's vocabulary (llama-bench also feeds
// random ids); each test runs warmups untimed times, then repeats timed times.
#include <string>
#include <vector>

#include "motor/gpu/model.h"
#include "motor/gpu/result.h"

namespace motor::gpu {

struct BenchOptions {
    int promptTokens = 128;  // 0: no prefill test
    int genTokens = 64;      // 0: no decode test
    int repeats = 3;
    int warmups = 1;
};

struct BenchStats {
    int tokens = 0;
    double meanTokensPerSecond = 0.0;
    double stddevTokensPerSecond = 0.0;  // sample standard deviation over the repeats
    std::vector<double> samplesTokensPerSecond;
};

struct BenchReport {
    std::string device;  // Model::device(): "cpu (avx2, 2 threads)" or the accelerator
    int threads = 0;
    std::string kernelIsa;
    int repeats = 0;
    BenchStats prefill;  // tokens == 0 when not run
    BenchStats decode;   // tokens == 0 when not run
};

// Errors: a prompt longer than the context, non-positive repeats, a failing session.
Result<BenchReport> benchModel(const Model& model, const BenchOptions& options);

// The report as one JSON object (fields: model, device, threads, kernel_isa, repeats, prefill,
// decode; each test: tokens, tokens_per_second_mean, tokens_per_second_stddev, samples).
std::string benchReportJson(const BenchReport& report, const std::string& modelPath);

}  // namespace motor::gpu
