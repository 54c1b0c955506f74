// The openai backend against servers as they really answer: failure classes from the
// bodies llama.cpp's server, llama-cpp-python and vLLM send; the probe before a run
// (models, context, slots, pictures); requests in flight sized to a shared context; the
// circuit breaker; several servers. The double is tests/core/support/ChatServer.h; the
// real server is in tests/integration/openai_server_tests.cpp.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>

#include "agents_fixture.h"
#include "core/agents/OpenAiModel.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/openai/ServerFailure.h"
#include "core/support/ChatServer.h"

using namespace motor;
using namespace motor::agents;
using test::ChatServer;
using test::completion;
using test::Reply;

namespace {

// What a frame source hands the run: grey pictures of the asked size.
FrameSource greyFrames() {
    return [](const QString&, int64_t, int64_t, int count, int size) -> Result<QVector<media::RgbFrame>> {
        QVector<media::RgbFrame> frames;
        for (int i = 0; i < count; ++i) {
            media::RgbFrame f;
            f.width = f.height = size;
            f.rgb.assign(size_t(size) * size * 3, uint8_t(100));
            frames.push_back(f);
        }
        return frames;
    };
}

QByteArray errorBody(int code, const QString& message, const QString& type) {
    return QJsonDocument(QJsonObject{{"error", QJsonObject{{"code", code}, {"message", message}, {"type", type}}}})
        .toJson(QJsonDocument::Compact);
}

struct AgentsOpenAiServers : ::testing::Test {
    bool appReady = (test::ensureCoreApp(), true);
    QTemporaryDir dir;

    std::unique_ptr<OpenAiModel> model(const QList<QUrl>& urls, std::function<void(OpenAiOptions&)> tweak = {}) {
        OpenAiOptions o;
        o.urls = urls;
        o.model = QStringLiteral("test-model");
        o.timeoutMs = 5000;
        o.backoffMs = 10;
        o.probeTimeoutMs = 3000;
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

    // `count` sessions whose prompt is about `bytes` long (a byte is a token on the
    // double, as on a byte-level vocabulary), asked together.
    std::vector<Result<LmOutput>> askMany(OpenAiModel& m, int count, int bytes) {
        std::vector<std::unique_ptr<LmSession>> owned;
        std::vector<LmSession*> sessions;
        std::vector<LmRequest> requests;
        for (int i = 0; i < count; ++i) {
            owned.push_back(std::move(m.newSession({}).value()));
            EXPECT_TRUE(
                owned.back()->prefill(LmContent{LmRole::System, QString(bytes, QLatin1Char('x')), {}}, nullptr).ok());
            sessions.push_back(owned.back().get());
            requests.push_back(behaviorRequest());
        }
        return m.generateBatch(sessions, requests, nullptr);
    }
};

// A llama.cpp server with one KV cache shared by its slots: it fails a request with
// HTTP 500 "Context size has been exceeded." when those in flight overrun it.
struct SharedContextServer {
    ChatServer server;
    int contextTokens = 4096;
    int inFlightTokens = 0;
    int overflows = 0;
    SharedContextServer() {
        server.handler = [this](const QJsonObject& req, const QByteArray&, int) {
            const int tokens =
                int(QJsonDocument(req.value("messages").toArray()).toJson(QJsonDocument::Compact).size());
            if (inFlightTokens + tokens > contextTokens) {
                ++overflows;
                return Reply{500, errorBody(500, "Context size has been exceeded.", "server_error")};
            }
            inFlightTokens += tokens;
            QTimer::singleShot(150, &server, [this, tokens] { inFlightTokens -= tokens; });
            return Reply{200, completion(QStringLiteral("{\"label\": \"Mixed\", \"rationale\": \"r\"}"), tokens, 20),
                         150};
        };
    }
};

}  // namespace

TEST(ServerFailures, ClassifiedFromWhatRealServersAnswer) {
    auto kind = [](int status, const QByteArray& body) { return classifyFailure(status, body, {}).kind; };
    // llama.cpp's server (tools/server): its error object {code, message, type}.
    EXPECT_EQ(
        kind(500,
             errorBody(500,
                       "image input is not supported - hint: if this is unexpected, you may need to provide the mmproj",
                       "server_error")),
        FailureKind::ImagesUnsupported);
    EXPECT_EQ(kind(500, errorBody(500, "Context size has been exceeded.", "server_error")),
              FailureKind::SharedContextFull);
    const QByteArray tooLong =
        R"({"error":{"code":400,"message":"request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}})";
    const ServerFailure f = classifyFailure(400, tooLong, {});
    EXPECT_EQ(f.kind, FailureKind::ContextTooLong);
    EXPECT_EQ(f.promptTokens, 5000);
    EXPECT_EQ(f.contextTokens, 4096);
    EXPECT_EQ(kind(500, errorBody(500, "Failed to parse input at pos 17: <tool_call>", "server_error")),
              FailureKind::OutputParser);
    EXPECT_EQ(kind(500, errorBody(500, "The model produced output that does not match the expected peg-native format",
                                  "server_error")),
              FailureKind::OutputParser);
    EXPECT_EQ(kind(503, errorBody(503, "Loading model", "unavailable_error")), FailureKind::Busy);
    EXPECT_EQ(kind(401, errorBody(401, "Invalid API Key", "authentication_error")), FailureKind::Unauthorized);
    EXPECT_EQ(kind(501, errorBody(501, "This server does not support completions.", "not_supported_error")),
              FailureKind::NotSupported);
    // llama-cpp-python's server: OpenAI's shape with a code string; FastAPI's detail list.
    const ServerFailure py = classifyFailure(
        400,
        R"({"error":{"message":"This model's maximum context length is 2048 tokens. However, you requested 2600 tokens (2088 in the messages, 512 in the completion). Please reduce the length of the messages or completion.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}})",
        {});
    EXPECT_EQ(py.kind, FailureKind::ContextTooLong);
    EXPECT_EQ(py.contextTokens, 2048);
    EXPECT_EQ(py.promptTokens, 2600);
    const ServerFailure validation = classifyFailure(
        422, R"({"detail":[{"loc":["body","messages"],"msg":"field required","type":"value_error.missing"}]})", {});
    EXPECT_EQ(validation.kind, FailureKind::BadRequest);
    EXPECT_EQ(validation.message, "field required");
    // vLLM: {object: "error", message, type, code} (older) or the OpenAI shape.
    EXPECT_EQ(
        kind(
            400,
            R"({"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5012 tokens (4500 in the messages, 512 in the completion).","type":"BadRequestError","param":null,"code":400})"),
        FailureKind::ContextTooLong);
    EXPECT_EQ(
        kind(
            404,
            R"({"object":"error","message":"The model `internvl` does not exist.","type":"NotFoundError","param":null,"code":404})"),
        FailureKind::ModelNotFound);
    EXPECT_EQ(
        kind(
            400,
            R"({"error":{"message":"Qwen3ForCausalLM is not a multimodal model","type":"BadRequestError","code":400}})"),
        FailureKind::ImagesUnsupported);
    EXPECT_EQ(
        kind(
            400,
            R"({"error":{"message":"At most 4 image(s) may be provided in one prompt.","type":"BadRequestError","code":400}})"),
        FailureKind::ImagesUnsupported);
    // Transport and gateways; Retry-After in seconds.
    EXPECT_EQ(classifyFailure(0, {}, {}, "Connection refused").kind, FailureKind::Unreachable);
    EXPECT_EQ(classifyFailure(0, {}, {}, "no reply", true).kind, FailureKind::Timeout);
    EXPECT_EQ(kind(502, "Bad Gateway"), FailureKind::Unreachable);
    EXPECT_EQ(kind(504, "Gateway Timeout"), FailureKind::Unreachable);
    const ServerFailure limited = classifyFailure(429, errorBody(429, "rate limited", "rate_limit_error"), "2");
    EXPECT_EQ(limited.kind, FailureKind::Busy);
    EXPECT_EQ(limited.retryAfterMs, 2000);
    EXPECT_EQ(kind(500, errorBody(500, "CUDA out of memory", "server_error")), FailureKind::Busy);
    EXPECT_EQ(kind(400, errorBody(400, "response_format json_schema is not supported", "invalid_request_error")),
              FailureKind::SchemaUnsupported);
    EXPECT_EQ(kind(400, errorBody(400, "temperature must be positive", "invalid_request_error")),
              FailureKind::BadRequest);
    // llama-cpp-python takes response_format "text" or "json_object" only: FastAPI's 422
    // names the field only in "loc".
    const ServerFailure style = classifyFailure(
        422,
        R"({"detail":[{"type":"literal_error","loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'","input":"json_schema"}]})",
        {});
    EXPECT_EQ(style.kind, FailureKind::SchemaUnsupported);
    EXPECT_EQ(style.message, "Input should be 'text' or 'json_object'");
}

TEST_F(AgentsOpenAiServers, DeterministicFailuresFailAtOnceAndSayWhich) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{500, errorBody(500, "Failed to parse input at pos 3: {\"lab", "server_error")};
    };
    auto m = model({server.url()});
    auto r = askMany(*m, 1, 10);
    ASSERT_FALSE(r[0].ok());
    EXPECT_TRUE(r[0].error().message.contains("could not parse its own reply")) << qPrintable(r[0].error().message);
    EXPECT_FALSE(isFatal(r[0].error()));
    EXPECT_EQ(server.requests.size(), 1);  // not retried

    ChatServer small;
    small.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{
            400,
            R"({"error":{"code":400,"message":"request (5000 tokens) exceeds the available context size (4096 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}})"};
    };
    auto m2 = model({small.url()});
    auto r2 = askMany(*m2, 1, 10);
    ASSERT_FALSE(r2[0].ok());
    EXPECT_TRUE(
        r2[0].error().message.contains("longer than the server's context (5000 tokens asked, the context holds 4096)"))
        << qPrintable(r2[0].error().message);
    EXPECT_EQ(small.requests.size(), 1);
}

TEST_F(AgentsOpenAiServers, RetryAfterIsHonoured) {
    ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int n) {
        if (n == 1) return Reply{429, errorBody(429, "slow down", "rate_limit_error"), 0, false, "1"};
        return Reply{200, completion("{\"label\": \"Mixed\", \"rationale\": \"r\"}")};
    };
    auto m = model({server.url()});
    QElapsedTimer t;
    t.start();
    auto r = askMany(*m, 1, 10);
    ASSERT_TRUE(r[0].ok()) << qPrintable(r[0].error().message);
    EXPECT_GE(t.elapsed(), 900);  // the server's second, not the 10 ms backoff
}

// llama.cpp without --mmproj: the probe's picture is refused, the same words without it
// are answered; the run stops before any clip with both ways out, and stores nothing.
TEST_F(AgentsOpenAiServers, AServerWithoutImagesStopsTheRunAtOnce) {
    ChatServer server;
    server.handler = [](const QJsonObject& req, const QByteArray&, int) {
        if (test::hasImage(req))
            return Reply{
                500,
                errorBody(
                    500,
                    "image input is not supported - hint: if this is unexpected, you may need to provide the mmproj",
                    "server_error")};
        return test::labelReply(req);
    };
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 4);
    auto m = model({server.url()});
    RunOptions o;
    o.frames = greyFrames();
    auto r = runPrediction(*project, *m, o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(isFatal(r.error()));
    const QString msg = r.error().message;
    EXPECT_TRUE(msg.contains("takes no images")) << qPrintable(msg);
    EXPECT_TRUE(msg.contains("image input is not supported")) << qPrintable(msg);
    EXPECT_TRUE(msg.contains("--mmproj")) << qPrintable(msg);
    EXPECT_TRUE(msg.contains("--mode text-only")) << qPrintable(msg);
    EXPECT_EQ(server.requests.size(), 2);  // the probe with a picture, then without
    EXPECT_TRUE(server.agentRequests().isEmpty());
    for (const Annotator& a : project->annotators().value()) EXPECT_NE(a.kind, AnnotatorKind::Model);

    // Text-only needs no pictures: the same server labels every clip.
    o.mode = PredictorMode::TextOnly;
    auto text = runPrediction(*project, *model({server.url()}), o);
    ASSERT_TRUE(text.ok()) << qPrintable(text.error().message);
    EXPECT_EQ(text->progress.done, 4);
}

// llama-cpp-python without a clip model answers a picture it cannot see (it renders
// list contents as nothing): the picture cost no prompt tokens, so the run stops.
TEST_F(AgentsOpenAiServers, AServerThatIgnoresThePictureStopsTheRunToo) {
    ChatServer server;
    server.handler = [](const QJsonObject& req, const QByteArray&, int) {
        if (test::isProbe(req)) return Reply{200, completion("ok", test::hasImage(req) ? 9 : 17, 1)};
        return test::labelReply(req);
    };
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 2);
    RunOptions o;
    o.frames = greyFrames();
    auto r = runPrediction(*project, *model({server.url()}), o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(isFatal(r.error()));
    EXPECT_TRUE(r.error().message.contains("ignored the picture: 9 prompt tokens with it, 17 without"))
        << qPrintable(r.error().message);
    EXPECT_TRUE(r.error().message.contains("--mode text-only")) << qPrintable(r.error().message);
    EXPECT_TRUE(server.agentRequests().isEmpty());

    // llama-cpp-python whose chat template concatenates the content as a string: its own
    // 500 for the picture, an answer without it.
    ChatServer templated;
    templated.handler = [](const QJsonObject& req, const QByteArray&, int) {
        if (test::hasImage(req))
            return Reply{
                500,
                R"({"error":{"message":"can only concatenate str (not \"list\") to str","type":"internal_server_error"}})"};
        return test::isProbe(req) ? Reply{200, completion("ok")} : test::labelReply(req);
    };
    auto project3 = test::makeAgentsProject(dir.filePath("p3.motor"), 2);
    auto r3 = runPrediction(*project3, *model({templated.url()}), o);
    ASSERT_FALSE(r3.ok());
    EXPECT_TRUE(isFatal(r3.error()));
    EXPECT_TRUE(r3.error().message.contains("takes no images (HTTP 500: can only concatenate str"))
        << qPrintable(r3.error().message);
    EXPECT_TRUE(templated.agentRequests().isEmpty());

    // A server that sees it: the picture costs tokens, and the run goes on.
    ChatServer seeing;
    seeing.handler = [](const QJsonObject& req, const QByteArray&, int) {
        if (test::isProbe(req)) return Reply{200, completion("ok", test::hasImage(req) ? 273 : 17, 1)};
        return test::labelReply(req);
    };
    auto project2 = test::makeAgentsProject(dir.filePath("p2.motor"), 2);
    auto r2 = runPrediction(*project2, *model({seeing.url()}), o);
    ASSERT_TRUE(r2.ok()) << qPrintable(r2.error().message);
    EXPECT_EQ(r2->progress.done, 2);
}

// llama-cpp-python rejects json_schema (422) but constrains to a schema given as
// {"type": "json_object", "schema": ...}: the replies stay constrained.
TEST_F(AgentsOpenAiServers, ResponseFormatFallsBackToLlamaCppPythonsSpelling) {
    ChatServer server;
    server.handler = [](const QJsonObject& req, const QByteArray&, int) {
        const QJsonObject rf = req.value("response_format").toObject();
        if (rf.value("type").toString() == "json_schema")
            return Reply{
                422,
                R"({"detail":[{"type":"literal_error","loc":["body","response_format","type"],"msg":"Input should be 'text' or 'json_object'","input":"json_schema"}]})"};
        EXPECT_EQ(rf.value("type").toString(), "json_object");
        EXPECT_EQ(rf.value("schema")
                      .toObject()
                      .value("properties")
                      .toObject()
                      .value("label")
                      .toObject()
                      .value("enum")
                      .toArray()
                      .size(),
                  3);
        return Reply{200, completion("{\"label\": \"Mixed\", \"rationale\": \"r\"}")};
    };
    auto m = model({server.url()});
    auto r = askMany(*m, 3, 10);
    for (const auto& one : r) {
        ASSERT_TRUE(one.ok()) << qPrintable(one.error().message);
        EXPECT_TRUE(one->constrained);
    }
    EXPECT_EQ(m->schemaStyle(), SchemaStyle::JsonObject);
    // The three first requests went out together and were refused together: the style
    // moved on once, not to "none".
    EXPECT_LE(server.requests.size(), 6);
}

// llama.cpp says it in /props: no request is needed to know.
TEST_F(AgentsOpenAiServers, PropsSayingNoVisionNeedsNoRequest) {
    ChatServer server;
    server.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    server.gets["/props"] = Reply{
        200,
        R"({"default_generation_settings":{"n_ctx":4096},"total_slots":4,"modalities":{"vision":false,"audio":false}})"};
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 2);
    RunOptions o;
    o.frames = greyFrames();
    auto r = runPrediction(*project, *model({server.url()}), o);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("modalities.vision is false")) << qPrintable(r.error().message);
    EXPECT_TRUE(server.requests.isEmpty());
}

TEST_F(AgentsOpenAiServers, AModelTheServerDoesNotServeIsNamedWithWhatItServes) {
    ChatServer server;
    server.gets["/v1/models"] = Reply{
        200,
        R"({"object":"list","data":[{"id":"OpenGVLab/InternVL3_5-8B","object":"model","owned_by":"vllm","max_model_len":16384}]})"};
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return Reply{
            404,
            R"({"object":"error","message":"The model `test-model` does not exist.","type":"NotFoundError","param":null,"code":404})"};
    };
    auto m = model({server.url()});
    auto st = m->prepare(RunNeeds{false}, nullptr);
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(isFatal(st.error()));
    EXPECT_TRUE(st.error().message.contains("does not serve the model 'test-model'")) << qPrintable(st.error().message);
    EXPECT_TRUE(st.error().message.contains("it serves: OpenGVLab/InternVL3_5-8B")) << qPrintable(st.error().message);
}

TEST_F(AgentsOpenAiServers, TheProbeLearnsContextAndSlotsWhereTheServerSaysThem) {
    ChatServer vllm;
    vllm.gets["/v1/models"] = Reply{
        200,
        R"({"object":"list","data":[{"id":"test-model","object":"model","owned_by":"vllm","max_model_len":16384}]})"};
    vllm.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    ChatServer llama;
    llama.gets["/v1/models"] = Reply{
        200,
        R"({"object":"list","data":[{"id":"m.gguf","object":"model","owned_by":"llamacpp","meta":{"n_ctx":4096,"n_ctx_train":40960}}]})"};
    llama.gets["/props"] =
        Reply{200, R"({"default_generation_settings":{"n_ctx":4096},"total_slots":4,"modalities":{"vision":true}})"};
    llama.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    auto m = model({vllm.url(), llama.url()});
    ASSERT_TRUE(m->prepare(RunNeeds{true}, nullptr).ok());
    const ServerInfo& v = m->servers()[0].info;
    EXPECT_EQ(v.software, "vllm");
    EXPECT_EQ(v.contextTokens, 16384);
    EXPECT_FALSE(v.contextShared);  // vLLM schedules its cache itself
    EXPECT_EQ(v.images, ImageSupport::Yes);
    const ServerInfo& l = m->servers()[1].info;
    EXPECT_EQ(l.software, "llama.cpp");
    EXPECT_EQ(l.contextTokens, 4096);
    EXPECT_TRUE(l.contextShared);
    EXPECT_EQ(l.slotCount, 4);
    EXPECT_EQ(l.images, ImageSupport::Yes);
    const QJsonArray servers = m->preparedInfo().value("servers").toArray();
    ASSERT_EQ(servers.size(), 2);
    EXPECT_EQ(servers[1].toObject().value("context_tokens").toInt(), 4096);
    EXPECT_EQ(m->capabilities().preferredBatch, 8);
}

// The issue's case: 4,096 tokens shared by 4 slots, requests of ~1,400 tokens. Sized to
// the context from the start, none overflows.
TEST_F(AgentsOpenAiServers, RequestsInFlightAreSizedToASharedContext) {
    SharedContextServer llama;
    llama.server.gets["/props"] = Reply{200, R"({"default_generation_settings":{"n_ctx":4096},"total_slots":4})"};
    auto m = model({llama.server.url()});
    ASSERT_TRUE(m->prepare(RunNeeds{false}, nullptr).ok());
    const auto out = askMany(*m, 8, 1400);
    for (const auto& r : out) EXPECT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_EQ(llama.overflows, 0);
    EXPECT_LE(llama.server.maxInFlight, 2);
    EXPECT_GE(llama.server.maxInFlight, 1);
}

// A server that did not say its context: the overflow lowers the requests in flight
// instead of failing clips.
TEST_F(AgentsOpenAiServers, ContextExceededLowersConcurrencyInsteadOfFailingClips) {
    SharedContextServer llama;
    auto m = model({llama.server.url()}, [](OpenAiOptions& o) { o.concurrency = 4; });
    const auto out = askMany(*m, 10, 1400);
    for (const auto& r : out) EXPECT_TRUE(r.ok()) << qPrintable(r.error().message);
    EXPECT_GT(llama.overflows, 0);
    EXPECT_GT(m->servers()[0].ceiling, 0);
    EXPECT_LE(m->servers()[0].ceiling, 3);
}

// The server dies mid-run: after a few failed attempts the run stops, keeping what it
// finished, fails no clip, and resumes on a server that is back (at another address).
TEST_F(AgentsOpenAiServers, ACircuitBreakerStopsTheRunWhenTheServerDiesAndTheRunResumes) {
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 6);
    auto dying = std::make_unique<ChatServer>();
    ChatServer* d = dying.get();
    dying->handler = [d](const QJsonObject& req, const QByteArray&, int) {
        // The probe, then 2 clips x 3 agents; the next request finds the server gone.
        if (d->agentRequests().size() > 6) {
            d->stopListening();
            return Reply{200, {}, 0, true};
        }
        return test::labelReply(req);
    };
    RunOptions o;
    o.runName = QStringLiteral("dies");
    o.batchSize = 1;
    QElapsedTimer t;
    t.start();
    auto first = runPrediction(*project, *model({dying->url()}), o);
    ASSERT_TRUE(first.ok()) << qPrintable(first.error().message);
    EXPECT_LT(t.elapsed(), 30000);
    EXPECT_TRUE(first->stopped);
    EXPECT_TRUE(first->stopReason.contains("unreachable")) << qPrintable(first->stopReason);
    EXPECT_EQ(first->progress.done, 2);
    EXPECT_EQ(first->progress.failed, 0) << qPrintable(first->errors.join("\n"));
    const auto ann = project->annotatorByName(QStringLiteral("dies")).value();
    ASSERT_TRUE(ann.has_value());
    EXPECT_EQ(ann->provenance.value("status").toString(), "stopped");

    ChatServer back;
    back.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    auto second = runPrediction(*project, *model({back.url()}), o);
    ASSERT_TRUE(second.ok()) << qPrintable(second.error().message);
    EXPECT_EQ(second->progress.skipped, 2);
    EXPECT_EQ(second->progress.done, 4);
    EXPECT_EQ(project->finishedRunClips(ann->id).value().size(), 6);
}

// SIGTERM'd llama-server: it stops accepting connections but holds the open ones. The
// liveness check notices within seconds instead of the request timeout.
TEST_F(AgentsOpenAiServers, AServerThatHoldsItsConnectionsIsNoticed) {
    ChatServer server;
    server.handler = [&server](const QJsonObject&, const QByteArray&, int) {
        server.stopListening();
        return Reply{200, {}, 60000, false};
    };
    auto m = model({server.url()}, [](OpenAiOptions& o) {
        o.timeoutMs = 60000;
        o.healthIntervalMs = 200;
    });
    QElapsedTimer t;
    t.start();
    auto r = askMany(*m, 2, 10);
    EXPECT_LT(t.elapsed(), 20000);
    for (const auto& x : r) {
        ASSERT_FALSE(x.ok());
        EXPECT_TRUE(isFatal(x.error())) << qPrintable(x.error().message);
        EXPECT_TRUE(x.error().message.contains("unreachable")) << qPrintable(x.error().message);
    }
}

// Two servers share a run's clips; each clip's run item names the server that labelled
// it (all three agents on one server, where its prefix is cached).
TEST_F(AgentsOpenAiServers, SeveralServersShareTheClipsAndTheRunRecordsWhichLabelledWhich) {
    ChatServer a, b;
    a.handler = [](const QJsonObject& req, const QByteArray&, int) {
        return Reply{200, test::labelReply(req).body, 30};
    };
    b.handler = a.handler;
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 8);
    RunOptions o;
    o.frames = greyFrames();
    auto m = model({a.url(), b.url()}, [](OpenAiOptions& x) { x.concurrency = 2; });
    auto s = runPrediction(*project, *m, o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.done, 8) << qPrintable(s->errors.join("\n"));
    EXPECT_FALSE(a.agentRequests().isEmpty());
    EXPECT_FALSE(b.agentRequests().isEmpty());
    EXPECT_EQ(a.agentRequests().size() + b.agentRequests().size(), 24);
    QMap<QString, int> perServer;
    for (const Clip& c : project->clips().value()) {
        const auto detail = project->runItemDetail(s->annotatorId, c.id).value();
        ASSERT_TRUE(detail.has_value());
        const QString server = detail->value("server").toString();
        EXPECT_TRUE(server == a.url().toString() || server == b.url().toString()) << qPrintable(server);
        ++perServer[server];
        for (const QString& dim : {QStringLiteral("behavior"), QStringLiteral("cognition"), QStringLiteral("emotion")})
            EXPECT_EQ(detail->value("labels").toObject().value(dim).toObject().value("server").toString(), server);
    }
    EXPECT_EQ(perServer.size(), 2);
    const auto ann = project->annotatorByName(s->runName).value();
    const QJsonArray servers = ann->provenance.value("sessions").toArray().last().toObject().value("servers").toArray();
    EXPECT_EQ(servers.size(), 2);
}

// One server of two is down from the start: the other carries the run alone, and the
// provenance says why the first did nothing.
TEST_F(AgentsOpenAiServers, ADeadServerIsLeftOutAndTheOthersCarryTheRun) {
    auto dead = std::make_unique<ChatServer>();
    const QUrl deadUrl = dead->url();
    dead.reset();  // nothing listens there now
    ChatServer alive;
    alive.handler = [](const QJsonObject& req, const QByteArray&, int) { return test::labelReply(req); };
    auto project = test::makeAgentsProject(dir.filePath("p.motor"), 3);
    RunOptions o;
    auto s = runPrediction(*project, *model({deadUrl, alive.url()}), o);
    ASSERT_TRUE(s.ok()) << qPrintable(s.error().message);
    EXPECT_EQ(s->progress.done, 3);
    const auto ann = project->annotatorByName(s->runName).value();
    const QJsonArray servers = ann->provenance.value("sessions").toArray().last().toObject().value("servers").toArray();
    ASSERT_EQ(servers.size(), 2);
    EXPECT_TRUE(servers[0].toObject().value("down").toString().contains("cannot be reached"))
        << qPrintable(QJsonDocument(servers).toJson());
    EXPECT_FALSE(servers[1].toObject().contains("down"));
}

TEST_F(AgentsOpenAiServers, RemoteFramesAreConfirmedForEveryRemoteHost) {
    OpenAiOptions o;
    o.urls = {QUrl("http://127.0.0.1:8000/v1"), QUrl("http://192.0.2.10:8000/v1"), QUrl("http://gpu.example.org:8000")};
    o.model = "m";
    QStringList asked;
    o.confirmRemoteFrames = [&](const QString& host) {
        asked << host;
        return host != QLatin1String("gpu.example.org");
    };
    auto m = OpenAiModel::create(o);
    ASSERT_TRUE(m.ok());
    EXPECT_FALSE(m.value()->isLoopback());
    auto st = m.value()->permitImages();
    ASSERT_FALSE(st.ok());
    EXPECT_TRUE(st.error().message.contains("gpu.example.org"));
    EXPECT_EQ(asked, (QStringList{"192.0.2.10", "gpu.example.org"}));
    EXPECT_EQ(m.value()->servers()[2].chat.toString(), "http://gpu.example.org:8000/v1/chat/completions");
    o.urls = {QUrl("http://127.0.0.1:8000/v1"), QUrl("http://127.0.0.1:8000/v1/")};
    EXPECT_FALSE(OpenAiModel::create(o).ok());  // the same server twice
}
