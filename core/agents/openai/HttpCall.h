#pragma once
// One blocking HTTP request with a timeout and the run's cancel flag, for the probe at
// the start of a run (the batch dispatcher has its own event loop for many at once).
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include "core/agents/LanguageModel.h"
#include "core/agents/openai/ServerFailure.h"

class QNetworkAccessManager;
class QNetworkRequest;

namespace motor::agents {

struct HttpResult {
    int status = 0;  // 0: no HTTP reply
    QByteArray body;
    QByteArray retryAfter;
    QString transportError;
    bool timedOut = false;
    bool cancelled = false;

    bool ok() const { return status >= 200 && status < 300; }
    ServerFailure failure() const { return classifyFailure(status, body, retryAfter, transportError, timedOut); }
};

// The request every call to an OpenAI-compatible server starts from: JSON, the key.
QNetworkRequest serverRequest(const QUrl& url, const QString& apiKey, int timeoutMs);

// GET when body is null, else POST of the JSON object.
HttpResult httpCall(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const QJsonObject* body,
                    int timeoutMs, const CancelFlag* cancel);

}  // namespace motor::agents
