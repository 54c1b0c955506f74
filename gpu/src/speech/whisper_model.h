#pragma once
// Whisper on the CPU backend: the convolutional stem and encoder over one 30 s window,
// and the decoder (self-attention with a per-sequence cache, cross-attention over the
// window's encoder output) stepping several sequences at once (beams, samples).
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <vector>

#include "cpu/matmul.h"
#include "cpu/thread_pool.h"
#include "motor/gpu/speech.h"
#include "motor/gpu/tokenizer.h"
#include "speech/mel.h"

namespace motor::gpu::cuda {
class CudaWhisper;
}

namespace motor::gpu::speech {

struct Linear {
    cpu::WeightMatrix w;
    std::vector<float> b;  // empty: no bias (the key projections)
};

struct AttentionWeights {
    std::vector<float> lnW, lnB;
    Linear q, k, v, o;
};

struct WhisperLayer {
    AttentionWeights self;
    AttentionWeights cross;  // decoder only
    std::vector<float> mlpLnW, mlpLnB;
    Linear fc1, fc2;
};

// A cache or cross keys/values held by the model's accelerator, released with the last
// holder.
struct AcceleratorHandle {
    SpeechAccelerator* accelerator = nullptr;
    std::mutex* mutex = nullptr;
    int id = -1;
    bool cross = false;
    AcceleratorHandle(SpeechAccelerator* a, std::mutex* m, int i, bool c) : accelerator(a), mutex(m), id(i), cross(c) {}
    AcceleratorHandle(const AcceleratorHandle&) = delete;
    AcceleratorHandle& operator=(const AcceleratorHandle&) = delete;
    ~AcceleratorHandle() {
        std::lock_guard lock(*mutex);
        if (cross)
            accelerator->releaseCross(id);
        else
            accelerator->releaseCache(id);
    }
};

// The decoder's self-attention cache of one sequence: textContext x dim per layer, here
// or (device set) on the accelerator.
struct DecoderCache {
    std::vector<std::vector<float>> k, v;
    std::shared_ptr<AcceleratorHandle> device;
    int length = 0;
    bool allocated() const { return device || !k.empty(); }
};

// The encoder output of one window projected to every decoder layer's cross keys and
// values (audioContext x dim each), here or (device set) on the accelerator.
struct CrossKv {
    std::vector<std::vector<float>> k, v;
    std::shared_ptr<AcceleratorHandle> device;
};

// How openai/whisper's transcribe() cuts one window's tokens into segments: consecutive
// timestamp pairs close segments; a window ending in a single timestamp was complete
// (seek moves past the whole window), else seek moves to the last closing timestamp so
// the next window redoes the unfinished segment; without a pair the whole output is one
// segment (ending at its last timestamp, if any). Times are in mel frames from the
// window's start (a timestamp step is inputStride frames, 2: 20 ms).
struct WindowPart {
    size_t begin = 0, end = 0;  // token range
    int64_t startFrame = 0, endFrame = 0;
};
struct WindowSplit {
    std::vector<WindowPart> parts;
    int64_t seekAdvance = 0;  // mel frames
};
WindowSplit splitWindow(std::span<const int32_t> tokens, int32_t timestampBegin, int64_t windowSize, bool timestamps,
                        int64_t inputStride = 2);

class WhisperModel final : public SpeechModel {
public:
    static Result<std::unique_ptr<WhisperModel>> create(std::unique_ptr<ModelWeights> weights, int threads);

    const SpeechConfig& config() const override { return config_; }
    const SpeechTokenIds& tokenIds() const override { return ids_; }
    const ModelWeights& weights() const override { return *weights_; }

    Result<SpeechTranscript> transcribe(std::span<const float> pcm, const SpeechOptions& options,
                                        const SpeechCallbacks& callbacks) const override;
    std::vector<float> logMel(std::span<const float> pcm) const override;
    Result<std::vector<float>> encode(std::span<const float> melWindow) const override;
    Result<std::vector<float>> decoderLogits(std::span<const float> encoded,
                                             std::span<const int32_t> tokens) const override;
    Result<SpeechDecodeResult> decodeWindow(std::span<const float> encoded,
                                            const SpeechDecodeOptions& options) const override;
    Result<std::pair<int32_t, float>> detectLanguage(std::span<const float> encoded) const override;
    std::string text(std::span<const int32_t> tokens) const override;
    Result<void> attachAccelerator(std::unique_ptr<SpeechAccelerator> accelerator) override;
    std::string device() const override;

    // Internals shared by the decoding strategies (whisper_search.cpp); on the
    // accelerator when one is attached.
    Result<CrossKv> crossKv(std::span<const float> encoded) const;
    Result<DecoderCache> newCache() const;
    // to's first from.length positions become from's.
    Result<void> copyCache(const DecoderCache& from, DecoderCache& to) const;
    // Appends tokens[s] to caches[s] for every sequence s and returns logits (vocab
    // floats per row): of the last new token of each sequence, then of the new-token
    // rows listed in extraRows (indices into all new tokens, sequence after sequence).
    Result<std::vector<float>> step(const CrossKv& cross, std::vector<DecoderCache*>& caches,
                                    const std::vector<std::vector<int32_t>>& tokens,
                                    const std::vector<int>& extraRows = {}) const;
    const Tokenizer& tokenizer() const { return *tokenizer_; }
    cpu::ThreadPool& pool() const { return *pool_; }
    const LogMel& mel() const { return mel_; }

private:
    friend class cuda::CudaWhisper;  // uploads the same weights to the GPU
    WhisperModel() = default;
    Result<void> loadTensors();
    std::vector<float> stepOnCpu(const CrossKv& cross, std::vector<DecoderCache*>& caches,
                                 const std::vector<std::vector<int32_t>>& tokens,
                                 const std::vector<int>& extraRows) const;
    // y = W x + b over rows. The encoder's products (batch: never decoded a token at a
    // time) go through cpu::matmulBatch, the decoder's through cpu::matmul.
    void linear(const Linear& l, const float* x, int rows, int64_t ldx, float* y, int64_t ldy,
                bool batch = false) const;
    void layerNormRows(const float* x, const std::vector<float>& w, const std::vector<float>& b, int rows, int dim,
                       float* out) const;

    std::unique_ptr<ModelWeights> weights_;
    std::unique_ptr<cpu::ThreadPool> ownPool_;
    cpu::ThreadPool* pool_ = nullptr;
    SpeechConfig config_;
    SpeechTokenIds ids_;
    std::optional<Tokenizer> tokenizer_;
    LogMel mel_{80, 400, 160, 16000};

    Linear conv1_, conv2_;
    std::vector<float> encPos_, encLnW_, encLnB_;
    std::vector<WhisperLayer> enc_, dec_;
    cpu::WeightMatrix tokenEmbd_;
    std::vector<float> decPos_, decLnW_, decLnB_;

    std::unique_ptr<SpeechAccelerator> accelerator_;
    mutable std::mutex acceleratorMutex_;  // serialises its calls
    mutable std::atomic<int> running_{0};  // transcriptions in progress (attach refuses)
};

}  // namespace motor::gpu::speech
