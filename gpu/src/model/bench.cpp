#include "motor/gpu/bench.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "motor/gpu/session.h"

namespace motor::gpu {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<int32_t> benchTokens(int n, int vocab, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int32_t> t(static_cast<size_t>(n));
    for (auto& x : t) x = int32_t(rng() % uint64_t(vocab));
    return t;
}

BenchStats summarize(int tokens, std::vector<double> samples) {
    BenchStats s;
    s.tokens = tokens;
    double sum = 0.0;
    for (double v : samples) sum += v;
    s.meanTokensPerSecond = sum / double(samples.size());
    double sq = 0.0;
    for (double v : samples) sq += (v - s.meanTokensPerSecond) * (v - s.meanTokensPerSecond);
    s.stddevTokensPerSecond = samples.size() > 1 ? std::sqrt(sq / double(samples.size() - 1)) : 0.0;
    s.samplesTokensPerSecond = std::move(samples);
    return s;
}

// One timed run of a test: tokens per second, or the session's error.
Result<double> runOnce(const Model& model, const std::vector<int32_t>& tokens, bool prefill) {
    Session s = model.newSession();
    const auto t0 = Clock::now();
    if (prefill) {
        if (auto r = s.prefill(tokens); !r) return r.error();
    } else {
        for (int32_t t : tokens)
            if (auto r = s.decode(t); !r) return r.error();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return double(tokens.size()) / std::max(seconds, 1e-9);
}

Result<BenchStats> runTest(const Model& model, const BenchOptions& o, int tokens, bool prefill) {
    const auto ids = benchTokens(tokens, model.vocabSize(), prefill ? 1 : 2);
    for (int i = 0; i < o.warmups; ++i)
        if (auto r = runOnce(model, ids, prefill); !r) return r.error();
    std::vector<double> samples;
    for (int i = 0; i < o.repeats; ++i) {
        auto r = runOnce(model, ids, prefill);
        if (!r) return r.error();
        samples.push_back(r.value());
    }
    return summarize(tokens, std::move(samples));
}

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string statsJson(const BenchStats& s) {
    std::string out = "{\"tokens\": " + std::to_string(s.tokens);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", s.meanTokensPerSecond);
    out += std::string(", \"tokens_per_second_mean\": ") + buf;
    std::snprintf(buf, sizeof buf, "%.3f", s.stddevTokensPerSecond);
    out += std::string(", \"tokens_per_second_stddev\": ") + buf;
    out += ", \"samples\": [";
    for (size_t i = 0; i < s.samplesTokensPerSecond.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%s%.3f", i ? ", " : "", s.samplesTokensPerSecond[i]);
        out += buf;
    }
    return out + "]}";
}

}  // namespace

Result<BenchReport> benchModel(const Model& model, const BenchOptions& o) {
    if (o.repeats < 1) return makeError("bench: repeats must be at least 1");
    if (o.warmups < 0 || o.promptTokens < 0 || o.genTokens < 0)
        return makeError("bench: token counts and warm-ups must not be negative");
    const int context = model.config().contextLength;
    if (o.promptTokens > context || o.genTokens > context)
        return makeError("bench: " + std::to_string(std::max(o.promptTokens, o.genTokens)) +
                         " tokens exceed the model's context length " + std::to_string(context));
    BenchReport report;
    report.threads = model.threadCount();
    report.kernelIsa = model.kernelIsa();
    report.device = model.device();
    report.repeats = o.repeats;
    if (o.promptTokens > 0) {
        auto s = runTest(model, o, o.promptTokens, true);
        if (!s) return s.error();
        report.prefill = std::move(s.value());
    }
    if (o.genTokens > 0) {
        auto s = runTest(model, o, o.genTokens, false);
        if (!s) return s.error();
        report.decode = std::move(s.value());
    }
    return report;
}

std::string benchReportJson(const BenchReport& r, const std::string& modelPath) {
    std::string out = "{\"model\": " + jsonString(modelPath);
    out += ", \"threads\": " + std::to_string(r.threads);
    out += ", \"kernel_isa\": " + jsonString(r.kernelIsa);
    out += ", \"device\": " + jsonString(r.device);
    out += ", \"repeats\": " + std::to_string(r.repeats);
    out += ", \"prefill\": " + statsJson(r.prefill);
    out += ", \"decode\": " + statsJson(r.decode);
    return out + "}";
}

}  // namespace motor::gpu
