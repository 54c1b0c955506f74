#include "motor/gpu/generate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "motor/gpu/model.h"

namespace motor::gpu {

namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// A decision point: the label is still open and some allowed token would put bytes
// into its value.
bool atLabelDecision(const JsonLabelConstraint& c, const JsonLabelConstraint::State& s, std::span<const float> masked) {
    if (c.labelStarted(s)) return false;
    for (size_t t = 0; t < masked.size(); ++t) {
        if (!std::isfinite(masked[t])) continue;
        JsonLabelConstraint::State n = s;
        if (c.advance(n, int32_t(t)) && c.labelStarted(n)) return true;
    }
    return false;
}

// One sequence of a batch: its options, sampler, grammar state and result so far.
class Sequence {
public:
    Sequence(Session& session, const GenerateOptions& options)
        : session_(session),
          o_(options),
          c_(options.constraint),
          sampler_(options.sampler),
          state_(c_ ? c_->initial() : JsonLabelConstraint::State{}) {}

    Result<void> start() {
        if (session_.logits().empty()) return makeError("generate: the session has no logits (prefill it first)");
        const int vocab = session_.model().vocabSize();
        if (c_ && c_->vocabSize() < vocab)
            return makeError("generate: constraint covers " + std::to_string(c_->vocabSize()) + " tokens, model has " +
                             std::to_string(vocab));
        bytes_ = o_.tokenBytes;
        if (!bytes_ && c_) bytes_ = &c_->tokenBytes();
        if (!bytes_) {
            ownBytes_ = tokenBytesFromTokenizerData(session_.model().tokenizerData());
            bytes_ = &ownBytes_;
        }
        return {};
    }

    bool active() const { return active_; }
    Session& session() { return session_; }

    // Picks the next token from the session's logits, or ends the sequence (returns
    // nullopt). An error ends it too.
    Result<std::optional<int32_t>> next() {
        if (steps_ >= o_.maxTokens) return finish(StopReason::MaxTokens);
        const int vocab = session_.model().vocabSize();
        const auto raw = session_.logits();
        logits_.assign(raw.begin(), raw.end());
        if (c_) {
            auto applyMask = [&] {
                logits_.assign(raw.begin(), raw.end());
                c_->mask(state_, logits_);
                const bool done = c_->complete(state_);
                for (int32_t id : o_.stopIds)
                    if (id >= 0 && id < vocab) logits_[size_t(id)] = done ? raw[size_t(id)] : -INFINITY;
            };
            applyMask();
            if (!probabilitiesDone_ && atLabelDecision(*c_, state_, logits_)) {
                auto p = labelProbabilities(session_, *c_, state_, o_.labelProbability);
                if (!p) return p.error();
                out_.labelProbabilities = std::move(p.value());
                probabilitiesDone_ = true;
                if (o_.labelChoice == LabelChoice::MostProbable) {
                    const auto best = std::max_element(out_.labelProbabilities.begin(), out_.labelProbabilities.end());
                    c_->restrictLabels(state_, uint64_t(1) << (best - out_.labelProbabilities.begin()));
                    applyMask();
                }
            }
        }
        const int32_t token = sampler_.sample(logits_);
        if (token < 0) return makeError("generate: no token is allowed at step " + std::to_string(steps_));
        if (contains(o_.stopIds, token)) return finish(StopReason::StopToken);
        if (c_ && c_->isEos(token)) return finish(StopReason::EndToken);
        if (c_ && !c_->advance(state_, token)) return makeError("generate: internal error, sampled a masked token");
        if (session_.position() >= session_.contextLength()) return finish(StopReason::MaxTokens);
        return std::optional<int32_t>(token);
    }

    // The token is in the session now.
    void accepted(int32_t token) {
        ++steps_;
        out_.tokens.push_back(token);
        if (size_t(token) < bytes_->size()) out_.text += (*bytes_)[size_t(token)];
        // Nothing may follow the closed object unless an end token exists.
        if (c_ && c_->complete(state_) && !c_->hasEos() && o_.stopIds.empty())
            (void)finish(StopReason::ConstraintComplete);
    }

    std::optional<int32_t> finish(StopReason why) {
        out_.stop = why;
        active_ = false;
        return std::nullopt;
    }

    GenerateResult result() {
        if (c_) {
            if (state_.label >= 0) {
                out_.labelIndex = state_.label;
                out_.label = c_->schema().labels[size_t(state_.label)];
            }
            if (!probabilitiesDone_ && out_.labelIndex >= 0) {
                out_.labelProbabilities.assign(c_->schema().labels.size(), 0.0);
                out_.labelProbabilities[size_t(out_.labelIndex)] = 1.0;
            }
        }
        return std::move(out_);
    }

private:
    Session& session_;
    const GenerateOptions& o_;
    const JsonLabelConstraint* c_;
    Sampler sampler_;
    JsonLabelConstraint::State state_;
    const std::vector<std::string>* bytes_ = nullptr;
    std::vector<std::string> ownBytes_;
    std::vector<float> logits_;
    GenerateResult out_;
    bool probabilitiesDone_ = false;
    bool active_ = true;
    int steps_ = 0;
};

}  // namespace

std::vector<Result<GenerateResult>> generateBatch(std::span<Session* const> sessions,
                                                  std::span<const GenerateOptions> options,
                                                  const std::atomic<bool>* cancel) {
    const size_t n = sessions.size();
    std::vector<std::optional<Error>> errors(n);
    if (options.size() != n) {
        std::vector<Result<GenerateResult>> out;
        for (size_t i = 0; i < n; ++i)
            out.push_back(makeError("generateBatch: " + std::to_string(n) + " sessions but " +
                                    std::to_string(options.size()) + " option sets"));
        return out;
    }
    std::vector<Sequence> seqs;
    seqs.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        seqs.emplace_back(*sessions[i], options[i]);
        if (auto ok = seqs[i].start(); !ok) {
            errors[i] = ok.error();
            (void)seqs[i].finish(StopReason::MaxTokens);
        }
    }
    std::vector<Session*> feed;
    std::vector<int32_t> tokens;
    std::vector<size_t> fed;
    for (;;) {
        feed.clear();
        tokens.clear();
        fed.clear();
        const bool stop = cancel && cancel->load(std::memory_order_relaxed);
        for (size_t i = 0; i < n; ++i) {
            if (!seqs[i].active()) continue;
            if (stop) {
                (void)seqs[i].finish(StopReason::Cancelled);
                continue;
            }
            auto next = seqs[i].next();
            if (!next) {
                errors[i] = next.error();
                (void)seqs[i].finish(StopReason::MaxTokens);
                continue;
            }
            if (!next.value()) continue;
            feed.push_back(&seqs[i].session());
            tokens.push_back(*next.value());
            fed.push_back(i);
        }
        if (feed.empty()) break;
        if (auto ok = Session::decodeBatch(feed, tokens); !ok) {
            for (size_t i : fed) {
                errors[i] = ok.error();
                (void)seqs[i].finish(StopReason::MaxTokens);
            }
            continue;
        }
        for (size_t k = 0; k < fed.size(); ++k) seqs[fed[k]].accepted(tokens[k]);
    }
    std::vector<Result<GenerateResult>> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (errors[i])
            out.push_back(*errors[i]);
        else
            out.push_back(seqs[i].result());
    }
    return out;
}

Result<GenerateResult> generate(Session& session, const GenerateOptions& options) {
    Session* one[] = {&session};
    auto out = generateBatch(one, std::span(&options, 1));
    return std::move(out.front());
}

}  // namespace motor::gpu
