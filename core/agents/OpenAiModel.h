#pragma once
// Backend for OpenAI-compatible chat-completions servers (vLLM, llama.cpp's server,
// llama-cpp-python, Ollama, hosted APIs); one or several, sharing a run's clips. A
// session is the message list; fork copies it (the server may cache the shared
// prefix). Frames travel as JPEG data URLs; replies are asked for as a JSON schema with
// the label enum (response_format, in the SchemaStyle the server takes; none when it
// takes none) and always strictly parsed, with bounded re-asks.
//
// Before a run, prepare() probes every server (openai/ServerProbe.h): the model served,
// the context, the slots, and whether it takes pictures when frames will be sent. Then
// openai/BatchDispatcher.h runs the requests: failures handled by their class
// (openai/ServerFailure.h), requests in flight sized to each server's context, a
// circuit breaker per server, ErrorCode::Fatal when no server can go on.
#include <QList>
#include <QUrl>
#include <functional>
#include <vector>

#include "core/agents/LanguageModel.h"
#include "core/agents/openai/ServerState.h"

namespace motor::agents {

// How replies are constrained to the codebook: OpenAI's response_format json_schema
// (vLLM, llama.cpp's server, hosted APIs), llama-cpp-python's own spelling
// {"type": "json_object", "schema": ...} (its server answers json_schema with HTTP 422),
// or not at all (strict parsing and re-asks only). A server that rejects one style is
// asked again in the next.
enum class SchemaStyle { JsonSchema, JsonObject, None };

struct OpenAiOptions {
    // Server bases ("http://127.0.0.1:8000" or ".../v1"); /v1/chat/completions is
    // appended. Clips are spread over all of them.
    QList<QUrl> urls;
    QString model;           // server model name
    QString apiKey;          // empty: the environment variable MOTOR_OPENAI_API_KEY (never stored)
    int concurrency = 4;     // requests in flight per server, at most
    int timeoutMs = 120000;  // per request
    // Retries of one request after a busy server's answer (408, 429, 503, an unexplained
    // 500) or a timeout; a server failing maxRetries + 1 attempts in a row is taken out.
    int maxRetries = 3;
    int backoffMs = 500;          // first retry delay; doubles each time
    int parseRetries = 2;         // re-asks after a malformed reply or a label outside the codebook
    int healthIntervalMs = 5000;  // liveness checks of servers with requests in flight
    int probeTimeoutMs = 30000;   // each request of the probe before a run
    bool jsonSchema = true;       // send response_format (false: strict parsing only)
    bool vision = true;           // the model accepts images
    double temperature = 0.0;
    int maxTokens = 512;
    int jpegQuality = 85;
    // Sending frames to a non-loopback host needs a yes from here (the CLI's
    // --allow-remote-frames, a dialog in the UI), asked once per such host. Empty: refused.
    std::function<bool(const QString& host)> confirmRemoteFrames;
};

class OpenAiModel final : public LanguageModel {
public:
    static Result<std::unique_ptr<OpenAiModel>> create(OpenAiOptions options);

    QString backendName() const override { return QStringLiteral("openai"); }
    QJsonObject identity() const override;
    LmCapabilities capabilities() const override;
    Result<std::unique_ptr<LmSession>> newSession(const SessionInfo& info) override;
    Status permitImages() override;
    Status prepare(const RunNeeds& needs, const CancelFlag* cancel) override;
    QJsonObject preparedInfo() const override;
    std::vector<Result<LmOutput>> generateBatch(const std::vector<LmSession*>& sessions,
                                                const std::vector<LmRequest>& requests,
                                                const CancelFlag* cancel) override;

    const OpenAiOptions& options() const { return options_; }
    // The first server's chat-completions URL.
    QUrl endpoint() const { return servers_.front().chat; }
    const std::vector<ServerState>& servers() const { return servers_; }
    // Every server is on this machine.
    bool isLoopback() const;
    bool schemaSupported() const { return schemaStyle_ != SchemaStyle::None; }
    SchemaStyle schemaStyle() const { return schemaStyle_; }

    // Internal use by sessions.
    Result<QJsonValue> contentJson(const LmContent& content) const;

private:
    explicit OpenAiModel(OpenAiOptions options);

    OpenAiOptions options_;
    std::vector<ServerState> servers_;
    bool imagesPermitted_ = false;
    SchemaStyle schemaStyle_ = SchemaStyle::JsonSchema;
};

// The response_format object for a constraint in a style other than None (exposed for tests).
QJsonObject responseFormatFor(const LmConstraint& constraint, SchemaStyle style = SchemaStyle::JsonSchema);

// Whether the host is this machine (localhost or a loopback address).
bool isLoopbackHost(const QString& host);

// The local-first rule for classroom data (clip frames, a recording's audio): it goes to
// a host that is not this machine only after an explicit yes for that host (a command
// line flag, a check box in the UI). Refused, saying `what` would leave for which host
// and how to allow it, when `confirm` is empty or says no.
Status confirmRemoteHosts(const QList<QUrl>& urls, const std::function<bool(const QString& host)>& confirm,
                          const QString& what, const QString& howToAllow);

}  // namespace motor::agents
