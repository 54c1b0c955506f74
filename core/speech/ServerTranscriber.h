#pragma once
// A recording's audio through an OpenAI-compatible /v1/audio/transcriptions endpoint
// (vLLM, whisper.cpp's server, speaches, hosted APIs): one multipart/form-data POST of a
// 16 kHz mono WAV with response_format=verbose_json, whose `segments` carry the times.
// The request goes through the same HTTP client as chat completions (timeouts, retries
// of a busy or unreachable server, the API key from MOTOR_OPENAI_API_KEY).
#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QVector>
#include <optional>

#include "core/agents/LanguageModel.h"
#include "core/agents/openai/HttpCall.h"
#include "core/util/Result.h"

namespace motor::speech {

struct ServerTranscriptionOptions {
    QUrl url;                                     // the server ("http://host:8000", ".../v1" or the endpoint)
    QString model = QStringLiteral("whisper-1");  // the name the server serves the model under
    QString apiKey;                               // empty: MOTOR_OPENAI_API_KEY
    QString language;                             // ISO code; empty: the server detects it
    int timeoutMs = 600000;                       // the server transcribes the whole file before it answers
    int retries = 2;                              // after no connection, a timeout, 429/503, an unexplained 500
    int backoffMs = 1000;
};

struct ServerSegment {
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString text;
    std::optional<double> noSpeechProb;  // when the server says
    std::optional<double> avgLogprob;
};

struct ServerTranscript {
    QString language;  // as the server names it, made an ISO code for English and Finnish
    double durationSeconds = 0;
    QVector<ServerSegment> segments;
};

// The transcriptions endpoint of a server URL as typed.
QUrl transcriptionEndpoint(const QUrl& url);

// A verbose_json reply; errors start with `where` (the endpoint).
Result<ServerTranscript> parseVerboseJson(const QByteArray& body, const QString& where);

// Posts the WAV file and reads the segments; errors name the endpoint and the HTTP
// status or the transport error. `uploaded` hears the request's bytes as they are sent
// (a long recording is tens of megabytes).
Result<ServerTranscript> transcribeOnServer(const ServerTranscriptionOptions& options, const QByteArray& wav,
                                            const agents::CancelFlag* cancel,
                                            const agents::UploadProgress& uploaded = {});

}  // namespace motor::speech
