#pragma once
// One server of an openai backend as a run sees it: where it is, what the probe learned,
// its health (the circuit breaker) and how much it may be given at once. Several servers
// share a run's clips; each keeps its own state.
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <algorithm>

#include "core/agents/openai/ServerProbe.h"

namespace motor::agents {

struct ServerState {
    QUrl base;      // ".../v1"
    QUrl chat;      // ".../v1/chat/completions"
    QString shown;  // the URL without user info: messages and provenance

    ServerInfo info;
    bool probed = false;

    // Health. A server that failed breakerAttempts attempts in a row, over at least the
    // time one request's retries would take, is down for the rest of the run; so is one
    // that cannot serve the run at all (no pictures, not the model, wrong key).
    bool down = false;
    QString downReason;
    int consecutiveFailures = 0;
    qint64 firstFailureMs = 0;  // monotonic clock, the first of those failures

    // Capacity.
    int inFlight = 0;
    qint64 tokensInFlight = 0;   // estimated, of the requests in flight
    int ceiling = 0;             // lowered after a shared context overflowed; 0: none
    double tokensPerByte = 0.0;  // learned from replies' usage; 0: not yet
    int completionTokens = 0;    // the longest reply seen, in tokens
    int replies = 0;

    // Requests it may have in flight, before the token budget: the run's concurrency,
    // at most its slots and at most the ceiling.
    int requestLimit(int concurrency) const {
        int limit = concurrency;
        if (info.slotCount > 0) limit = std::min(limit, info.slotCount);
        if (ceiling > 0) limit = std::min(limit, ceiling);
        return std::max(1, limit);
    }
    // Whether in-flight requests must fit one context together.
    bool tokenBudget() const { return info.contextShared && info.contextTokens > 0; }

    QJsonObject toJson() const {
        QJsonObject o = info.toJson();
        o.insert(QStringLiteral("url"), shown);
        if (ceiling > 0) o.insert(QStringLiteral("max_in_flight"), ceiling);
        if (down) o.insert(QStringLiteral("down"), downReason);
        return o;
    }
};

}  // namespace motor::agents
