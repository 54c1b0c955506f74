#pragma once
// Runs one stage's requests (one per session) over the backend's servers in one event
// loop: each request goes to a healthy server with room (the one that answered its
// clip before, when it can), within the server's request limit and, where in-flight
// requests share one context, within its token budget. Failures are handled by their
// class (ServerFailure): transient ones retried with backoff, a shared context that
// overflowed asked again with fewer in flight, deterministic ones failed at once, a
// server that cannot serve the run or stops answering taken out (its requests go to
// the others); when no server is left every open request fails with ErrorCode::Fatal.
// While requests are in flight a cheap liveness check notices a server that died
// holding its connections, instead of waiting out the request timeout.
#include <QJsonArray>
#include <QList>
#include <QPointer>
#include <deque>
#include <optional>
#include <vector>

#include "core/agents/OpenAiModel.h"
#include "core/agents/openai/OpenAiSession.h"
#include "core/agents/openai/ServerFailure.h"
#include "core/agents/openai/ServerState.h"

class QEventLoop;
class QNetworkAccessManager;
class QNetworkReply;

namespace motor::agents {

class BatchDispatcher {
public:
    BatchDispatcher(const OpenAiOptions& options, std::vector<ServerState>& servers, SchemaStyle& schemaStyle);
    ~BatchDispatcher();

    std::vector<Result<LmOutput>> run(const std::vector<OpenAiSession*>& sessions,
                                      const std::vector<QJsonArray>& messages, const std::vector<LmRequest>& requests,
                                      const CancelFlag* cancel);

private:
    struct Job {
        OpenAiSession* session = nullptr;
        const LmRequest* request = nullptr;
        QJsonArray messages;
        qint64 promptBytes = 0;  // text of the messages
        int images = 0;
        int retries = 0;  // transient failures of this request
        int parseRetries = 0;
        int contextRetreats = 0;
        int server = -1;                        // where it is in flight
        qint64 tokens = 0;                      // the estimate it holds in its server's budget
        bool sentAlone = false;                 // nothing else was in flight on its server
        SchemaStyle style = SchemaStyle::None;  // how its last request asked for the schema
        QString abortReason;                    // set when the liveness check aborted it
        std::optional<Result<LmOutput>> result;
        QPointer<QNetworkReply> reply;
    };

    void pump();
    int pickServer(const Job& job) const;
    qint64 estimateTokens(const Job& job, const ServerState& server) const;
    void send(int jobIndex, int serverIndex);
    void onReply(int jobIndex, QNetworkReply* reply);
    void onSuccess(int jobIndex, ServerState& server, const QByteArray& body);
    void onFailure(int jobIndex, int serverIndex, const ServerFailure& failure);
    void requeue(int jobIndex, int delayMs);
    void finish(int jobIndex, Result<LmOutput> result);
    void noteUnreachable(ServerState& server, const ServerFailure& failure);
    void takeDown(ServerState& server, const QString& reason);
    void checkLiveness();
    bool anyServerUp() const;
    void failOpenJobs();
    bool remaining() const;
    int backoffMs(int retry) const;

    const OpenAiOptions& options_;
    std::vector<ServerState>& servers_;
    SchemaStyle& schemaStyle_;
    std::vector<Job> jobs_;
    std::deque<int> ready_;
    int waiting_ = 0;  // jobs sleeping before a retry
    std::vector<bool> checking_;
    QNetworkAccessManager* nam_ = nullptr;
    QEventLoop* loop_ = nullptr;
    bool stopped_ = false;
};

}  // namespace motor::agents
