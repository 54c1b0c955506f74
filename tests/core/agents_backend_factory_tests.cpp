// One backend factory for the CLI and the GUI: a spec in, the model and its provenance
// parameters out; the run name the GUI suggests is the one the run then gets.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "agents_fixture.h"
#include "core/agents/BackendFactory.h"
#include "core/agents/OpenAiModel.h"
#include "core/agents/PredictionRun.h"
#include "motor/gpu/model_writer.h"

using namespace motor;
using namespace motor::agents;

TEST(BackendFactory, BuildsEveryBackendWithItsParametersAndSuggestsItsRunName) {
    QTemporaryDir dir;
    auto project = test::makeAgentsProject(dir.filePath(QStringLiteral("p.motor")), 3);
    const int64_t expert = project->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human).value();
    for (const Clip& c : project->clips().value())
        ASSERT_TRUE(
            project->setLabel({c.id, expert, QStringLiteral("behavior"), QStringLiteral("Mixed"), {}, {}, std::nan("")})
                .ok());
    const QString model = dir.filePath(QStringLiteral("tiny.gguf"));
    gpu::RandomModelSpec spec;
    spec.config = gpu::makeRandomModelConfig(gpu::Architecture::Qwen3, 64, 1, 4, 2, 128, 400);
    ASSERT_TRUE(gpu::writeRandomModelGguf(spec, model.toStdString()).ok());

    BackendSpec majority;
    majority.kind = BackendKind::MajorityBaseline;
    majority.referenceExpert = QStringLiteral("Anna");
    BackendSpec cues;
    cues.kind = BackendKind::CueBaseline;
    BackendSpec local;
    local.kind = BackendKind::Local;
    local.modelPath = model;
    local.threads = 2;
    local.batch = 3;
    BackendSpec server;
    server.kind = BackendKind::OpenAi;
    server.urls = {QStringLiteral("http://127.0.0.1:9/v1")};
    server.modelName = QStringLiteral("internvl");
    server.timeoutS = 7;
    server.retries = 1;
    for (const BackendSpec& s : {majority, cues, local, server}) {
        for (PredictorMode mode : {PredictorMode::MotorMas, PredictorMode::TextOnly}) {
            auto b = makeBackend(*project, s);
            ASSERT_TRUE(b.ok()) << qPrintable(b.error().message);
            EXPECT_EQ(b->model->backendName(), backendKindName(s.kind));
            EXPECT_EQ(suggestedRunName(s, mode), defaultRunName(*b->model, mode));
        }
    }
    auto l = makeBackend(*project, local);
    EXPECT_EQ(l->parameters.value(QStringLiteral("threads")).toInt(), 2);
    EXPECT_EQ(l->parameters.value(QStringLiteral("batch")).toInt(), 3);
    EXPECT_EQ(l->model->capabilities().preferredBatch, 3);
    auto o = makeBackend(*project, server);
    EXPECT_EQ(o->parameters.value(QStringLiteral("timeout_ms")).toInt(), 7000);
    EXPECT_EQ(o->parameters.value(QStringLiteral("retries")).toInt(), 1);

    // Several servers, typed with commas, spaces or new lines; each once.
    EXPECT_EQ(splitServerUrls(QStringLiteral(" http://a:1/v1, http://b:2/v1\nhttp://c:3 ")),
              (QStringList{"http://a:1/v1", "http://b:2/v1", "http://c:3"}));
    BackendSpec several = server;
    several.urls = splitServerUrls(QStringLiteral("http://127.0.0.1:9/v1,http://127.0.0.1:10"));
    auto s2 = makeBackend(*project, several);
    ASSERT_TRUE(s2.ok()) << qPrintable(s2.error().message);
    const auto* servers = dynamic_cast<const OpenAiModel*>(s2->model.get());
    ASSERT_NE(servers, nullptr);
    ASSERT_EQ(servers->servers().size(), 2u);
    EXPECT_EQ(servers->servers()[1].chat.toString(), "http://127.0.0.1:10/v1/chat/completions");
    several.urls << QStringLiteral("http://127.0.0.1:9/v1/");
    auto twice = makeBackend(*project, several);
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().message.contains("--url http://127.0.0.1:9/v1 is given twice"))
        << qPrintable(twice.error().message);

    // Bad settings are errors that say what is wrong.
    BackendSpec noExpert = majority;
    noExpert.referenceExpert = QStringLiteral("Nobody");
    EXPECT_FALSE(makeBackend(*project, noExpert).ok());
    BackendSpec missing = local;
    missing.modelPath = dir.filePath(QStringLiteral("missing.gguf"));
    auto m = makeBackend(*project, missing);
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(m.error().message.contains(QStringLiteral("missing.gguf"))) << qPrintable(m.error().message);
}
