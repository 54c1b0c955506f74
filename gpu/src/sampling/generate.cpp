#include "motor/gpu/generate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "motor/gpu/model.h"

namespace motor::gpu {

namespace {

bool contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

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

}  // namespace

Result<GenerateResult> generate(Session& session, const GenerateOptions& options) {
    if (session.logits().empty()) return makeError("generate: the session has no logits (prefill it first)");
    const JsonLabelConstraint* c = options.constraint;
    const int vocab = session.model().vocabSize();
    if (c && c->vocabSize() < vocab)
        return makeError("generate: constraint covers " + std::to_string(c->vocabSize()) + " tokens, model has " +
                         std::to_string(vocab));
    std::vector<std::string> ownBytes;
    const std::vector<std::string>* bytes = options.tokenBytes;
    if (!bytes && c) bytes = &c->tokenBytes();
    if (!bytes) {
        ownBytes = tokenBytesFromTokenizerData(session.model().tokenizerData());
        bytes = &ownBytes;
    }
    Sampler sampler(options.sampler);
    GenerateResult out;
    JsonLabelConstraint::State state = c ? c->initial() : JsonLabelConstraint::State{};
    bool probabilitiesDone = false;
    std::vector<float> logits;
    for (int step = 0; step < options.maxTokens; ++step) {
        const auto raw = session.logits();
        logits.assign(raw.begin(), raw.end());
        if (c) {
            auto applyMask = [&] {
                logits.assign(raw.begin(), raw.end());
                c->mask(state, logits);
                const bool done = c->complete(state);
                for (int32_t id : options.stopIds)
                    if (id >= 0 && id < vocab) logits[size_t(id)] = done ? raw[size_t(id)] : -INFINITY;
            };
            applyMask();
            if (!probabilitiesDone && atLabelDecision(*c, state, logits)) {
                auto p = labelProbabilities(session, *c, state, options.labelProbability);
                if (!p) return p.error();
                out.labelProbabilities = std::move(p.value());
                probabilitiesDone = true;
                if (options.labelChoice == LabelChoice::MostProbable) {
                    const auto best = std::max_element(out.labelProbabilities.begin(), out.labelProbabilities.end());
                    c->restrictLabels(state, uint64_t(1) << (best - out.labelProbabilities.begin()));
                    applyMask();
                }
            }
        }
        const int32_t token = sampler.sample(logits);
        if (token < 0) return makeError("generate: no token is allowed at step " + std::to_string(step));
        if (contains(options.stopIds, token)) {
            out.stop = StopReason::StopToken;
            break;
        }
        if (c && c->isEos(token)) {
            out.stop = StopReason::EndToken;
            break;
        }
        if (c && !c->advance(state, token)) return makeError("generate: internal error, sampled a masked token");
        if (session.position() >= session.contextLength()) {
            out.stop = StopReason::MaxTokens;
            break;
        }
        if (auto ok = session.decode(token); !ok) return ok.error();
        out.tokens.push_back(token);
        if (size_t(token) < bytes->size()) out.text += (*bytes)[size_t(token)];
        // Nothing may follow the closed object unless an end token exists.
        if (c && c->complete(state) && !c->hasEos() && options.stopIds.empty()) {
            out.stop = StopReason::ConstraintComplete;
            break;
        }
    }
    if (c) {
        if (state.label >= 0) {
            out.labelIndex = state.label;
            out.label = c->schema().labels[size_t(state.label)];
        }
        if (!probabilitiesDone && out.labelIndex >= 0) {
            out.labelProbabilities.assign(c->schema().labels.size(), 0.0);
            out.labelProbabilities[size_t(out.labelIndex)] = 1.0;
        }
    }
    return out;
}

}  // namespace motor::gpu
