#include "core/agents/openai/ServerProbe.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "core/agents/openai/HttpCall.h"
#include "core/media/JpegEncoder.h"

namespace motor::agents {

namespace {

QUrl rootOf(const QUrl& base) {
    QUrl root = base;
    QString path = root.path();
    if (path.endsWith(QLatin1String("/v1"))) path.chop(3);
    root.setPath(path + QStringLiteral("/props"));
    return root;
}

// Retries what a starting or busy server answers; anything else is returned at once.
HttpResult callWithRetries(QNetworkAccessManager& nam, const QUrl& url, const ProbeOptions& o, const QJsonObject* body,
                           const CancelFlag* cancel) {
    const HttpRetries retries{o.attempts, o.backoffMs};
    if (!body) return httpSendWithRetries(nam, url, o.apiKey, nullptr, o.timeoutMs, retries, cancel);
    const HttpBody json{"application/json", QJsonDocument(*body).toJson(QJsonDocument::Compact)};
    return httpSendWithRetries(nam, url, o.apiKey, &json, o.timeoutMs, retries, cancel);
}

void readModels(const QByteArray& body, const QString& model, ServerInfo* info) {
    const QJsonArray data = QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).toArray();
    QJsonObject entry;
    for (const QJsonValue& v : data) {
        const QJsonObject m = v.toObject();
        info->models << m.value(QStringLiteral("id")).toString();
        if (entry.isEmpty() || m.value(QStringLiteral("id")).toString() == model) entry = m;
    }
    const QString owner = entry.value(QStringLiteral("owned_by")).toString();
    if (owner == QLatin1String("vllm"))
        info->software = QStringLiteral("vllm");
    else if (owner == QLatin1String("llamacpp"))
        info->software = QStringLiteral("llama.cpp");
    else if (owner == QLatin1String("me"))
        info->software = QStringLiteral("llama-cpp-python");
    // vLLM schedules its KV cache itself: max_model_len bounds one request only.
    if (entry.value(QStringLiteral("max_model_len")).isDouble())
        info->contextTokens = entry.value(QStringLiteral("max_model_len")).toInt();
    const QJsonObject meta = entry.value(QStringLiteral("meta")).toObject();
    if (meta.value(QStringLiteral("n_ctx")).isDouble())
        info->contextTokens = meta.value(QStringLiteral("n_ctx")).toInt();
}

// llama.cpp's /props: the context of one slot, the slots, and whether a projector is loaded.
void readProps(const QByteArray& body, ServerInfo* info) {
    const QJsonObject props = QJsonDocument::fromJson(body).object();
    const QJsonObject settings = props.value(QStringLiteral("default_generation_settings")).toObject();
    if (settings.isEmpty()) return;
    info->software = QStringLiteral("llama.cpp");
    if (settings.value(QStringLiteral("n_ctx")).isDouble())
        info->contextTokens = settings.value(QStringLiteral("n_ctx")).toInt();
    info->slotCount = props.value(QStringLiteral("total_slots")).toInt();
    // With several slots the default (and the case) is one cache shared by all
    // of them; a server started with --no-kv-unified has per-slot caches, and treating
    // them as shared only costs parallelism, never a failed clip.
    info->contextShared = info->slotCount > 1;
    const QJsonValue vision = props.value(QStringLiteral("modalities")).toObject().value(QStringLiteral("vision"));
    if (vision.isBool()) info->images = vision.toBool() ? ImageSupport::Yes : ImageSupport::No;
    if (info->images == ImageSupport::No)
        info->imageRefusal =
            QStringLiteral("the server reports no vision support (/props: modalities.vision is false)");
}

int promptTokens(const QByteArray& body) {
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("usage"))
        .toObject()
        .value(QStringLiteral("prompt_tokens"))
        .toInt();
}

QJsonObject tinyRequest(const QString& model, bool withImage) {
    QJsonValue content = QStringLiteral("Answer with one word: ready?");
    if (withImage)
        content = QJsonArray{
            QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                        {QStringLiteral("image_url"), QJsonObject{{QStringLiteral("url"), probeImageDataUrl()}}}},
            QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), content}}};
    return QJsonObject{
        {QStringLiteral("model"), model},
        {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                            {QStringLiteral("content"), content}}}},
        {QStringLiteral("max_tokens"), 1},
        {QStringLiteral("temperature"), 0.0},
        {QStringLiteral("stream"), false}};
}

Error probeError(const QString& where, const HttpResult& r, const ServerInfo& info, const QString& model) {
    const ServerFailure f = r.failure();
    switch (f.kind) {
        case FailureKind::Unreachable:
        case FailureKind::Timeout:
            return fatalError(QStringLiteral("openai %1: the server cannot be reached (%2); start it, or check --url")
                                  .arg(where, f.describe()));
        case FailureKind::Unauthorized:
            return fatalError(QStringLiteral("openai %1: the server refused the API key (%2); set MOTOR_OPENAI_API_KEY")
                                  .arg(where, f.describe()));
        case FailureKind::ModelNotFound:
            return fatalError(
                QStringLiteral("openai %1: the server does not serve the model '%2' (%3)%4")
                    .arg(where, model, f.describe(),
                         info.models.isEmpty()
                             ? QString()
                             : QStringLiteral("; it serves: %1").arg(info.models.join(QStringLiteral(", ")))));
        case FailureKind::NotSupported:
            return fatalError(QStringLiteral("openai %1: no chat completions there (%2); the URL should end in /v1")
                                  .arg(where, f.describe()));
        default:
            return fatalError(
                QStringLiteral("openai %1: the server failed a one-token request (%2)").arg(where, f.describe()));
    }
}

}  // namespace

QJsonObject ServerInfo::toJson() const {
    QJsonObject o{{QStringLiteral("software"), software.isEmpty() ? QStringLiteral("unknown") : software}};
    if (contextTokens > 0) o.insert(QStringLiteral("context_tokens"), contextTokens);
    if (contextShared) o.insert(QStringLiteral("context_shared"), true);
    if (slotCount > 0) o.insert(QStringLiteral("slots"), slotCount);
    if (images != ImageSupport::Unknown) o.insert(QStringLiteral("images"), images == ImageSupport::Yes);
    return o;
}

QString probeImageDataUrl() {
    static const QString url = [] {
        // 64x64: vision encoders with a minimum patch grid (28 px) take it too.
        media::RgbFrame frame;
        frame.width = frame.height = 64;
        frame.rgb.assign(size_t(64) * 64 * 3, uint8_t(128));
        auto jpeg = media::JpegEncoder::encode(frame, 75);
        return jpeg ? QStringLiteral("data:image/jpeg;base64,") + QString::fromLatin1(jpeg.value().toBase64())
                    : QString();
    }();
    return url;
}

Result<ServerInfo> probeServer(QNetworkAccessManager& nam, const ProbeOptions& o, const CancelFlag* cancel) {
    const QString where = shownUrl(o.base);
    ServerInfo info;
    QUrl modelsUrl = o.base;
    modelsUrl.setPath(o.base.path() + QStringLiteral("/models"));
    const HttpResult models = callWithRetries(nam, modelsUrl, o, nullptr, cancel);
    if (models.cancelled) return cancelledError();
    if (models.ok())
        readModels(models.body, o.model, &info);
    else if (const ServerFailure f = models.failure(); f.transient() || f.kind == FailureKind::Unauthorized)
        return probeError(where, models, info, o.model);
    // A server without /v1/models still gets its one-token request below.

    if (info.software.isEmpty() || info.software == QLatin1String("llama.cpp")) {
        ProbeOptions once = o;
        once.attempts = 1;
        once.timeoutMs = std::min(o.timeoutMs, 5000);
        const HttpResult props = callWithRetries(nam, rootOf(o.base), once, nullptr, cancel);
        if (props.cancelled) return cancelledError();
        if (props.ok()) readProps(props.body, &info);
    }
    if (o.images && info.images == ImageSupport::No) return info;

    QUrl chat = o.base;
    chat.setPath(o.base.path() + QStringLiteral("/chat/completions"));
    const QJsonObject first = tinyRequest(o.model, o.images);
    const HttpResult answer = callWithRetries(nam, chat, o, &first, cancel);
    if (answer.cancelled) return cancelledError();
    if (answer.ok()) {
        if (!o.images) return info;
        // Some servers drop a picture they cannot see and answer anyway (llama-cpp-python
        // without a clip model renders list contents as nothing). A picture a model sees
        // costs prompt tokens: the same words without it must cost fewer.
        if (const int withPicture = promptTokens(answer.body); withPicture > 0) {
            const QJsonObject textOnly = tinyRequest(o.model, false);
            const HttpResult plain = callWithRetries(nam, chat, o, &textOnly, cancel);
            if (plain.cancelled) return cancelledError();
            const int without = plain.ok() ? promptTokens(plain.body) : 0;
            if (without > 0 && withPicture <= without) {
                info.images = ImageSupport::No;
                info.imageRefusal = QStringLiteral(
                                        "it answered but ignored the picture: %1 prompt tokens with it, %2 without; no "
                                        "vision projector is loaded")
                                        .arg(withPicture)
                                        .arg(without);
                return info;
            }
        }
        info.images = ImageSupport::Yes;
        return info;
    }
    const ServerFailure f = answer.failure();
    // Any HTTP error may be the picture's: llama.cpp answers 500 "image input is not
    // supported", llama-cpp-python's chat templates fail on a list content with a 500 of
    // their own words. Only no reply at all, a refused key or model say nothing of it.
    if (!o.images || f.httpStatus == 0 || f.kind == FailureKind::Unauthorized || f.kind == FailureKind::ModelNotFound)
        return probeError(where, answer, info, o.model);
    // Refused with a picture: the same words without it tell whether the picture was why.
    const QJsonObject textOnly = tinyRequest(o.model, false);
    const HttpResult plain = callWithRetries(nam, chat, o, &textOnly, cancel);
    if (plain.cancelled) return cancelledError();
    if (!plain.ok()) return probeError(where, plain, info, o.model);
    info.images = ImageSupport::No;
    info.imageRefusal = f.describe();
    return info;
}

}  // namespace motor::agents
