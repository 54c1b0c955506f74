#include "core/agents/openai/ServerFailure.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace motor::agents {

namespace {

bool containsAny(const QString& text, std::initializer_list<const char*> needles) {
    for (const char* n : needles)
        if (text.contains(QLatin1String(n))) return true;
    return false;
}

int retryAfterMs(const QByteArray& header) {
    const QByteArray v = header.trimmed();
    if (v.isEmpty()) return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    // A server asking for minutes would stall a run that has other servers or clips;
    // a minute is as long as one wait gets.
    if (ok) return int(std::clamp(seconds, 0.0, 60.0) * 1000.0);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!at.isValid()) return -1;
    return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(at), 0, 60000));
}

// llama.cpp reports both numbers as fields; the others only in words.
void contextNumbers(const QByteArray& body, const QString& message, ServerFailure* f) {
    const QJsonObject err = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    f->promptTokens = err.value(QStringLiteral("n_prompt_tokens")).toInt();
    f->contextTokens = err.value(QStringLiteral("n_ctx")).toInt();
    if (f->contextTokens > 0) return;
    static const QRegularExpression maxLen(QStringLiteral("maximum context length is (\\d+)"));
    static const QRegularExpression requested(QStringLiteral("requested (\\d+) tokens"));
    static const QRegularExpression llamaCpp(QStringLiteral("\\((\\d+) tokens\\).*context size \\((\\d+) tokens\\)"));
    if (auto m = llamaCpp.match(message); m.hasMatch()) {
        f->promptTokens = m.captured(1).toInt();
        f->contextTokens = m.captured(2).toInt();
        return;
    }
    if (auto m = maxLen.match(message); m.hasMatch()) f->contextTokens = m.captured(1).toInt();
    if (auto m = requested.match(message); m.hasMatch()) f->promptTokens = m.captured(1).toInt();
}

}  // namespace

bool ServerFailure::transient() const {
    return kind == FailureKind::Unreachable || kind == FailureKind::Timeout || kind == FailureKind::Busy;
}

bool ServerFailure::serverUnusable() const {
    return kind == FailureKind::ImagesUnsupported || kind == FailureKind::ModelNotFound ||
           kind == FailureKind::Unauthorized || kind == FailureKind::NotSupported;
}

QString ServerFailure::describe() const {
    return httpStatus > 0 ? QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(message) : message;
}

QString noImagesAdvice() {
    return QStringLiteral(
        "restart the server with its vision projector (llama-server --mmproj FILE; vLLM: a vision-language "
        "model such as InternVL3.5), or run without frames (--mode text-only)");
}

QString serverMessage(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue err = o.value(QStringLiteral("error"));
        if (err.isObject() && err.toObject().value(QStringLiteral("message")).isString())
            return err.toObject().value(QStringLiteral("message")).toString();
        if (err.isString()) return err.toString();
        if (o.value(QStringLiteral("message")).isString()) return o.value(QStringLiteral("message")).toString();
        const QJsonValue detail = o.value(QStringLiteral("detail"));
        if (detail.isString()) return detail.toString();
        if (detail.isArray()) {  // FastAPI's request validation: [{loc, msg, type}]
            QStringList parts;
            for (const QJsonValue& d : detail.toArray()) parts << d.toObject().value(QStringLiteral("msg")).toString();
            parts.removeAll(QString());
            if (!parts.isEmpty()) return parts.join(QStringLiteral("; "));
        }
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > 300) text = text.left(300) + QStringLiteral("...");
    return text.isEmpty() ? QStringLiteral("(empty body)") : text;
}

ServerFailure classifyFailure(int status, const QByteArray& body, const QByteArray& retryAfter,
                              const QString& transportError, bool timedOut) {
    ServerFailure f;
    f.httpStatus = status;
    if (status == 0) {
        f.kind = timedOut ? FailureKind::Timeout : FailureKind::Unreachable;
        f.message = transportError.isEmpty() ? QStringLiteral("no reply") : transportError;
        return f;
    }
    f.message = serverMessage(body);
    f.retryAfterMs = retryAfterMs(retryAfter);
    const QString m = f.message.toLower();
    const QString code = QJsonDocument::fromJson(body)
                             .object()
                             .value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("code"))
                             .toVariant()
                             .toString()
                             .toLower();

    // The message decides before the status: llama.cpp answers "no images" and its
    // parser failure with a plain 500, which would otherwise read as "try again".
    if (containsAny(m, {"image input is not supported", "not a multimodal model", "does not support image",
                        "does not support vision", "images are not supported", "image(s) may be provided"})) {
        f.kind = FailureKind::ImagesUnsupported;
        return f;
    }
    if (m.contains(QLatin1String("context size has been exceeded"))) {
        f.kind = FailureKind::SharedContextFull;
        return f;
    }
    if (code == QLatin1String("context_length_exceeded") ||
        containsAny(m,
                    {"maximum context length", "exceeds the available context size", "larger than the max context size",
                     "exceed context window", "context_length_exceeded", "longer than the maximum model length"})) {
        f.kind = FailureKind::ContextTooLong;
        contextNumbers(body, f.message, &f);
        return f;
    }
    // llama.cpp's chat parser: "Failed to parse input ..." (older), "The model produced
    // output that does not match the expected <format> format" (its PEG parser, 2026).
    if (status >= 500 && containsAny(m, {"failed to parse", "does not match the expected"})) {
        f.kind = FailureKind::OutputParser;
        return f;
    }
    if (code == QLatin1String("model_not_found") ||
        ((status == 404 || status == 400) && m.contains(QLatin1String("model")) &&
         containsAny(m, {"does not exist", "not found", "unknown model"}))) {
        f.kind = FailureKind::ModelNotFound;
        return f;
    }
    switch (status) {
        case 401:
        case 403:
            f.kind = FailureKind::Unauthorized;
            return f;
        case 404:
        case 405:
        case 501:
            f.kind = FailureKind::NotSupported;
            return f;
        case 408:
        case 429:
        case 503:
            f.kind = FailureKind::Busy;
            return f;
        case 502:
        case 504:
            f.kind = FailureKind::Unreachable;
            return f;
        default:
            break;
    }
    // 422: FastAPI's validation (llama-cpp-python takes only "text" and "json_object"),
    // whose message names the field only in the body's "loc".
    if ((status == 400 || status == 422) &&
        (containsAny(m, {"response_format", "json_schema", "schema"}) || body.contains("\"response_format\""))) {
        f.kind = FailureKind::SchemaUnsupported;
        return f;
    }
    // An unexplained 500 may be a passing fault (out of memory under load): retried.
    f.kind = status >= 500 ? FailureKind::Busy : FailureKind::BadRequest;
    return f;
}

}  // namespace motor::agents
