// The local backend on a small random-weight model written with the engine's writer.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <thread>

#include "agents_fixture.h"
#include "core/agents/BackendFactory.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/local/LocalModel.h"
#include "core/metrics/ProjectMetrics.h"
#include "motor/gpu/model_writer.h"

using namespace motor;
using namespace motor::agents;

namespace {

struct AgentsLocal : ::testing::Test {
    QTemporaryDir dir;
    std::unique_ptr<Project> project = test::makeAgentsProject(dir.filePath(QStringLiteral("p.motor")), 5);
    QString modelPath = dir.filePath(QStringLiteral("tiny.gguf"));

    void SetUp() override {
        gpu::RandomModelSpec spec;
        spec.config = gpu::makeRandomModelConfig(gpu::Architecture::Qwen2, 64, 2, 4, 2, 128, 400);
        spec.seed = 7;
        auto w = gpu::writeRandomModelGguf(spec, modelPath.toStdString());
        ASSERT_TRUE(w.ok()) << w.error().message;
    }

    std::unique_ptr<LocalModel> load(int batch = 4) {
        LocalOptions o;
        o.modelPath = modelPath;
        o.threads = 2;
        o.batch = batch;
        o.extraTokens = 24;
        auto m = LocalModel::load(o);
        EXPECT_TRUE(m.ok()) << qPrintable(m.error().message);
        return std::move(m.value());
    }

    RunSummary run(LanguageModel& m, const QString& name, PrefixSharing sharing = PrefixSharing::On,
                   PredictorMode mode = PredictorMode::MotorMas) {
        RunOptions o;
        o.runName = name;
        o.prefixSharing = sharing;
        o.mode = mode;
        o.maxRationaleChars = 24;
        auto s = runPrediction(*project, m, o);
        EXPECT_TRUE(s.ok()) << qPrintable(s.ok() ? QString() : s.error().message);
        return s.ok() ? s.value() : RunSummary{};
    }

    // clip id -> dimension -> annotation
    QMap<int64_t, QMap<QString, Annotation>> labelsOf(const QString& run) {
        QMap<int64_t, QMap<QString, Annotation>> out;
        const int64_t id = project->annotatorByName(run).value()->id;
        for (const auto& a : project->annotations().value())
            if (a.annotatorId == id) out[a.clipId][a.dimension] = a;
        return out;
    }
};

}  // namespace

TEST_F(AgentsLocal, EveryClipGetsThreeCodebookLabelsWithProbabilities) {
    auto m = load();
    EXPECT_EQ(m->chat().family(), gpu::ChatFamily::ChatMl);
    EXPECT_FALSE(m->capabilities().vision);
    const RunSummary s = run(*m, QStringLiteral("local"));
    EXPECT_EQ(s.progress.done, 5) << qPrintable(s.errors.join("\n"));
    EXPECT_FALSE(s.framesUsed);
    const auto labels = labelsOf(QStringLiteral("local"));
    ASSERT_EQ(labels.size(), 5);
    for (const auto& perClip : labels) {
        ASSERT_EQ(perClip.size(), 3);
        for (const auto& a : perClip) {
            EXPECT_GE(project->codebook().dimension(a.dimension)->classIndex(a.label), 0) << qPrintable(a.label);
            EXPECT_GT(a.confidence, 0.0);
            EXPECT_LE(a.confidence, 1.0);
            EXPECT_LE(a.rationale.size(), 24);
        }
    }
    const auto ann = project->annotatorByName(QStringLiteral("local")).value();
    const QJsonObject model = ann->provenance.value("model").toObject();
    EXPECT_EQ(model.value("sha256").toString().size(), 64);
    EXPECT_EQ(model.value("architecture").toString(), "qwen2");
    EXPECT_FALSE(ann->provenance.value("frames_used").toBool());
    EXPECT_EQ(ann->provenance.value("backend").toString(), "local");
    const auto items = project->finishedRunClips(ann->id);
    EXPECT_EQ(items->size(), 5);

    // The run is evaluable like any coder: macro-F1 against an expert on every dimension.
    const int64_t expert = project->ensureAnnotator(QStringLiteral("Expert"), AnnotatorKind::Human).value();
    for (const auto& c : project->clips().value())
        for (const auto& d : project->codebook().dimensions)
            ASSERT_TRUE(project->setLabel({c.id, expert, d.name, d.classes.last().name, {}, {}, std::nan("")}).ok());
    auto labelSet = metrics::LabelSet::fromProject(*project);
    ASSERT_TRUE(labelSet.ok()) << qPrintable(labelSet.error().message);
    metrics::MetricsOptions mo;
    mo.reference = QStringLiteral("Expert");
    auto computed = metrics::computeMetrics(labelSet.value(), mo);
    ASSERT_TRUE(computed.ok()) << qPrintable(computed.error().message);
    bool found = false;
    for (const auto& row : computed->report.summary()) {
        if (row.annotator != QLatin1String("local")) continue;
        found = true;
        ASSERT_EQ(row.macroF1.size(), 3u);
        for (double f1 : row.macroF1) EXPECT_TRUE(std::isfinite(f1));
    }
    EXPECT_TRUE(found);
}

TEST_F(AgentsLocal, PrefixSharingGivesExactlyTheSameLabelsAsRecomputing) {
    auto m = load();
    run(*m, QStringLiteral("shared"), PrefixSharing::On);
    run(*m, QStringLiteral("recomputed"), PrefixSharing::Off);
    const auto a = labelsOf(QStringLiteral("shared"));
    const auto b = labelsOf(QStringLiteral("recomputed"));
    ASSERT_EQ(a.size(), 5);
    ASSERT_EQ(a.keys(), b.keys());
    for (int64_t clip : a.keys()) {
        for (const QString& d : a[clip].keys()) {
            EXPECT_EQ(a[clip][d].label, b[clip][d].label) << clip << qPrintable(d);
            EXPECT_EQ(a[clip][d].rationale, b[clip][d].rationale) << clip << qPrintable(d);
            EXPECT_DOUBLE_EQ(a[clip][d].confidence, b[clip][d].confidence) << clip << qPrintable(d);
        }
    }
}

TEST_F(AgentsLocal, BatchedClipsDecodeLikeOneAtATime) {
    auto batched = load(4);
    auto single = load(1);
    run(*batched, QStringLiteral("batch4"));
    run(*single, QStringLiteral("batch1"));
    const auto a = labelsOf(QStringLiteral("batch4"));
    const auto b = labelsOf(QStringLiteral("batch1"));
    ASSERT_EQ(a.size(), 5);
    for (int64_t clip : a.keys())
        for (const QString& d : a[clip].keys()) EXPECT_EQ(a[clip][d].label, b[clip][d].label) << clip << qPrintable(d);
}

TEST_F(AgentsLocal, SingleAgentModeLabelsEveryDimension) {
    auto m = load();
    const RunSummary s = run(*m, QStringLiteral("single"), PrefixSharing::On, PredictorMode::SingleAgent);
    EXPECT_EQ(s.progress.done, 5) << qPrintable(s.errors.join("\n"));
    for (const auto& perClip : labelsOf(QStringLiteral("single"))) EXPECT_EQ(perClip.size(), 3);
}

TEST_F(AgentsLocal, CancelStopsDecodingWithinASecond) {
    auto m = load();
    auto s = m->newSession({});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(s.value()->prefill(LmContent{LmRole::User, QStringLiteral("hei"), {}}, nullptr).ok());
    LmRequest r;
    r.instruction.text = QStringLiteral("label");
    r.constraint.fields.push_back({QStringLiteral("emotion"), {QStringLiteral("Positive"), QStringLiteral("Neutral")}});
    r.constraint.maxRationaleChars = 100000;  // would decode until the context is full
    CancelFlag cancel;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancel.cancel();
    });
    QElapsedTimer t;
    t.start();
    auto out = s.value()->generate(r, &cancel);
    const qint64 ms = t.elapsed();
    stopper.join();
    EXPECT_LT(ms, 1300);
    // Cancelled after the label was decided still yields it; otherwise "cancelled".
    if (!out.ok()) {
        EXPECT_TRUE(isCancelled(out.error())) << qPrintable(out.error().message);
    }
}

// The batch a run gets when it asks for none: 4 on the CPU; on an accelerator what its
// KV cache holds (the test plugin, linked as libmotor_cuda.so is but running its own CPU
// copy of the engine, reports three clips' worth); what was asked for, always.
TEST_F(AgentsLocal, TheDefaultBatchFollowsTheDevicesKvCache) {
#ifndef MOTOR_TEST_CPU_PLUGIN
    GTEST_SKIP() << "the engine's test plugin is not built here";
#else
    LocalOptions o;
    o.modelPath = modelPath;
    o.threads = 2;
    o.device = QStringLiteral("cpu");
    auto cpu = LocalModel::load(o);
    ASSERT_TRUE(cpu.ok()) << qPrintable(cpu.error().message);
    EXPECT_EQ(cpu.value()->capabilities().preferredBatch, 4);

    const QByteArray before = qgetenv("MOTOR_CUDA_PLUGIN");
    qputenv("MOTOR_CUDA_PLUGIN", MOTOR_TEST_CPU_PLUGIN);
    o.device = QStringLiteral("cuda");
    auto gpu = LocalModel::load(o);
    o.batch = 2;
    auto asked = LocalModel::load(o);
    qputenv("MOTOR_CUDA_PLUGIN", before);
    ASSERT_TRUE(gpu.ok()) << qPrintable(gpu.error().message);
    EXPECT_TRUE(gpu.value()->placement().onGpu);
    EXPECT_TRUE(gpu.value()->placement().device.startsWith(QStringLiteral("test plugin: ")));
    EXPECT_EQ(gpu.value()->capabilities().preferredBatch, 3);
    ASSERT_TRUE(asked.ok());
    EXPECT_EQ(asked.value()->capabilities().preferredBatch, 2);
#endif
}

TEST_F(AgentsLocal, BadModelPathAndDeviceAreClearErrors) {
    LocalOptions o;
    o.modelPath = dir.filePath("missing.gguf");
    auto m = LocalModel::load(o);
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(m.error().message.startsWith("local: "));
    o.modelPath = modelPath;
    o.device = QStringLiteral("tpu");
    EXPECT_FALSE(LocalModel::load(o).ok());
}

// --device on a machine without a GPU (this one; the GPU path itself is checked by
// gpu/tools/gpu-check.sh): cuda refuses with the engine's reason, auto runs on the CPU
// and keeps the reason for the run's provenance.
TEST_F(AgentsLocal, DeviceCudaWithoutAGpuSaysWhyAndAutoFallsBackToTheCpu) {
    LocalOptions o;
    o.modelPath = modelPath;
    o.threads = 2;
    o.device = QStringLiteral("auto");
    auto autoModel = LocalModel::load(o);
    ASSERT_TRUE(autoModel.ok()) << qPrintable(autoModel.error().message);
    if (autoModel.value()->deviceUsed() == QLatin1String("cuda"))
        GTEST_SKIP() << "a GPU is present: " << qPrintable(autoModel.value()->placement().device);
    EXPECT_EQ(autoModel.value()->deviceUsed(), QStringLiteral("cpu"));
    EXPECT_TRUE(autoModel.value()->placement().device.startsWith(QStringLiteral("cpu (")))
        << qPrintable(autoModel.value()->placement().device);
    EXPECT_TRUE(autoModel.value()->placement().fallback.startsWith(QStringLiteral("cuda: ")))
        << qPrintable(autoModel.value()->placement().fallback);

    o.device = QStringLiteral("cuda");
    auto cuda = LocalModel::load(o);
    ASSERT_FALSE(cuda.ok());
    EXPECT_TRUE(cuda.error().message.startsWith(QStringLiteral("local: device cuda: cuda: ")))
        << qPrintable(cuda.error().message);
    EXPECT_TRUE(cuda.error().message.contains(QStringLiteral("device cpu runs it on the CPU")));

    // Without the plugin the reason says so; the run's provenance and Backend::where carry it.
    qputenv("MOTOR_CUDA_PLUGIN", "/nonexistent/libmotor_cuda.so");
    BackendSpec spec;
    spec.kind = BackendKind::Local;
    spec.modelPath = modelPath;
    spec.threads = 2;
    auto b = makeBackend(*project, spec);
    qunsetenv("MOTOR_CUDA_PLUGIN");
    ASSERT_TRUE(b.ok()) << qPrintable(b.error().message);
    EXPECT_EQ(b.value().parameters.value("device").toString(), QStringLiteral("cpu"));
    EXPECT_TRUE(b.value().parameters.value("device_fallback").toString().contains(QStringLiteral("not installed")));
    EXPECT_TRUE(
        b.value().where.contains(QStringLiteral("the GPU was not used: cuda: the CUDA backend is not installed")))
        << qPrintable(b.value().where);
    o.device = QStringLiteral("cpu");
    auto cpu = LocalModel::load(o);
    ASSERT_TRUE(cpu.ok());
    EXPECT_TRUE(cpu.value()->placement().fallback.isEmpty());  // asked for the CPU: nothing to explain
}
