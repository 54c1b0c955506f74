#include "core/agents/openai/BatchDispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <cmath>

#include "core/agents/ReplyParser.h"
#include "core/agents/openai/HttpCall.h"

namespace motor::agents {

namespace {

// What a picture costs before a server said: InternVL's 448 px tile is 256 tokens.
constexpr int kImageTokensGuess = 300;
// A request that overflowed a shared context is asked again at most this often.
constexpr int kMaxContextRetreats = 8;

qint64 monotonicMs() {
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// choices[0].message.content, or why not.
Result<QString> replyContent(const QJsonObject& doc) {
    const QJsonArray choices = doc.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty()) return makeError(QStringLiteral("malformed reply (no choices)"));
    const QJsonValue content =
        choices.first().toObject().value(QStringLiteral("message")).toObject().value(QStringLiteral("content"));
    if (!content.isString())
        return makeError(QStringLiteral("malformed reply (choices[0].message.content is not a string)"));
    return content.toString();
}

void measure(const QJsonArray& messages, qint64* bytes, int* images) {
    for (const QJsonValue& m : messages) {
        const QJsonValue content = m.toObject().value(QStringLiteral("content"));
        if (content.isString()) *bytes += content.toString().toUtf8().size();
        for (const QJsonValue& part : content.toArray()) {
            const QJsonObject p = part.toObject();
            if (p.value(QStringLiteral("type")).toString() == QLatin1String("image_url"))
                ++*images;
            else
                *bytes += p.value(QStringLiteral("text")).toString().toUtf8().size();
        }
    }
}

}  // namespace

BatchDispatcher::BatchDispatcher(const OpenAiOptions& options, std::vector<ServerState>& servers,
                                 SchemaStyle& schemaStyle)
    : options_(options), servers_(servers), schemaStyle_(schemaStyle), checking_(servers.size(), false) {}

BatchDispatcher::~BatchDispatcher() = default;

int BatchDispatcher::backoffMs(int retry) const {
    return options_.backoffMs * (1 << std::min(std::max(retry - 1, 0), 10));
}

bool BatchDispatcher::remaining() const {
    for (const auto& j : jobs_)
        if (!j.result) return true;
    return false;
}

bool BatchDispatcher::anyServerUp() const {
    for (const auto& s : servers_)
        if (!s.down) return true;
    return false;
}

qint64 BatchDispatcher::estimateTokens(const Job& job, const ServerState& server) const {
    // Until a reply says otherwise, a byte is a token (true of byte-level vocabularies,
    // an over-estimate for the others) and a reply may use all of max_tokens.
    const double perByte = server.tokensPerByte > 0.0 ? server.tokensPerByte : 1.0;
    const qint64 prompt = qint64(std::ceil(double(job.promptBytes + qint64(job.images) * kImageTokensGuess) * perByte));
    const qint64 reply =
        server.completionTokens > 0 ? qint64(server.completionTokens) * 5 / 4 + 16 : options_.maxTokens;
    return prompt + reply;
}

int BatchDispatcher::pickServer(const Job& job) const {
    auto fits = [&](int i) {
        const ServerState& s = servers_[size_t(i)];
        if (s.down || s.inFlight >= s.requestLimit(options_.concurrency)) return false;
        if (!s.tokenBudget() || s.inFlight == 0) return true;
        return s.tokensInFlight + estimateTokens(job, s) <= s.info.contextTokens;
    };
    const int last = job.session ? job.session->lastServer_ : -1;
    if (last >= 0 && last < int(servers_.size()) && fits(last)) return last;
    int best = -1;
    double bestLoad = 0.0;
    for (int i = 0; i < int(servers_.size()); ++i) {
        if (!fits(i)) continue;
        const double load =
            double(servers_[size_t(i)].inFlight) / servers_[size_t(i)].requestLimit(options_.concurrency);
        if (best < 0 || load < bestLoad) {
            best = i;
            bestLoad = load;
        }
    }
    return best;
}

void BatchDispatcher::pump() {
    if (stopped_) return;
    if (!anyServerUp()) {
        failOpenJobs();
        return;
    }
    for (auto it = ready_.begin(); it != ready_.end();) {
        const int server = pickServer(jobs_[size_t(*it)]);
        if (server < 0) {
            ++it;
            continue;
        }
        const int job = *it;
        it = ready_.erase(it);
        send(job, server);
    }
}

void BatchDispatcher::send(int jobIndex, int serverIndex) {
    Job& j = jobs_[size_t(jobIndex)];
    ServerState& s = servers_[size_t(serverIndex)];
    QJsonObject body{{QStringLiteral("model"), options_.model},
                     {QStringLiteral("messages"), j.messages},
                     {QStringLiteral("temperature"), options_.temperature},
                     {QStringLiteral("max_tokens"), options_.maxTokens},
                     {QStringLiteral("stream"), false}};
    if (schemaStyle_ != SchemaStyle::None)
        body.insert(QStringLiteral("response_format"), responseFormatFor(j.request->constraint, schemaStyle_));
    j.server = serverIndex;
    j.style = schemaStyle_;
    j.sentAlone = s.inFlight == 0;
    j.tokens = estimateTokens(j, s);
    j.abortReason.clear();
    ++s.inFlight;
    s.tokensInFlight += j.tokens;
    QNetworkReply* reply = nam_->post(serverRequest(s.chat, options_.apiKey, options_.timeoutMs),
                                      QJsonDocument(body).toJson(QJsonDocument::Compact));
    j.reply = reply;
    QObject::connect(reply, &QNetworkReply::finished, loop_, [this, jobIndex, reply] { onReply(jobIndex, reply); });
}

void BatchDispatcher::onReply(int jobIndex, QNetworkReply* reply) {
    reply->deleteLater();
    Job& j = jobs_[size_t(jobIndex)];
    const int serverIndex = j.server;
    ServerState& s = servers_[size_t(serverIndex)];
    --s.inFlight;
    s.tokensInFlight -= j.tokens;
    j.server = -1;
    j.reply.clear();
    if (stopped_ || j.result) return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 200 && status < 300) {
        onSuccess(jobIndex, s, reply->readAll());
    } else if (!j.abortReason.isEmpty()) {
        ServerFailure f;
        f.kind = FailureKind::Unreachable;
        f.message = j.abortReason;
        onFailure(jobIndex, serverIndex, f);
    } else {
        const bool timedOut = status == 0 && reply->error() == QNetworkReply::OperationCanceledError;
        const QString transport =
            timedOut ? QStringLiteral("no reply within %1 ms").arg(options_.timeoutMs) : reply->errorString();
        const QByteArray body = status != 0 ? reply->readAll() : QByteArray();
        onFailure(jobIndex, serverIndex,
                  classifyFailure(status, body, reply->rawHeader("Retry-After"), transport, timedOut));
    }
    pump();
    if (!remaining()) loop_->quit();
}

void BatchDispatcher::onSuccess(int jobIndex, ServerState& s, const QByteArray& body) {
    Job& j = jobs_[size_t(jobIndex)];
    s.consecutiveFailures = 0;
    ++s.replies;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    Result<QString> content =
        (pe.error != QJsonParseError::NoError || !doc.isObject())
            ? Result<QString>(
                  makeError(QStringLiteral("malformed reply (not a JSON object: %1)").arg(pe.errorString())))
            : replyContent(doc.object());
    const QJsonObject usage = doc.object().value(QStringLiteral("usage")).toObject();
    const int promptTokens = usage.value(QStringLiteral("prompt_tokens")).toInt();
    const int completionTokens = usage.value(QStringLiteral("completion_tokens")).toInt();
    if (promptTokens > 0) {
        const double units = double(j.promptBytes + qint64(j.images) * kImageTokensGuess);
        s.tokensPerByte = std::max(s.tokensPerByte, double(promptTokens) / std::max(1.0, units));
    }
    s.completionTokens = std::max(s.completionTokens, completionTokens);

    Result<LmOutput> parsed =
        content ? parseReply(content.value(), j.request->constraint) : Result<LmOutput>(content.error());
    if (!parsed) {
        if (j.parseRetries >= options_.parseRetries) {
            finish(jobIndex, makeError(QStringLiteral("openai %1: %2 (after %3 attempts)")
                                           .arg(s.shown, parsed.error().message)
                                           .arg(j.parseRetries + 1)));
            return;
        }
        ++j.parseRetries;
        if (content) {
            j.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                          {QStringLiteral("content"), content.value()}});
            j.messages.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                            {QStringLiteral("content"),
                             QStringLiteral("That reply was invalid: %1. Answer again with only the JSON object.")
                                 .arg(parsed.error().message)}});
        }
        requeue(jobIndex, 0);
        return;
    }
    LmOutput out = std::move(parsed.value());
    out.constrained = schemaStyle_ != SchemaStyle::None;
    out.attempts = 1 + j.parseRetries + j.retries + j.contextRetreats;
    out.origin = s.shown;
    j.messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                  {QStringLiteral("content"), content.value()}});
    j.session->messages_ = j.messages;
    j.session->lastServer_ = int(&s - servers_.data());
    finish(jobIndex, std::move(out));
}

void BatchDispatcher::onFailure(int jobIndex, int serverIndex, const ServerFailure& f) {
    Job& j = jobs_[size_t(jobIndex)];
    ServerState& s = servers_[size_t(serverIndex)];
    if (s.down) {
        // Answers from a server already taken out: the request goes to another.
        requeue(jobIndex, 0);
        return;
    }
    switch (f.kind) {
        case FailureKind::Unreachable:
        case FailureKind::Timeout:
            noteUnreachable(s, f);
            ++j.retries;
            // The breaker bounds an unreachable server; a flapping one cannot keep a request forever.
            if (j.retries > options_.maxRetries + int(servers_.size()) * (options_.maxRetries + 1)) {
                finish(jobIndex, makeError(QStringLiteral("openai %1: %2 (gave up after %3 retries)")
                                               .arg(s.shown, f.describe())
                                               .arg(j.retries - 1)));
                return;
            }
            requeue(jobIndex, backoffMs(j.retries));
            return;
        case FailureKind::Busy:
            if (j.retries >= options_.maxRetries) {
                finish(jobIndex, makeError(QStringLiteral("openai %1: %2 (gave up after %3 retries)")
                                               .arg(s.shown, f.describe())
                                               .arg(j.retries)));
                return;
            }
            ++j.retries;
            requeue(jobIndex, std::max(backoffMs(j.retries), f.retryAfterMs));
            return;
        case FailureKind::SharedContextFull:
            if (!j.sentAlone && j.contextRetreats < kMaxContextRetreats) {
                // Fewer at once from now on: one less than were in flight with this one.
                const int wasInFlight = s.inFlight + 1;
                s.ceiling = std::max(1, std::min(s.requestLimit(options_.concurrency), wasInFlight) - 1);
                ++j.contextRetreats;
                requeue(jobIndex, 0);
                return;
            }
            finish(jobIndex,
                   makeError(
                       QStringLiteral("openai %1: %2: the request does not fit the server's context even alone; "
                                      "start the server with a longer context (llama-server -c, vllm --max-model-len)")
                           .arg(s.shown, f.describe())));
            return;
        case FailureKind::ContextTooLong: {
            const QString numbers = f.contextTokens > 0 ? QStringLiteral(" (%1 tokens asked, the context holds %2)")
                                                              .arg(f.promptTokens)
                                                              .arg(f.contextTokens)
                                                        : QString();
            finish(
                jobIndex,
                makeError(QStringLiteral(
                              "openai %1: %2: the request is longer than the server's context%3; start the server "
                              "with a longer context (llama-server -c, vllm --max-model-len) or run --mode text-only")
                              .arg(s.shown, f.describe(), numbers)));
            return;
        }
        case FailureKind::SchemaUnsupported:
            // The next style, and strict parsing only after the last (for the rest of the run);
            // requests sent together are refused together, and move the style on once.
            if (j.style != schemaStyle_) {
                requeue(jobIndex, 0);
                return;
            }
            if (schemaStyle_ != SchemaStyle::None) {
                schemaStyle_ = schemaStyle_ == SchemaStyle::JsonSchema ? SchemaStyle::JsonObject : SchemaStyle::None;
                requeue(jobIndex, 0);
                return;
            }
            finish(jobIndex, makeError(QStringLiteral("openai %1: %2").arg(s.shown, f.describe())));
            return;
        case FailureKind::OutputParser:
            finish(jobIndex,
                   makeError(
                       QStringLiteral("openai %1: %2: the server could not parse its own reply (not retried: it would "
                                      "answer the same)")
                           .arg(s.shown, f.describe())));
            return;
        case FailureKind::ImagesUnsupported:
            takeDown(s, QStringLiteral("takes no images (%1); %2").arg(f.describe(), noImagesAdvice()));
            requeue(jobIndex, 0);
            return;
        case FailureKind::ModelNotFound:
            takeDown(s, QStringLiteral("does not serve the model '%1' (%2)").arg(options_.model, f.describe()));
            requeue(jobIndex, 0);
            return;
        case FailureKind::Unauthorized:
            takeDown(s, QStringLiteral("refused the API key (%1); set MOTOR_OPENAI_API_KEY").arg(f.describe()));
            requeue(jobIndex, 0);
            return;
        case FailureKind::NotSupported:
            takeDown(s, QStringLiteral("has no chat completions (%1)").arg(f.describe()));
            requeue(jobIndex, 0);
            return;
        case FailureKind::BadRequest:
            finish(jobIndex, makeError(QStringLiteral("openai %1: %2").arg(s.shown, f.describe())));
            return;
    }
}

void BatchDispatcher::noteUnreachable(ServerState& s, const ServerFailure& f) {
    const qint64 now = monotonicMs();
    if (s.consecutiveFailures == 0) s.firstFailureMs = now;
    ++s.consecutiveFailures;
    const int attempts = std::max(1, options_.maxRetries + 1);
    // As long as one request's retries would have waited: a blip that fails every
    // request in flight at once does not take a server out.
    const qint64 span = qint64(options_.backoffMs) * ((qint64(1) << std::min(attempts - 1, 20)) - 1);
    if (s.consecutiveFailures >= attempts && now - s.firstFailureMs >= span)
        takeDown(s, QStringLiteral("is unreachable: %1 attempts in a row failed (last: %2)")
                        .arg(s.consecutiveFailures)
                        .arg(f.describe()));
}

void BatchDispatcher::takeDown(ServerState& s, const QString& reason) {
    if (s.down) return;
    s.down = true;
    s.downReason = reason;
}

void BatchDispatcher::requeue(int jobIndex, int delayMs) {
    if (delayMs <= 0) {
        ready_.push_back(jobIndex);
        return;
    }
    ++waiting_;
    QTimer::singleShot(delayMs, loop_, [this, jobIndex] {
        --waiting_;
        if (stopped_ || jobs_[size_t(jobIndex)].result) return;
        ready_.push_back(jobIndex);
        pump();
        if (!remaining()) loop_->quit();
    });
}

void BatchDispatcher::finish(int jobIndex, Result<LmOutput> result) {
    jobs_[size_t(jobIndex)].result = std::move(result);
}

void BatchDispatcher::failOpenJobs() {
    QStringList why;
    for (const auto& s : servers_) why << QStringLiteral("%1 %2").arg(s.shown, s.downReason);
    const Error e = fatalError(QStringLiteral("openai: no server can go on: %1").arg(why.join(QStringLiteral("; "))));
    for (auto& j : jobs_) {
        if (j.result) continue;
        j.result = e;
        if (j.reply) {
            j.reply->disconnect();
            j.reply->abort();
        }
    }
    ready_.clear();
}

void BatchDispatcher::checkLiveness() {
    for (size_t i = 0; i < servers_.size(); ++i) {
        ServerState& s = servers_[i];
        if (s.down || s.inFlight == 0 || checking_[i]) continue;
        checking_[i] = true;
        QUrl models = s.base;
        models.setPath(s.base.path() + QStringLiteral("/models"));
        // A busy server may answer slowly; only a refused or dropped connection says it is gone.
        QNetworkReply* r = nam_->get(serverRequest(models, options_.apiKey, std::max(1000, options_.healthIntervalMs)));
        QObject::connect(r, &QNetworkReply::finished, loop_, [this, i, r] {
            r->deleteLater();
            checking_[i] = false;
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (stopped_ || status != 0 || r->error() == QNetworkReply::OperationCanceledError) return;
            const QString why =
                QStringLiteral("the server stopped answering (liveness check: %1)").arg(r->errorString());
            for (auto& j : jobs_) {
                if (j.server != int(i) || !j.reply) continue;
                j.abortReason = why;
                j.reply->abort();
            }
        });
    }
}

std::vector<Result<LmOutput>> BatchDispatcher::run(const std::vector<OpenAiSession*>& sessions,
                                                   const std::vector<QJsonArray>& messages,
                                                   const std::vector<LmRequest>& requests, const CancelFlag* cancel) {
    QNetworkAccessManager nam;
    QEventLoop loop;
    nam_ = &nam;
    loop_ = &loop;
    jobs_.assign(sessions.size(), Job{});
    for (size_t i = 0; i < sessions.size(); ++i) {
        Job& j = jobs_[i];
        j.session = sessions[i];
        j.request = &requests[i];
        j.messages = messages[i];
        measure(j.messages, &j.promptBytes, &j.images);
        ready_.push_back(int(i));
    }

    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (!cancelled(cancel)) return;
        stopped_ = true;
        for (auto& j : jobs_) {
            if (j.reply) j.reply->abort();
            if (!j.result) j.result = cancelledError();
        }
        loop.quit();
    });
    poll.start();
    QTimer liveness;
    liveness.setInterval(std::max(100, options_.healthIntervalMs));
    QObject::connect(&liveness, &QTimer::timeout, &loop, [this] { checkLiveness(); });
    liveness.start();

    pump();
    if (remaining()) loop.exec();
    stopped_ = true;
    for (auto& j : jobs_)
        if (j.reply) {
            j.reply->disconnect();
            j.reply->abort();
        }
    // Requests aborted here never report back: their servers hold nothing now.
    for (auto& s : servers_) {
        s.inFlight = 0;
        s.tokensInFlight = 0;
    }

    std::vector<Result<LmOutput>> out;
    out.reserve(jobs_.size());
    for (auto& j : jobs_) out.push_back(j.result ? std::move(*j.result) : Result<LmOutput>(cancelledError()));
    return out;
}

}  // namespace motor::agents
