// One 30 s window's decoding, as openai/whisper's DecodingTask: the initial tokens
// ([<|startofprev|> previous text] <|startoftranscript|> language task
// [<|notimestamps|>]), the logit filters (blank and non-speech suppression, the
// timestamp rules), then greedy, sampling (best of n) or beam search, ranked by
// sum log-probability / length.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>

#include "formats/try.h"
#include "speech/whisper_model.h"

namespace motor::gpu::speech {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

struct Prompt {
    std::vector<int32_t> tokens;
    int sotIndex = 0;
    int sampleBegin = 0;
};

void logSoftmax(const float* x, int64_t n, std::vector<float>& out) {
    out.resize(size_t(n));
    float mx = kNegInf;
    for (int64_t i = 0; i < n; ++i) mx = std::max(mx, x[i]);
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += std::exp(double(x[i] - mx));
    const float lse = mx + float(std::log(sum));
    for (int64_t i = 0; i < n; ++i) out[size_t(i)] = x[i] - lse;
}

}  // namespace

class WindowDecoder {
public:
    WindowDecoder(const WhisperModel& m, const SpeechDecodeOptions& o) : m_(m), o_(o), ids_(m.tokenIds()) {}

    Result<Prompt> prompt() const {
        Prompt p;
        const int ctx = m_.config().textContext;
        if (!o_.prompt.empty() && ids_.startOfPrev >= 0) {
            p.tokens.push_back(ids_.startOfPrev);
            const size_t keep = std::min(o_.prompt.size(), size_t(ctx / 2 - 1));
            p.tokens.insert(p.tokens.end(), o_.prompt.end() - std::ptrdiff_t(keep), o_.prompt.end());
        }
        p.sotIndex = int(p.tokens.size());
        p.tokens.push_back(ids_.sot);
        if (ids_.multilingual()) {
            if (o_.language < 0) return makeError("speech decode: a multilingual model needs a language token");
            p.tokens.push_back(o_.language);
            const int32_t task = o_.task == SpeechTask::Translate ? ids_.translate : ids_.transcribe;
            if (task < 0) return makeError("speech decode: the model has no task token for this task");
            p.tokens.push_back(task);
        }
        if (!o_.timestamps) p.tokens.push_back(ids_.noTimestamps);
        p.sampleBegin = int(p.tokens.size());
        for (int32_t t : p.tokens)
            if (t < 0 || t >= m_.config().vocabSize)
                return makeError("speech decode: prompt token outside the vocabulary");
        return p;
    }

    // openai's SuppressBlank, SuppressTokens and ApplyTimestampRules, in that order.
    void filter(float* logits, const std::vector<int32_t>& sampled) const {
        const int64_t V = m_.config().vocabSize;
        auto kill = [&](int32_t id) {
            if (id >= 0 && id < V) logits[id] = kNegInf;
        };
        if (o_.suppressBlank && sampled.empty())
            for (int32_t id : ids_.beginSuppress) kill(id);
        if (o_.suppressNonSpeech)
            for (int32_t id : ids_.suppress) kill(id);
        for (int32_t id : {ids_.translate, ids_.transcribe, ids_.sot, ids_.startOfPrev, ids_.startOfLm, ids_.noSpeech})
            kill(id);
        const int32_t tb = ids_.timestampBegin;
        if (!o_.timestamps) {
            // Text only: the timestamp tokens are suppressed too (a fine-tuned or
            // random model may still rank them high).
            std::fill(logits + tb, logits + V, kNegInf);
            return;
        }
        kill(ids_.noTimestamps);
        const size_t n = sampled.size();
        const bool last = n >= 1 && sampled[n - 1] >= tb;
        const bool penultimate = n < 2 || sampled[n - 2] >= tb;
        if (last) {
            if (penultimate)
                std::fill(logits + tb, logits + V, kNegInf);  // a pair is closed: text or eot next
            else
                std::fill(logits, logits + ids_.eot, kNegInf);  // an open pair: timestamp or eot next
        }
        int32_t lastTs = -1;
        for (int32_t t : sampled)
            if (t >= tb) lastTs = t;
        if (lastTs >= 0) {
            // Timestamps never decrease, and a segment has non-zero length.
            const int32_t upTo = last && !penultimate ? lastTs : lastTs + 1;
            std::fill(logits + tb, logits + std::min<int64_t>(upTo, V), kNegInf);
        }
        if (sampled.empty()) {
            std::fill(logits, logits + tb, kNegInf);
            const int64_t lastAllowed = int64_t(tb) + ids_.maxInitialTimestampIndex;
            if (ids_.maxInitialTimestampIndex >= 0 && lastAllowed + 1 < V)
                std::fill(logits + lastAllowed + 1, logits + V, kNegInf);
        }
        // When the timestamps together outweigh every text token, a timestamp it is.
        std::vector<float>& lp = scratch_;
        logSoftmax(logits, V, lp);
        float mx = kNegInf;
        for (int64_t i = tb; i < V; ++i) mx = std::max(mx, lp[size_t(i)]);
        double sum = 0;
        for (int64_t i = tb; i < V; ++i) sum += std::exp(double(lp[size_t(i)] - mx));
        const float tsLogprob = mx == kNegInf ? kNegInf : mx + float(std::log(sum));
        float maxText = kNegInf;
        for (int64_t i = 0; i < tb; ++i) maxText = std::max(maxText, lp[size_t(i)]);
        if (tsLogprob > maxText) std::fill(logits, logits + tb, kNegInf);
    }

    Result<SpeechDecodeResult> run(std::span<const float> encoded) {
        auto p = prompt();
        if (!p) return p.error();
        const Prompt& pr = p.value();
        const int64_t V = m_.config().vocabSize;
        const int ctx = m_.config().textContext;
        if (int(pr.tokens.size()) >= ctx) return makeError("speech decode: prompt longer than the text context");
        MOTOR_TRY_ASSIGN(cross_, m_.crossKv(encoded));
        DecoderCache first;
        MOTOR_TRY_ASSIGN(first, m_.newCache());
        std::vector<DecoderCache*> one{&first};
        std::vector<float> l;
        MOTOR_TRY_ASSIGN(l, m_.step(cross_, one, {pr.tokens}, {pr.sotIndex}));
        // No-speech probability: <|nospeech|> at the <|startoftranscript|> position, unfiltered.
        SpeechDecodeResult res;
        res.temperature = o_.temperature;
        if (ids_.noSpeech >= 0) {
            std::vector<float> lp;
            logSoftmax(l.data() + V, V, lp);
            res.noSpeechProb = std::exp(lp[size_t(ids_.noSpeech)]);
        }
        l.resize(size_t(V));
        const int maxTokens = std::max(1, std::min(o_.maxTokens, ctx - int(pr.tokens.size())));
        std::vector<Candidate> finals;
        if (o_.temperature <= 0 && o_.beamSize > 1) {
            MOTOR_TRY_ASSIGN(finals, beam(first, l, maxTokens));
        } else {
            MOTOR_TRY_ASSIGN(finals, sample(first, l, maxTokens, o_.temperature > 0 ? std::max(1, o_.bestOf) : 1));
        }
        // openai's MaximumLikelihoodRanker without length penalty: sum / length.
        size_t best = 0;
        double bestScore = -1e300;
        for (size_t i = 0; i < finals.size(); ++i) {
            const double len = double(std::max<size_t>(1, finals[i].tokens.size()));
            const double score = finals[i].sumLogprob / len;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        res.tokens = finals[best].tokens;
        res.sumLogprob = float(finals[best].sumLogprob);
        res.avgLogprob = float(finals[best].sumLogprob / double(res.tokens.size() + 1));
        res.text = trim(m_.text(res.tokens));
        res.compressionRatio = compressionRatio(res.text);
        return res;
    }

private:
    struct Candidate {
        std::vector<int32_t> tokens;
        double sumLogprob = 0;
    };

    static std::string trim(const std::string& s) {
        size_t a = 0, b = s.size();
        while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
        while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
        return s.substr(a, b - a);
    }

    // Greedy (temperature 0, one sequence) or n samples at the temperature.
    Result<std::vector<Candidate>> sample(DecoderCache& first, const std::vector<float>& firstLogits, int maxTokens,
                                          int n) {
        const int64_t V = m_.config().vocabSize;
        const int ctx = m_.config().textContext;
        std::vector<DecoderCache> caches;
        caches.reserve(size_t(n));
        caches.push_back(std::move(first));
        for (int i = 1; i < n; ++i) {
            auto c = m_.newCache();
            if (!c) return c.error();
            caches.push_back(std::move(c.value()));
            MOTOR_TRY(m_.copyCache(caches[0], caches.back()));
        }
        std::vector<Candidate> seqs(static_cast<size_t>(n));
        std::vector<bool> done(size_t(n), false);
        std::vector<float> logits;
        for (int i = 0; i < n; ++i) logits.insert(logits.end(), firstLogits.begin(), firstLogits.end());
        std::vector<int> live(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) live[size_t(i)] = i;
        std::mt19937_64 rng(o_.seed);
        std::vector<float> lp;
        for (int stepIndex = 0; stepIndex < maxTokens && !live.empty(); ++stepIndex) {
            std::vector<DecoderCache*> next;
            std::vector<std::vector<int32_t>> nextTokens;
            std::vector<int> stillLive;
            for (size_t j = 0; j < live.size(); ++j) {
                const int s = live[j];
                float* row = logits.data() + j * size_t(V);
                filter(row, seqs[size_t(s)].tokens);
                logSoftmax(row, V, lp);
                int32_t tok = 0;
                if (o_.temperature <= 0) {
                    tok = int32_t(std::max_element(row, row + V) - row);
                } else {
                    std::vector<double> w(static_cast<size_t>(V));
                    double mx = -1e300;
                    for (int64_t i = 0; i < V; ++i) mx = std::max(mx, double(row[i]));
                    for (int64_t i = 0; i < V; ++i)
                        w[size_t(i)] = row[i] == kNegInf ? 0.0 : std::exp((double(row[i]) - mx) / o_.temperature);
                    tok = int32_t(std::discrete_distribution<int64_t>(w.begin(), w.end())(rng));
                }
                seqs[size_t(s)].sumLogprob += lp[size_t(tok)];
                if (tok == ids_.eot) {
                    done[size_t(s)] = true;
                    continue;
                }
                seqs[size_t(s)].tokens.push_back(tok);
                if (caches[size_t(s)].length + 1 > ctx) continue;  // no position left for another step
                stillLive.push_back(s);
                next.push_back(&caches[size_t(s)]);
                nextTokens.push_back({tok});
            }
            live = stillLive;
            if (live.empty() || stepIndex + 1 >= maxTokens) break;
            MOTOR_TRY_ASSIGN(logits, m_.step(cross_, next, nextTokens));
        }
        return seqs;
    }

    // openai's BeamSearchDecoder: each beam proposes its beamSize + 1 best tokens; the
    // best beamSize unfinished candidates go on, finished ones are kept until
    // beamSize * patience of them exist; unfinished beams fill up the rest at the end.
    Result<std::vector<Candidate>> beam(DecoderCache& first, const std::vector<float>& firstLogits, int maxTokens) {
        const int64_t V = m_.config().vocabSize;
        const int ctx = m_.config().textContext;
        const int B = o_.beamSize;
        const size_t maxCandidates = size_t(std::max(1L, std::lround(double(B) * double(o_.patience))));
        std::vector<DecoderCache> caches, spare;
        caches.push_back(std::move(first));
        std::vector<Candidate> beams(1);
        std::vector<float> logits = firstLogits;
        std::vector<std::pair<std::vector<int32_t>, double>> finished;
        std::vector<float> lp;
        for (int stepIndex = 0; stepIndex < maxTokens; ++stepIndex) {
            struct Proposal {
                std::vector<int32_t> seq;
                double score;
                int source;
            };
            std::vector<Proposal> props;
            std::map<std::vector<int32_t>, size_t> seen;
            for (size_t j = 0; j < beams.size(); ++j) {
                float* row = logits.data() + j * size_t(V);
                filter(row, beams[j].tokens);
                logSoftmax(row, V, lp);
                std::vector<int32_t> order(static_cast<size_t>(V));
                for (int64_t i = 0; i < V; ++i) order[size_t(i)] = int32_t(i);
                const size_t k = std::min<size_t>(size_t(B) + 1, size_t(V));
                std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(k), order.end(),
                                  [&](int32_t a, int32_t b) {
                                      return lp[size_t(a)] > lp[size_t(b)] || (lp[size_t(a)] == lp[size_t(b)] && a < b);
                                  });
                for (size_t i = 0; i < k; ++i) {
                    Proposal p{beams[j].tokens, beams[j].sumLogprob + lp[size_t(order[i])], int(j)};
                    p.seq.push_back(order[i]);
                    if (auto it = seen.find(p.seq); it != seen.end()) {
                        props[it->second] = p;  // a dict keyed by sequence: the later beam wins
                    } else {
                        seen.emplace(p.seq, props.size());
                        props.push_back(std::move(p));
                    }
                }
            }
            std::stable_sort(props.begin(), props.end(),
                             [](const Proposal& a, const Proposal& b) { return a.score > b.score; });
            std::vector<Candidate> nextBeams;
            std::vector<int> sources;
            std::vector<std::pair<std::vector<int32_t>, double>> newlyFinished;
            for (const Proposal& p : props) {
                if (p.seq.back() == ids_.eot) {
                    newlyFinished.push_back({std::vector<int32_t>(p.seq.begin(), p.seq.end() - 1), p.score});
                } else {
                    nextBeams.push_back({p.seq, p.score});
                    sources.push_back(p.source);
                    if (int(nextBeams.size()) == B) break;
                }
            }
            for (auto& f : newlyFinished) {
                if (finished.size() >= maxCandidates) break;
                finished.push_back(std::move(f));
            }
            if (finished.size() >= maxCandidates || nextBeams.empty()) {
                beams = std::move(nextBeams);
                break;
            }
            // Reorder the caches to follow the surviving beams.
            spare.resize(nextBeams.size());
            for (size_t j = 0; j < nextBeams.size(); ++j) {
                if (!spare[j].allocated()) MOTOR_TRY_ASSIGN(spare[j], m_.newCache());
                MOTOR_TRY(m_.copyCache(caches[size_t(sources[j])], spare[j]));
            }
            std::swap(caches, spare);
            beams = std::move(nextBeams);
            if (stepIndex + 1 >= maxTokens || caches[0].length + 1 > ctx) break;
            std::vector<DecoderCache*> ptrs;
            std::vector<std::vector<int32_t>> toks;
            for (size_t j = 0; j < beams.size(); ++j) {
                ptrs.push_back(&caches[j]);
                toks.push_back({beams[j].tokens.back()});
            }
            MOTOR_TRY_ASSIGN(logits, m_.step(cross_, ptrs, toks));
        }
        std::vector<Candidate> out;
        for (auto& [seq, score] : finished) out.push_back({seq, score});
        if (out.size() < size_t(B)) {
            std::stable_sort(beams.begin(), beams.end(),
                             [](const Candidate& a, const Candidate& b) { return a.sumLogprob > b.sumLogprob; });
            for (const Candidate& c : beams) {
                if (out.size() >= size_t(B)) break;
                out.push_back(c);
            }
        }
        if (out.empty()) out.push_back({});
        return out;
    }

    const WhisperModel& m_;
    const SpeechDecodeOptions& o_;
    const SpeechTokenIds& ids_;
    CrossKv cross_;
    mutable std::vector<float> scratch_;
};

Result<SpeechDecodeResult> WhisperModel::decodeWindow(std::span<const float> encoded,
                                                      const SpeechDecodeOptions& options) const {
    if (encoded.size() != size_t(config_.audioContext) * size_t(config_.audioDim))
        return makeError("speech decode: encoder output has " + std::to_string(encoded.size()) + " values");
    WindowDecoder d(*this, options);
    return d.run(encoded);
}

}  // namespace motor::gpu::speech
