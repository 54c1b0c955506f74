// The OpenAI-compatible backend against a chat-completions server on 127.0.0.1 that
// follows the published request/response format and misbehaves on demand
// (tests/core/support/ChatServer.h). Failure classes, the probe, the circuit breaker and
// several servers: agents_openai_servers_tests.cpp.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <functional>

#include "agents_fixture.h"
#include "core/agents/OpenAiModel.h"
#include "core/agents/PredictionRun.h"
#include "core/support/ChatServer.h"

using namespace motor;
using namespace motor::agents;

namespace {

using test::ChatServer;
using test::completion;
using test::firstAllowedLabel;
using test::Reply;

struct AgentsOpenAi : ::testing::Test {
    // The application object must exist before the server's socket is made.
    bool appReady = (test::ensureCoreApp(), true);
    ChatServer server;

    std::unique_ptr<OpenAiModel> model(std::function<void(OpenAiOptions&)> tweak = {}) {
        OpenAiOptions o;
        o.urls = {server.url()};
        o.model = QStringLiteral("test-model");
        o.timeoutMs = 3000;
        o.backoffMs = 10;
        if (tweak) tweak(o);
        auto m = OpenAiModel::create(o);
        EXPECT_TRUE(m.ok()) << qPrintable(m.error().message);
        return std::move(m.value());
    }

    static LmRequest behaviorRequest() {
        LmRequest r;
        r.instruction.text = QStringLiteral("label it");
        r.constraint.fields.push_back({QStringLiteral("behavior"), {"Monitoring", "Controlling", "Mixed"}});
        return r;
    }

    Result<LmOutput> ask(OpenAiModel& m, const CancelFlag* cancel = nullptr) {
        auto s = m.newSession({});
        EXPECT_TRUE(s.ok());
        EXPECT_TRUE(s.value()->prefill(LmContent{LmRole::System, "sys", {}}, nullptr).ok());
        return s.value()->generate(behaviorRequest(), cancel);
    }
};

}  // namespace

TEST_F(AgentsOpenAi, FullRunWithFramesAsJpegDataUrls) {
    qputenv("MOTOR_OPENAI_API_KEY", "sk-test-secret");
    server.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    QTemporaryDir dir;
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 3);
    auto m = model();
    RunOptions o;
    o.frames = [](const QString&, int64_t, int64_t, int count, int size) -> Result<QVector<media::RgbFrame>> {
        QVector<media::RgbFrame> frames;
        for (int i = 0; i < count; ++i) {
            media::RgbFrame f;
            f.width = f.height = size;
            f.rgb.assign(size_t(size) * size * 3, uint8_t(30 * i));
            frames.push_back(f);
        }
        return frames;
    };
    auto s = runPrediction(*project, *m, o);
    qunsetenv("MOTOR_OPENAI_API_KEY");
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.done, 3) << qPrintable(s->errors.join("\n"));
    EXPECT_TRUE(s->framesUsed);
    // The probe's one-token request with a picture, then 3 clips x 3 agents.
    ASSERT_EQ(server.requests.size(), 10);
    EXPECT_TRUE(test::isProbe(server.requests[0]));
    EXPECT_TRUE(test::hasImage(server.requests[0]));
    EXPECT_TRUE(server.getPaths.contains("/v1/models")) << qPrintable(server.getPaths.join(","));
    EXPECT_TRUE(server.headers[1].contains("Authorization: Bearer sk-test-secret"));
    const QJsonObject first = server.requests[1];
    EXPECT_EQ(first.value("model").toString(), "test-model");
    const QJsonArray messages = first.value("messages").toArray();
    ASSERT_EQ(messages.size(), 3);  // system, context (frames + transcript), agent
    EXPECT_EQ(messages[0].toObject().value("role").toString(), "system");
    const QJsonArray parts = messages[1].toObject().value("content").toArray();
    ASSERT_EQ(parts.size(), 9);
    const QString url = parts[0].toObject().value("image_url").toObject().value("url").toString();
    EXPECT_TRUE(url.startsWith("data:image/jpeg;base64,/9j/")) << qPrintable(url.left(40));
    EXPECT_EQ(parts[8].toObject().value("type").toString(), "text");
    EXPECT_EQ(first.value("response_format").toObject().value("type").toString(), "json_schema");
    const auto ann = project->annotatorByName(s->runName).value();
    const QByteArray prov = QJsonDocument(ann->provenance).toJson();
    EXPECT_FALSE(prov.contains("sk-test-secret"));
    EXPECT_EQ(ann->provenance.value("model").toObject().value("name").toString(), "test-model");
    EXPECT_TRUE(ann->provenance.value("frames_used").toBool());
}

TEST_F(AgentsOpenAi, ServerErrorsAreRetriedWithBackoff) {
    server.handler = [](const QJsonObject&, const QByteArray&, int n) {
        if (n <= 2) return Reply{n == 1 ? 503 : 429, R"({"error":{"message":"overloaded"}})", 0, false};
        return Reply{200, completion("{\"label\": \"Mixed\", \"rationale\": \"r\"}"), 0, false};
    };
    auto m = model();
    auto r = ask(*m);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->fields.value("behavior").label, "Mixed");
    EXPECT_EQ(r->attempts, 3);
    EXPECT_EQ(server.requests.size(), 3);
}

TEST_F(AgentsOpenAi, PersistentServerErrorGivesUpWithTheServerMessage) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{500, R"({"error":{"message":"CUDA out of memory"}})", 0, false};
    };
    auto m = model([](OpenAiOptions& o) { o.maxRetries = 2; });
    auto r = ask(*m);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("HTTP 500: CUDA out of memory")) << qPrintable(r.error().message);
    EXPECT_TRUE(r.error().message.contains("gave up after 2 retries"));
    EXPECT_EQ(server.requests.size(), 3);
}

TEST_F(AgentsOpenAi, ClientErrorsFailAtOnce) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{401, R"({"error":{"message":"Invalid API key"}})", 0, false};
    };
    auto m = model();
    auto r = ask(*m);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("HTTP 401: Invalid API key")) << qPrintable(r.error().message);
    EXPECT_EQ(server.requests.size(), 1);
}

TEST_F(AgentsOpenAi, TimeoutsAreRetriedThenReported) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, completion("{}"), 5000, false};
    };
    auto m = model([](OpenAiOptions& o) {
        o.timeoutMs = 300;
        o.maxRetries = 1;
    });
    QElapsedTimer t;
    t.start();
    auto r = ask(*m);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("no reply within 300 ms")) << qPrintable(r.error().message);
    EXPECT_EQ(server.requests.size(), 2);
    EXPECT_LT(t.elapsed(), 3000);
}

TEST_F(AgentsOpenAi, SlowButTimelyRepliesAndHangUpsRecover) {
    server.handler = [](const QJsonObject&, const QByteArray&, int n) {
        if (n == 1) return Reply{200, {}, 0, true};
        return Reply{200, completion("{\"label\": \"Monitoring\", \"rationale\": \"slow\"}"), 400, false};
    };
    auto m = model();
    auto r = ask(*m);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->rationale, "slow");
}

TEST_F(AgentsOpenAi, MalformedRepliesAndForeignLabelsAreReasked) {
    server.handler = [](const QJsonObject&, const QByteArray&, int n) {
        if (n == 1) return Reply{200, "{not json", 0, false};
        if (n == 2) return Reply{200, completion("{\"label\": \"Happy\", \"rationale\": \"x\"}"), 0, false};
        return Reply{200, completion("```json\n{\"label\": \"controlling\", \"rationale\": \"fixed\"}\n```"), 0, false};
    };
    auto m = model([](OpenAiOptions& o) { o.parseRetries = 2; });
    auto r = ask(*m);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(r->fields.value("behavior").label, "Controlling");
    EXPECT_EQ(r->attempts, 3);
    // The re-ask tells the model what was wrong.
    const QJsonArray msgs = server.requests[2].value("messages").toArray();
    EXPECT_TRUE(msgs.last().toObject().value("content").toString().contains("\"Happy\" is not one of"));
}

TEST_F(AgentsOpenAi, LabelsOutsideTheCodebookNeverPass) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, completion("{\"label\": \"Curious\", \"rationale\": \"x\"}"), 0, false};
    };
    auto m = model([](OpenAiOptions& o) { o.parseRetries = 1; });
    auto r = ask(*m);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("\"Curious\" is not one of Monitoring, Controlling, Mixed"))
        << qPrintable(r.error().message);
    EXPECT_EQ(server.requests.size(), 2);
}

TEST_F(AgentsOpenAi, ServerWithoutJsonSchemaFallsBackToStrictParsing) {
    server.handler = [](const QJsonObject& req, const QByteArray&, int) {
        if (req.contains("response_format"))
            return Reply{400, R"({"error":{"message":"response_format json_schema is not supported"}})", 0, false};
        return Reply{200, completion("{\"label\": \"Mixed\", \"rationale\": \"plain\"}"), 0, false};
    };
    auto m = model();
    auto r = ask(*m);
    ASSERT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_FALSE(r->constrained);
    EXPECT_FALSE(m->schemaSupported());
    // json_schema, then llama-cpp-python's json_object with a schema, then none.
    ASSERT_EQ(server.requests.size(), 3);
    EXPECT_EQ(server.requests[1].value("response_format").toObject().value("type").toString(), "json_object");
    EXPECT_FALSE(server.requests[2].contains("response_format"));
}

TEST_F(AgentsOpenAi, ConcurrencyIsLimited) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, completion("{\"label\": \"Mixed\", \"rationale\": \"c\"}"), 150, false};
    };
    auto m = model([](OpenAiOptions& o) { o.concurrency = 3; });
    std::vector<std::unique_ptr<LmSession>> owned;
    std::vector<LmSession*> sessions;
    std::vector<LmRequest> requests;
    for (int i = 0; i < 7; ++i) {
        owned.push_back(std::move(m->newSession({}).value()));
        sessions.push_back(owned.back().get());
        requests.push_back(behaviorRequest());
    }
    auto out = m->generateBatch(sessions, requests, nullptr);
    ASSERT_EQ(out.size(), 7u);
    for (const auto& r : out) EXPECT_TRUE(r.ok());
    EXPECT_EQ(server.maxInFlight, 3);
}

TEST_F(AgentsOpenAi, CancelAbortsWithinASecond) {
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{200, completion("{}"), 10000, false};
    };
    auto m = model([](OpenAiOptions& o) { o.timeoutMs = 20000; });
    CancelFlag cancel;
    QTimer::singleShot(200, [&] { cancel.cancel(); });
    QElapsedTimer t;
    t.start();
    auto r = ask(*m, &cancel);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "cancelled");
    EXPECT_LT(t.elapsed(), 1200);
}

TEST_F(AgentsOpenAi, RemoteFramesNeedConfirmation) {
    OpenAiOptions o;
    o.urls = {QUrl("http://192.0.2.10:8000/v1")};
    o.model = "m";
    auto refused = OpenAiModel::create(o);
    ASSERT_TRUE(refused.ok());
    EXPECT_FALSE(refused.value()->isLoopback());
    auto st = refused.value()->permitImages();
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(st.error().message.contains("--allow-remote-frames"));
    QString askedFor;
    o.confirmRemoteFrames = [&](const QString& host) {
        askedFor = host;
        return true;
    };
    auto allowed = OpenAiModel::create(o);
    EXPECT_TRUE(allowed.value()->permitImages().ok());
    EXPECT_EQ(askedFor, "192.0.2.10");
    EXPECT_EQ(allowed.value()->endpoint().toString(), "http://192.0.2.10:8000/v1/chat/completions");
    EXPECT_TRUE(model()->isLoopback());
    EXPECT_FALSE(OpenAiModel::create(OpenAiOptions{}).ok());
}
