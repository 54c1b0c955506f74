#include "core/agents/OpenAiModel.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>

#include "core/agents/ReplyParser.h"
#include "core/agents/openai/BatchDispatcher.h"
#include "core/agents/openai/HttpCall.h"
#include "core/agents/openai/OpenAiSession.h"
#include "core/agents/openai/ServerFailure.h"
#include "core/media/JpegEncoder.h"

namespace motor::agents {

Status OpenAiSession::prefill(const LmContent& content, const CancelFlag* cancel) {
    if (cancelled(cancel)) return cancelledError();
    auto json = model_->contentJson(content);
    if (!json) return json.error();
    messages_.append(QJsonObject{
        {QStringLiteral("role"), content.role == LmRole::System ? QStringLiteral("system") : QStringLiteral("user")},
        {QStringLiteral("content"), json.value()}});
    return {};
}

Result<std::unique_ptr<LmSession>> OpenAiSession::fork() const {
    return std::unique_ptr<LmSession>(std::make_unique<OpenAiSession>(model_, messages_, lastServer_));
}

Result<LmOutput> OpenAiSession::generate(const LmRequest& request, const CancelFlag* cancel) {
    auto out = model_->generateBatch({this}, {request}, cancel);
    return std::move(out.front());
}

QJsonObject responseFormatFor(const LmConstraint& constraint, SchemaStyle style) {
    QJsonObject properties;
    QJsonArray required;
    for (qsizetype i = 0; i < constraint.fields.size(); ++i) {
        const QString key = replyKey(constraint, i);
        properties.insert(
            key, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                             {QStringLiteral("enum"), QJsonArray::fromStringList(constraint.fields[i].labels)}});
        required.append(key);
    }
    properties.insert(QStringLiteral("rationale"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("maxLength"), constraint.maxRationaleChars}});
    required.append(QStringLiteral("rationale"));
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), properties},
                             {QStringLiteral("required"), required},
                             {QStringLiteral("additionalProperties"), false}};
    if (style == SchemaStyle::JsonObject)
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}, {QStringLiteral("schema"), schema}};
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("json_schema")},
        {QStringLiteral("json_schema"), QJsonObject{{QStringLiteral("name"), QStringLiteral("motor_labels")},
                                                    {QStringLiteral("strict"), true},
                                                    {QStringLiteral("schema"), schema}}}};
}

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) return true;
    const QHostAddress a(host);
    return !a.isNull() && a.isLoopback();
}

OpenAiModel::OpenAiModel(OpenAiOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<OpenAiModel>> OpenAiModel::create(OpenAiOptions options) {
    if (options.urls.isEmpty()) return makeError(QStringLiteral("openai: a server URL is needed (--url URL)"));
    for (const QUrl& url : options.urls)
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return makeError(QStringLiteral("openai: --url must be an http(s) URL, got '%1'").arg(url.toString()));
    if (options.model.isEmpty())
        return makeError(QStringLiteral("openai: a server model name is needed (--model NAME)"));
    if (options.apiKey.isEmpty()) options.apiKey = qEnvironmentVariable("MOTOR_OPENAI_API_KEY");
    options.concurrency = std::max(1, options.concurrency);
    std::unique_ptr<OpenAiModel> m(new OpenAiModel(std::move(options)));
    QSet<QString> seen;
    for (const QUrl& url : m->options_.urls) {
        ServerState s;
        s.base = serverBase(url);
        s.chat = s.base;
        s.chat.setPath(s.base.path() + QStringLiteral("/chat/completions"));
        s.shown = shownUrl(s.base);
        if (seen.contains(s.shown)) return makeError(QStringLiteral("openai: --url %1 is given twice").arg(s.shown));
        seen.insert(s.shown);
        m->servers_.push_back(s);
    }
    m->schemaStyle_ = m->options_.jsonSchema ? SchemaStyle::JsonSchema : SchemaStyle::None;
    return m;
}

bool OpenAiModel::isLoopback() const {
    for (const auto& s : servers_)
        if (!isLoopbackHost(s.base.host())) return false;
    return true;
}

QJsonObject OpenAiModel::identity() const {
    // The servers are where the model runs, not what it is: a run resumes on others.
    QJsonArray urls;
    for (const auto& s : servers_) urls.append(s.shown);
    return QJsonObject{{QStringLiteral("name"), options_.model}, {QStringLiteral("urls"), urls}};
}

LmCapabilities OpenAiModel::capabilities() const {
    LmCapabilities c;
    c.vision = options_.vision;
    c.constrainedDecoding = schemaStyle_ != SchemaStyle::None;
    c.prefixSharing = false;  // the server may cache the prefix; we resend it
    // Enough clips per stage to keep every live server busy.
    int batch = 0;
    for (const auto& s : servers_)
        if (!s.down) batch += s.requestLimit(options_.concurrency);
    c.preferredBatch = std::max(1, batch);
    return c;
}

namespace {
// The refusal a person reads (the app shows it) goes through the interface's translator;
// the CLI installs none, so it stays English.
struct Texts {
    Q_DECLARE_TR_FUNCTIONS(motor::agents::OpenAiModel)
};
}  // namespace

Status confirmRemoteHosts(const QList<QUrl>& urls, const std::function<bool(const QString& host)>& confirm,
                          const QString& what, const QString& howToAllow) {
    QStringList hosts;
    for (const QUrl& url : urls)
        if (!isLoopbackHost(url.host()) && !hosts.contains(url.host())) hosts << url.host();
    for (const QString& host : hosts)
        if (!confirm || !confirm(host))
            //: %1: what would leave (clip frames, the recording's audio); %2: the host; %3: how to allow it.
            return makeError(Texts::tr("openai: sending %1 to %2, which is not this machine, needs explicit "
                                       "confirmation %3")
                                 .arg(what, host, howToAllow));
    return {};
}

Status OpenAiModel::permitImages() {
    if (imagesPermitted_) return {};
    QList<QUrl> urls;
    for (const auto& s : servers_) urls << s.base;
    if (Status st = confirmRemoteHosts(urls, options_.confirmRemoteFrames,
                                       //: What would leave the machine: %1 in "openai: sending %1 to %2, ...".
                                       Texts::tr("clip frames"),
                                       //: How to allow it: %3 in "openai: sending %1 to %2, ...".
                                       Texts::tr("(--allow-remote-frames), or use --mode text-only"));
        !st)
        return st;
    imagesPermitted_ = true;
    return {};
}

Status OpenAiModel::prepare(const RunNeeds& needs, const CancelFlag* cancel) {
    QNetworkAccessManager nam;
    for (auto& s : servers_) {
        if (s.down) continue;
        ProbeOptions o;
        o.base = s.base;
        o.model = options_.model;
        o.apiKey = options_.apiKey;
        o.images = needs.images;
        o.timeoutMs = options_.probeTimeoutMs;
        o.attempts = options_.maxRetries + 1;
        o.backoffMs = options_.backoffMs;
        auto info = probeServer(nam, o, cancel);
        if (!info) {
            if (isCancelled(info.error())) return info.error();
            s.down = true;
            s.downReason = info.error().message;
            continue;
        }
        s.info = info.value();
        s.probed = true;
        if (needs.images && s.info.images == ImageSupport::No) {
            s.down = true;
            s.downReason = QStringLiteral("openai %1: the server takes no images (%2); %3")
                               .arg(s.shown, s.info.imageRefusal, noImagesAdvice());
        }
    }
    QStringList why;
    for (const auto& s : servers_)
        if (s.down) why << s.downReason;
    if (why.size() == qsizetype(servers_.size())) return fatalError(why.join(QStringLiteral("\n")));
    return {};
}

QJsonObject OpenAiModel::preparedInfo() const {
    QJsonArray servers;
    for (const auto& s : servers_) servers.append(s.toJson());
    return QJsonObject{{QStringLiteral("servers"), servers}};
}

Result<QJsonValue> OpenAiModel::contentJson(const LmContent& content) const {
    if (content.images.isEmpty()) return QJsonValue(content.text);
    if (!imagesPermitted_ && !isLoopback())
        return makeError(QStringLiteral("openai: frames for a remote server were not confirmed"));
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
    return std::unique_ptr<LmSession>(std::make_unique<OpenAiSession>(this, QJsonArray{}, -1));
}

std::vector<Result<LmOutput>> OpenAiModel::generateBatch(const std::vector<LmSession*>& sessions,
                                                         const std::vector<LmRequest>& requests,
                                                         const CancelFlag* cancel) {
    const size_t n = sessions.size();
    std::vector<OpenAiSession*> mine;
    std::vector<QJsonArray> messages;
    std::vector<LmRequest> kept;
    std::vector<size_t> index;
    std::vector<Result<LmOutput>> out(n, Result<LmOutput>(cancelledError()));
    for (size_t i = 0; i < n; ++i) {
        auto* session = static_cast<OpenAiSession*>(sessions[i]);
        auto instruction = contentJson(requests[i].instruction);
        if (!instruction) {
            out[i] = instruction.error();
            continue;
        }
        QJsonArray m = session->messages_;
        m.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                             {QStringLiteral("content"), instruction.value()}});
        mine.push_back(session);
        messages.push_back(std::move(m));
        kept.push_back(requests[i]);
        index.push_back(i);
    }
    if (mine.empty()) return out;
    BatchDispatcher dispatcher(options_, servers_, schemaStyle_);
    auto results = dispatcher.run(mine, messages, kept, cancel);
    for (size_t k = 0; k < index.size(); ++k) out[index[k]] = std::move(results[k]);
    return out;
}

}  // namespace motor::agents
