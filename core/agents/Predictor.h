#pragma once
// MOTOR-MAS: Behavior -> Cognition -> Emotion, "anchor and derive". The clip context is
// prefilled once per clip; each agent continues from a fork of it (prefix sharing) and
// sees the labels decided before it. Clips are processed in batches so that a backend
// can run the same agent of several clips together.
#include <QElapsedTimer>
#include <QVector>

#include "core/agents/ClipContext.h"
#include "core/agents/LanguageModel.h"
#include "core/agents/PromptBuilder.h"

namespace motor::agents {

struct DimensionPrediction {
    QString dimension;
    QString label;  // always a codebook class
    QString rationale;
    double confidence = std::nan("");
    QMap<QString, double> probabilities;
    int attempts = 1;
    bool constrained = false;
    QString origin;  // the server that answered (empty: this machine)
};

struct ClipPrediction {
    int64_t clipId = 0;
    QVector<DimensionPrediction> labels;  // codebook dimension order
};

enum class PrefixSharing { On, Off };

// Wall time spent per phase, summed over calls (for the benchmark and the provenance).
struct PredictorTimings {
    double prefillMs = 0.0;  // system + context
    double decodeMs = 0.0;   // agents (instruction + reply)
};

class Predictor {
public:
    Predictor(LanguageModel& model, PromptBuilder builder, PrefixSharing sharing = PrefixSharing::On);

    // One result per clip, in order. A failing clip does not stop the others.
    std::vector<Result<ClipPrediction>> predict(const QVector<ClipContext>& clips, const CancelFlag* cancel);

    const PromptBuilder& builder() const { return builder_; }
    const PredictorTimings& timings() const { return timings_; }

private:
    Result<std::unique_ptr<LmSession>> contextSession(const ClipContext& clip, const CancelFlag* cancel);
    Result<std::unique_ptr<LmSession>> agentSession(LmSession* base, const ClipContext& clip, const CancelFlag* cancel);

    LanguageModel& model_;
    PromptBuilder builder_;
    PrefixSharing sharing_;
    PredictorTimings timings_;
};

}  // namespace motor::agents
