// Long recordings, as openai/whisper's transcribe(): the log-mel of the whole recording
// (plus 30 s of silence, so the last frames see what openai's see), then 30 s windows
// over the speech regions, each starting where the previous one's last complete
// segment ended; temperature fallback; windows the model calls silent are skipped.
#include <chrono>
#include <cmath>

#include "speech/whisper_model.h"

namespace motor::gpu::speech {

namespace {

struct Clip {
    int64_t begin, end;  // mel frames
};

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

WindowSplit splitWindow(std::span<const int32_t> tk, int32_t tb, int64_t size, bool timestamps, int64_t inputStride) {
    WindowSplit out;
    if (!timestamps) {
        out.parts.push_back({0, tk.size(), 0, size});
        out.seekAdvance = size;
        return out;
    }
    auto isTs = [&](size_t i) { return tk[i] >= tb; };
    const bool singleEnding = tk.size() >= 2 && !isTs(tk.size() - 2) && isTs(tk.size() - 1);
    std::vector<size_t> slices;
    for (size_t i = 1; i < tk.size(); ++i)
        if (isTs(i - 1) && isTs(i)) slices.push_back(i);
    if (!slices.empty()) {
        if (singleEnding) slices.push_back(tk.size());
        size_t last = 0;
        for (size_t cur : slices) {
            out.parts.push_back(
                {last, cur, int64_t(tk[last] - tb) * inputStride, int64_t(tk[cur - 1] - tb) * inputStride});
            last = cur;
        }
        out.seekAdvance = singleEnding ? size : int64_t(tk[last - 1] - tb) * inputStride;
        return out;
    }
    int64_t end = size;
    int32_t lastTs = -1;
    for (size_t i = 0; i < tk.size(); ++i)
        if (isTs(i)) lastTs = tk[i];
    if (lastTs > tb) end = int64_t(lastTs - tb) * inputStride;
    out.parts.push_back({0, tk.size(), 0, end});
    out.seekAdvance = size;
    return out;
}

Result<SpeechTranscript> WhisperModel::transcribe(std::span<const float> pcm, const SpeechOptions& o,
                                                  const SpeechCallbacks& cb) const {
    ++running_;
    struct Done {
        std::atomic<int>& n;
        ~Done() { --n; }
    } done{running_};
    const auto t0 = std::chrono::steady_clock::now();
    const SpeechConfig& c = config_;
    const int64_t N = c.windowFrames();
    const int64_t msPerFrame = 1000 * int64_t(c.hopLength) / c.sampleRate;  // 10
    if (o.temperatures.empty()) return makeError("transcribe: no temperatures given");
    if (o.beamSize < 1 || o.bestOf < 1) return makeError("transcribe: beam size and best-of must be at least 1");
    SpeechTranscript out;
    const int64_t contentFrames = int64_t(pcm.size()) / c.hopLength;
    out.durationMs = int64_t(pcm.size()) * 1000 / c.sampleRate;

    int32_t language = -1;
    const bool detect = o.language.empty() || o.language == "auto";
    if (ids_.multilingual() && !detect) {
        language = ids_.languageId(o.language);
        if (language < 0) return makeError("transcribe: the model has no language '" + o.language + "'");
        out.language = o.language;
    } else if (!ids_.multilingual()) {
        if (!detect && o.language != "en")
            return makeError("transcribe: " + weights_->path() + " is an English-only model; language '" + o.language +
                             "' is not available");
        out.language = "en";
    }
    if (o.task == SpeechTask::Translate && ids_.translate < 0)
        return makeError("transcribe: the model cannot translate");

    std::vector<Clip> clips;
    if (o.vad.enabled) {
        for (const SpeechRegion& r : detectSpeech(pcm, o.vad, c.sampleRate)) {
            if (!out.speech.empty() && r.startMs - out.speech.back().endMs < o.vad.joinGapMs)
                out.speech.back().endMs = r.endMs;
            else
                out.speech.push_back(r);
        }
        for (const SpeechRegion& r : out.speech)
            clips.push_back({r.startMs / msPerFrame, std::min(contentFrames, r.endMs / msPerFrame)});
    } else if (contentFrames > 0) {
        out.speech.push_back({0, out.durationMs});
        clips.push_back({0, contentFrames});
    }
    auto report = [&](int64_t doneFrames) {
        if (!cb.progress) return;
        SpeechProgress p;
        p.totalMs = out.durationMs;
        p.doneMs = doneFrames >= contentFrames ? out.durationMs : std::min(out.durationMs, doneFrames * msPerFrame);
        p.elapsedSeconds = secondsSince(t0);
        // Time per second of speech so far, times the speech still ahead.
        int64_t speechDone = 0, speechLeft = 0;
        for (const Clip& k : clips) {
            speechDone += std::clamp<int64_t>(doneFrames - k.begin, 0, k.end - k.begin);
            speechLeft += std::clamp<int64_t>(k.end - std::max(doneFrames, k.begin), 0, k.end - k.begin);
        }
        if (speechDone > 0)
            p.etaSeconds = p.elapsedSeconds * double(speechLeft) / double(speechDone);
        else if (speechLeft == 0)
            p.etaSeconds = 0;
        p.segments = int(out.segments.size());
        cb.progress(p);
    };
    report(0);
    if (clips.empty()) {
        report(contentFrames);
        return out;
    }

    std::vector<float> padded(pcm.begin(), pcm.end());
    padded.resize(padded.size() + size_t(c.chunkSeconds) * size_t(c.sampleRate), 0.0f);
    const std::vector<float> mel = logMel(padded);
    const int64_t melFrames = int64_t(padded.size()) / c.hopLength;
    std::vector<float> window(size_t(c.melBins) * size_t(N));
    auto fillWindow = [&](int64_t seek, int64_t size) {
        // openai's pad_or_trim: the window's own frames, then zeros (in the log domain).
        std::fill(window.begin(), window.end(), 0.0f);
        for (int64_t m = 0; m < c.melBins; ++m)
            std::copy(mel.begin() + m * melFrames + seek, mel.begin() + m * melFrames + seek + size,
                      window.begin() + m * N);
    };

    // The text so far conditions the next window; an initial prompt starts it off.
    std::vector<int32_t> allTokens;
    if (!o.initialPrompt.empty())
        allTokens = tokenizer_->encode(" " + o.initialPrompt, Tokenizer::AddSpecial::No, Tokenizer::SpecialText::Plain);
    size_t promptResetSince = 0;
    const int64_t inputStride = N / c.audioContext;  // 2 mel frames per encoder position
    size_t clipIdx = 0;
    int64_t seek = clips[0].begin;
    while (clipIdx < clips.size()) {
        if (cb.cancel && cb.cancel->load()) return makeError("transcribe: cancelled");
        const Clip& clip = clips[clipIdx];
        if (seek < clip.begin) seek = clip.begin;
        if (seek >= clip.end) {
            if (++clipIdx < clips.size()) seek = clips[clipIdx].begin;
            continue;
        }
        const int64_t size = std::min({N, contentFrames - seek, clip.end - seek});
        fillWindow(seek, size);
        auto encoded = encode(window);
        if (!encoded) return encoded.error();
        if (language < 0 && ids_.multilingual()) {
            auto lang = detectLanguage(encoded.value());
            if (!lang) return lang.error();
            language = lang->first;
            out.language = ids_.languageCode(language);
            out.languageProbability = lang->second;
        }
        SpeechDecodeOptions d;
        d.language = language;
        d.task = o.task;
        d.timestamps = o.timestamps;
        d.suppressBlank = o.suppressBlank;
        d.suppressNonSpeech = o.suppressNonSpeech;
        d.maxTokens = o.maxTokensPerWindow;
        d.patience = o.patience;
        d.prompt.assign(allTokens.begin() + std::ptrdiff_t(promptResetSince), allTokens.end());
        SpeechDecodeResult r;
        for (size_t ti = 0; ti < o.temperatures.size(); ++ti) {
            d.temperature = o.temperatures[ti];
            d.beamSize = d.temperature > 0 ? 1 : o.beamSize;
            d.bestOf = d.temperature > 0 ? o.bestOf : 1;
            d.seed = o.seed + uint64_t(out.windows) * 1000 + ti;
            auto res = decodeWindow(encoded.value(), d);
            if (!res) return res.error();
            r = std::move(res.value());
            bool fallback = false;
            if (o.compressionRatioThreshold && r.compressionRatio > *o.compressionRatioThreshold) fallback = true;
            if (o.logprobThreshold && r.avgLogprob < *o.logprobThreshold) fallback = true;
            if (o.noSpeechThreshold && r.noSpeechProb > *o.noSpeechThreshold && o.logprobThreshold &&
                r.avgLogprob < *o.logprobThreshold)
                fallback = false;  // silence: no retry will find words
            if (!fallback) break;
            if (ti + 1 < o.temperatures.size()) ++out.fallbacks;
        }
        ++out.windows;
        if (o.noSpeechThreshold && r.noSpeechProb > *o.noSpeechThreshold &&
            !(o.logprobThreshold && r.avgLogprob > *o.logprobThreshold)) {
            seek += size;
            report(seek);
            continue;
        }

        const int64_t offsetMs = seek * msPerFrame;
        const int64_t clipEndMs = clip.end * msPerFrame;
        std::vector<SpeechSegment> segs;
        auto addSegment = [&](int64_t startMs, int64_t endMs, std::vector<int32_t> tokens) {
            SpeechSegment s;
            s.startMs = std::min(startMs, clipEndMs);
            s.endMs = std::min(endMs, clipEndMs);
            s.tokens = std::move(tokens);
            s.text = text(s.tokens);
            s.avgLogprob = r.avgLogprob;
            s.noSpeechProb = r.noSpeechProb;
            s.compressionRatio = r.compressionRatio;
            s.temperature = r.temperature;
            segs.push_back(std::move(s));
        };
        const WindowSplit split = splitWindow(r.tokens, ids_.timestampBegin, size, o.timestamps, inputStride);
        for (const WindowPart& part : split.parts)
            addSegment(offsetMs + part.startFrame * msPerFrame, offsetMs + part.endFrame * msPerFrame,
                       std::vector<int32_t>(r.tokens.begin() + std::ptrdiff_t(part.begin),
                                            r.tokens.begin() + std::ptrdiff_t(part.end)));
        // A window whose only closed segment ends at <|0.00|> would be decoded again
        // forever: it counts as consumed.
        seek += split.seekAdvance > 0 ? split.seekAdvance : size;
        for (SpeechSegment& s : segs) {
            bool blank = true;
            for (char ch : s.text) blank = blank && std::isspace(static_cast<unsigned char>(ch));
            if (s.startMs >= s.endMs || blank) continue;  // openai clears these
            allTokens.insert(allTokens.end(), s.tokens.begin(), s.tokens.end());
            if (cb.segment) cb.segment(s);
            out.segments.push_back(std::move(s));
        }
        if (!o.conditionOnPreviousText || r.temperature > 0.5f) promptResetSince = allTokens.size();
        report(seek);
    }
    report(contentFrames);
    return out;
}

}  // namespace motor::gpu::speech
