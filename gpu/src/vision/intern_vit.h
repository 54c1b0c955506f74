#pragma once
// InternVL's vision side on the CPU backend: InternViT (patch embedding, class token,
// position embeddings, pre-norm blocks with layer scale) and the MLP projector, all
// frames of a clip in one batch through the model's thread pool and cpu::matmul.
#include <memory>
#include <mutex>
#include <vector>

#include "cpu/matmul.h"
#include "cpu/thread_pool.h"
#include "motor/gpu/vision.h"
#include "motor/gpu/weights.h"

namespace motor::gpu::cuda {
class CudaVision;
}

namespace motor::gpu::vision {

struct VitLayer {
    cpu::WeightMatrix q, k, v, o, up, down;
    std::vector<float> ln1w, ln1b, ln2w, ln2b;  // biases empty for RMSNorm
    std::vector<float> qb, kb, vb, ob, upb, downb;
    std::vector<float> qNorm, kNorm;  // InternViT-6B only
    std::vector<float> ls1, ls2;      // empty without layer scale
};

class InternVit final : public VisionEncoder {
public:
    // Reads the v.* / mm.* tensors (already validated against config by the format
    // reader, checked again here for dtype and bytes). ids from the tokenizer.
    static Result<std::unique_ptr<InternVit>> load(const ModelWeights& weights, const VisionConfig& config,
                                                   VisionTokenIds ids, cpu::ThreadPool& pool);

    const VisionConfig& config() const override { return config_; }
    const VisionTokenIds& tokenIds() const override { return ids_; }
    VisionPreprocessing preprocessing() const override;
    Result<VisionEmbeddings> encode(std::span<const RgbImage> frames) const override;
    Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames,
                                          VisionTrace* trace) const override;

private:
    friend class cuda::CudaVision;  // uploads the same weights to the GPU
    InternVit(const VisionConfig& c, VisionTokenIds ids, cpu::ThreadPool& pool) : config_(c), ids_(ids), pool_(&pool) {}

    // Rows x dim norm (LayerNorm or RMSNorm by config) of x into out, in parallel.
    void norm(const float* x, const std::vector<float>& w, const std::vector<float>& b, int64_t rows, float* out) const;
    void runLayer(const VitLayer& w, int frames) const;

    VisionConfig config_;
    VisionTokenIds ids_;
    cpu::ThreadPool* pool_;
    cpu::WeightMatrix patch_;
    std::vector<float> patchBias_, classEmbd_, posEmbd_;
    std::vector<VitLayer> layers_;
    std::vector<float> mmNormW_, mmNormB_, mm1b_, mm3b_;
    cpu::WeightMatrix mm1_, mm3_;

    // Workspace, reused across calls; encode is serialised by mutex_.
    mutable std::mutex mutex_;
    mutable std::vector<float> h_, xb_, q_, k_, v_, att_, mlp_, scratch_;
};

}  // namespace motor::gpu::vision
