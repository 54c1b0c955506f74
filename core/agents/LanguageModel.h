#pragma once
// The one interface core/agents uses to talk to a model: a language-model session.
// A session holds a conversation prefix (the shared clip context); it can be forked so
// that every agent continues from the same prefix without recomputing it, and it can
// decode one reply under a constraint (labels from a closed set + a bounded rationale).
// The local engine, the OpenAI-compatible HTTP client and the baselines implement it.
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <cmath>
#include <memory>
#include <vector>

#include "core/media/RgbFrame.h"
#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::agents {

// Checked between tokens and between requests; setting it stops work within a second.
class CancelFlag {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    void reset() { flag_.store(false, std::memory_order_relaxed); }
    bool isCancelled() const { return flag_.load(std::memory_order_relaxed); }
    // For the engine's generation loop, which checks it between tokens.
    const std::atomic<bool>* atomic() const { return &flag_; }

private:
    std::atomic<bool> flag_{false};
};

inline bool cancelled(const CancelFlag* c) {
    return c != nullptr && c->isCancelled();
}

enum class LmRole { System, User };

// A chunk of content appended to a session: text and optionally pictures.
struct LmContent {
    LmRole role = LmRole::User;
    QString text;
    QVector<media::RgbFrame> images;
};

// One labelled field of a constrained reply: its value must be one of `labels`.
struct LmLabelField {
    QString name;        // JSON key, e.g. "behavior"
    QStringList labels;  // closed set, codebook order
};

struct LmConstraint {
    QVector<LmLabelField> fields;  // in reply order
    int maxRationaleChars = 300;
};

// The JSON key of field i in a reply: "label" when the constraint has one field (the
// engine's grammar), else the field's name.
inline QString replyKey(const LmConstraint& c, qsizetype i) {
    return c.fields.size() == 1 ? QStringLiteral("label") : c.fields[i].name;
}

struct LmRequest {
    LmContent instruction;  // the agent's task, appended after the shared prefix
    LmConstraint constraint;
};

struct LmFieldResult {
    QString label;
    double confidence = std::nan("");     // probability of `label` when the backend knows it
    QMap<QString, double> probabilities;  // per label, when the backend knows them
};

struct LmTokenCounts {
    int64_t context = 0;
    int64_t instructions = 0;
    int64_t generated = 0;
};

struct LmOutput {
    QMap<QString, LmFieldResult> fields;  // every constraint field, always a valid label
    QString rationale;
    bool constrained = false;  // true: decoding itself enforced the labels
    int attempts = 1;          // requests / parses needed (strict parsing with retries)
    QString raw;               // the reply text as produced
    QString origin;            // the server that produced it (its URL); empty: this machine
};

// What baselines may look at (models get the same facts through the prompt text).
struct SessionInfo {
    int64_t clipId = 0;
    QString clipKey;
    QVector<Utterance> transcript;
};

// What a run is about to ask of a backend, for its check before the first clip.
struct RunNeeds {
    bool images = false;  // clip frames will be sent
};

struct LmCapabilities {
    bool vision = false;  // accepts images in LmContent
    // The backend resizes frames itself, exactly as its model was trained (the local
    // engine does InternVL's resize): give it frames at the recording's resolution.
    bool nativeFrames = false;
    bool constrainedDecoding = false;  // labels enforced while decoding
    bool prefixSharing = false;        // fork() reuses computed state
    int preferredBatch = 1;            // sessions generateBatch() runs together
};

class LmSession {
public:
    virtual ~LmSession() = default;
    // Appends content to the conversation (the local engine evaluates it now).
    virtual Status prefill(const LmContent& content, const CancelFlag* cancel) = 0;
    // A new session continuing from the same conversation; shares computed state.
    virtual Result<std::unique_ptr<LmSession>> fork() const = 0;
    // Appends the request's instruction, decodes one reply under its constraint. The
    // session then holds the reply too.
    virtual Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) = 0;
};

class LanguageModel {
public:
    virtual ~LanguageModel() = default;
    virtual QString backendName() const = 0;  // "local", "openai", "baseline"
    // Model identity for a run's provenance: path + content hash, or server model name.
    virtual QJsonObject identity() const = 0;
    virtual LmCapabilities capabilities() const = 0;
    virtual Result<std::unique_ptr<LmSession>> newSession(const SessionInfo& info) = 0;
    // Called once before a run sends pictures. A backend that would send them off this
    // machine asks for explicit confirmation here and fails when it is refused.
    virtual Status permitImages() { return {}; }
    // Called once before a run's first clip, after permitImages(). A backend that talks
    // to servers checks here that they can serve the run (reachable, the model served,
    // pictures taken when needed) and sizes its requests to them; an error (Fatal when
    // no clip could succeed) stops the run before anything is stored.
    virtual Status prepare(const RunNeeds& needs, const CancelFlag* cancel) {
        (void)needs;
        (void)cancel;
        return {};
    }
    // What prepare() learned (the servers, their context and health), for the run's
    // provenance; empty when there is nothing to say.
    virtual QJsonObject preparedInfo() const { return {}; }
    // Wall time this model has spent encoding images (the local engine's vision tower,
    // preprocessing included), summed over its life; 0 where images are not encoded here.
    virtual double visionMs() const { return 0.0; }
    // Tokens the engine has evaluated, summed over the model's life (local engine; zeros
    // for servers and baselines): clip contexts (system, frames' image tokens,
    // transcript), the agents' instructions, and the tokens it generated.
    virtual LmTokenCounts tokenCounts() const { return {}; }
    // Runs requests[i] on sessions[i]; sessions are distinct. Backends that can, run them
    // together (one batched pass, or concurrent HTTP requests). The default loops.
    virtual std::vector<Result<LmOutput>> generateBatch(const std::vector<LmSession*>& sessions,
                                                        const std::vector<LmRequest>& requests,
                                                        const CancelFlag* cancel);
};

}  // namespace motor::agents
