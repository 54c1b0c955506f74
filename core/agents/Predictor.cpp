#include "core/agents/Predictor.h"

#include <optional>

namespace motor::agents {

namespace {

SessionInfo infoOf(const ClipContext& clip) {
    return SessionInfo{clip.clip.id, clip.clip.key, clip.transcript};
}

DimensionPrediction toPrediction(const QString& dimension, const LmOutput& out) {
    const LmFieldResult f = out.fields.value(dimension);
    DimensionPrediction p;
    p.dimension = dimension;
    p.label = f.label;
    p.rationale = out.rationale;
    p.confidence = f.confidence;
    p.probabilities = f.probabilities;
    p.attempts = out.attempts;
    p.constrained = out.constrained;
    p.origin = out.origin;
    return p;
}

}  // namespace

Predictor::Predictor(LanguageModel& model, PromptBuilder builder, PrefixSharing sharing)
    : model_(model), builder_(std::move(builder)), sharing_(sharing) {}

Result<std::unique_ptr<LmSession>> Predictor::contextSession(const ClipContext& clip, const CancelFlag* cancel) {
    auto system = builder_.system();
    if (!system) return system.error();
    auto context = builder_.context(clip);
    if (!context) return context.error();
    auto session = model_.newSession(infoOf(clip));
    if (!session) return session.error();
    if (auto st = session.value()->prefill(system.value(), cancel); !st) return st.error();
    if (auto st = session.value()->prefill(context.value(), cancel); !st) return st.error();
    return std::move(session.value());
}

Result<std::unique_ptr<LmSession>> Predictor::agentSession(LmSession* base, const ClipContext& clip,
                                                           const CancelFlag* cancel) {
    QElapsedTimer t;
    t.start();
    Result<std::unique_ptr<LmSession>> s = sharing_ == PrefixSharing::On ? base->fork() : contextSession(clip, cancel);
    timings_.prefillMs += double(t.nsecsElapsed()) / 1e6;
    return s;
}

std::vector<Result<ClipPrediction>> Predictor::predict(const QVector<ClipContext>& clips, const CancelFlag* cancel) {
    const int n = int(clips.size());
    std::vector<std::optional<Error>> failed(static_cast<size_t>(n));
    std::vector<std::unique_ptr<LmSession>> bases(static_cast<size_t>(n));
    std::vector<ClipPrediction> done(static_cast<size_t>(n));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i) {
        done[size_t(i)].clipId = clips[i].clip.id;
        if (sharing_ == PrefixSharing::Off) continue;
        auto s = contextSession(clips[i], cancel);
        if (s)
            bases[size_t(i)] = std::move(s.value());
        else
            failed[size_t(i)] = s.error();
    }
    timings_.prefillMs += double(timer.nsecsElapsed()) / 1e6;

    // One stage = one agent over every clip still alive.
    auto runStage = [&](const std::function<Result<LmRequest>(int)>& requestFor,
                        const std::function<void(int, const LmOutput&)>& accept) {
        std::vector<std::unique_ptr<LmSession>> owned;
        std::vector<LmSession*> sessions;
        std::vector<LmRequest> requests;
        std::vector<int> index;
        for (int i = 0; i < n; ++i) {
            if (failed[size_t(i)]) continue;
            if (cancelled(cancel)) {
                failed[size_t(i)] = cancelledError();
                continue;
            }
            auto req = requestFor(i);
            if (!req) {
                failed[size_t(i)] = req.error();
                continue;
            }
            auto s = agentSession(bases[size_t(i)].get(), clips[i], cancel);
            if (!s) {
                failed[size_t(i)] = s.error();
                continue;
            }
            owned.push_back(std::move(s.value()));
            sessions.push_back(owned.back().get());
            requests.push_back(std::move(req.value()));
            index.push_back(i);
        }
        if (sessions.empty()) return;
        QElapsedTimer t;
        t.start();
        auto outs = model_.generateBatch(sessions, requests, cancel);
        timings_.decodeMs += double(t.nsecsElapsed()) / 1e6;
        for (size_t k = 0; k < index.size(); ++k) {
            const int i = index[k];
            if (k >= outs.size())
                failed[size_t(i)] = makeError(QStringLiteral("backend returned too few replies"));
            else if (!outs[k])
                failed[size_t(i)] = outs[k].error();
            else
                accept(i, outs[k].value());
        }
    };

    const Codebook& cb = builder_.codebook();
    if (builder_.mode() == PredictorMode::SingleAgent) {
        runStage([&](int) { return builder_.singleAgentRequest(); },
                 [&](int i, const LmOutput& out) {
                     for (const auto& d : cb.dimensions) done[size_t(i)].labels.push_back(toPrediction(d.name, out));
                 });
    } else {
        for (const auto& d : cb.dimensions) {
            runStage(
                [&](int i) {
                    QVector<Anchor> anchors;
                    for (const auto& p : done[size_t(i)].labels) anchors.push_back(Anchor{p.dimension, p.label});
                    return builder_.agentRequest(d, anchors);
                },
                [&](int i, const LmOutput& out) { done[size_t(i)].labels.push_back(toPrediction(d.name, out)); });
        }
    }

    std::vector<Result<ClipPrediction>> results;
    results.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        if (failed[size_t(i)]) {
            results.push_back(withContext(QStringLiteral("clip %1: ").arg(clips[i].clip.key), *failed[size_t(i)]));
            continue;
        }
        // Backends promise codebook labels; check anyway, a wrong label must never be stored.
        bool valid = done[size_t(i)].labels.size() == cb.dimensions.size();
        for (const auto& p : done[size_t(i)].labels) {
            const Dimension* dim = cb.dimension(p.dimension);
            valid = valid && dim && dim->classIndex(p.label) >= 0;
        }
        if (!valid)
            results.push_back(makeError(
                QStringLiteral("clip %1: backend produced a label outside the codebook").arg(clips[i].clip.key)));
        else
            results.push_back(std::move(done[size_t(i)]));
    }
    return results;
}

}  // namespace motor::agents
