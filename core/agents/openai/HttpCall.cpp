#include "core/agents/openai/HttpCall.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace motor::agents {

QNetworkRequest serverRequest(const QUrl& url, const QString& apiKey, int timeoutMs) {
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!apiKey.isEmpty()) req.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    req.setTransferTimeout(timeoutMs);
    return req;
}

HttpResult httpCall(QNetworkAccessManager& nam, const QUrl& url, const QString& apiKey, const QJsonObject* body,
                    int timeoutMs, const CancelFlag* cancel) {
    HttpResult r;
    if (cancelled(cancel)) {
        r.cancelled = true;
        return r;
    }
    const QNetworkRequest req = serverRequest(url, apiKey, timeoutMs);
    QNetworkReply* reply = body ? nam.post(req, QJsonDocument(*body).toJson(QJsonDocument::Compact)) : nam.get(req);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
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

}  // namespace motor::agents
