#pragma once
// One blocking HTTP request with a timeout and the run's cancel flag, for the probe at
// the start of a run and for speech transcription (the batch dispatcher has its own
// event loop for many at once).
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <cstdint>
#include <functional>

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

// A POST body of any kind (JSON, multipart/form-data).
struct HttpBody {
    QByteArray contentType;
    QByteArray data;
};

// The bytes of a request body handed to the network so far, of the whole, as Qt counts
// them (QNetworkReply::uploadProgress); called on the calling thread.
using UploadProgress = std::function<void(int64_t sentBytes, int64_t totalBytes)>;

// How often a request is tried after a transient failure (no connection, timeout, a
// busy server), waiting backoffMs, then twice as long each time (at least what a
// Retry-After header asks).
struct HttpRetries {
    int attempts = 1;
    int backoffMs = 500;
};

// The request every call to an OpenAI-compatible server starts from: JSON, the key.
QNetworkRequest serverRequest(const QUrl& url, const QString& apiKey, int timeoutMs);

// A server base as the user typed it ("http://host:8000", ".../v1", or a full endpoint
// such as ".../v1/chat/completions") made into its ".../v1".
QUrl serverBase(const QUrl& url);

// The URL as shown in messages: without user name and password.
QString shownUrl(const QUrl& url);

// GET when body is null, else POST of the JSON object.
HttpResult httpCall(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const QJsonObject* body,
                    int timeoutMs, const CancelFlag* cancel);
// GET when body is null, else POST of the body; `uploaded` hears how much of it is sent.
HttpResult httpSend(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const HttpBody* body,
                    int timeoutMs, const CancelFlag* cancel, const UploadProgress& uploaded = {});
// httpSend, tried again after transient failures; anything else is returned at once. A
// retried request's upload counts from 0 again.
HttpResult httpSendWithRetries(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const HttpBody* body,
                               int timeoutMs, const HttpRetries& retries, const CancelFlag* cancel,
                               const UploadProgress& uploaded = {});

}  // namespace motor::agents
