#include "core/agents/openai/HttpCall.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace motor::agents {

QNetworkRequest serverRequest(const QUrl& url, const QString& apiKey, int timeoutMs) {
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!apiKey.isEmpty()) req.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    req.setTransferTimeout(timeoutMs);
    return req;
}

QUrl serverBase(const QUrl& url) {
    QUrl base = url;
    QString path = base.path();
    while (path.endsWith(QLatin1Char('/'))) path.chop(1);
    for (const QLatin1String route : {QLatin1String("/chat/completions"), QLatin1String("/audio/transcriptions")})
        if (path.endsWith(route)) path.chop(route.size());
    if (!path.endsWith(QLatin1String("/v1"))) path += QStringLiteral("/v1");
    base.setPath(path);
    return base;
}

QString shownUrl(const QUrl& url) {
    QUrl u = url;
    u.setUserInfo({});
    return u.toString();
}

HttpResult httpCall(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const QJsonObject* body,
                    int timeoutMs, const CancelFlag* cancel) {
    if (!body) return httpSend(nam, url, apiKey, nullptr, timeoutMs, cancel);
    const HttpBody json{"application/json", QJsonDocument(*body).toJson(QJsonDocument::Compact)};
    return httpSend(nam, url, apiKey, &json, timeoutMs, cancel);
}

HttpResult httpSend(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const HttpBody* body,
                    int timeoutMs, const CancelFlag* cancel, const UploadProgress& uploaded) {
    HttpResult r;
    if (cancelled(cancel)) {
        r.cancelled = true;
        return r;
    }
    QNetworkRequest req = serverRequest(url, apiKey, timeoutMs);
    if (body) req.setHeader(QNetworkRequest::ContentTypeHeader, QString::fromLatin1(body->contentType));
    QNetworkReply* reply = body ? nam.post(req, body->data) : nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (body && uploaded)
        QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&](qint64 sent, qint64 total) {
            // Qt reports (0, 0) when a reply ends before it counted anything.
            if (total > 0) uploaded(sent, total);
            // A cancel from the callback stops the upload now, not at the next poll: the
            // rest of a long recording is not sent.
            if (cancelled(cancel) && !reply->isFinished()) {
                r.cancelled = true;
                reply->abort();
            }
        });
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!cancelled(cancel)) return;
        r.cancelled = true;
        reply->abort();
    });
    poll.start();
    if (!reply->isFinished()) loop.exec();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (r.status != 0) {
        r.body = reply->readAll();
        r.retryAfter = reply->rawHeader("Retry-After");
    } else {
        // Qt reports the transfer timeout as an abort.
        r.timedOut = !r.cancelled && reply->error() == QNetworkReply::OperationCanceledError;
        r.transportError = r.timedOut ? QStringLiteral("no reply within %1 ms").arg(timeoutMs) : reply->errorString();
    }
    reply->deleteLater();
    return r;
}

HttpResult httpSendWithRetries(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const HttpBody* body,
                               int timeoutMs, const HttpRetries& retries, const CancelFlag* cancel,
                               const UploadProgress& uploaded) {
    HttpResult r;
    for (int attempt = 0; attempt < std::max(1, retries.attempts); ++attempt) {
        if (attempt > 0) {
            const int wait = std::max(retries.backoffMs * (1 << std::min(attempt - 1, 10)), r.failure().retryAfterMs);
            for (int waited = 0; waited < wait && !cancelled(cancel); waited += 50) QThread::msleep(50);
        }
        r = httpSend(nam, url, apiKey, body, timeoutMs, cancel, uploaded);
        if (r.cancelled || r.ok() || !r.failure().transient()) return r;
    }
    return r;
}

}  // namespace motor::agents
