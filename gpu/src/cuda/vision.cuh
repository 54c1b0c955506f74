#pragma once
// InternVL's vision side on one CUDA GPU, from the same loaded Model as the CPU
// backend's (vision/intern_vit.h): InternViT (patch embedding as a GEMM over unfolded
// patches, class token, position embeddings, pre-norm blocks with qkv bias, optional
// qk-norm and layer scale, GELU MLP) with all frames of a clip in one batch and their
// attention as one varlen FlashAttention-2 call (non-causal, 1,025 tokens per frame);
// then the class token dropped, pixel shuffle (the CPU's own, on the host) and the
// projector (LayerNorm, Linear, GELU, Linear). Weights in bf16, activations fp32 between
// GEMMs.
#include <memory>
#include <span>
#include <vector>

#include "cuda/device.cuh"
#include "cuda/gemm_lt.cuh"
#include "motor/gpu/model.h"
#include "motor/gpu/vision.h"

namespace motor::gpu::cuda {

class CudaVision {
public:
    static Result<std::unique_ptr<CudaVision>> load(const Model& model);
    ~CudaVision();
    CudaVision(const CudaVision&) = delete;
    CudaVision& operator=(const CudaVision&) = delete;

    // pixelValues: frames x 3 x S x S, normalised as VisionEncoder::preprocessing() says
    // (the CPU encoder's input); rows: frames x tokensPerImage x projectionDim.
    Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames);

    const VisionConfig& config() const { return config_; }

private:
    struct Layer;
    CudaVision() = default;
    Result<void> norm(float* x, const DeviceBuffer<float>& w, const DeviceBuffer<float>& b, int64_t rows, bf16* out);

    VisionConfig config_;
    Stream stream_;
    std::unique_ptr<LtGemm> gemm_;
    int kPad_ = 0;  // 3 * patch^2 rounded up to 8 (16-byte GEMM rows)
    DeviceBuffer<uint16_t> patch_, mm1_, mm3_;
    DeviceBuffer<float> patchBias_, cls_, pos_, mmNormW_, mmNormB_, mm1b_, mm3b_;
    std::vector<Layer> layers_;
};

}  // namespace motor::gpu::cuda
