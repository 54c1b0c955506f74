#pragma once
// An OpenAI-compatible server on 127.0.0.1 for the openai backends' tests: it follows the
// published request/response formats (chat completions; /v1/audio/transcriptions with a
// multipart/form-data upload) and misbehaves on demand (a fault schedule: status, body,
// delay, Retry-After, hang-ups). GET routes (/v1/models, /props) answer from `gets`;
// POSTs go to `handler` and are recorded in `requests` (a form upload as an object of
// its fields, files as {filename, content_type, bytes}, their contents in `uploads`),
// their paths in `postPaths`. It can stop reading a request part-way (a stalled upload)
// or read it slowly (a slow link).
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <algorithm>
#include <functional>
#include <memory>
#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace motor::test {

struct Reply {
    Reply(int status_ = 200, QByteArray body_ = {}, int delayMs_ = 0, bool hangUp_ = false, QByteArray retryAfter_ = {})
        : status(status_),
          body(std::move(body_)),
          delayMs(delayMs_),
          hangUp(hangUp_),
          retryAfter(std::move(retryAfter_)) {}
    int status;
    QByteArray body;
    int delayMs;
    bool hangUp;            // close the connection without answering
    QByteArray retryAfter;  // a Retry-After header when set
};

inline QByteArray completion(const QString& content, int promptTokens = 0, int completionTokens = 0) {
    QJsonObject o{
        {"id", "chatcmpl-1"},
        {"object", "chat.completion"},
        {"model", "test-model"},
        {"choices", QJsonArray{QJsonObject{{"index", 0},
                                           {"message", QJsonObject{{"role", "assistant"}, {"content", content}}},
                                           {"finish_reason", "stop"}}}}};
    if (promptTokens > 0)
        o.insert("usage", QJsonObject{{"prompt_tokens", promptTokens},
                                      {"completion_tokens", completionTokens},
                                      {"total_tokens", promptTokens + completionTokens}});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The first label the request's schema (or its prompt) allows.
inline QString firstAllowedLabel(const QJsonObject& request) {
    const QJsonArray e = request.value("response_format")
                             .toObject()
                             .value("json_schema")
                             .toObject()
                             .value("schema")
                             .toObject()
                             .value("properties")
                             .toObject()
                             .value("label")
                             .toObject()
                             .value("enum")
                             .toArray();
    if (!e.isEmpty()) return e.first().toString();
    const QString prompt = QJsonDocument(request.value("messages").toArray()).toJson();
    return prompt.contains("Monitoring") ? "Monitoring" : "Neutral";
}

// A valid reply to any agent request.
inline Reply labelReply(const QJsonObject& request) {
    return Reply{
        200,
        completion(QStringLiteral("{\"label\": \"%1\", \"rationale\": \"ok\"}").arg(firstAllowedLabel(request))),
        0,
        false,
        {}};
}

// A /v1/audio/transcriptions answer in response_format=verbose_json, as OpenAI
// documents it: segments of {id, seek, start, end, text, tokens, temperature,
// avg_logprob, compression_ratio, no_speech_prob}.
struct TestSegment {
    double start;
    double end;
    QString text;
    double noSpeechProb = 0.01;
    double avgLogprob = -0.2;
};
inline QByteArray verboseJson(const QList<TestSegment>& segments, const QString& language = "english",
                              double duration = 0) {
    QJsonArray out;
    QString text;
    int id = 0;
    for (const TestSegment& s : segments) {
        out.append(QJsonObject{{"id", id++},
                               {"seek", 0},
                               {"start", s.start},
                               {"end", s.end},
                               {"text", s.text},
                               {"tokens", QJsonArray{50364, 400, 50464}},
                               {"temperature", 0.0},
                               {"avg_logprob", s.avgLogprob},
                               {"compression_ratio", 1.2},
                               {"no_speech_prob", s.noSpeechProb}});
        text += s.text;
    }
    return QJsonDocument(QJsonObject{{"task", "transcribe"},
                                     {"language", language},
                                     {"duration", duration},
                                     {"text", text.trimmed()},
                                     {"segments", out}})
        .toJson(QJsonDocument::Compact);
}

// The fields of a multipart/form-data body (RFC 7578): text fields as strings, files as
// {filename, content_type, bytes}; the files' contents go to `files`.
inline QJsonObject formFields(const QByteArray& head, const QByteArray& body, QList<QByteArray>* files) {
    QJsonObject fields;
    const qsizetype b = head.toLower().indexOf("boundary=");
    if (b < 0) return fields;
    QByteArray boundary = head.mid(b + 9);
    boundary = boundary.left(boundary.indexOf("\r\n")).trimmed();
    if (boundary.startsWith('"')) boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    qsizetype at = body.indexOf(delimiter);
    while (at >= 0) {
        at += delimiter.size();
        if (body.mid(at, 2) == "--") break;
        at += 2;  // CRLF
        const qsizetype headEnd = body.indexOf("\r\n\r\n", at);
        const qsizetype next = body.indexOf("\r\n" + delimiter, headEnd);
        if (headEnd < 0 || next < 0) break;
        const QByteArray partHead = body.mid(at, headEnd - at);
        const QByteArray content = body.mid(headEnd + 4, next - headEnd - 4);
        auto param = [&](const QByteArray& key) {
            const qsizetype k = partHead.indexOf(key + "=\"");
            if (k < 0) return QByteArray();
            const qsizetype start = k + key.size() + 2;
            return partHead.mid(start, partHead.indexOf('"', start) - start);
        };
        const QString name = QString::fromUtf8(param("name"));
        if (partHead.contains("filename=")) {
            QByteArray type;
            for (const QByteArray& line : partHead.split('\n'))
                if (line.toLower().startsWith("content-type:")) type = line.mid(13).trimmed();
            fields.insert(name, QJsonObject{{"filename", QString::fromUtf8(param("filename"))},
                                            {"content_type", QString::fromUtf8(type)},
                                            {"bytes", content.size()}});
            if (files) *files << content;
        } else {
            fields.insert(name, QString::fromUtf8(content));
        }
        at = next + 2;
    }
    return fields;
}

// The probe's one-token request (max_tokens 1) and whether it carries a picture.
inline bool isProbe(const QJsonObject& request) {
    return request.value("max_tokens").toInt() == 1;
}
inline bool hasImage(const QJsonObject& request) {
    return QJsonDocument(request.value("messages").toArray()).toJson().contains("image_url");
}

class ChatServer : public QObject {
public:
    std::function<Reply(const QJsonObject& request, const QByteArray& headers, int n)> handler;
    QMap<QString, Reply> gets;  // path -> reply; other GETs get 404
    QList<QJsonObject> requests;
    QList<QByteArray> headers;
    QStringList postPaths;
    QList<QByteArray> uploads;
    QStringList getPaths;
    int inFlight = 0, maxInFlight = 0;
    // >= 0: a connection reads no more than this many bytes, so the client's upload stalls
    // with the rest unsent (the socket's buffers are kept small) until it gives up.
    qint64 stopReadingAfterBytes = -1;
    qint64 bytesRead = 0;  // of every connection, as far as the server read

    ChatServer() {
        server_.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                auto* buffer = new QByteArray;
                if (stopReadingAfterBytes >= 0 || readBytesPerSecond_ > 0) {
                    s->setReadBufferSize(4096);
                    s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
                }
                // A slow link: what is not read yet is read by a timer, as the budget grows.
                auto link = std::make_shared<QElapsedTimer>();
                link->start();
                auto readHere = std::make_shared<qint64>(0);
                auto pump = [this, s, buffer, link, readHere] {
                    qint64 room = stopReadingAfterBytes < 0 ? s->bytesAvailable()
                                                            : std::max<qint64>(0, stopReadingAfterBytes - bytesRead);
                    if (readBytesPerSecond_ > 0)
                        room = std::min(room, readBytesPerSecond_ * link->elapsed() / 1000 - *readHere);
                    const QByteArray got = s->read(std::max<qint64>(0, std::min(room, s->bytesAvailable())));
                    bytesRead += got.size();
                    *readHere += got.size();
                    buffer->append(got);
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0) return;
                    const QByteArray head = buffer->left(end);
                    qsizetype length = 0;
                    for (const QByteArray& line : head.split('\n'))
                        if (line.toLower().startsWith("content-length:")) length = line.mid(15).trimmed().toLongLong();
                    if (buffer->size() < end + 4 + length) return;
                    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
                    const QByteArray method = requestLine.value(0);
                    const QString path = QString::fromLatin1(requestLine.value(1));
                    const QByteArray content = buffer->mid(end + 4, length);
                    buffer->clear();
                    Reply r;
                    if (method == "GET") {
                        getPaths << path;
                        r = gets.value(
                            path, Reply{404,
                                        R"({"error":{"code":404,"message":"File Not Found","type":"not_found_error"}})",
                                        0,
                                        false,
                                        {}});
                    } else {
                        const QJsonObject request = head.toLower().contains("content-type: multipart/form-data")
                                                        ? formFields(head, content, &uploads)
                                                        : QJsonDocument::fromJson(content).object();
                        requests << request;
                        headers << head;
                        postPaths << path;
                        r = handler(request, head, int(requests.size()));
                    }
                    maxInFlight = std::max(maxInFlight, ++inFlight);
                    QPointer<QTcpSocket> guard(s);
                    QTimer::singleShot(r.delayMs, this, [this, guard, r] {
                        --inFlight;
                        if (!guard) return;
                        if (!r.hangUp) {
                            QByteArray out =
                                "HTTP/1.1 " + QByteArray::number(r.status) + " X\r\nContent-Type: application/json\r\n";
                            if (!r.retryAfter.isEmpty()) out += "Retry-After: " + r.retryAfter + "\r\n";
                            out += "Connection: close\r\nContent-Length: " + QByteArray::number(r.body.size()) +
                                   "\r\n\r\n" + r.body;
                            guard->write(out);
                            guard->flush();
                        }
                        guard->disconnectFromHost();
                    });
                };
                QObject::connect(s, &QTcpSocket::readyRead, this, pump);
                if (readBytesPerSecond_ > 0) {
                    auto* tick = new QTimer(s);
                    QObject::connect(tick, &QTimer::timeout, this, [s, pump] {
                        if (s->bytesAvailable() > 0) pump();
                    });
                    tick->start(20);
                    QObject::connect(s, &QTcpSocket::disconnected, tick, &QTimer::stop);
                }
                QObject::connect(s, &QTcpSocket::disconnected, s, [s, buffer] {
                    delete buffer;
                    s->deleteLater();
                });
            }
        });
    }
    // A slow link: every later connection reads no faster than this. The socket buffers
    // are kept small from the start (the listening socket's, which a connection inherits
    // before its window is agreed), so the client's upload goes at this pace too.
    void limitReadRate(qint64 bytesPerSecond) {
        readBytesPerSecond_ = bytesPerSecond;
#ifdef Q_OS_UNIX
        const int size = 4096;
        ::setsockopt(int(server_.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
#endif
    }
    QUrl url() const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(server_.serverPort()));
    }
    quint16 port() const {
        return server_.serverPort();
    }
    // Stops listening: new connections are refused (a server that died).
    void stopListening() {
        server_.close();
    }

    // Only the agents' requests, without the probe's.
    QList<QJsonObject> agentRequests() const {
        QList<QJsonObject> out;
        for (const auto& r : requests)
            if (!isProbe(r)) out << r;
        return out;
    }

private:
    QTcpServer server_;
    qint64 readBytesPerSecond_ = -1;  // > 0: limitReadRate
};

}  // namespace motor::test
