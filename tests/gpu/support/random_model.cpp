#include "support/random_model.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <random>
#include <thread>

#include "cpu/half.h"

namespace motor::gpu::test {

namespace {

int64_t bytesPerRow(DType t, int64_t cols) {
    switch (t) {
        case DType::F32:
            return cols * 4;
        case DType::F16:
        case DType::BF16:
            return cols * 2;
        case DType::Q8_0:
            return cols / 32 * 34;
        case DType::Q4_0:
            return cols / 32 * 18;
        case DType::Q4_K:
            return cols / 256 * 144;
        case DType::Q6_K:
            return cols / 256 * 210;
    }
    return 0;
}

void putHalf(std::byte* p, float f) {
    const uint16_t h = cpu::floatToHalf(f);
    std::memcpy(p, &h, 2);
}

class InMemoryWeights final : public ModelWeights {
public:
    explicit InMemoryWeights(const ModelConfig& c) : config_(c) {
        tokenizer_.tokens.resize(size_t(c.vocabSize));
        for (int i = 0; i < c.vocabSize; ++i) tokenizer_.tokens[size_t(i)] = "t" + std::to_string(i);
        tokenizer_.bos = 1;
        tokenizer_.eos = 2;
    }
    const std::string& path() const override { return path_; }
    const char* formatName() const override { return "memory"; }
    const ModelConfig& config() const override { return config_; }
    const TokenizerData& tokenizerData() const override { return tokenizer_; }
    const std::vector<TensorView>& tensors() const override { return views_; }
    const TensorView* find(const std::string& name) const override {
        for (const auto& v : views_)
            if (v.name == name) return &v;
        return nullptr;
    }
    const std::string& chatTemplate() const override { return empty_; }

    void add(const std::string& name, DType t, std::vector<int64_t> shape, std::vector<std::byte> bytes) {
        storage_.push_back(std::make_unique<std::vector<std::byte>>(std::move(bytes)));
        TensorView v;
        v.name = name;
        v.dtype = t;
        v.shape = std::move(shape);
        v.data = storage_.back()->data();
        v.bytes = int64_t(storage_.back()->size());
        views_.push_back(std::move(v));
    }

private:
    ModelConfig config_;
    TokenizerData tokenizer_;
    std::string path_ = "<random model>";
    std::string empty_;
    std::vector<std::unique_ptr<std::vector<std::byte>>> storage_;
    std::vector<TensorView> views_;
};

}  // namespace

namespace {

// The bytes of a random rows x cols tensor of type t into p (rows * bytesPerRow).
void fillRandomTensor(DType t, int64_t rows, int64_t cols, float scale, uint64_t seed, std::byte* p) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
    auto byte = [&] { return std::byte(rng() & 0xFF); };
    const int64_t n = rows * cols;
    switch (t) {
        case DType::F32:
            for (int64_t i = 0; i < n; ++i) {
                const float f = uni(rng) * scale;
                std::memcpy(p + 4 * i, &f, 4);
            }
            break;
        case DType::F16:
            for (int64_t i = 0; i < n; ++i) putHalf(p + 2 * i, uni(rng) * scale);
            break;
        case DType::BF16:
            for (int64_t i = 0; i < n; ++i) {
                const uint16_t b = cpu::floatToBf16(uni(rng) * scale);
                std::memcpy(p + 2 * i, &b, 2);
            }
            break;
        case DType::Q8_0:
            for (int64_t b = 0; b < n / 32; ++b, p += 34) {
                putHalf(p, scale / 127.0f * (0.5f + 0.5f * std::abs(uni(rng))));
                for (int i = 0; i < 32; ++i) p[2 + i] = byte();
            }
            break;
        case DType::Q4_0:
            for (int64_t b = 0; b < n / 32; ++b, p += 18) {
                putHalf(p, scale / 8.0f * (0.5f + 0.5f * std::abs(uni(rng))));
                for (int i = 0; i < 16; ++i) p[2 + i] = byte();
            }
            break;
        case DType::Q4_K:
            // w = d*sc*q - dmin*m with sc, m < 64 and q < 16: choose d, dmin so that
            // the typical magnitude is about scale and the mean is near zero.
            for (int64_t b = 0; b < n / 256; ++b, p += 144) {
                putHalf(p, scale / (32.0f * 7.5f));
                putHalf(p + 2, scale / 32.0f);
                for (int i = 0; i < 140; ++i) p[4 + i] = byte();
            }
            break;
        case DType::Q6_K:
            for (int64_t b = 0; b < n / 256; ++b, p += 210) {
                for (int i = 0; i < 192; ++i) p[i] = byte();
                for (int i = 0; i < 16; ++i) p[192 + i] = std::byte(uint8_t(int8_t(int(rng() % 127) - 63)));
                putHalf(p + 208, scale / (32.0f * 32.0f));
            }
            break;
    }
}

}  // namespace

std::vector<std::byte> randomTensorBytes(DType t, int64_t rows, int64_t cols, float scale, uint64_t seed) {
    std::vector<std::byte> out(size_t(rows * bytesPerRow(t, cols)));
    fillRandomTensor(t, rows, cols, scale, seed, out.data());
    return out;
}

ModelConfig tinyConfig(Architecture arch) {
    ModelConfig c;
    c.arch = arch;
    c.vocabSize = 96;
    c.dim = 64;
    c.hiddenDim = 160;
    c.layers = 2;
    c.heads = 4;
    c.kvHeads = 2;
    c.headDim = 16;
    c.contextLength = 128;
    c.rmsEps = 1e-5f;
    c.ropeTheta = 10000.0f;
    c.ropeStyle = arch == Architecture::Llama ? RopeStyle::Interleaved : RopeStyle::NeoX;
    if (arch == Architecture::Qwen2) {
        c.qkvBias = true;
        c.tiedEmbeddings = true;
    }
    if (arch == Architecture::Qwen3) {
        c.qkNorm = true;
        c.headDim = 24;  // headDim != dim / heads
        c.ropeTheta = 1000000.0f;
    }
    return c;
}

std::unique_ptr<ModelWeights> makeRandomModel(const RandomModelSpec& spec) {
    const ModelConfig& c = spec.config;
    auto w = std::make_unique<InMemoryWeights>(c);
    uint64_t seed = spec.seed * 1000003u;
    const int64_t qd = int64_t(c.heads) * c.headDim, kvd = int64_t(c.kvHeads) * c.headDim;
    // The matrices are filled afterwards on all cores (an 8B shape is 8 G values); each
    // has its own seed, so the bytes do not depend on the threads.
    struct Fill {
        DType t;
        int64_t rows, cols;
        float scale;
        uint64_t seed;
        std::byte* at;
    };
    std::vector<Fill> fills;
    auto matrix = [&](const std::string& name, DType t, int64_t rows, int64_t cols) {
        const float scale = 1.7f / std::sqrt(float(cols));
        std::vector<std::byte> bytes(size_t(rows * bytesPerRow(t, cols)));
        std::byte* at = bytes.data();
        w->add(name, t, {rows, cols}, std::move(bytes));  // the buffer moves, its address stays
        fills.push_back({t, rows, cols, scale, ++seed, at});
    };
    auto vec = [&](const std::string& name, int64_t n, float center, float spread) {
        std::mt19937_64 rng(++seed);
        std::uniform_real_distribution<float> uni(-1.0f, 1.0f);
        std::vector<std::byte> b(size_t(n * 4));
        for (int64_t i = 0; i < n; ++i) {
            const float f = center + spread * uni(rng);
            std::memcpy(b.data() + 4 * i, &f, 4);
        }
        w->add(name, DType::F32, {n}, std::move(b));
    };
    matrix("token_embd.weight", spec.embeddingType, c.vocabSize, c.dim);
    vec("output_norm.weight", c.dim, 1.0f, 0.2f);
    if (!c.tiedEmbeddings) matrix("output.weight", spec.matrixType, c.vocabSize, c.dim);
    for (int l = 0; l < c.layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        vec(p + "attn_norm.weight", c.dim, 1.0f, 0.2f);
        matrix(p + "attn_q.weight", spec.matrixType, qd, c.dim);
        matrix(p + "attn_k.weight", spec.matrixType, kvd, c.dim);
        matrix(p + "attn_v.weight", spec.matrixType, kvd, c.dim);
        matrix(p + "attn_output.weight", spec.matrixType, c.dim, qd);
        if (c.qkvBias) {
            vec(p + "attn_q.bias", qd, 0.0f, 0.5f);
            vec(p + "attn_k.bias", kvd, 0.0f, 0.5f);
            vec(p + "attn_v.bias", kvd, 0.0f, 0.5f);
        }
        if (c.qkNorm) {
            vec(p + "attn_q_norm.weight", c.headDim, 1.0f, 0.3f);
            vec(p + "attn_k_norm.weight", c.headDim, 1.0f, 0.3f);
        }
        vec(p + "ffn_norm.weight", c.dim, 1.0f, 0.2f);
        matrix(p + "ffn_gate.weight", spec.matrixType, c.hiddenDim, c.dim);
        matrix(p + "ffn_up.weight", spec.matrixType, c.hiddenDim, c.dim);
        matrix(p + "ffn_down.weight", spec.matrixType, c.dim, c.hiddenDim);
    }
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < fills.size();) {
            const Fill& f = fills[i];
            fillRandomTensor(f.t, f.rows, f.cols, f.scale, f.seed, f.at);
        }
    };
    std::vector<std::thread> threads;
    const unsigned n = std::clamp(std::thread::hardware_concurrency(), 1u, 32u);
    for (unsigned i = 1; i < n; ++i) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    return w;
}

}  // namespace motor::gpu::test
