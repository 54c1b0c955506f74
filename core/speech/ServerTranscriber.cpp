#include "core/speech/ServerTranscriber.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUuid>
#include <cmath>

#include "core/agents/openai/HttpCall.h"

namespace motor::speech {
namespace {

// What a person reads goes through the interface's translator (the CLI installs none).
struct Texts {
    Q_DECLARE_TR_FUNCTIONS(motor::speech::ServerTranscriber)
};

// OpenAI's verbose_json names the language ("english"); whisper.cpp and others give the code.
QString languageCode(const QString& name) {
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("english")) return QStringLiteral("en");
    if (n == QLatin1String("finnish")) return QStringLiteral("fi");
    if (n == QLatin1String("swedish")) return QStringLiteral("sv");
    return n;
}

void addField(QByteArray& body, const QByteArray& boundary, const char* name, const QString& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + QByteArray(name) + "\"\r\n\r\n" +
            value.toUtf8() + "\r\n";
}

agents::HttpBody multipart(const ServerTranscriptionOptions& o, const QByteArray& wav) {
    const QByteArray boundary = "motor-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QByteArray body;
    body.reserve(wav.size() + 1024);
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"\r\n"
            "Content-Type: audio/wav\r\n\r\n";
    body += wav;
    body += "\r\n";
    addField(body, boundary, "model", o.model);
    addField(body, boundary, "response_format", QStringLiteral("verbose_json"));
    addField(body, boundary, "timestamp_granularities[]", QStringLiteral("segment"));
    addField(body, boundary, "temperature", QStringLiteral("0"));
    if (!o.language.isEmpty()) addField(body, boundary, "language", o.language);
    body += "--" + boundary + "--\r\n";
    return {"multipart/form-data; boundary=" + boundary, body};
}

std::optional<double> optionalNumber(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble()) return std::nullopt;
    return v.toDouble();
}

}  // namespace

QUrl transcriptionEndpoint(const QUrl& url) {
    QUrl endpoint = agents::serverBase(url);
    endpoint.setPath(endpoint.path() + QStringLiteral("/audio/transcriptions"));
    return endpoint;
}

Result<ServerTranscript> parseVerboseJson(const QByteArray& body, const QString& where) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        QString start = QString::fromUtf8(body.left(80)).simplified();
        return makeError(Texts::tr("openai %1: the reply is not JSON (%2 at byte %3): \"%4\"")
                             .arg(where, parseError.errorString())
                             .arg(parseError.offset)
                             .arg(start));
    }
    const QJsonObject o = doc.object();
    const QJsonValue segments = o.value(QStringLiteral("segments"));
    if (!segments.isArray())
        return makeError(Texts::tr("openai %1: the reply has no \"segments\" with times (the server does not "
                                   "answer response_format=verbose_json)")
                             .arg(where));
    ServerTranscript t;
    t.language = languageCode(o.value(QStringLiteral("language")).toString());
    t.durationSeconds = o.value(QStringLiteral("duration")).toVariant().toDouble();
    int index = 0;
    for (const QJsonValue& v : segments.toArray()) {
        const QJsonObject s = v.toObject();
        const QJsonValue start = s.value(QStringLiteral("start")), end = s.value(QStringLiteral("end"));
        const QJsonValue text = s.value(QStringLiteral("text"));
        if (!start.isDouble() || !end.isDouble() || !text.isString())
            return makeError(Texts::tr("openai %1: segment %2 of the reply lacks a numeric start and end or a "
                                       "text")
                                 .arg(where)
                                 .arg(index));
        if (!std::isfinite(start.toDouble()) || start.toDouble() < 0 || end.toDouble() < 0)
            return makeError(Texts::tr("openai %1: segment %2 of the reply has a negative time (%3 - %4 s)")
                                 .arg(where)
                                 .arg(index)
                                 .arg(start.toDouble())
                                 .arg(end.toDouble()));
        ServerSegment seg;
        seg.startMs = std::llround(start.toDouble() * 1000.0);
        seg.endMs = std::max(seg.startMs, int64_t(std::llround(end.toDouble() * 1000.0)));
        seg.text = text.toString();
        seg.noSpeechProb = optionalNumber(s, "no_speech_prob");
        seg.avgLogprob = optionalNumber(s, "avg_logprob");
        t.segments.push_back(seg);
        ++index;
    }
    return t;
}

Result<ServerTranscript> transcribeOnServer(const ServerTranscriptionOptions& options, const QByteArray& wav,
                                            const agents::CancelFlag* cancel, const agents::UploadProgress& uploaded) {
    const QUrl endpoint = transcriptionEndpoint(options.url);
    const QString where = agents::shownUrl(endpoint);
    ServerTranscriptionOptions o = options;
    if (o.apiKey.isEmpty()) o.apiKey = qEnvironmentVariable("MOTOR_OPENAI_API_KEY");
    const agents::HttpBody body = multipart(o, wav);
    QNetworkAccessManager nam;
    const agents::HttpResult r = agents::httpSendWithRetries(
        nam, endpoint, o.apiKey, &body, o.timeoutMs, {std::max(0, o.retries) + 1, o.backoffMs}, cancel, uploaded);
    if (r.cancelled) return cancelledError(Texts::tr("openai %1: transcription cancelled").arg(where));
    if (!r.ok()) {
        const agents::ServerFailure f = r.failure();
        QString advice;
        if (f.kind == agents::FailureKind::Unauthorized)
            advice = Texts::tr("; set MOTOR_OPENAI_API_KEY");
        else if (f.kind == agents::FailureKind::NotSupported)
            advice = Texts::tr("; the server does not serve /v1/audio/transcriptions");
        else if (f.kind == agents::FailureKind::Unreachable || f.kind == agents::FailureKind::Timeout)
            advice = Texts::tr("; is the server running? check --url");
        return makeError(QStringLiteral("openai %1: %2%3").arg(where, f.describe(), advice));
    }
    return parseVerboseJson(r.body, where);
}

}  // namespace motor::speech
