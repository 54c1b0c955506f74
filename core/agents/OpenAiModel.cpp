#include "core/agents/OpenAiModel.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <optional>

#include "core/media/JpegEncoder.h"
#include "core/agents/ReplyParser.h"

namespace motor::agents {

namespace {

class OpenAiSession final : public LmSession {
public:
    OpenAiSession(OpenAiModel* model, QJsonArray messages) : messages_(std::move(messages)), model_(model) {}

    Status prefill(const LmContent& content, const CancelFlag* cancel) override {
        if (cancelled(cancel)) return cancelledError();
        auto json = model_->contentJson(content);
        if (!json) return json.error();
        messages_.append(QJsonObject{{QStringLiteral("role"), content.role == LmRole::System ? QStringLiteral("system") : QStringLiteral("user")},
                                     {QStringLiteral("content"), json.value()}});
        return {};
    }
    Result<std::unique_ptr<LmSession>> fork() const override {
        return std::unique_ptr<LmSession>(std::make_unique<OpenAiSession>(model_, messages_));
    }
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override {
        auto out = model_->generateBatch({this}, {request}, cancel);
        return std::move(out.front());
    }

    QJsonArray messages_;

private:
    OpenAiModel* model_;
};

QString serverMessage(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue err = doc.object().value(QStringLiteral("error"));
        if (err.isObject() && err.toObject().value(QStringLiteral("message")).isString())
            return err.toObject().value(QStringLiteral("message")).toString();
        if (err.isString()) return err.toString();
        if (doc.object().value(QStringLiteral("message")).isString()) return doc.object().value(QStringLiteral("message")).toString();
    }
    QString text = QString::fromUtf8(body).simplified();
    if (text.size() > 200) text = text.left(200) + QStringLiteral("...");
    return text.isEmpty() ? QStringLiteral("(empty body)") : text;
}

// choices[0].message.content, or why not.
Result<QString> replyContent(const QByteArray& body) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("malformed reply (not a JSON object: %1)").arg(pe.errorString()));
    const QJsonArray choices = doc.object().value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty()) return makeError(QStringLiteral("malformed reply (no choices)"));
    const QJsonValue content = choices.first().toObject().value(QStringLiteral("message")).toObject().value(QStringLiteral("content"));
    if (!content.isString()) return makeError(QStringLiteral("malformed reply (choices[0].message.content is not a string)"));
    return content.toString();
}

struct Job {
    OpenAiSession* session = nullptr;
    const LmRequest* request = nullptr;
    QJsonArray messages;
    int transportRetries = 0;
    int parseRetries = 0;
    std::optional<Result<LmOutput>> result;
    QPointer<QNetworkReply> reply;
};

}  // namespace

QJsonObject responseFormatFor(const LmConstraint& constraint) {
    QJsonObject properties;
    QJsonArray required;
    for (qsizetype i = 0; i < constraint.fields.size(); ++i) {
        const QString key = replyKey(constraint, i);
        properties.insert(key, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                           {QStringLiteral("enum"), QJsonArray::fromStringList(constraint.fields[i].labels)}});
        required.append(key);
    }
    properties.insert(QStringLiteral("rationale"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                                               {QStringLiteral("maxLength"), constraint.maxRationaleChars}});
    required.append(QStringLiteral("rationale"));
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), properties},
                             {QStringLiteral("required"), required},
                             {QStringLiteral("additionalProperties"), false}};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("json_schema")},
                       {QStringLiteral("json_schema"), QJsonObject{{QStringLiteral("name"), QStringLiteral("motor_labels")},
                                                                  {QStringLiteral("strict"), true},
                                                                  {QStringLiteral("schema"), schema}}}};
}

OpenAiModel::OpenAiModel(OpenAiOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<OpenAiModel>> OpenAiModel::create(OpenAiOptions options) {
    if (!options.url.isValid() || (options.url.scheme() != QLatin1String("http") && options.url.scheme() != QLatin1String("https")))
        return makeError(QStringLiteral("openai: --url must be an http(s) URL, got '%1'").arg(options.url.toString()));
    if (options.model.isEmpty()) return makeError(QStringLiteral("openai: a server model name is needed (--model NAME)"));
    if (options.apiKey.isEmpty()) options.apiKey = qEnvironmentVariable("MOTOR_OPENAI_API_KEY");
    options.concurrency = std::max(1, options.concurrency);
    std::unique_ptr<OpenAiModel> m(new OpenAiModel(std::move(options)));
    QUrl e = m->options_.url;
    QString path = e.path();
    while (path.endsWith(QLatin1Char('/'))) path.chop(1);
    if (path.endsWith(QLatin1String("/chat/completions"))) {
    } else if (path.endsWith(QLatin1String("/v1"))) {
        path += QStringLiteral("/chat/completions");
    } else {
        path += QStringLiteral("/v1/chat/completions");
    }
    e.setPath(path);
    m->endpoint_ = e;
    m->schemaSupported_ = m->options_.jsonSchema;
    return m;
}

bool OpenAiModel::isLoopback() const {
    const QString host = endpoint_.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

QJsonObject OpenAiModel::identity() const {
    QUrl shown = endpoint_;
    shown.setUserInfo({});
    return QJsonObject{{QStringLiteral("name"), options_.model}, {QStringLiteral("url"), shown.toString()}};
}

LmCapabilities OpenAiModel::capabilities() const {
    LmCapabilities c;
    c.vision = options_.vision;
    c.constrainedDecoding = schemaSupported_;
    c.prefixSharing = false;  // the server may cache the prefix; we resend it
    c.preferredBatch = options_.concurrency;
    return c;
}

Status OpenAiModel::permitImages() {
    if (isLoopback() || imagesPermitted_) {
        imagesPermitted_ = true;
        return {};
    }
    if (options_.confirmRemoteFrames && options_.confirmRemoteFrames(endpoint_.host())) {
        imagesPermitted_ = true;
        return {};
    }
    return makeError(QStringLiteral("openai: sending clip frames to %1, which is not this machine, needs explicit "
                                    "confirmation (--allow-remote-frames), or use --mode text-only")
                         .arg(endpoint_.host()));
}

Result<QJsonValue> OpenAiModel::contentJson(const LmContent& content) const {
    if (content.images.isEmpty()) return QJsonValue(content.text);
    if (!imagesPermitted_ && !isLoopback())
        return makeError(QStringLiteral("openai: frames for %1 were not confirmed").arg(endpoint_.host()));
    QJsonArray parts;
    for (const auto& frame : content.images) {
        auto jpeg = media::JpegEncoder::encode(frame, options_.jpegQuality);
        if (!jpeg) return jpeg.error();
        const QString url = QStringLiteral("data:image/jpeg;base64,") + QString::fromLatin1(jpeg.value().toBase64());
        parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                                 {QStringLiteral("image_url"), QJsonObject{{QStringLiteral("url"), url}}}});
    }
    parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), content.text}});
    return QJsonValue(parts);
}

Result<std::unique_ptr<LmSession>> OpenAiModel::newSession(const SessionInfo&) {
    return std::unique_ptr<LmSession>(std::make_unique<OpenAiSession>(this, QJsonArray{}));
}

std::vector<Result<LmOutput>> OpenAiModel::generateBatch(const std::vector<LmSession*>& sessions,
                                                         const std::vector<LmRequest>& requests,
                                                         const CancelFlag* cancel) {
    const size_t n = sessions.size();
    std::vector<Job> jobs(n);
    for (size_t i = 0; i < n; ++i) {
        jobs[i].session = static_cast<OpenAiSession*>(sessions[i]);
        jobs[i].request = &requests[i];
        jobs[i].messages = jobs[i].session->messages_;
        auto instruction = contentJson(requests[i].instruction);
        if (!instruction) {
            jobs[i].result = instruction.error();
            continue;
        }
        jobs[i].messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                            {QStringLiteral("content"), instruction.value()}});
    }

    QNetworkAccessManager nam;
    QEventLoop loop;
    size_t next = 0;
    int inFlight = 0;
    bool stopped = false;
    const QString where = endpoint_.toString();

    std::function<void(Job&)> send;
    std::function<void()> startMore;
    auto remaining = [&] {
        for (const auto& j : jobs)
            if (!j.result) return true;
        return false;
    };
    auto finish = [&](Job& j, Result<LmOutput> r) {
        j.result = std::move(r);
        --inFlight;
        startMore();
        if (!remaining()) loop.quit();
    };
    auto retryLater = [&](Job& j, const QString& why) {
        if (j.transportRetries >= options_.maxRetries) {
            finish(j, makeError(QStringLiteral("openai %1: %2 (gave up after %3 retries)").arg(where, why).arg(j.transportRetries)));
            return;
        }
        const int delay = options_.backoffMs * (1 << std::min(j.transportRetries, 10));
        ++j.transportRetries;
        QTimer::singleShot(delay, &loop, [&, jp = &j] {
            if (!stopped) send(*jp);
        });
    };
    auto onFinished = [&](Job& j, QNetworkReply* reply) {
        reply->deleteLater();
        if (stopped || j.result) return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = status != 0 ? reply->readAll() : QByteArray();
        if (status == 0) {
            const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                    ? QStringLiteral("no reply within %1 ms").arg(options_.timeoutMs)
                                    : reply->errorString();
            retryLater(j, why);
            return;
        }
        if (status == 408 || status == 429 || status >= 500) {
            retryLater(j, QStringLiteral("HTTP %1: %2").arg(status).arg(serverMessage(body)));
            return;
        }
        if (status == 400 && schemaSupported_) {
            const QString msg = serverMessage(body).toLower();
            if (msg.contains(QLatin1String("response_format")) || msg.contains(QLatin1String("json_schema")) ||
                msg.contains(QLatin1String("schema"))) {
                schemaSupported_ = false;  // this server: strict parsing only
                send(j);
                return;
            }
        }
        if (status < 200 || status >= 300) {
            finish(j, makeError(QStringLiteral("openai %1: HTTP %2: %3").arg(where).arg(status).arg(serverMessage(body))));
            return;
        }
        auto content = replyContent(body);
        Result<LmOutput> parsed = content ? parseReply(content.value(), j.request->constraint) : Result<LmOutput>(content.error());
        if (!parsed) {
            if (j.parseRetries >= options_.parseRetries) {
                finish(j, makeError(QStringLiteral("openai %1: %2 (after %3 attempts)").arg(where, parsed.error().message).arg(j.parseRetries + 1)));
                return;
            }
            ++j.parseRetries;
            if (content) {
                j.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content.value()}});
                j.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                              {QStringLiteral("content"), QStringLiteral("That reply was invalid: %1. Answer again with only the JSON object.")
                                                                              .arg(parsed.error().message)}});
            }
            send(j);
            return;
        }
        LmOutput out = std::move(parsed.value());
        out.constrained = schemaSupported_;
        out.attempts = 1 + j.parseRetries + j.transportRetries;
        j.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content.value()}});
        j.session->messages_ = j.messages;
        finish(j, std::move(out));
    };
    send = [&](Job& j) {
        if (cancelled(cancel)) return;  // the poll timer finishes it
        QJsonObject body{{QStringLiteral("model"), options_.model},
                         {QStringLiteral("messages"), j.messages},
                         {QStringLiteral("temperature"), options_.temperature},
                         {QStringLiteral("max_tokens"), options_.maxTokens},
                         {QStringLiteral("stream"), false}};
        if (schemaSupported_) body.insert(QStringLiteral("response_format"), responseFormatFor(j.request->constraint));
        QNetworkRequest req(endpoint_);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        if (!options_.apiKey.isEmpty()) req.setRawHeader("Authorization", "Bearer " + options_.apiKey.toUtf8());
        req.setTransferTimeout(options_.timeoutMs);
        QNetworkReply* reply = nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
        j.reply = reply;
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, jp = &j, reply] { onFinished(*jp, reply); });
    };
    startMore = [&] {
        while (!stopped && inFlight < options_.concurrency && next < n) {
            Job& j = jobs[next++];
            if (j.result) continue;
            ++inFlight;
            send(j);
        }
    };

    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!cancelled(cancel)) return;
        stopped = true;
        for (auto& j : jobs) {
            if (j.reply) j.reply->abort();
            if (!j.result) j.result = cancelledError();
        }
        loop.quit();
    });
    poll.start();
    startMore();
    if (remaining()) loop.exec();
    stopped = true;
    for (auto& j : jobs)
        if (j.reply) {
            j.reply->disconnect();
            j.reply->abort();
        }

    std::vector<Result<LmOutput>> out;
    out.reserve(n);
    for (auto& j : jobs) out.push_back(j.result ? std::move(*j.result) : Result<LmOutput>(cancelledError()));
    return out;
}

}  // namespace motor::agents
