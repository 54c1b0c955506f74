// libmotor_cuda.so: the CUDA backend (CudaLlama, CudaVision) behind the engine's
// Accelerator interface, loaded at run time by loadCudaAccelerator()
// (gpu/src/model/cuda_plugin.cpp). Its one exported symbol builds the accelerator for
// a Model the application loaded; everything else in the library is hidden.
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include "cuda/llama.cuh"
#include "cuda/vision.cuh"
#include "cuda/whisper.cuh"
#include "model/model_impl.h"
#include "motor/gpu/cuda_plugin.h"
#include "speech/whisper_model.h"

namespace motor::gpu::cuda {
namespace {

// A call across the library boundary: a host-side exception (bad_alloc of a large host
// vector) comes back as the call's error instead of unwinding into the application.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception& e) {
        return makeError(std::string("CUDA backend: ") + e.what());
    }
}

class CudaAccelerator final : public Accelerator {
public:
    CudaAccelerator(std::unique_ptr<CudaLlama> decoder, std::unique_ptr<CudaVision> vision, std::string visionNote)
        : decoder_(std::move(decoder)), vision_(std::move(vision)), visionNote_(std::move(visionNote)) {}

    std::string describe() const override {
        return "cuda: " + cuda::describe(decoder_->device()) +
               (decoder_->inPlaceMatrices() > 0 ? ", quantized matrices read in place" : "") +
               (decoder_->graphs()              ? ""
                : decoder_->graphNote().empty() ? ", decode without CUDA graphs"
                                                : ", decode without CUDA graphs (" + decoder_->graphNote() + ")") +
               (vision_ ? ", vision tower too" : visionNote_);
    }
    int newSequence() override { return decoder_->newSequence(); }
    int fork(int sequence) override {
        auto id = decoder_->fork(sequence);
        return id ? id.value() : decoder_->newSequence();  // only a dead sequence fails, and sessions own live ones
    }
    void release(int sequence) override { decoder_->release(sequence); }
    Result<void> prefill(int sequence, std::span<const int32_t> tokens, float* lastLogits) override {
        return guarded([&] { return decoder_->prefill(sequence, tokens, lastLogits); });
    }
    Result<void> prefillEmbeddings(int sequence, std::span<const float> rows, float* lastLogits) override {
        return guarded([&] { return decoder_->prefillEmbeddings(sequence, rows, lastLogits); });
    }
    Result<void> decode(std::span<const int> sequences, std::span<const int32_t> tokens, float* logits) override {
        return guarded([&] { return decoder_->decode(sequences, tokens, logits); });
    }
    bool hasVision() const override { return vision_ != nullptr; }
    int64_t capacityTokens() const override { return decoder_->capacityTokens(); }
    Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames) override {
        if (!vision_) return makeError("CUDA backend: this model's vision tower runs on the CPU");
        return guarded([&] { return vision_->encodePixels(pixelValues, frames); });
    }

private:
    std::unique_ptr<CudaLlama> decoder_;
    std::unique_ptr<CudaVision> vision_;
    std::string visionNote_;  // why a model's vision tower stays on the CPU
};

Result<std::unique_ptr<Accelerator>> create(const Model& model) {
    cuda::CudaLlamaOptions options;
    // MOTOR_CUDA_GRAPHS=0: decode as plain launches (to rule graphs out when a run goes wrong).
    if (const char* g = std::getenv("MOTOR_CUDA_GRAPHS"); g && std::string(g) == "0") options.graphs = false;
    auto decoder = CudaLlama::load(model, options);
    if (!decoder) return decoder.error();
    // A vision tower the kernels do not take stays on the CPU; the decoder still runs here.
    std::unique_ptr<CudaVision> vision;
    std::string note;
    if (modelImpl(model).vision) {
        auto v = CudaVision::load(model);
        if (v)
            vision = std::move(v.value());
        else
            note = "; the vision tower on the CPU (" + v.error().message + ")";
    }
    return std::unique_ptr<Accelerator>(
        std::make_unique<CudaAccelerator>(std::move(decoder.value()), std::move(vision), std::move(note)));
}

// CudaWhisper behind the same guard.
class GuardedSpeech final : public SpeechAccelerator {
public:
    explicit GuardedSpeech(std::unique_ptr<CudaWhisper> whisper) : w_(std::move(whisper)) {}
    std::string describe() const override { return w_->describe(); }
    Result<std::vector<float>> encode(std::span<const float> melWindow) override {
        return guarded([&] { return w_->encode(melWindow); });
    }
    Result<int> newCross(std::span<const float> encoded) override {
        return guarded([&] { return w_->newCross(encoded); });
    }
    void releaseCross(int cross) override { w_->releaseCross(cross); }
    Result<int> newCache() override {
        return guarded([&] { return w_->newCache(); });
    }
    void releaseCache(int cache) override { w_->releaseCache(cache); }
    Result<void> copyCache(int from, int to, int length) override {
        return guarded([&] { return w_->copyCache(from, to, length); });
    }
    Result<void> step(int cross, std::span<const int> caches, std::span<const int> lengths,
                      const std::vector<std::vector<int32_t>>& tokens, std::span<const int> extraRows,
                      float* logits) override {
        return guarded([&] { return w_->step(cross, caches, lengths, tokens, extraRows, logits); });
    }

private:
    std::unique_ptr<CudaWhisper> w_;
};

Result<std::unique_ptr<SpeechAccelerator>> createSpeech(const SpeechModel& model) {
    const auto* whisper = dynamic_cast<const speech::WhisperModel*>(&model);
    if (!whisper) return makeError("CUDA backend: not a Whisper model of this engine");
    auto acc = CudaWhisper::load(*whisper);
    if (!acc) return acc.error();
    return std::unique_ptr<SpeechAccelerator>(std::make_unique<GuardedSpeech>(std::move(acc.value())));
}

// An entry point's frame: the interface version checked, the result or the error (a
// host-side exception, bad_alloc, included) handed back across the library boundary.
template <class Out, class Make>
int enter(int abi, std::unique_ptr<Out>* out, std::string* error, Make make) {
    if (abi != kAcceleratorPluginAbi) {
        *error = "libmotor_cuda.so was built for accelerator interface " + std::to_string(kAcceleratorPluginAbi) +
                 ", the application asks for " + std::to_string(abi) + " (a plugin from another build)";
        return 1;
    }
    try {
        auto made = make();
        if (!made) {
            *error = made.error().message;
            return 1;
        }
        *out = std::move(made.value());
        return 0;
    } catch (const std::exception& e) {
        *error = std::string("CUDA backend: ") + e.what();
        return 1;
    }
}

}  // namespace
}  // namespace motor::gpu::cuda

extern "C" __attribute__((visibility("default"))) int motor_cuda_accelerator_create(
    int abi, const motor::gpu::Model* model, std::unique_ptr<motor::gpu::Accelerator>* out, std::string* error) {
    return motor::gpu::cuda::enter(abi, out, error, [&] { return motor::gpu::cuda::create(*model); });
}

extern "C" __attribute__((visibility("default"))) int motor_cuda_speech_accelerator_create(
    int abi, const motor::gpu::SpeechModel* model, std::unique_ptr<motor::gpu::SpeechAccelerator>* out,
    std::string* error) {
    return motor::gpu::cuda::enter(abi, out, error, [&] { return motor::gpu::cuda::createSpeech(*model); });
}
