// Model::attachAccelerator: a model's sessions and vision tower run on whatever
// Accelerator is attached (the CUDA plugin on a GPU machine). The accelerator here
// runs a second model on the CPU backend, loaded with other weights, so a session that
// silently stayed on the first model's CPU path gives the wrong logits and fails; the
// CUDA plugin itself is checked against the CPU on a GPU (gpu/tools/gpu-check.sh).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>

#include "motor/gpu/cuda_plugin.h"
#include "motor/gpu/engine.h"
#include "support/cpu_backed_accelerator.h"
#include "support/internvl_fixtures.h"
#include "support/test_models.h"

namespace motor::gpu::test {
namespace {

bool bitEqual(std::span<const float> a, std::span<const float> b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// The committed random InternVL (tests/data/internvl/original), on the CPU backend.
std::unique_ptr<Model> loadInternVL() {
    auto w = openModel(internvlData("original"));
    EXPECT_TRUE(w.ok()) << w.error().message;
    auto m = Model::load(std::move(w.value()));
    EXPECT_TRUE(m.ok()) << m.error().message;
    return std::move(m.value());
}

TEST(Accelerator, SessionsForksAndBatchesRunOnIt) {
    const ModelConfig cfg = tinyConfig(Architecture::Qwen3);
    auto front = loadRandomModel({cfg, DType::F32, DType::F32, 1});
    auto backing = loadRandomModel({cfg, DType::F32, DType::F32, 2});  // other weights
    auto reference = loadRandomModel({cfg, DType::F32, DType::F32, 2});
    CpuBackedAccelerator::Counts counts;
    EXPECT_NE(front->device().find("cpu ("), std::string::npos) << front->device();
    ASSERT_TRUE(front->attachAccelerator(std::make_unique<CpuBackedAccelerator>(*backing, counts)).ok());
    EXPECT_TRUE(front->accelerated());
    EXPECT_EQ(front->device(), "test: the CPU backend of another model");

    const auto prefix = randomTokens(19, cfg.vocabSize, 5);
    const std::vector<int32_t> next{3, 9, 27};
    Session parent = front->newSession();
    EXPECT_TRUE(parent.onAccelerator());
    ASSERT_TRUE(parent.prefill(prefix).ok());
    EXPECT_EQ(parent.position(), int(prefix.size()));
    EXPECT_EQ(parent.pageCount(), 0);  // no CPU pages
    std::vector<Session> agents;
    for (int i = 0; i < 3; ++i) agents.push_back(parent.fork());
    std::vector<Session*> batch;
    for (Session& a : agents) batch.push_back(&a);
    ASSERT_TRUE(Session::decodeBatch(batch, next).ok());
    EXPECT_EQ(counts.decodeCalls, 1);
    EXPECT_EQ(counts.lastDecodeBatch, 3u);

    // The same work on the backing weights' own CPU sessions, bit for bit.
    Session ref = reference->newSession();
    ASSERT_TRUE(ref.prefill(prefix).ok());
    EXPECT_TRUE(bitEqual(parent.logits(), ref.logits()));
    for (size_t i = 0; i < agents.size(); ++i) {
        Session r = ref.fork();
        ASSERT_TRUE(r.decode(next[i]).ok());
        EXPECT_TRUE(bitEqual(agents[i].logits(), r.logits())) << "agent " << i;
        EXPECT_EQ(agents[i].position(), int(prefix.size()) + 1);
    }
    // The front model's own weights would have given other logits.
    auto own = loadRandomModel({cfg, DType::F32, DType::F32, 1});
    Session o = own->newSession();
    ASSERT_TRUE(o.prefill(prefix).ok());
    EXPECT_FALSE(bitEqual(parent.logits(), o.logits()));
}

TEST(Accelerator, SequencesAreReleasedWithTheirLastSession) {
    const ModelConfig cfg = tinyConfig(Architecture::Llama);
    auto front = loadRandomModel({cfg, DType::F32, DType::F32, 3});
    auto backing = loadRandomModel({cfg, DType::F32, DType::F32, 3});
    CpuBackedAccelerator::Counts counts;
    ASSERT_TRUE(front->attachAccelerator(std::make_unique<CpuBackedAccelerator>(*backing, counts)).ok());
    {
        Session a = front->newSession();
        ASSERT_TRUE(a.prefill(randomTokens(7, cfg.vocabSize, 1)).ok());
        Session b = a.fork();
        EXPECT_EQ(counts.live, 2);
        Session moved = std::move(b);  // a move hands the sequence over, it does not copy it
        EXPECT_EQ(counts.live, 2);
        std::vector<Session> many;
        for (int i = 0; i < 5; ++i) many.push_back(moved.fork());
        EXPECT_EQ(counts.live, 7);
        many.clear();
        EXPECT_EQ(counts.live, 2);
    }
    EXPECT_EQ(counts.live, 0);
    EXPECT_EQ(counts.released, counts.created);
}

TEST(Accelerator, RulesAndErrors) {
    const ModelConfig cfg = tinyConfig(Architecture::Qwen2);
    auto front = loadRandomModel({cfg, DType::F32, DType::F32, 4});
    auto backing = loadRandomModel({cfg, DType::F32, DType::F32, 4});
    CpuBackedAccelerator::Counts counts;
    {
        auto late = loadRandomModel({cfg, DType::F32, DType::F32, 4});
        Session cpu = late->newSession();
        auto r = late->attachAccelerator(std::make_unique<CpuBackedAccelerator>(*backing, counts));
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find("already has sessions"), std::string::npos) << r.error().message;
        EXPECT_FALSE(late->accelerated());
        EXPECT_FALSE(late->attachAccelerator(nullptr).ok());
    }
    auto acc = std::make_unique<CpuBackedAccelerator>(*backing, counts);
    CpuBackedAccelerator* raw = acc.get();
    ASSERT_TRUE(front->attachAccelerator(std::move(acc)).ok());
    auto twice = front->attachAccelerator(std::make_unique<CpuBackedAccelerator>(*backing, counts));
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().message.find("already runs on test:"), std::string::npos) << twice.error().message;

    Session s = front->newSession();
    const auto tokens = randomTokens(4, cfg.vocabSize, 2);
    auto all = s.prefill(tokens, LogitsFor::All);
    ASSERT_FALSE(all.ok());
    EXPECT_NE(all.error().message.find("CPU backend only"), std::string::npos) << all.error().message;
    EXPECT_EQ(s.position(), 0);
    // The session's checks stay in front of the accelerator.
    EXPECT_FALSE(s.prefill(std::vector<int32_t>{cfg.vocabSize}).ok());
    // An accelerator's error reaches the caller; the session has not moved.
    raw->failNext = true;
    auto oom = s.prefill(tokens);
    ASSERT_FALSE(oom.ok());
    EXPECT_NE(oom.error().message.find("out of memory"), std::string::npos);
    EXPECT_EQ(s.position(), 0);
    EXPECT_TRUE(s.logits().empty());
    raw->failNext = false;
    ASSERT_TRUE(s.prefill(tokens).ok());
    EXPECT_EQ(s.position(), 4);
}

TEST(Accelerator, TheVisionTowerRunsOnItWhenItHasOne) {
    auto front = loadInternVL(), backing = loadInternVL();
    const VisionEncoder* cpuVision = front->vision();
    CpuBackedAccelerator::Counts counts;
    ASSERT_TRUE(front->attachAccelerator(std::make_unique<CpuBackedAccelerator>(*backing, counts)).ok());
    const VisionEncoder* vision = front->vision();
    ASSERT_NE(vision, nullptr);
    EXPECT_NE(vision, cpuVision);
    EXPECT_EQ(vision->tokensPerImage(), cpuVision->tokensPerImage());
    const PpmImage f0 = readPpm(internvlData("frame0.ppm")), f1 = readPpm(internvlData("frame1.ppm"));
    const RgbImage frames[] = {f0.view(), f1.view()};
    auto onAcc = vision->encode(frames);
    ASSERT_TRUE(onAcc.ok()) << onAcc.error().message;
    EXPECT_EQ(counts.pixelCalls, 1);  // both frames in one call
    auto onCpu = cpuVision->encode(frames);
    ASSERT_TRUE(onCpu.ok());
    EXPECT_TRUE(bitEqual(onAcc.value().rows, onCpu.value().rows));
    // A trace is the CPU tower's: that call stays there.
    auto pixels = preprocessFrames(vision->config(), frames);
    ASSERT_TRUE(pixels.ok());
    VisionTrace trace;
    ASSERT_TRUE(vision->encodePixels(pixels.value(), 2, &trace).ok());
    EXPECT_EQ(counts.pixelCalls, 1);
    EXPECT_FALSE(trace.towerOutput.empty());
    // Bad input is refused before the accelerator sees it.
    EXPECT_FALSE(vision->encodePixels(std::span(pixels.value()).first(100), 2).ok());
    EXPECT_FALSE(vision->encode({}).ok());
    EXPECT_EQ(counts.pixelCalls, 1);
    // Image rows enter the accelerated session as embeddings.
    Session s = front->newSession();
    const size_t rowsPerFrame = size_t(vision->tokensPerImage()) * size_t(vision->embeddingDim());
    ASSERT_TRUE(s.prefill(std::vector<int32_t>{1, 2}).ok());
    ASSERT_TRUE(s.prefillEmbeddings(std::span(onAcc.value().rows).first(rowsPerFrame)).ok());
    Session ref = backing->newSession();
    ASSERT_TRUE(ref.prefill(std::vector<int32_t>{1, 2}).ok());
    ASSERT_TRUE(ref.prefillEmbeddings(std::span(onCpu.value().rows).first(rowsPerFrame)).ok());
    EXPECT_TRUE(bitEqual(s.logits(), ref.logits()));
}

// Sets MOTOR_CUDA_PLUGIN for a scope.
struct PluginPath {
    std::string saved;
    bool had = false;
    explicit PluginPath(const char* path) {
        if (const char* old = std::getenv("MOTOR_CUDA_PLUGIN")) {
            had = true;
            saved = old;
        }
        ::setenv("MOTOR_CUDA_PLUGIN", path, 1);
    }
    ~PluginPath() {
        if (had)
            ::setenv("MOTOR_CUDA_PLUGIN", saved.c_str(), 1);
        else
            ::unsetenv("MOTOR_CUDA_PLUGIN");
    }
};

// The plugin path end to end with a plugin linked as libmotor_cuda.so is (its own
// hidden copy of the engine) that runs the model on that copy's CPU backend.
TEST(CudaPlugin, APluginLinkedLikeTheCudaOneRunsTheModelsSessionsAndVision) {
    auto front = loadInternVL(), reference = loadInternVL();
    {
        PluginPath path(MOTOR_TEST_CPU_PLUGIN);
        auto acc = loadCudaAccelerator(*front);
        ASSERT_TRUE(acc.ok()) << acc.error().message;
        EXPECT_EQ(acc.value()->describe().rfind("test plugin: ", 0), 0u) << acc.value()->describe();
        ASSERT_TRUE(front->attachAccelerator(std::move(acc.value())).ok());
    }
    EXPECT_EQ(front->device().rfind("test plugin: ", 0), 0u);
    EXPECT_EQ(front->capacityTokens(), 3 * 4096);  // a virtual added in interface 2, across the boundary
    EXPECT_EQ(reference->capacityTokens(), 0);
    const PpmImage f0 = readPpm(internvlData("frame0.ppm")), f1 = readPpm(internvlData("frame1.ppm"));
    const RgbImage frames[] = {f0.view(), f1.view()};
    auto onPlugin = front->vision()->encode(frames);
    auto onCpu = reference->vision()->encode(frames);
    ASSERT_TRUE(onPlugin.ok()) << onPlugin.error().message;
    ASSERT_TRUE(onCpu.ok());
    EXPECT_TRUE(bitEqual(onPlugin.value().rows, onCpu.value().rows));

    const std::vector<int32_t> head{5, 6, 7};
    Session p = front->newSession(), r = reference->newSession();
    EXPECT_TRUE(p.onAccelerator());
    for (Session* s : {&p, &r}) {
        ASSERT_TRUE(s->prefill(head).ok());
        ASSERT_TRUE(s->prefillEmbeddings(onCpu.value().frame(0)).ok());
    }
    EXPECT_TRUE(bitEqual(p.logits(), r.logits()));
    std::vector<Session> pa, ra;
    for (int i = 0; i < 3; ++i) {
        pa.push_back(p.fork());
        ra.push_back(r.fork());
    }
    const std::vector<int32_t> next{11, 12, 13};
    std::vector<Session*> pp, rp;
    for (size_t i = 0; i < 3; ++i) {
        pp.push_back(&pa[i]);
        rp.push_back(&ra[i]);
    }
    ASSERT_TRUE(Session::decodeBatch(pp, next).ok());
    ASSERT_TRUE(Session::decodeBatch(rp, next).ok());
    for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(bitEqual(pa[i].logits(), ra[i].logits())) << "agent " << i;
    // An error made in the plugin reaches the caller intact.
    auto bad = pa[0].prefillEmbeddings(std::vector<float>(size_t(front->config().dim) * 2, 0.0f));
    EXPECT_TRUE(bad.ok());  // two whole rows are fine
    auto tooLong = pa[1].prefill(std::vector<int32_t>(size_t(front->config().contextLength), 1));
    ASSERT_FALSE(tooLong.ok());
    EXPECT_NE(tooLong.error().message.find("context overflow"), std::string::npos) << tooLong.error().message;
    pa.clear();                   // sequences released across the library boundary
    p = reference->newSession();  // the last one too (sessions must not outlive their model)
    front.reset();                // and the accelerator, with its model, destroyed there
}

// The CUDA plugin from this build: on a machine without a GPU it loads (or is missing)
// and says why there is no accelerator; the model keeps running on the CPU.
TEST(CudaPlugin, SaysWhyThereIsNoAcceleratorAndTheModelStaysOnTheCpu) {
    auto model = loadRandomModel({tinyConfig(Architecture::Qwen3), DType::F32, DType::F32, 6});
    {
        PluginPath path("/nonexistent/libmotor_cuda.so");
        auto missing = loadCudaAccelerator(*model);
        ASSERT_FALSE(missing.ok());
        EXPECT_NE(missing.error().message.find("not installed"), std::string::npos) << missing.error().message;
        EXPECT_NE(missing.error().message.find("/nonexistent/libmotor_cuda.so"), std::string::npos);
    }
    {
        PluginPath path(MOTOR_TEST_NOT_A_PLUGIN);  // a library that is not the plugin
        auto foreign = loadCudaAccelerator(*model);
        ASSERT_FALSE(foreign.ok());
        EXPECT_NE(foreign.error().message.find("has no motor_cuda_accelerator_create"), std::string::npos)
            << foreign.error().message;
    }
    {
        PluginPath path(MOTOR_TEST_DATA "/internvl/manifest.json");  // not a library at all
        auto junk = loadCudaAccelerator(*model);
        ASSERT_FALSE(junk.ok());
        EXPECT_NE(junk.error().message.find("does not load"), std::string::npos) << junk.error().message;
    }
#if MOTOR_GPU_HAS_CUDA
    // The build's own plugin: found; without a device it refuses with CUDA's reason.
    auto real = loadCudaAccelerator(*model);
    if (real.ok()) {
        GTEST_SKIP() << "a CUDA device is present: " << real.value()->describe()
                     << " (gpu-check.sh compares it with the CPU)";
    }
    std::cout << "[ cuda ] " << real.error().message << "\n";
    EXPECT_EQ(real.error().message.rfind("cuda: ", 0), 0u) << real.error().message;
    EXPECT_EQ(real.error().message.find("not installed"), std::string::npos) << real.error().message;
#endif
    EXPECT_FALSE(model->accelerated());
    Session s = model->newSession();
    EXPECT_TRUE(s.prefill(std::vector<int32_t>{1, 2, 3}).ok());
}

}  // namespace
}  // namespace motor::gpu::test
