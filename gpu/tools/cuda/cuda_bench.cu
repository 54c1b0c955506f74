// motor_cuda_bench: throughput of the CUDA kernels, timed with CUDA events (median of
// repeats after warm-up), printed as CSV for docs/PERFORMANCE.md; and the input/output
// dumps that tools/attention_vs_torch.py compares with PyTorch on the same GPU.
//   motor_cuda_bench attention            TFLOP/s, seqlen 512..16k, head dim 64/128, causal or not
//   motor_cuda_bench decode               flash-decoding over a paged cache, GB/s of K/V read
//   motor_cuda_bench gemm                 cuBLASLt bf16 GEMM TFLOP/s, Q8_0/Q4_K GEMV GB/s
//   motor_cuda_bench dump DIR             the attention comparison cases (raw bf16 files)
//   motor_cuda_bench model 1b|8b [bf16|q8_0|q4_k]
//                                         the decoder (random weights of InternVL3.5-1B's or
//                                         -8B's language model shape; q8_0/q4_k matrices read
//                                         in place): prefill and decode tokens/s at batch 1
//                                         and 24 (8 clips x 3 agents)
//   motor_cuda_bench mas 1b|8b [CLIPS]    the whole MOTOR-MAS work of a batch of CLIPS clips (8):
//                                         ms per clip and the projection to 1,440 clips
//                                         (tools/mas_vs_transformers.py: transformers' side)
//   motor_cuda_bench vision               InternViT-300M (24 layers) + projector, 8 frames
//                                         (tests/reference/bench_vision_tower.py --device cuda
//                                         is PyTorch's side)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "cuda/dequant_gemv.cuh"
#include "cuda/device.cuh"
#include "cuda/flash_attention.cuh"
#include "cuda/flash_decoding.cuh"
#include "cuda/gemm_lt.cuh"
#include "cuda/llama.cuh"
#include "cuda/vision.cuh"
#include "motor/gpu/model.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/quant.h"
#include "support/random_model.h"

using namespace motor::gpu;
using namespace motor::gpu::cuda;

namespace {

template <class T>
T must(Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "error: %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}
void must(Result<void> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "error: %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
}

std::mt19937 rng(7);

std::vector<uint16_t> randomBf16(size_t n) {
    std::normal_distribution<float> d(0.f, 1.f);
    std::vector<uint16_t> v(n);
    for (auto& x : v) x = fp32ToBf16(d(rng));
    return v;
}

DeviceBuffer<uint16_t> deviceRandomBf16(size_t n) {
    // Fill on the host in slices so 16k-token cases do not need a huge host vector.
    auto b = must(DeviceBuffer<uint16_t>::allocate(n), "alloc");
    const size_t slice = static_cast<size_t>(1) << 24;
    for (size_t at = 0; at < n; at += slice) {
        const size_t m = std::min(slice, n - at);
        const auto h = randomBf16(m);
        if (cudaMemcpy(b.get() + at, h.data(), m * 2, cudaMemcpyHostToDevice) != cudaSuccess) std::exit(1);
    }
    return b;
}

// Median milliseconds of fn over repeats, after warm-up.
template <class F>
double timeMs(F&& fn, int warmup = 3, int repeats = 10) {
    for (int i = 0; i < warmup; ++i) fn();
    cudaEvent_t a, b;
    cudaEventCreate(&a);
    cudaEventCreate(&b);
    std::vector<float> ms;
    for (int i = 0; i < repeats; ++i) {
        cudaEventRecord(a);
        fn();
        cudaEventRecord(b);
        cudaEventSynchronize(b);
        float t = 0;
        cudaEventElapsedTime(&t, a, b);
        ms.push_back(t);
    }
    cudaEventDestroy(a);
    cudaEventDestroy(b);
    std::sort(ms.begin(), ms.end());
    if (cudaGetLastError() != cudaSuccess) {
        std::fprintf(stderr, "error: a timed kernel failed\n");
        std::exit(1);
    }
    return ms[ms.size() / 2];
}

struct AttnSetup {
    DeviceBuffer<uint16_t> q, k, v, o;
    DeviceBuffer<int> cuQ, cuK;
    AttentionParams p;
};

AttnSetup makeAttention(int hd, bool causal, int qHeads, int kvHeads, const std::vector<std::pair<int, int>>& seqs) {
    AttnSetup s;
    std::vector<int> cuQ{0}, cuK{0};
    int maxQ = 0;
    for (auto [lq, lk] : seqs) {
        cuQ.push_back(cuQ.back() + lq);
        cuK.push_back(cuK.back() + lk);
        maxQ = std::max(maxQ, lq);
    }
    s.q = deviceRandomBf16(static_cast<size_t>(cuQ.back()) * qHeads * hd);
    s.k = deviceRandomBf16(static_cast<size_t>(cuK.back()) * kvHeads * hd);
    s.v = deviceRandomBf16(static_cast<size_t>(cuK.back()) * kvHeads * hd);
    s.o = must(DeviceBuffer<uint16_t>::allocate(static_cast<size_t>(cuQ.back()) * qHeads * hd), "o");
    s.cuQ = must(DeviceBuffer<int>::fromHost(cuQ.data(), cuQ.size()), "cuQ");
    s.cuK = must(DeviceBuffer<int>::fromHost(cuK.data(), cuK.size()), "cuK");
    AttentionParams& p = s.p;
    p.q = bf(s.q);
    p.k = bf(s.k);
    p.v = bf(s.v);
    p.o = bf(s.o);
    p.qRowStride = p.oRowStride = int64_t(qHeads) * hd;
    p.kRowStride = p.vRowStride = int64_t(kvHeads) * hd;
    p.qHeadStride = p.kHeadStride = p.vHeadStride = p.oHeadStride = hd;
    p.cuSeqlensQ = s.cuQ.get();
    p.cuSeqlensK = s.cuK.get();
    p.batch = int(seqs.size());
    p.maxSeqlenQ = maxQ;
    p.qHeads = qHeads;
    p.kvHeads = kvHeads;
    p.headDim = hd;
    p.scale = 1.f / std::sqrt(float(hd));
    p.causal = causal;
    return s;
}

void benchAttention() {
    std::printf("kind,head_dim,causal,seqlen,batch,heads,ms,tflops\n");
    for (int hd : {64, 128})
        for (bool causal : {false, true})
            for (int L : {512, 1024, 2048, 4096, 8192, 16384}) {
                const int batch = std::max(1, 16384 / L), heads = 2048 / hd;
                auto s = makeAttention(hd, causal, heads, heads,
                                       std::vector<std::pair<int, int>>(static_cast<size_t>(batch), {L, L}));
                const double ms = timeMs([&] { must(flashAttentionForward(s.p, nullptr), "attention"); });
                const double flops = 4.0 * batch * heads * double(L) * L * hd / (causal ? 2.0 : 1.0);
                std::printf("attention,%d,%d,%d,%d,%d,%.4f,%.1f\n", hd, int(causal), L, batch, heads, ms,
                            flops / ms / 1e9);
                std::fflush(stdout);
            }
    // The vision tower's shape: 8 frames x 1,025 tokens, 16 heads of 64, non-causal.
    auto s = makeAttention(64, false, 16, 16, std::vector<std::pair<int, int>>(8, {1025, 1025}));
    const double ms = timeMs([&] { must(flashAttentionForward(s.p, nullptr), "attention"); });
    std::printf("attention-vision,64,0,1025,8,16,%.4f,%.1f\n", ms, 4.0 * 8 * 16 * 1025.0 * 1025 * 64 / ms / 1e9);
}

void benchDecode(const DeviceInfo& dev) {
    std::printf("kind,batch,context,q_heads,kv_heads,head_dim,splits,ms,kv_gbs\n");
    const int D = 128, qHeads = 32, kvHeads = 8, pageSize = 32;
    for (int batch : {1, 3, 24})
        for (int ctx : {512, 2500, 8192}) {
            const int pages = (ctx + pageSize - 1) / pageSize;
            auto kp = deviceRandomBf16(static_cast<size_t>(batch) * pages * pageSize * kvHeads * D);
            auto vp = deviceRandomBf16(static_cast<size_t>(batch) * pages * pageSize * kvHeads * D);
            auto q = deviceRandomBf16(static_cast<size_t>(batch) * qHeads * D);
            auto o = must(DeviceBuffer<uint16_t>::allocate(static_cast<size_t>(batch) * qHeads * D), "o");
            std::vector<int> table(static_cast<size_t>(batch * pages)), lens(static_cast<size_t>(batch), ctx);
            for (size_t i = 0; i < table.size(); ++i) table[i] = int(i);
            std::shuffle(table.begin(), table.end(), rng);
            auto dt = must(DeviceBuffer<int>::fromHost(table.data(), table.size()), "table");
            auto dl = must(DeviceBuffer<int>::fromHost(lens.data(), lens.size()), "lens");
            DecodeAttentionParams p;
            p.q = bf(q);
            p.qRowStride = qHeads * D;
            p.kPool = bf(kp);
            p.vPool = bf(vp);
            p.blockTable = dt.get();
            p.maxPagesPerSeq = pages;
            p.seqlensK = dl.get();
            p.pageSize = pageSize;
            p.o = bf(o);
            p.oRowStride = qHeads * D;
            p.batch = batch;
            p.qHeads = qHeads;
            p.kvHeads = kvHeads;
            p.headDim = D;
            p.maxSeqlenK = ctx;
            p.scale = 1.f / std::sqrt(float(D));
            p.splits = decodeSplits(batch, kvHeads, ctx, dev.multiprocessors);
            auto ws = must(DeviceBuffer<float>::allocate(decodeWorkspaceFloats(p)), "ws");
            const double ms = timeMs([&] { must(flashDecode(p, ws.get(), nullptr), "decode"); }, 5, 50);
            const double bytes = 2.0 * batch * ctx * kvHeads * D * 2;
            std::printf("decode,%d,%d,%d,%d,%d,%d,%.4f,%.0f\n", batch, ctx, qHeads, kvHeads, D, p.splits, ms,
                        bytes / ms / 1e6);
            std::fflush(stdout);
        }
}

void benchGemm() {
    auto lt = must(LtGemm::create(), "LtGemm");
    std::printf("kind,tokens,in,out,ms,tflops_or_gbs\n");
    // InternVL3.5-8B's decoder (Qwen3-8B): 4096 wide, 12288 MLP, qkv 4096+2x1024.
    const int shapes[][2] = {{4096, 6144}, {4096, 4096}, {4096, 24576}, {12288, 4096}};
    for (int tokens : {24, 512, 2048, 8192})
        for (const auto& s : shapes) {
            const int K = s[0], N = s[1];
            auto x = deviceRandomBf16(static_cast<size_t>(tokens) * K);
            auto w = deviceRandomBf16(static_cast<size_t>(N) * K);
            auto y = must(DeviceBuffer<float>::allocate(static_cast<size_t>(tokens) * N), "y");
            const double ms =
                timeMs([&] { must(lt->gemm(bf(x), K, tokens, bf(w), K, N, K, y.get(), N, 0.f, nullptr), "gemm"); });
            std::printf("gemm-bf16,%d,%d,%d,%.4f,%.1f\n", tokens, K, N, ms, 2.0 * tokens * K * N / ms / 1e9);
            std::fflush(stdout);
        }
    for (DType t : {DType::Q8_0, DType::Q4_K})
        for (int tokens : {1, 3, 8}) {
            const int64_t K = 4096, N = 12288, rowBytes = dtypeRowBytes(t, K);
            auto w = must(DeviceBuffer<std::byte>::allocate(static_cast<size_t>(N * rowBytes)), "w");
            std::vector<std::byte> host(static_cast<size_t>(N * rowBytes));
            std::uniform_int_distribution<int> byte(0, 255);
            for (auto& b : host) b = std::byte(byte(rng));
            for (int64_t r = 0; r < N; ++r)  // finite fp16 scales
                for (int64_t blk = 0; blk < K / dtypeBlockSize(t); ++blk) {
                    std::byte* p = host.data() + r * rowBytes + blk * dtypeBlockBytes(t);
                    p[1] = std::byte(0x20);
                    if (t == DType::Q4_K) p[3] = std::byte(0x20);
                }
            if (cudaMemcpy(w.get(), host.data(), host.size(), cudaMemcpyHostToDevice) != cudaSuccess) std::exit(1);
            std::vector<float> xh(static_cast<size_t>(tokens * K), 0.5f);
            auto x = must(DeviceBuffer<float>::fromHost(xh.data(), xh.size()), "x");
            auto y = must(DeviceBuffer<float>::allocate(static_cast<size_t>(tokens * N)), "y");
            const double ms = timeMs(
                [&] { must(dequantGemv(t, w.get(), N, K, rowBytes, x.get(), K, tokens, y.get(), N, nullptr), "gemv"); },
                5, 50);
            std::printf("gemv-%s,%d,%lld,%lld,%.4f,%.0f\n", dtypeName(t), tokens, (long long)K, (long long)N, ms,
                        double(N * rowBytes) / ms / 1e6);
            std::fflush(stdout);
        }
}

void writeBf16(const std::string& path, const DeviceBuffer<uint16_t>& b) {
    std::vector<uint16_t> h(b.size());
    must(b.toHost(h.data(), h.size()), "download");
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(h.data()), std::streamsize(h.size() * 2));
}

void dump(const std::string& dir) {
    struct Case {
        const char* name;
        int hd;
        bool causal;
        int qHeads, kvHeads;
        std::vector<std::pair<int, int>> seqs;
    };
    std::vector<Case> cases;
    for (int hd : {64, 128})
        for (bool causal : {false, true})
            for (int group : {1, 4, 8})
                for (auto lens : {std::pair{1, 239}, std::pair{113, 203}, std::pair{1023, 1024}, std::pair{4096, 4096}})
                    cases.push_back({"", hd, causal, 8, 8 / group, {lens}});
    cases.push_back({"vision", 64, false, 16, 16, std::vector<std::pair<int, int>>(8, {1025, 1025})});
    std::ofstream manifest(dir + "/cases.tsv");
    manifest << "file\thead_dim\tcausal\tq_heads\tkv_heads\tseqlens_q\tseqlens_k\n";
    for (size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        auto s = makeAttention(c.hd, c.causal, c.qHeads, c.kvHeads, c.seqs);
        must(flashAttentionForward(s.p, nullptr), "attention");
        if (cudaDeviceSynchronize() != cudaSuccess) std::exit(1);
        const std::string base = dir + "/case" + std::to_string(i);
        writeBf16(base + ".q", s.q);
        writeBf16(base + ".k", s.k);
        writeBf16(base + ".v", s.v);
        writeBf16(base + ".o", s.o);
        std::string lq, lk;
        for (auto [a, b] : c.seqs) {
            lq += (lq.empty() ? "" : ",") + std::to_string(a);
            lk += (lk.empty() ? "" : ",") + std::to_string(b);
        }
        manifest << "case" << i << '\t' << c.hd << '\t' << int(c.causal) << '\t' << c.qHeads << '\t' << c.kvHeads
                 << '\t' << lq << '\t' << lk << '\n';
    }
    std::printf("wrote %zu cases to %s\n", cases.size(), dir.c_str());
}

double seconds(std::chrono::steady_clock::time_point a) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
}

// InternVL3.5-1B's (Qwen3-0.6B) or -8B's (Qwen3-8B) language model with random bf16
// weights, on the GPU.
struct Decoder {
    ModelConfig config;
    std::unique_ptr<Model> model;
    std::unique_ptr<CudaLlama> gpu;
};

Decoder loadDecoder(const std::string& shape, int maxContext, DType matrices = DType::BF16) {
    ModelConfig c = test::tinyConfig(Architecture::Qwen3);
    c.vocabSize = 151936;
    c.headDim = 128;
    c.contextLength = 40960;
    if (shape == "8b") {  // Qwen3-8B: InternVL3.5-8B's language model
        c.dim = 4096, c.heads = 32, c.kvHeads = 8, c.hiddenDim = 12288, c.layers = 36;
    } else {  // Qwen3-0.6B: InternVL3.5-1B's
        c.dim = 1024, c.heads = 16, c.kvHeads = 8, c.hiddenDim = 3072, c.layers = 28;
        c.tiedEmbeddings = true;
    }
    test::RandomModelSpec spec;
    spec.config = c;
    spec.matrixType = matrices;
    spec.embeddingType = DType::BF16;
    auto t0 = std::chrono::steady_clock::now();
    Decoder d{c, must(Model::load(test::makeRandomModel(spec)), "random model"), nullptr};
    const double made = seconds(t0);
    CudaLlamaOptions opt;
    opt.maxBatchTokens = 2048;
    opt.maxContext = maxContext;
    opt.weights = matrices == DType::BF16 ? GpuWeights::Bf16 : GpuWeights::InPlace;
    t0 = std::chrono::steady_clock::now();
    d.gpu = must(CudaLlama::load(*d.model, opt), "CudaLlama::load");
    std::fprintf(stderr, "model %s: made in %.1f s, uploaded in %.1f s, %.2f GB of weights on the GPU\n", shape.c_str(),
                 made, seconds(t0), double(d.gpu->weightBytes()) / 1e9);
    return d;
}

struct TokenSource {
    std::mt19937 r{3};
    std::uniform_int_distribution<int32_t> tok;
    explicit TokenSource(int vocab) : tok(0, vocab - 1) {}
    std::vector<int32_t> operator()(int n) {
        std::vector<int32_t> t(static_cast<size_t>(n));
        for (auto& x : t) x = tok(r);
        return t;
    }
};

// matrices: bf16, or q8_0 / q4_k read in place (GpuWeights::InPlace); the bound is the
// weights' bytes on the GPU over the HBM bandwidth.
void benchModel(const std::string& shapeName, const std::string& matrices, const DeviceInfo& dev) {
    const DType type = matrices == "q4_k" ? DType::Q4_K : matrices == "q8_0" ? DType::Q8_0 : DType::BF16;
    Decoder d = loadDecoder(shapeName, 4096, type);
    const std::string shape = type == DType::BF16 ? shapeName : shapeName + "-" + matrices;
    const ModelConfig& c = d.config;
    CudaLlama* gpu = d.gpu.get();
    const double bw = 2.0 * dev.memoryClockKHz * 1e3 * dev.memoryBusBits / 8;  // bytes/s (DDR)
    std::printf("kind,shape,batch,tokens,ms,tokens_per_s,bound_ms\n");
    TokenSource tokens(c.vocabSize);
    std::vector<float> logits(static_cast<size_t>(c.vocabSize) * 24);
    for (int len : {512, 2048}) {
        std::vector<double> ms;
        for (int rep = 0; rep < 4; ++rep) {
            const int s = gpu->newSequence();
            const auto p = tokens(len);
            const auto a = std::chrono::steady_clock::now();
            must(gpu->prefill(s, p, logits.data()), "prefill");
            ms.push_back(seconds(a) * 1e3);
            gpu->release(s);
        }
        std::sort(ms.begin() + 1, ms.end());  // the first is warm-up
        const double m = ms[2];
        std::printf("prefill,%s,1,%d,%.2f,%.0f,\n", shape.c_str(), len, m, len / m * 1e3);
        std::fflush(stdout);
    }
    for (int batch : {1, 24}) {
        // A clip context of 512 tokens, forked into the batch (agents share its pages).
        const int ctx = gpu->newSequence();
        must(gpu->prefill(ctx, tokens(512), nullptr), "context");
        std::vector<int> seqs;
        for (int b = 0; b < batch; ++b) seqs.push_back(must(gpu->fork(ctx), "fork"));
        std::vector<int32_t> next(static_cast<size_t>(batch), 1);
        // With the pass as a CUDA graph (the default), then as plain launches.
        for (const bool graphs : {true, false}) {
            gpu->setGraphs(graphs);
            for (int w = 0; w < 2; ++w) must(gpu->decode(seqs, next, logits.data()), "decode warm-up");  // captures
            const int steps = 32;
            const auto a = std::chrono::steady_clock::now();
            for (int i = 0; i < steps; ++i) must(gpu->decode(seqs, next, logits.data()), "decode");
            const double m = seconds(a) * 1e3 / steps;
            std::printf("%s,%s,%d,%d,%.3f,%.0f,%.3f\n", graphs ? "decode" : "decode_nographs", shape.c_str(), batch,
                        steps, m, batch / m * 1e3, double(gpu->weightBytes()) / bw * 1e3);
            if (graphs && !gpu->graphNote().empty()) std::fprintf(stderr, "%s\n", gpu->graphNote().c_str());
            std::fflush(stdout);
        }
        gpu->setGraphs(true);
        for (int s : seqs) gpu->release(s);
        gpu->release(ctx);
    }
}

// The median ms of CudaVision encoding `frames` frames: InternViT-300M (24 layers) and
// the projector of a random InternVL whose small decoder is never run; the first of
// `repeats` runs is a warm-up.
double visionMs(int frames, int repeats) {
    RandomInternVLSpec spec;
    spec.llm = makeRandomModelConfig(Architecture::Qwen3, 896, 1, 14, 2, 1024, 600);
    spec.llm.headDim = 64;
    spec.llm.contextLength = 4096;
    spec.visionDim = 1024, spec.visionLayers = 24, spec.visionHeads = 16, spec.visionHiddenDim = 4096;
    spec.dtype = DType::BF16;
    char tmpl[] = "/tmp/motor-cuda-bench-XXXXXX";
    if (!mkdtemp(tmpl)) std::exit(1);
    const std::string folder = std::string(tmpl) + "/internvl";
    must(writeRandomInternVLHf(spec, folder), "write random InternVL");
    auto model = must(Model::load(must(openModel(folder), "open")), "load");
    auto vision = must(CudaVision::load(*model), "CudaVision::load");
    const int S = vision->config().imageSize;
    std::vector<float> pixels(static_cast<size_t>(frames) * 3 * S * S);
    std::normal_distribution<float> nd(0.f, 1.f);
    for (float& p : pixels) p = nd(rng);
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        const auto a = std::chrono::steady_clock::now();
        must(vision->encodePixels(pixels, frames), "encode");
        ms.push_back(seconds(a) * 1e3);
    }
    std::filesystem::remove_all(tmpl);
    std::sort(ms.begin() + 1, ms.end());
    return ms[1 + (ms.size() - 1) / 2];
}

int32_t argmaxRow(const std::vector<float>& logits, int row, int vocab) {
    const auto* begin = logits.data() + static_cast<size_t>(row) * static_cast<size_t>(vocab);
    return int32_t(std::max_element(begin, begin + vocab) - begin);
}

// The whole MOTOR-MAS work of a batch of clips on the GPU, as core's Predictor gives it
// to the engine (prefix sharing on): per clip 8 frames through the vision tower and a
// context of ~100 template tokens, 8 x 256 image rows and ~300 transcript tokens; then
// the three agents one stage after the other, each over every clip of the batch: a fork
// of the clip's context, an instruction of ~220 tokens, the label probabilities' extra
// one-token steps on a fork of it (two: with a real tokenizer a label's first token
// mostly decides it; the engine allows up to 8), and a reply of 25 tokens decoded for all
// the batch's clips together. Token counts are those the predictor evaluated on the demo
// (docs/PERFORMANCE.md, "One clip, prefix sharing on and off") with Qwen3's tokenizer's
// ~4 bytes a token for the text. The vision tower is timed on InternViT-300M (its output
// feeds a small decoder); the decoder reads random image rows of its own width: the same
// work, the same shapes. Every part is printed per clip, so other counts can be scaled.
void benchMas(const std::string& shape, int clips) {
    constexpr int kFrames = 8, kImageRows = 8 * 256, kTemplate = 100, kTranscript = 300, kInstruction = 220,
                  kLabelSteps = 2, kReply = 25, kAgents = 3;
    const double vision = visionMs(kFrames, 4);
    Decoder d = loadDecoder(shape, 4096);
    CudaLlama& g = *d.gpu;
    const int V = d.config.vocabSize;
    TokenSource tokens(V);
    std::vector<float> image(static_cast<size_t>(kImageRows) * static_cast<size_t>(d.config.dim));
    std::normal_distribution<float> nd(0.f, 0.02f);
    for (float& x : image) x = nd(rng);
    std::vector<float> logits(static_cast<size_t>(V) * static_cast<size_t>(clips));
    struct Parts {
        double context = 0, instructions = 0, labels = 0, replies = 0;
    };
    auto since = [](std::chrono::steady_clock::time_point& a) {
        const auto now = std::chrono::steady_clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - a).count();
        a = now;
        return ms;
    };
    auto batch = [&]() {
        Parts p;
        auto a = std::chrono::steady_clock::now();
        std::vector<int> ctx;
        for (int i = 0; i < clips; ++i) {
            const int s = g.newSequence();
            must(g.prefill(s, tokens(kTemplate), nullptr), "template");
            must(g.prefillEmbeddings(s, image, nullptr), "image rows");
            must(g.prefill(s, tokens(kTranscript), logits.data()), "transcript");
            ctx.push_back(s);
        }
        p.context = since(a);
        for (int stage = 0; stage < kAgents; ++stage) {
            std::vector<int> agents;
            for (int i = 0; i < clips; ++i) {
                const int s = must(g.fork(ctx[static_cast<size_t>(i)]), "fork");
                must(g.prefill(s, tokens(kInstruction), logits.data()), "instruction");
                agents.push_back(s);
            }
            p.instructions += since(a);
            for (int i = 0; i < clips; ++i) {
                const int f = must(g.fork(agents[static_cast<size_t>(i)]), "fork for the label");
                for (int k = 0; k < kLabelSteps; ++k) must(g.prefill(f, tokens(1), logits.data()), "label step");
                g.release(f);
            }
            p.labels += since(a);
            std::vector<int32_t> next(static_cast<size_t>(clips), 1);
            for (int k = 0; k < kReply; ++k) {
                must(g.decode(agents, next, logits.data()), "reply");
                for (int i = 0; i < clips; ++i) next[static_cast<size_t>(i)] = argmaxRow(logits, i, V);
            }
            p.replies += since(a);
            for (int s : agents) g.release(s);
        }
        for (int s : ctx) g.release(s);
        return p;
    };
    (void)batch();  // warm-up
    std::vector<Parts> runs;
    for (int r = 0; r < 3; ++r) runs.push_back(batch());
    auto median = [&](double Parts::*field) {
        std::vector<double> v;
        for (const Parts& p : runs) v.push_back(p.*field / clips);
        std::sort(v.begin(), v.end());
        return v[1];
    };
    const double context = median(&Parts::context), instructions = median(&Parts::instructions),
                 labels = median(&Parts::labels), replies = median(&Parts::replies);
    const double perClip = vision + context + instructions + labels + replies;
    const int tokensPerClip = kTemplate + kImageRows + kTranscript + kAgents * (kInstruction + kLabelSteps + kReply);
    std::printf(
        "kind,shape,clips_per_batch,tokens_per_clip,vision_ms_per_clip,context_ms_per_clip,"
        "instructions_ms_per_clip,label_steps_ms_per_clip,replies_ms_per_clip,agents_ms_per_clip,ms_per_clip,"
        "projected_1440_clips_s\n");
    std::printf("mas,%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.0f\n", shape.c_str(), clips, tokensPerClip, vision,
                context, instructions, labels, replies, instructions + labels + replies, perClip, perClip * 1440 / 1e3);
}

void benchVision() {
    const int frames = 8;
    const double ms = visionMs(frames, 6);
    std::printf("kind,frames,layers,ms,frames_per_s\nvision,%d,24,%.2f,%.1f\n", frames, ms, frames / ms * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "";
    auto devs = devices();
    if (!devs) {
        std::fprintf(stderr, "motor_cuda_bench: %s\n", devs.error().message.c_str());
        return 77;
    }
    std::fprintf(stderr, "device: %s\n", describe(devs->front()).c_str());
    if (what == "attention") {
        benchAttention();
    } else if (what == "decode") {
        benchDecode(devs->front());
    } else if (what == "gemm") {
        benchGemm();
    } else if (what == "vision") {
        benchVision();
    } else if (what == "model" && argc > 2) {
        benchModel(argv[2], argc > 3 ? argv[3] : "bf16", devs->front());
    } else if (what == "mas" && argc > 2) {
        benchMas(argv[2], argc > 3 ? std::max(1, std::atoi(argv[3])) : 8);
    } else if (what == "dump" && argc > 2) {
        dump(argv[2]);
    } else {
        std::fprintf(stderr,
                     "usage: motor_cuda_bench attention|decode|gemm|vision|model 1b|8b [bf16|q8_0|q4_k]|mas 1b|8b "
                     "[CLIPS]|dump DIR\n");
        return 2;
    }
    return 0;
}
