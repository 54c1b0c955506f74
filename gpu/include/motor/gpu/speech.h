#pragma once
// Speech recognition with Whisper models (openai/whisper-*, its fine-tunes such as
// Finnish-NLP/whisper-large-finnish-v3, whisper.cpp's ggml files), on the CPU backend.
//
//   auto weights = openModel("whisper-large-v3");   // HF folder or ggml-*.bin
//   auto speech = SpeechModel::load(std::move(weights.value()));
//   SpeechOptions o; o.language = "fi";                 // "" or "auto": detect
//   SpeechCallbacks cb; cb.cancel = &stopFlag;
//   cb.progress = [](const SpeechProgress& p) { ... p.doneMs, p.totalMs, p.etaSeconds };
//   auto t = speech.value()->transcribe(pcm16kMono, o, cb);
//   for (const SpeechSegment& s : t->segments) ... s.startMs, s.endMs, s.text
//
// The audio is PCM float32, 16 kHz, mono, in [-1, 1]. Timestamps are milliseconds on
// the clock of that PCM (the caller adds the recording's offset if it decoded a part).
// Decoding follows openai/whisper's transcribe(): 30 s windows, each continuing from
// the last timestamp the model produced; beam search or greedy at temperature 0, then
// the temperature fallback schedule when a window's output is too repetitive
// (compression ratio) or too improbable (average log-probability); windows the model
// calls silent (no-speech probability) are dropped. Voice activity detection (on by
// default) skips silence and non-speech sound before the model sees it, so windows
// start at speech and nothing is made up over silence, noise or tones.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/accelerator.h"
#include "motor/gpu/result.h"
#include "motor/gpu/speech_config.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

enum class SpeechTask { Transcribe, Translate };

struct VadOptions {
    bool enabled = true;
    int minSpeechMs = 250;   // shorter bursts are not speech
    int minSilenceMs = 800;  // shorter pauses do not split speech
    int padMs = 300;         // kept on both sides of speech
    // Speech regions less than this apart are decoded together (one 30 s window spans
    // short pauses instead of encoding every sentence on its own).
    int joinGapMs = 3000;
};

struct SpeechOptions {
    std::string language;  // ISO code ("fi", "en"), or "" / "auto" to detect once
    SpeechTask task = SpeechTask::Transcribe;
    int beamSize = 5;  // at temperature 0; 1 = greedy
    float patience = 1.0f;
    int bestOf = 5;  // samples per window at temperature > 0
    std::vector<float> temperatures = {0.0f, 0.2f, 0.4f, 0.6f, 0.8f, 1.0f};
    // Guards, as openai/whisper's transcribe(); nullopt disables one.
    std::optional<float> compressionRatioThreshold = 2.4f;
    std::optional<float> logprobThreshold = -1.0f;
    std::optional<float> noSpeechThreshold = 0.6f;
    bool conditionOnPreviousText = true;
    bool timestamps = true;  // false: one segment per window
    bool suppressBlank = true;
    bool suppressNonSpeech = true;  // the model's suppress_tokens list
    int maxTokensPerWindow = 224;   // openai's sample_len: text context / 2
    std::string initialPrompt;      // vocabulary hint, e.g. names; needs merges (HF tokenizer.json)
    uint64_t seed = 0;              // temperature sampling
    VadOptions vad;
};

struct SpeechSegment {
    int64_t startMs = 0;
    int64_t endMs = 0;
    std::string text;  // UTF-8, leading space kept as the model wrote it
    std::vector<int32_t> tokens;
    float avgLogprob = 0;
    float noSpeechProb = 0;
    float compressionRatio = 0;
    float temperature = 0;  // of the window's accepted decoding
};

struct SpeechProgress {
    int64_t doneMs = 0;  // audio covered so far (skipped silence counts as done)
    int64_t totalMs = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1;  // -1 until an estimate exists
    int segments = 0;
};

struct SpeechCallbacks {
    std::function<void(const SpeechProgress&)> progress;
    std::function<void(const SpeechSegment&)> segment;  // as each is decided
    const std::atomic<bool>* cancel = nullptr;          // set: transcribe stops, returns an error
};

struct SpeechRegion {
    int64_t startMs = 0;
    int64_t endMs = 0;
};

struct SpeechTranscript {
    std::vector<SpeechSegment> segments;
    std::string language;           // detected or given
    float languageProbability = 0;  // when detected
    int64_t durationMs = 0;
    std::vector<SpeechRegion> speech;  // what voice activity detection kept (joined as decoded)
    int windows = 0;
    int fallbacks = 0;  // windows decoded again at a higher temperature
};

// One 30 s window's decoding (lower level; transcribe() is built on it).
struct SpeechDecodeResult {
    std::vector<int32_t> tokens;  // sampled tokens, eot excluded
    std::string text;
    float sumLogprob = 0;
    float avgLogprob = 0;
    float noSpeechProb = 0;
    float compressionRatio = 0;
    float temperature = 0;
};

struct SpeechDecodeOptions {
    int32_t language = -1;  // token id; -1: none (English-only models)
    SpeechTask task = SpeechTask::Transcribe;
    bool timestamps = true;
    float temperature = 0;
    int beamSize = 1;
    float patience = 1.0f;
    int bestOf = 1;
    bool suppressBlank = true;
    bool suppressNonSpeech = true;
    int maxTokens = 224;
    std::vector<int32_t> prompt;  // previous text (sent after <|startofprev|>)
    uint64_t seed = 0;
};

class SpeechModel {
public:
    virtual ~SpeechModel() = default;

    // weights from openModel() on a Whisper folder or ggml file. threads <= 0: the
    // shared pool.
    static Result<std::unique_ptr<SpeechModel>> load(std::unique_ptr<ModelWeights> weights, int threads = 0);

    virtual const SpeechConfig& config() const = 0;
    virtual const SpeechTokenIds& tokenIds() const = 0;
    virtual const ModelWeights& weights() const = 0;

    virtual Result<SpeechTranscript> transcribe(std::span<const float> pcm, const SpeechOptions& options,
                                                const SpeechCallbacks& callbacks = {}) const = 0;

    // The pieces, for tests and tools. logMel: melBins x frames floats (bin-major, as
    // WhisperFeatureExtractor), frames = samples / hop; the log clamp uses the maximum
    // over all of it. encode: one window (melBins x windowFrames) -> audioContext x
    // audioDim. decoderLogits: logits at every position of tokens, given encode()'s output.
    virtual std::vector<float> logMel(std::span<const float> pcm) const = 0;
    virtual Result<std::vector<float>> encode(std::span<const float> melWindow) const = 0;
    virtual Result<std::vector<float>> decoderLogits(std::span<const float> encoded,
                                                     std::span<const int32_t> tokens) const = 0;
    virtual Result<SpeechDecodeResult> decodeWindow(std::span<const float> encoded,
                                                    const SpeechDecodeOptions& options) const = 0;
    // The most probable language token and its probability.
    virtual Result<std::pair<int32_t, float>> detectLanguage(std::span<const float> encoded) const = 0;
    // Text of tokens, control and timestamp tokens left out.
    virtual std::string text(std::span<const int32_t> tokens) const = 0;

    // From now on the encoder and decoder run on the accelerator (built from this
    // model's weights, e.g. by loadCudaSpeechAccelerator()); the log-mel, voice activity
    // and the search stay on the CPU. Only while no transcription runs.
    virtual Result<void> attachAccelerator(std::unique_ptr<SpeechAccelerator> accelerator) = 0;
    // What runs it: the accelerator's describe(), or "cpu (avx2, 2 threads)".
    virtual std::string device() const = 0;
};

// Voice activity: the speech regions of 16 kHz PCM (energy above the recording's noise
// floor, spectrum neither flat like noise nor steady like a tone).
std::vector<SpeechRegion> detectSpeech(std::span<const float> pcm, const VadOptions& options, int sampleRate = 16000);

// len(utf8) / len(zlib.compress(utf8)): openai/whisper's repetition measure.
float compressionRatio(const std::string& text);

}  // namespace motor::gpu
