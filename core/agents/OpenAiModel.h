#pragma once
// Backend for any OpenAI-compatible chat-completions server (vLLM, llama.cpp server,
// Ollama, hosted APIs). A session is the message list; fork copies it (the server may
// cache the shared prefix). Frames travel as JPEG data URLs; replies are asked for as a
// JSON schema with the label enum (response_format json_schema; dropped automatically
// when the server rejects it) and always strictly parsed, with bounded re-asks.
// Transport errors, timeouts, 408/429 and 5xx are retried with exponential backoff;
// other 4xx fail at once with the server's message.
#include <QUrl>

#include <functional>

#include "core/agents/LanguageModel.h"

namespace motor::agents {

struct OpenAiOptions {
    QUrl url;            // server base ("http://127.0.0.1:8000" or ".../v1"); /v1/chat/completions is appended
    QString model;       // server model name
    QString apiKey;      // empty: the environment variable MOTOR_OPENAI_API_KEY (never stored)
    int concurrency = 4;       // requests in flight
    int timeoutMs = 120000;    // per request
    int maxRetries = 3;        // transport errors, timeouts, 408/429/5xx
    int backoffMs = 500;       // first retry delay; doubles each time
    int parseRetries = 2;      // re-asks after a malformed reply or a label outside the codebook
    bool jsonSchema = true;    // send response_format json_schema
    bool vision = true;        // the model accepts images
    double temperature = 0.0;
    int maxTokens = 512;
    int jpegQuality = 85;
    // Sending frames to a non-loopback host needs a yes from here (the CLI's
    // --allow-remote-frames, a dialog in the UI). Empty: refused.
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
    std::vector<Result<LmOutput>> generateBatch(const std::vector<LmSession*>& sessions,
                                                const std::vector<LmRequest>& requests,
                                                const CancelFlag* cancel) override;

    const OpenAiOptions& options() const { return options_; }
    QUrl endpoint() const { return endpoint_; }
    bool isLoopback() const;
    bool schemaSupported() const { return schemaSupported_; }

    // Internal use by sessions.
    Result<QJsonValue> contentJson(const LmContent& content) const;

private:
    explicit OpenAiModel(OpenAiOptions options);

    OpenAiOptions options_;
    QUrl endpoint_;
    bool imagesPermitted_ = false;
    bool schemaSupported_ = true;
};

// The response_format object for a constraint (exposed for tests).
QJsonObject responseFormatFor(const LmConstraint& constraint);

}  // namespace motor::agents
