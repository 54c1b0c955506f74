#pragma once
// What a failed chat-completions request means, decided from the status, the body and
// the transport error, as llama.cpp's server, llama-cpp-python's server and vLLM really
// answer (docs/SERVERS.md lists their messages). The class decides what the client does:
// retry later, ask with fewer requests in flight, give the clip up, or stop using the
// server.
#include <QByteArray>
#include <QString>

namespace motor::agents {

enum class FailureKind {
    // The server cannot be reached or vanished mid-request (refused, reset, closed,
    // 502/504 from a proxy): retried, and counted by the circuit breaker.
    Unreachable,
    // No reply within the request timeout: retried, counted by the circuit breaker.
    Timeout,
    // Alive but busy or briefly failing (408, 429, 503, an unexplained 500): retried
    // with backoff (429/503 honour Retry-After), a few times per request.
    Busy,
    // The requests in flight together overran a context they share (llama.cpp's
    // unified KV cache: HTTP 500 "Context size has been exceeded."): asked again with
    // fewer in flight.
    SharedContextFull,
    // This request alone is longer than the server's context (400 from every server):
    // deterministic, the clip fails at once.
    ContextTooLong,
    // The server takes no images (llama.cpp without --mmproj, a text-only model on
    // vLLM): the server cannot serve a run that sends frames.
    ImagesUnsupported,
    // The server rejects the response_format style (400, or FastAPI's 422): asked again
    // in the next SchemaStyle.
    SchemaUnsupported,
    // The server failed to parse its own output (llama.cpp's chat parser, HTTP 500
    // "Failed to parse ..."): deterministic at temperature 0, the clip fails at once.
    OutputParser,
    // The server does not serve the model name (404, model_not_found).
    ModelNotFound,
    // 401/403: the key is missing or wrong.
    Unauthorized,
    // 501 and the like: the server does not do chat completions.
    NotSupported,
    // Any other 4xx: this request is wrong; the clip fails at once.
    BadRequest,
};

struct ServerFailure {
    FailureKind kind = FailureKind::Busy;
    int httpStatus = 0;     // 0: no HTTP reply
    QString message;        // the server's own words (or the transport error's)
    int retryAfterMs = -1;  // from a Retry-After header; -1: none
    int promptTokens = 0;   // when the server said how long the request was
    int contextTokens = 0;  // and how long its context is

    // Retried after a delay (Unreachable, Timeout, Busy).
    bool transient() const;
    // The server, not the request, is at fault and will stay so for this run.
    bool serverUnusable() const;
    // "HTTP 500: image input is not supported" / "connection refused".
    QString describe() const;
};

// The server's message from an error body: OpenAI's {"error": {"message"}}, vLLM's
// older top-level {"message"}, llama-cpp-python's FastAPI {"detail"}, or the text.
QString serverMessage(const QByteArray& body);

// The two ways out for a run that sends frames to a server that takes none.
QString noImagesAdvice();

// httpStatus 0 means no HTTP reply: transportError is then Qt's error text, and
// timedOut says whether the request's timeout ran out.
ServerFailure classifyFailure(int httpStatus, const QByteArray& body, const QByteArray& retryAfter,
                              const QString& transportError = {}, bool timedOut = false);

}  // namespace motor::agents
