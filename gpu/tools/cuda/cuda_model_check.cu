// motor_cuda_model_check: the CUDA decoder (cuda/llama.cuh) against the CPU backend on
// the same random-weight models (the CPU backend is itself checked against
// transformers: tests/gpu). Context prefill, fork into three agents, agent prompts,
// then batched greedy decode with the CPU's tokens fed to both (teacher forcing), so
// every step compares the same computation. The stated tolerance: logits within 3e-2
// of the largest |logit| (bf16 weights and activations against fp32), and CUDA's top
// token scoring within that of the CPU's top token. Then the vision side: CudaVision
// against the CPU InternViT + projector on a random InternVL of InternViT-300M's
// geometry (3 of its 24 layers), image tokens within 5e-2 of the largest |value|, and
// the decoder reading those image rows as embeddings. Last, the same through the
// engine's API and the CUDA plugin, as the predictor runs it (checkEngineApi).
//   motor_cuda_model_check [--quick] [--whisper HF_FOLDER [--whisper-refused FOLDER] [--whisper-only]]
//   (without --quick also the InternVL3.5-1B decoder shape; --whisper: Whisper through
//   the plugin against the CPU, checkWhisper)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "cuda/device.cuh"
#include "cuda/llama.cuh"
#include "cuda/vision.cuh"
#include "motor/gpu/cuda_plugin.h"
#include "motor/gpu/model.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/speech.h"
#include "speech/whisper_model.h"
#include "support/random_model.h"

using namespace motor::gpu;

namespace {

int failures = 0;
constexpr double kTolerance = 3e-2;

struct Compare {
    double relErr = 0;  // max |cuda - cpu| / max |cpu|
    bool topOk = true;
    bool topSame = true;
};

Compare compare(std::span<const float> cpu, std::span<const float> gpu) {
    Compare r;
    double scale = 0, err = 0;
    for (size_t i = 0; i < cpu.size(); ++i) {
        scale = std::max(scale, double(std::abs(cpu[i])));
        err = std::max(err, double(std::abs(cpu[i] - gpu[i])));
    }
    r.relErr = err / std::max(scale, 1e-12);
    const size_t a = static_cast<size_t>(std::max_element(cpu.begin(), cpu.end()) - cpu.begin());
    const size_t b = static_cast<size_t>(std::max_element(gpu.begin(), gpu.end()) - gpu.begin());
    r.topSame = a == b;
    r.topOk = cpu[b] >= cpu[a] - kTolerance * scale;
    return r;
}

void report(const std::string& name, const Compare& c) {
    const bool ok = c.relErr <= kTolerance && c.topOk;
    std::printf("%s %s (logits rel err %.2e, bound %.0e; top token %s)\n", ok ? "PASS" : "FAIL", name.c_str(), c.relErr,
                kTolerance, c.topSame ? "same" : (c.topOk ? "a near tie" : "DIFFERENT"));
    std::fflush(stdout);
    if (!ok) ++failures;
}

std::vector<int32_t> randomTokens(int n, int vocab, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int32_t> d(0, vocab - 1);
    std::vector<int32_t> t(static_cast<size_t>(n));
    for (auto& x : t) x = d(rng);
    return t;
}

int argmax(std::span<const float> v) {
    return int(std::max_element(v.begin(), v.end()) - v.begin());
}

// A random-weight model of the config, its matrices and embeddings stored as `type`.
Result<std::unique_ptr<Model>> randomModel(const ModelConfig& cfg, DType type) {
    test::RandomModelSpec spec;
    spec.config = cfg;
    spec.matrixType = type;
    spec.embeddingType = type;
    return Model::load(test::makeRandomModel(spec));
}

void checkModel(const std::string& name, const ModelConfig& cfg, DType matrices, int contextTokens, int chunk,
                cuda::GpuWeights weights = cuda::GpuWeights::Auto) {
    auto model = randomModel(cfg, matrices);
    if (!model) {
        std::printf("FAIL %s: %s\n", name.c_str(), model.error().message.c_str());
        ++failures;
        return;
    }
    cuda::CudaLlamaOptions opt;
    opt.maxBatchTokens = chunk;
    opt.maxContext = 8192;
    opt.maxPages = 2048;
    opt.weights = weights;
    auto gpu = cuda::CudaLlama::load(**model, opt);
    if (!gpu) {
        std::printf("FAIL %s: %s\n", name.c_str(), gpu.error().message.c_str());
        ++failures;
        return;
    }
    cuda::CudaLlama& g = **gpu;
    if (weights == cuda::GpuWeights::InPlace) {
        const bool ok = g.inPlaceMatrices() == cfg.layers * 7;
        std::printf("%s %s: %d of %d layer matrices read in place (%.2f GB on the GPU)\n", ok ? "PASS" : "FAIL",
                    name.c_str(), g.inPlaceMatrices(), cfg.layers * 7, double(g.weightBytes()) / 1e9);
        if (!ok) ++failures;
    }
    const int V = cfg.vocabSize;
    std::vector<float> logits(static_cast<size_t>(V) * 3);

    const auto context = randomTokens(contextTokens, V, 11);
    Session ctx = (*model)->newSession();
    if (!ctx.prefill(context)) std::exit(1);
    const int gctx = g.newSequence();
    auto r = g.prefill(gctx, context, logits.data());
    if (!r) {
        std::printf("FAIL %s prefill: %s\n", name.c_str(), r.error().message.c_str());
        ++failures;
        return;
    }
    report(name + ": prefill of " + std::to_string(contextTokens) + " tokens (chunks of " + std::to_string(chunk) + ")",
           compare(ctx.logits(), std::span<const float>(logits.data(), static_cast<size_t>(V))));

    std::vector<Session> agents;
    std::vector<int> ids;
    for (int a = 0; a < 3; ++a) {
        agents.push_back(ctx.fork());
        const auto prompt = randomTokens(5 + 2 * a, V, 100 + uint32_t(a));
        if (!agents.back().prefill(prompt)) std::exit(1);
        auto f = g.fork(gctx);
        if (!f) std::exit(1);
        ids.push_back(*f);
        auto ra = g.prefill(*f, prompt, logits.data());
        if (!ra) {
            std::printf("FAIL %s agent prefill: %s\n", name.c_str(), ra.error().message.c_str());
            ++failures;
            return;
        }
        report(name + ": agent " + std::to_string(a) + " forked from the context, prompt of " +
                   std::to_string(prompt.size()),
               compare(agents.back().logits(), std::span<const float>(logits.data(), static_cast<size_t>(V))));
    }
    Compare worst;
    int same = 0, steps = 0;
    for (int step = 0; step < 8; ++step) {
        std::vector<int32_t> next;
        for (Session& s : agents) next.push_back(argmax(s.logits()));
        std::vector<Session*> ptrs;
        for (Session& s : agents) ptrs.push_back(&s);
        if (!Session::decodeBatch(ptrs, next)) std::exit(1);
        auto rd = g.decode(ids, next, logits.data());
        if (!rd) {
            std::printf("FAIL %s decode: %s\n", name.c_str(), rd.error().message.c_str());
            ++failures;
            return;
        }
        for (int a = 0; a < 3; ++a) {
            const Compare c =
                compare(agents[static_cast<size_t>(a)].logits(),
                        std::span<const float>(logits.data() + static_cast<size_t>(a) * V, static_cast<size_t>(V)));
            worst.relErr = std::max(worst.relErr, c.relErr);
            worst.topOk = worst.topOk && c.topOk;
            same += c.topSame;
            ++steps;
        }
    }
    worst.topSame = same == steps;
    report(name + ": 8 batched decode steps of the three agents (" + std::to_string(same) + "/" +
               std::to_string(steps) + " top tokens identical)",
           worst);
    // Session::decode's one-token prefill goes the decode path (flash-decoding over the pages).
    const std::vector<int32_t> one{argmax(agents[0].logits())};
    if (!agents[0].prefill(one)) std::exit(1);
    if (auto r1 = g.prefill(ids[0], one, logits.data()); !r1) {
        std::printf("FAIL %s one-token prefill: %s\n", name.c_str(), r1.error().message.c_str());
        ++failures;
        return;
    }
    report(name + ": a one-token prefill (Session::decode) on the decode path",
           compare(agents[0].logits(), std::span<const float>(logits.data(), static_cast<size_t>(V))));
    if (!g.graphNote().empty()) {  // the decode steps above ran as CUDA graphs, or this says why not
        std::printf("FAIL %s: CUDA graphs went off: %s\n", name.c_str(), g.graphNote().c_str());
        ++failures;
    }
    for (int id : ids) g.release(id);
    g.release(gctx);
}

// A call that fails leaves the sequence as it was: a pool of 12 pages of 32 positions, a
// 40-token context, an append of 400 tokens in chunks of 64 that runs out of pages after
// five chunks; then a fork, a prompt on each and two batched decode steps, against CPU
// sessions that never saw the failed append.
void checkFailedAppend() {
    const std::string name = "a failed append (KV cache full after 5 chunks of 64)";
    ModelConfig cfg = test::tinyConfig(Architecture::Qwen3);
    cfg.dim = 256, cfg.heads = 4, cfg.kvHeads = 2, cfg.headDim = 64, cfg.hiddenDim = 512, cfg.layers = 2;
    cfg.vocabSize = 1024, cfg.contextLength = 4096;
    auto model = randomModel(cfg, DType::F32);
    if (!model) std::exit(1);
    cuda::CudaLlamaOptions opt;
    opt.pageSize = 32;
    opt.maxPages = 12;
    opt.maxBatchTokens = 64;
    opt.maxContext = 4096;
    auto gpu = cuda::CudaLlama::load(**model, opt);
    if (!gpu) {
        std::printf("FAIL %s: %s\n", name.c_str(), gpu.error().message.c_str());
        ++failures;
        return;
    }
    cuda::CudaLlama& g = **gpu;
    const int V = cfg.vocabSize;
    std::vector<float> logits(static_cast<size_t>(V) * 2);
    const auto context = randomTokens(40, V, 21);
    Session ctx = (*model)->newSession();
    if (!ctx.prefill(context)) std::exit(1);
    const int parent = g.newSequence();
    if (!g.prefill(parent, context, nullptr)) std::exit(1);
    auto big = g.prefill(parent, randomTokens(400, V, 22), logits.data());
    const bool refused = !big && big.error().message.find("KV cache is full") != std::string::npos;
    const bool ok = refused && g.length(parent) == 40;
    std::printf("%s %s: refused (%s), the sequence keeps its %d tokens\n", ok ? "PASS" : "FAIL", name.c_str(),
                big ? "accepted" : big.error().message.c_str(), g.length(parent));
    if (!ok) ++failures;
    auto child = g.fork(parent);
    if (!child) std::exit(1);
    Session a = ctx.fork(), b = ctx.fork();
    const std::vector<int> seqs{parent, *child};
    std::vector<Session*> cpu{&a, &b};
    for (size_t i = 0; i < 2; ++i) {
        const auto prompt = randomTokens(5 + 2 * int(i), V, 30 + uint32_t(i));
        if (!cpu[i]->prefill(prompt)) std::exit(1);
        auto r = g.prefill(seqs[i], prompt, logits.data());
        if (!r) {
            std::printf("FAIL %s, then a fork: %s\n", name.c_str(), r.error().message.c_str());
            ++failures;
            return;
        }
        report(name + ", then a fork: prompt of " + (i ? std::string("the fork") : std::string("the parent")),
               compare(cpu[i]->logits(), std::span<const float>(logits.data(), static_cast<size_t>(V))));
    }
    for (int step = 0; step < 2; ++step) {
        const std::vector<int32_t> next{argmax(a.logits()), argmax(b.logits())};
        if (!Session::decodeBatch(cpu, next)) std::exit(1);
        if (auto r = g.decode(seqs, next, logits.data()); !r) {
            std::printf("FAIL %s, decode: %s\n", name.c_str(), r.error().message.c_str());
            ++failures;
            return;
        }
        for (size_t i = 0; i < 2; ++i)
            report(name + ", then a fork: decode step " + std::to_string(step) + " of sequence " + std::to_string(i),
                   compare(cpu[i]->logits(),
                           std::span<const float>(logits.data() + i * static_cast<size_t>(V), static_cast<size_t>(V))));
    }
    g.release(*child);
    g.release(parent);
}

// A random InternVL with InternViT-300M's width (visionLayers of its 24 layers) and a
// small Qwen3 decoder of head dim 64, written as a Hugging Face folder into a temporary
// directory that goes with the object.
struct RandomInternVL {
    RandomInternVLSpec spec;
    std::string root, folder;
    explicit RandomInternVL(int visionLayers) {
        spec.llm = makeRandomModelConfig(Architecture::Qwen3, 512, 2, 8, 2, 1024, 600);
        spec.llm.headDim = 64;
        spec.llm.contextLength = 8192;
        spec.visionDim = 1024, spec.visionLayers = visionLayers, spec.visionHeads = 16, spec.visionHiddenDim = 4096;
        char tmpl[] = "/tmp/motor-cuda-check-XXXXXX";
        if (!mkdtemp(tmpl)) std::exit(1);
        root = tmpl;
        folder = root + "/internvl";
    }
    ~RandomInternVL() { std::filesystem::remove_all(root); }
    RandomInternVL(const RandomInternVL&) = delete;
    RandomInternVL& operator=(const RandomInternVL&) = delete;
    Result<void> write() const { return writeRandomInternVLHf(spec, folder); }
};

void checkVision(int frames) {
    const RandomInternVL internvl(3);
    const RandomInternVLSpec& spec = internvl.spec;
    const std::string& folder = internvl.folder;
    const std::string name = "vision: InternViT-300M geometry (3 layers), " + std::to_string(frames) + " frames";
    auto fail = [&](const std::string& what) {
        std::printf("FAIL %s: %s\n", name.c_str(), what.c_str());
        ++failures;
    };
    if (auto w = internvl.write(); !w) return fail(w.error().message);
    auto weights = openModel(folder);
    if (!weights) return fail(weights.error().message);
    auto model = Model::load(std::move(*weights));
    if (!model) return fail(model.error().message);
    const VisionEncoder* cpuVision = (*model)->vision();
    const int S = cpuVision->config().imageSize;
    std::mt19937 rng(5);
    std::normal_distribution<float> nd(0.f, 1.f);
    std::vector<float> pixels(static_cast<size_t>(frames) * 3 * S * S);
    for (float& p : pixels) p = nd(rng);
    auto ref = cpuVision->encodePixels(pixels, frames, nullptr);
    if (!ref) return fail(ref.error().message);
    auto gv = cuda::CudaVision::load(**model);
    if (!gv) return fail(gv.error().message);
    auto got = (*gv)->encodePixels(pixels, frames);
    if (!got) return fail(got.error().message);
    if (got->rows.size() != ref->rows.size()) return fail("different numbers of image rows");
    double scale = 0, err = 0;
    for (size_t i = 0; i < ref->rows.size(); ++i) {
        scale = std::max(scale, double(std::abs(ref->rows[i])));
        err = std::max(err, double(std::abs(ref->rows[i] - got->rows[i])));
    }
    const double rel = err / std::max(scale, 1e-12);
    std::printf("%s %s (image tokens rel err %.2e, bound 5e-2)\n", rel <= 5e-2 ? "PASS" : "FAIL", name.c_str(), rel);
    if (rel > 5e-2) ++failures;

    // The decoder over a frame's image rows (the CPU's, fed to both) after a few tokens.
    cuda::CudaLlamaOptions opt;
    opt.maxPages = 256;
    opt.maxContext = 4096;
    auto lm = cuda::CudaLlama::load(**model, opt);
    if (!lm) return fail(lm.error().message);
    const std::vector<int32_t> head{1, 2, 3, 4, 5};
    const auto frame0 = ref->frame(0);
    Session s = (*model)->newSession();
    if (!s.prefill(head) || !s.prefillEmbeddings(frame0)) return fail("CPU prefill");
    const int g = (*lm)->newSequence();
    std::vector<float> logits(static_cast<size_t>(spec.llm.vocabSize));
    if (auto r = (*lm)->prefill(g, head, nullptr); !r) return fail(r.error().message);
    if (auto r = (*lm)->prefillEmbeddings(g, frame0, logits.data()); !r) return fail(r.error().message);
    report("decoder after 5 tokens and " + std::to_string(ref->tokensPerImage) + " image rows",
           compare(s.logits(), logits));
}

// The same through the engine's API, as the predictor runs it: the CUDA plugin
// (libmotor_cuda.so, found beside this tool or in the build folder) attached to a
// Model, whose Sessions and VisionEncoder then run on the GPU, against a second Model
// on the CPU: two frames through vision()->encode(), a context of tokens and image
// rows, three forked agents and four batched decode steps (teacher-forced), and the
// sequences released when their sessions go.
void checkEngineApi() {
    const RandomInternVL internvl(2);
    const RandomInternVLSpec& spec = internvl.spec;
    const std::string& folder = internvl.folder;
    const std::string name = "engine API through the plugin";
    auto fail = [&](const std::string& what) {
        std::printf("FAIL %s: %s\n", name.c_str(), what.c_str());
        ++failures;
    };
    if (auto w = internvl.write(); !w) return fail(w.error().message);
    auto open = [&]() -> Result<std::unique_ptr<Model>> {
        auto weights = openModel(folder);
        if (!weights) return weights.error();
        return Model::load(std::move(*weights));
    };
    auto cpu = open(), gpu = open();
    if (!cpu || !gpu) return fail("model load");
    auto acc = loadCudaAccelerator(**gpu);
    if (!acc) return fail(acc.error().message);
    if (auto r = (*gpu)->attachAccelerator(std::move(*acc)); !r) return fail(r.error().message);
    std::printf("     %s runs on %s\n", name.c_str(), (*gpu)->device().c_str());

    std::mt19937 rng(9);
    std::vector<std::vector<uint8_t>> bytes(2);
    std::vector<RgbImage> frames;
    for (auto& b : bytes) {
        b.resize(size_t(640) * 360 * 3);
        for (auto& x : b) x = uint8_t(rng() & 0xff);
        frames.push_back(RgbImage{640, 360, b});
    }
    auto ref = (*cpu)->vision()->encode(frames);
    auto got = (*gpu)->vision()->encode(frames);
    if (!ref || !got) return fail(!ref ? ref.error().message : got.error().message);
    double scale = 0, err = 0;
    for (size_t i = 0; i < ref->rows.size() && i < got->rows.size(); ++i) {
        scale = std::max(scale, double(std::abs(ref->rows[i])));
        err = std::max(err, double(std::abs(ref->rows[i] - got->rows[i])));
    }
    const double rel = got->rows.size() == ref->rows.size() ? err / std::max(scale, 1e-12) : 1.0;
    std::printf("%s %s: vision()->encode of 2 frames (image tokens rel err %.2e, bound 5e-2)\n",
                rel <= 5e-2 ? "PASS" : "FAIL", name.c_str(), rel);
    if (rel > 5e-2) ++failures;

    const std::vector<int32_t> head{1, 2, 3, 4, 5};
    Session c = (*cpu)->newSession(), g = (*gpu)->newSession();
    if (!g.onAccelerator()) return fail("the session is not on the accelerator");
    for (Session* s : {&c, &g}) {
        if (!s->prefill(head) || !s->prefillEmbeddings(ref->frame(0)) || !s->prefillEmbeddings(ref->frame(1)))
            return fail("context prefill");
    }
    report(name + ": context of 5 tokens and 2 frames' image rows", compare(c.logits(), g.logits()));
    std::vector<Session> cs, gs;
    for (int a = 0; a < 3; ++a) {
        const auto prompt = randomTokens(4 + 3 * a, spec.llm.vocabSize, 200 + uint32_t(a));
        cs.push_back(c.fork());
        gs.push_back(g.fork());
        if (!cs.back().prefill(prompt) || !gs.back().prefill(prompt)) return fail("agent prefill");
        report(name + ": agent " + std::to_string(a) + " forked", compare(cs.back().logits(), gs.back().logits()));
    }
    Compare worst;
    for (int step = 0; step < 4; ++step) {
        std::vector<int32_t> next;
        std::vector<Session*> cp, gp;
        for (size_t a = 0; a < 3; ++a) {
            next.push_back(argmax(cs[a].logits()));
            cp.push_back(&cs[a]);
            gp.push_back(&gs[a]);
        }
        if (!Session::decodeBatch(cp, next)) return fail("CPU decode");
        if (auto r = Session::decodeBatch(gp, next); !r) return fail(r.error().message);
        for (size_t a = 0; a < 3; ++a) {
            const Compare x = compare(cs[a].logits(), gs[a].logits());
            worst.relErr = std::max(worst.relErr, x.relErr);
            worst.topOk = worst.topOk && x.topOk;
            worst.topSame = worst.topSame && x.topSame;
        }
    }
    report(name + ": 4 batched decode steps of the three agents", worst);
    gs.clear();
}

// Whisper through the plugin (loadCudaSpeechAccelerator) against the CPU backend on a
// model of a real Whisper's geometry (gpu-check.sh makes a random base-shaped one with
// tests/reference/make_whisper_shape.py): the encoder output of a window of tones and
// noise within 5e-2 of the largest |value|; the decoder's logits at every position of a
// prompt (fed the CPU's encoder output, so only the decoder differs) within 3e-2; a
// greedy window and a beam-search transcription running through the accelerator's
// caches and copies; and a model whose heads the kernels do not take refused by name.
void checkWhisper(const std::string& folder, const std::string& refusedFolder) {
    const std::string name = "whisper: " + folder;
    auto fail = [&](const std::string& what) {
        std::printf("FAIL %s: %s\n", name.c_str(), what.c_str());
        ++failures;
    };
    auto open = [](const std::string& path) -> Result<std::unique_ptr<SpeechModel>> {
        auto weights = openModel(path);
        if (!weights) return weights.error();
        return SpeechModel::load(std::move(*weights));
    };
    auto cpu = open(folder), gpu = open(folder);
    if (!cpu || !gpu) return fail(!cpu ? cpu.error().message : gpu.error().message);
    auto acc = loadCudaSpeechAccelerator(**gpu);
    if (!acc) return fail(acc.error().message);
    if (auto r = (*gpu)->attachAccelerator(std::move(*acc)); !r) return fail(r.error().message);
    std::printf("     %s runs on %s\n", name.c_str(), (*gpu)->device().c_str());

    std::mt19937 rng(3);
    std::normal_distribution<float> noise(0.f, 0.05f);
    std::vector<float> pcm(size_t(30 * 16000));
    for (size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = 0.3f * std::sin(float(i) * (0.05f + 1e-6f * float(i))) + noise(rng);
    const auto mel = (*cpu)->logMel(pcm);
    auto ec = (*cpu)->encode(mel), eg = (*gpu)->encode(mel);
    if (!ec || !eg) return fail(!ec ? ec.error().message : eg.error().message);
    double scale = 0, err = 0;
    for (size_t i = 0; i < ec->size() && i < eg->size(); ++i) {
        scale = std::max(scale, double(std::abs((*ec)[i])));
        err = std::max(err, double(std::abs((*ec)[i] - (*eg)[i])));
    }
    const double rel = ec->size() == eg->size() ? err / std::max(scale, 1e-12) : 1.0;
    std::printf("%s %s: encoder output (rel err %.2e, bound 5e-2)\n", rel <= 5e-2 ? "PASS" : "FAIL", name.c_str(), rel);
    if (rel > 5e-2) ++failures;

    const SpeechTokenIds& ids = (*cpu)->tokenIds();
    std::vector<int32_t> prompt{ids.sot};
    if (!ids.languages.empty()) prompt.push_back(ids.languages.front().id);
    if (ids.transcribe >= 0) prompt.push_back(ids.transcribe);
    for (int32_t t : randomTokens(24, std::max(2, ids.eot), 17)) prompt.push_back(t);
    auto lc = (*cpu)->decoderLogits(*ec, prompt), lg = (*gpu)->decoderLogits(*ec, prompt);
    if (!lc || !lg) return fail(!lc ? lc.error().message : lg.error().message);
    const size_t V = size_t((*cpu)->config().vocabSize);
    Compare worst;
    int same = 0;
    for (size_t r = 0; r < prompt.size(); ++r) {
        const Compare c =
            compare(std::span<const float>(*lc).subspan(r * V, V), std::span<const float>(*lg).subspan(r * V, V));
        worst.relErr = std::max(worst.relErr, c.relErr);
        worst.topOk = worst.topOk && c.topOk;
        same += c.topSame;
    }
    worst.topSame = same == int(prompt.size());
    report(name + ": decoder logits at " + std::to_string(prompt.size()) + " positions (" + std::to_string(same) +
               " top tokens identical)",
           worst);

    // Steps the search never makes (it keeps all beams at one length): two sequences at
    // lengths 3 and 9 in one step with a mid-step row, then a copy of the second cache
    // continued beside both for three one-token steps, teacher-forced on both backends.
    auto steps = [&](const SpeechModel& sm) -> Result<std::vector<float>> {
        const auto& m = dynamic_cast<const speech::WhisperModel&>(sm);
        auto kv = m.crossKv(*ec);
        if (!kv) return kv.error();
        std::vector<speech::DecoderCache> c(3);
        for (auto& x : c) {
            auto n = m.newCache();
            if (!n) return n.error();
            x = std::move(n.value());
        }
        std::vector<float> all;
        std::vector<speech::DecoderCache*> two{&c[0], &c[1]};
        const std::vector<std::vector<int32_t>> first{std::vector<int32_t>(prompt.begin(), prompt.begin() + 3),
                                                      std::vector<int32_t>(prompt.begin(), prompt.begin() + 9)};
        auto l0 = m.step(*kv, two, first, {5});  // the last row of each, then row 5 (the second's third)
        if (!l0) return l0.error();
        all.insert(all.end(), l0->begin(), l0->end());
        if (auto r = m.copyCache(c[1], c[2]); !r) return r.error();
        std::vector<speech::DecoderCache*> three{&c[0], &c[1], &c[2]};
        for (size_t i = 0; i < 3; ++i) {
            const std::vector<std::vector<int32_t>> t{{prompt[10 + i]}, {prompt[14 + i]}, {prompt[18 + i]}};
            auto l = m.step(*kv, three, t);
            if (!l) return l.error();
            all.insert(all.end(), l->begin(), l->end());
        }
        return all;
    };
    auto sc = steps(**cpu), sg = steps(**gpu);
    if (!sc || !sg) return fail(!sc ? sc.error().message : sg.error().message);
    Compare ws;
    int wsame = 0;
    const size_t stepRows = sc->size() / V;
    for (size_t r = 0; r < stepRows; ++r) {
        const Compare c =
            compare(std::span<const float>(*sc).subspan(r * V, V), std::span<const float>(*sg).subspan(r * V, V));
        ws.relErr = std::max(ws.relErr, c.relErr);
        ws.topOk = ws.topOk && c.topOk;
        wsame += c.topSame;
    }
    ws.topSame = wsame == int(stepRows);
    report(name + ": batched steps at lengths 3 and 9 with a mid-step row, then a copied cache continued (" +
               std::to_string(stepRows) + " rows)",
           ws);

    SpeechDecodeOptions d;
    d.language = ids.languages.empty() ? -1 : ids.languages.front().id;
    d.maxTokens = 32;
    auto wc = (*cpu)->decodeWindow(*ec, d), wg = (*gpu)->decodeWindow(*ec, d);
    if (!wc || !wg) return fail(!wc ? wc.error().message : wg.error().message);
    size_t agree = 0;
    while (agree < wc->tokens.size() && agree < wg->tokens.size() && wc->tokens[agree] == wg->tokens[agree]) ++agree;
    std::printf("PASS %s: a greedy window on the GPU (%zu tokens; the first %zu as the CPU's of %zu)\n", name.c_str(),
                wg->tokens.size(), agree, wc->tokens.size());
    SpeechOptions o;
    o.language = ids.languages.empty() ? "" : ids.languages.front().code;
    o.beamSize = 5;
    o.maxTokensPerWindow = 24;
    const auto t0 = std::chrono::steady_clock::now();
    auto tg = (*gpu)->transcribe(pcm, o);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!tg) return fail("beam-search transcription: " + tg.error().message);
    std::printf("PASS %s: beam-search (5) transcription of 30 s on the GPU, %d window(s), %zu segment(s), %.0f ms\n",
                name.c_str(), tg->windows, tg->segments.size(), ms);

    if (!refusedFolder.empty()) {
        auto small = open(refusedFolder);
        if (!small) return fail(small.error().message);
        auto refused = loadCudaSpeechAccelerator(**small);
        const bool ok = !refused && refused.error().message.find("head dim") != std::string::npos;
        std::printf("%s %s refused: %s\n", ok ? "PASS" : "FAIL", refusedFolder.c_str(),
                    refused ? "it loaded" : refused.error().message.c_str());
        if (!ok) ++failures;
    }
}

ModelConfig config(Architecture arch, int dim, int heads, int kvHeads, int headDim, int hidden, int layers, int vocab) {
    ModelConfig c = test::tinyConfig(arch);
    c.dim = dim;
    c.heads = heads;
    c.kvHeads = kvHeads;
    c.headDim = headDim;
    c.hiddenDim = hidden;
    c.layers = layers;
    c.vocabSize = vocab;
    c.contextLength = 8192;
    return c;
}

}  // namespace

// Decode passes as CUDA graphs against the same passes as plain launches and against the
// CPU: two GPU copies of one model (graphs on, graphs off) and CPU sessions take the same
// 40 batched decode steps of three agents forked from a 480-token context (prompts of 5,
// 7 and 9 tokens; pages of 32 positions, block tables rounded to 16 pages). The batch is
// three agents (shape captured at step 1), two for steps 20-29 (another shape, captured
// at step 21), then three again. Before step 22 a 1,000-token prefill of a new sequence
// grows the integer buffer the graphs point into: both graphs must be dropped, and the
// two-agent shape captured again at once (seen twice before). At step 25 an agent's
// next position passes 512, so the block table widens to 32 pages (new shapes, seen at
// steps 25 and 30 first: 36 of the 40 steps replay a graph).
// Then two one-token prefills (Session::decode) of agent 0, the second replayed as a
// graph. Graph and plain results must agree (bit for bit expected: the same kernels with
// the same shapes and cuBLASLt's reproducible results), both within the tolerance of the
// CPU.
void checkGraphs() {
    const std::string name = "CUDA graphs for decode";
    const ModelConfig cfg = config(Architecture::Qwen3, 512, 8, 2, 128, 1536, 2, 4096);
    auto model = randomModel(cfg, DType::F32);
    if (!model) std::exit(1);
    cuda::CudaLlamaOptions opt;
    opt.maxBatchTokens = 1024;
    opt.maxContext = 4096;
    opt.maxPages = 512;
    auto on = cuda::CudaLlama::load(**model, opt);
    opt.graphs = false;
    auto off = cuda::CudaLlama::load(**model, opt);
    if (!on || !off) {
        std::printf("FAIL %s: %s\n", name.c_str(), (!on ? on : off).error().message.c_str());
        ++failures;
        return;
    }
    cuda::CudaLlama* gpus[2] = {on->get(), off->get()};
    cuda::CudaLlama& graphed = *gpus[0];
    const int V = cfg.vocabSize;
    std::vector<float> logits[2] = {std::vector<float>(size_t(V) * 3), std::vector<float>(size_t(V) * 3)};
    auto fail = [&](const std::string& what, const Error& e) {
        std::printf("FAIL %s: %s: %s\n", name.c_str(), what.c_str(), e.message.c_str());
        ++failures;
    };
    auto expect = [&](bool ok, const std::string& what) {
        std::printf("%s %s: %s\n", ok ? "PASS" : "FAIL", name.c_str(), what.c_str());
        if (!ok) ++failures;
    };

    const auto context = randomTokens(480, V, 41);
    Session ctx = (*model)->newSession();
    if (!ctx.prefill(context)) std::exit(1);
    std::vector<Session> agents;
    std::vector<int> ids[2];
    for (int a = 0; a < 3; ++a) {
        agents.push_back(ctx.fork());
        const auto prompt = randomTokens(5 + 2 * a, V, 140 + uint32_t(a));
        if (!agents.back().prefill(prompt)) std::exit(1);
    }
    for (int g = 0; g < 2; ++g) {
        const int c = gpus[g]->newSequence();
        if (auto r = gpus[g]->prefill(c, context, nullptr); !r) return fail("context", r.error());
        for (int a = 0; a < 3; ++a) {
            const int id = gpus[g]->fork(c).value();
            ids[g].push_back(id);
            if (auto r = gpus[g]->prefill(id, randomTokens(5 + 2 * a, V, 140 + uint32_t(a)), nullptr); !r)
                return fail("agent prompt", r.error());
        }
    }
    Compare worst;
    double graphVsPlain = 0;
    int rowsCompared = 0;
    auto compareRows = [&](int n, std::span<Session* const> cpu) {
        for (int a = 0; a < n; ++a) {
            const std::span<const float> gr(logits[0].data() + size_t(a) * V, size_t(V));
            const std::span<const float> pl(logits[1].data() + size_t(a) * V, size_t(V));
            for (int i = 0; i < V; ++i)
                graphVsPlain = std::max(graphVsPlain, double(std::abs(gr[size_t(i)] - pl[size_t(i)])));
            const Compare c = compare(cpu[size_t(a)]->logits(), gr);
            worst.relErr = std::max(worst.relErr, c.relErr);
            worst.topOk = worst.topOk && c.topOk;
            worst.topSame = worst.topSame && c.topSame;
            ++rowsCompared;
        }
    };
    int graphsBeforeGrowth = -1, graphsAfterGrowth = -1, most = 0;
    for (int step = 0; step < 40; ++step) {
        const int n = step >= 20 && step < 30 ? 2 : 3;
        if (step == 22) {
            graphsBeforeGrowth = graphed.graphCount();
            for (cuda::CudaLlama* g : gpus) {
                const int s = g->newSequence();
                if (auto r = g->prefill(s, randomTokens(1000, V, 77), nullptr); !r)
                    return fail("long prefill", r.error());
                g->release(s);
            }
        }
        std::vector<int32_t> next;
        std::vector<Session*> cpu;
        for (int a = 0; a < n; ++a) {
            next.push_back(argmax(agents[size_t(a)].logits()));
            cpu.push_back(&agents[size_t(a)]);
        }
        if (!Session::decodeBatch(cpu, next)) std::exit(1);
        for (int g = 0; g < 2; ++g) {
            const std::vector<int> seqs(ids[g].begin(), ids[g].begin() + n);
            if (auto r = gpus[g]->decode(seqs, next, logits[g].data()); !r)
                return fail(std::string(g ? "plain" : "graph") + " decode step " + std::to_string(step), r.error());
        }
        if (step == 22) graphsAfterGrowth = graphed.graphCount();
        most = std::max(most, graphed.graphCount());
        compareRows(n, cpu);
    }
    const uint64_t decodeLaunches = graphed.graphLaunches();
    // Session::decode: one token, the decode path, every step the same shape.
    for (int k = 0; k < 2; ++k) {
        const std::vector<int32_t> one{argmax(agents[0].logits())};
        if (!agents[0].prefill(one)) std::exit(1);
        for (int g = 0; g < 2; ++g)
            if (auto r = gpus[g]->prefill(ids[g][0], one, logits[g].data()); !r)
                return fail("one-token prefill", r.error());
        Session* cpu0 = &agents[0];
        compareRows(1, std::span<Session* const>(&cpu0, 1));
    }
    const std::string& note = graphed.graphNote();
    expect(graphed.graphs() && note.empty(), note.empty() ? "no capture refused" : "graphs went off: " + note);
    // Plain passes at steps 0, 20, 25 and 30, the first sightings of their shapes (36
    // replays; a workspace grown on a GPU with other split counts may cost a capture).
    expect(decodeLaunches >= 34, std::to_string(decodeLaunches) + " of 40 decode steps replayed a graph");
    expect(graphed.graphLaunches() == decodeLaunches + 1, "the second one-token prefill replayed a graph");
    expect(graphsBeforeGrowth == 2 && graphsAfterGrowth == 1,
           "growing the integer buffer dropped the graphs (" + std::to_string(graphsBeforeGrowth) + " before, " +
               std::to_string(graphsAfterGrowth) + " right after, one captured again)");
    const bool same = graphVsPlain <= 1e-6;
    std::printf("%s %s: graph and plain launches agree over %d rows of logits (max |diff| %.3g%s), up to %d graphs\n",
                same ? "PASS" : "FAIL", name.c_str(), rowsCompared, graphVsPlain,
                graphVsPlain == 0 ? ", bit for bit" : "", most);
    if (!same) ++failures;
    report(
        name + ": 40 decode steps (batch 3, 2, 3; buffers grown at step 22) and 2 one-token prefills against the CPU",
        worst);
}

int main(int argc, char** argv) {
    bool quick = false, whisperOnly = false;
    std::string whisper, whisperRefused;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            quick = true;
        } else if (a == "--whisper" && i + 1 < argc) {
            whisper = argv[++i];
        } else if (a == "--whisper-only") {
            whisperOnly = true;
        } else if (a == "--whisper-refused" && i + 1 < argc) {
            whisperRefused = argv[++i];
        } else {
            std::printf(
                "usage: motor_cuda_model_check [--quick] [--whisper HF_FOLDER [--whisper-refused FOLDER] "
                "[--whisper-only]]\n");
            return 2;
        }
    }
    auto devs = cuda::devices();
    if (!devs) {
        std::printf("SKIP: %s\n", devs.error().message.c_str());
        return 77;
    }
    std::printf("device: %s\n", cuda::describe(devs->front()).c_str());
    if (whisperOnly && !whisper.empty()) {
        checkWhisper(whisper, whisperRefused);
        std::printf("%s: %d failure(s)\n", failures ? "FAILED" : "ALL PASSED", failures);
        return failures ? 1 : 0;
    }
    checkModel("Qwen3-shaped (qk-norm, GQA 4, head dim 128), F32",
               config(Architecture::Qwen3, 512, 8, 2, 128, 1536, 3, 4096), DType::F32, 300, 128);
    checkModel("Llama-shaped (interleaved RoPE, head dim 64), Q8_0",
               config(Architecture::Llama, 512, 8, 8, 64, 1408, 3, 4096), DType::Q8_0, 100, 2048);
    checkModel("Qwen2-shaped (qkv bias, tied embeddings, GQA 2), F16",
               config(Architecture::Qwen2, 512, 8, 4, 64, 1408, 2, 4096), DType::F16, 70, 2048);
    checkModel("Llama-shaped, Q8_0 read in place (GEMV up to 32 rows, else decoded for the GEMM)",
               config(Architecture::Llama, 512, 8, 8, 64, 1408, 3, 4096), DType::Q8_0, 100, 2048,
               cuda::GpuWeights::InPlace);
    checkModel("Qwen3-shaped, Q4_K read in place", config(Architecture::Qwen3, 512, 8, 2, 128, 1536, 3, 4096),
               DType::Q4_K, 300, 128, cuda::GpuWeights::InPlace);
    checkModel("Qwen2-shaped, Q4_0 (motor models convert --type q4_0) read in place",
               config(Architecture::Qwen2, 512, 8, 4, 64, 1408, 2, 4096), DType::Q4_0, 70, 2048,
               cuda::GpuWeights::InPlace);
    checkModel("Qwen2-shaped (GQA 6 as Qwen2.5-1.5B's 12 heads over 2, head dim 128), F32",
               config(Architecture::Qwen2, 768, 6, 1, 128, 1536, 2, 4096), DType::F32, 90, 2048);
    checkFailedAppend();
    checkGraphs();
    checkVision(quick ? 1 : 8);
    checkEngineApi();
    if (!whisper.empty()) checkWhisper(whisper, whisperRefused);
    if (!quick)
        checkModel("InternVL3.5-1B decoder shape (Qwen3-0.6B: 28 layers, 1024 wide, 16/8 heads of 128), F32",
                   config(Architecture::Qwen3, 1024, 16, 8, 128, 3072, 28, 151936), DType::F32, 2500, 1024);
    std::printf("%s: %d failure(s)\n", failures ? "FAILED" : "ALL PASSED", failures);
    return failures ? 1 : 0;
}
