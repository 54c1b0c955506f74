#pragma once
// Whisper on one CUDA GPU, from the same loaded WhisperModel as the CPU backend's
// (speech/whisper_model.h), as the engine's SpeechAccelerator: the convolutional stem as
// two GEMMs over unfolded frames, the encoder's pre-norm blocks with one non-causal
// FlashAttention-2 call over the window's 1,500 positions, the cross-attention keys and
// values of every decoder layer computed once per window, and batched decoder steps
// over per-sequence caches (fp32 keys and values; decodeAttention over each row's
// positions, then over the window's 1,500). Weights in bf16, the residual stream in
// fp32, cuBLASLt GEMMs (the output projections accumulate into the residual).
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "cuda/device.cuh"
#include "cuda/gemm_lt.cuh"
#include "motor/gpu/accelerator.h"
#include "motor/gpu/speech_config.h"

namespace motor::gpu::speech {
class WhisperModel;
}

namespace motor::gpu::cuda {

class CudaWhisper final : public SpeechAccelerator {
public:
    static Result<std::unique_ptr<CudaWhisper>> load(const speech::WhisperModel& model);
    ~CudaWhisper() override;
    CudaWhisper(const CudaWhisper&) = delete;
    CudaWhisper& operator=(const CudaWhisper&) = delete;

    std::string describe() const override;
    Result<std::vector<float>> encode(std::span<const float> melWindow) override;
    Result<int> newCross(std::span<const float> encoded) override;
    void releaseCross(int cross) override;
    Result<int> newCache() override;
    void releaseCache(int cache) override;
    Result<void> copyCache(int from, int to, int length) override;
    Result<void> step(int cross, std::span<const int> caches, std::span<const int> lengths,
                      const std::vector<std::vector<int32_t>>& tokens, std::span<const int> extraRows,
                      float* logits) override;

private:
    struct Linear {
        DeviceBuffer<uint16_t> w;  // out x in, bf16
        DeviceBuffer<float> b;     // empty: no bias
        int out = 0, in = 0;
    };
    struct Layer {
        DeviceBuffer<float> ln1w, ln1b, ln2w, ln2b, ln3w, ln3b;
        Linear q, k, v, o;      // self-attention
        Linear cq, ck, cv, co;  // cross-attention (decoder)
        Linear fc1, fc2;
    };
    CudaWhisper() = default;
    Result<void> linear(const Linear& l, const uint16_t* x, int rows, float* y, float beta);
    Result<void> norm(const float* x, const DeviceBuffer<float>& w, const DeviceBuffer<float>& b, int rows, int dim,
                      uint16_t* out);

    SpeechConfig config_;
    DeviceInfo device_;
    Stream stream_;
    std::unique_ptr<LtGemm> gemm_;
    Linear conv1_, conv2_;
    DeviceBuffer<float> encPos_, encLnW_, encLnB_, decPos_, decLnW_, decLnB_;
    DeviceBuffer<uint16_t> tokenEmbd_;  // vocab x textDim
    std::vector<Layer> enc_, dec_;

    // Encoder workspace (one window).
    DeviceBuffer<float> mel_, h1_, x_, q_, k_, v_, mlp_;
    DeviceBuffer<uint16_t> u1_, h1b_, u2_, xb_, qb_, kb_, vb_, att_, mlpb_;
    DeviceBuffer<int> cu_;
    // Decoder workspace (up to textContext rows; logits of up to maxLogitRows).
    int maxRows_ = 0, maxLogitRows_ = 0;
    DeviceBuffer<float> dx_, dq_, dk_, dv_, dmlp_, logits_;
    DeviceBuffer<uint16_t> dxb_, datt_, dmlpb_, picked_;
    DeviceBuffer<int> ints_;
    DeviceBuffer<float*> bases_;

    // Handles: cross keys/values (layers x {K, V} x audioContext x textDim) and caches
    // (layers x {K, V} x textContext x textDim).
    std::map<int, DeviceBuffer<float>> crosses_, caches_;
    int next_ = 0;
};

}  // namespace motor::gpu::cuda
