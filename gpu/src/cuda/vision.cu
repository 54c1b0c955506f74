#include <cmath>
#include <cstring>
#include <string>

#include "cpu/matmul.h"
#include "cuda/check.cuh"
#include "cuda/elementwise.cuh"
#include "cuda/flash_attention.cuh"
#include "cuda/norm.cuh"
#include "cuda/upload.cuh"
#include "cuda/vision.cuh"
#include "cuda/vit_ops.cuh"
#include "formats/try.h"
#include "model/model_impl.h"
#include "motor/gpu/quant.h"
#include "vision/intern_vit.h"
#include "vision/vision_ops.h"

namespace motor::gpu::cuda {

struct CudaVision::Layer {
    DeviceBuffer<uint16_t> q, k, v, o, up, down;
    DeviceBuffer<float> ln1w, ln1b, ln2w, ln2b, qb, kb, vb, ob, upb, downb, qNorm, kNorm, ls1, ls2;
};

namespace {

Result<DeviceBuffer<uint16_t>> upload(const cpu::WeightMatrix& w, int64_t cols) {
    return uploadBf16(w, cols);
}

Result<DeviceBuffer<float>> upload(const std::vector<float>& v) {
    return uploadF32(v);
}

}  // namespace

CudaVision::~CudaVision() = default;

Result<std::unique_ptr<CudaVision>> CudaVision::load(const Model& model) {
    // The CPU tower itself (model.vision() is a wrapper once an accelerator is attached).
    const auto* vit = dynamic_cast<const vision::InternVit*>(modelImpl(model).vision.get());
    if (!vit) return makeError("CUDA vision: the model has no InternViT vision tower");
    auto devs = devices();
    if (!devs) return devs.error();
    MOTOR_CUDA_TRY(cudaSetDevice(devs->front().index));
    std::unique_ptr<CudaVision> m(new CudaVision());
    const VisionConfig& c = vit->config_;
    m->config_ = c;
    const int hd = c.heads > 0 ? c.dim / c.heads : 0;
    if (hd != 64 && hd != 128)
        return makeError("CUDA vision: head dim " + std::to_string(hd) + " is not supported (64 or 128)");
    MOTOR_TRY_ASSIGN(m->stream_, Stream::create());
    MOTOR_TRY_ASSIGN(m->gemm_, LtGemm::create());
    m->kPad_ = int((vit->patch_.cols + 7) / 8 * 8);
    MOTOR_TRY_ASSIGN(m->patch_, upload(vit->patch_, m->kPad_));
    MOTOR_TRY_ASSIGN(m->patchBias_, upload(vit->patchBias_));
    MOTOR_TRY_ASSIGN(m->cls_, upload(vit->classEmbd_));
    MOTOR_TRY_ASSIGN(m->pos_, upload(vit->posEmbd_));
    MOTOR_TRY_ASSIGN(m->mmNormW_, upload(vit->mmNormW_));
    MOTOR_TRY_ASSIGN(m->mmNormB_, upload(vit->mmNormB_));
    MOTOR_TRY_ASSIGN(m->mm1_, upload(vit->mm1_, vit->mm1_.cols));
    MOTOR_TRY_ASSIGN(m->mm1b_, upload(vit->mm1b_));
    MOTOR_TRY_ASSIGN(m->mm3_, upload(vit->mm3_, vit->mm3_.cols));
    MOTOR_TRY_ASSIGN(m->mm3b_, upload(vit->mm3b_));
    m->layers_.resize(vit->layers_.size());
    for (size_t l = 0; l < vit->layers_.size(); ++l) {
        const vision::VitLayer& s = vit->layers_[l];
        Layer& d = m->layers_[l];
        MOTOR_TRY_ASSIGN(d.q, upload(s.q, s.q.cols));
        MOTOR_TRY_ASSIGN(d.k, upload(s.k, s.k.cols));
        MOTOR_TRY_ASSIGN(d.v, upload(s.v, s.v.cols));
        MOTOR_TRY_ASSIGN(d.o, upload(s.o, s.o.cols));
        MOTOR_TRY_ASSIGN(d.up, upload(s.up, s.up.cols));
        MOTOR_TRY_ASSIGN(d.down, upload(s.down, s.down.cols));
        MOTOR_TRY_ASSIGN(d.ln1w, upload(s.ln1w));
        MOTOR_TRY_ASSIGN(d.ln1b, upload(s.ln1b));
        MOTOR_TRY_ASSIGN(d.ln2w, upload(s.ln2w));
        MOTOR_TRY_ASSIGN(d.ln2b, upload(s.ln2b));
        MOTOR_TRY_ASSIGN(d.qb, upload(s.qb));
        MOTOR_TRY_ASSIGN(d.kb, upload(s.kb));
        MOTOR_TRY_ASSIGN(d.vb, upload(s.vb));
        MOTOR_TRY_ASSIGN(d.ob, upload(s.ob));
        MOTOR_TRY_ASSIGN(d.upb, upload(s.upb));
        MOTOR_TRY_ASSIGN(d.downb, upload(s.downb));
        MOTOR_TRY_ASSIGN(d.qNorm, upload(s.qNorm));
        MOTOR_TRY_ASSIGN(d.kNorm, upload(s.kNorm));
        MOTOR_TRY_ASSIGN(d.ls1, upload(s.ls1));
        MOTOR_TRY_ASSIGN(d.ls2, upload(s.ls2));
    }
    return Result<std::unique_ptr<CudaVision>>(std::move(m));
}

Result<void> CudaVision::norm(float* x, const DeviceBuffer<float>& w, const DeviceBuffer<float>& b, int64_t rows,
                              bf16* out) {
    if (config_.norm == VisionNorm::LayerNorm)
        return layerNorm<bf16>(x, w.get(), b.size() ? b.get() : nullptr, out, int(rows), config_.dim, config_.normEps,
                               stream_.get());
    return rmsNorm<bf16>(x, nullptr, w.get(), out, int(rows), config_.dim, config_.normEps, stream_.get());
}

Result<VisionEmbeddings> CudaVision::encodePixels(std::span<const float> pixelValues, int frames) {
    const VisionConfig& c = config_;
    const int S = c.imageSize, P = c.patchSize, G = c.gridSize();
    const int64_t C = c.dim, F = c.hiddenDim, D = c.projectionDim;
    const int64_t patches = c.patchesPerImage(), T = patches + 1, rows = T * frames;
    if (frames <= 0) return makeError("CUDA vision: no frames");
    if (pixelValues.size() != size_t(frames) * 3 * size_t(S) * size_t(S))
        return makeError("CUDA vision: " + std::to_string(pixelValues.size()) + " pixel values for " +
                         std::to_string(frames) + " frames of 3 x " + std::to_string(S) + " x " + std::to_string(S));
    cudaStream_t st = stream_.get();

    // Unfold the stride-P patches in the convolution kernel's (channel, row, column)
    // order, as bf16 rows padded to kPad_.
    std::vector<uint16_t> unfolded(static_cast<size_t>(frames * patches * kPad_), 0);
    for (int64_t item = 0; item < frames * patches; ++item) {
        const int64_t f = item / patches, p = item % patches, py = p / G, px = p % G;
        uint16_t* o = unfolded.data() + item * kPad_;
        for (int ch = 0; ch < 3; ++ch)
            for (int ky = 0; ky < P; ++ky) {
                const float* src = pixelValues.data() + ((f * 3 + ch) * S + py * P + ky) * S + px * P;
                for (int kx = 0; kx < P; ++kx) o[(ch * P + ky) * P + kx] = fp32ToBf16(src[kx]);
            }
    }
    DeviceBuffer<uint16_t> dUnf, xb, q16, k16, v16, att, mlp16;
    DeviceBuffer<float> emb, h, q, k, v, y, mlp;
    DeviceBuffer<int> cu;
    MOTOR_TRY_ASSIGN(dUnf, DeviceBuffer<uint16_t>::fromHost(unfolded.data(), unfolded.size()));
    MOTOR_TRY_ASSIGN(emb, DeviceBuffer<float>::allocate(size_t(frames * patches * C)));
    MOTOR_TRY_ASSIGN(h, DeviceBuffer<float>::allocate(size_t(rows * C)));
    for (auto* b : {&q, &k, &v, &y}) MOTOR_TRY_ASSIGN(*b, DeviceBuffer<float>::allocate(size_t(rows * C)));
    for (auto* b : {&xb, &q16, &k16, &v16, &att})
        MOTOR_TRY_ASSIGN(*b, DeviceBuffer<uint16_t>::allocate(size_t(rows * C)));
    MOTOR_TRY_ASSIGN(mlp, DeviceBuffer<float>::allocate(size_t(rows * F)));
    MOTOR_TRY_ASSIGN(mlp16, DeviceBuffer<uint16_t>::allocate(size_t(rows * F)));
    std::vector<int> cuHost;
    for (int f = 0; f <= frames; ++f) cuHost.push_back(int(f * T));
    MOTOR_TRY_ASSIGN(cu, DeviceBuffer<int>::fromHost(cuHost.data(), cuHost.size()));

    MOTOR_TRY(
        gemm_->gemm(bf(dUnf), kPad_, int(frames * patches), bf(patch_), kPad_, int(C), kPad_, emb.get(), C, 0.f, st));
    MOTOR_TRY(vitEmbed(emb.get(), patchBias_.get(), cls_.get(), pos_.get(), frames, int(T), int(C), h.get(), st));

    const int hd = int(C / c.heads);
    const AttentionParams ap =
        encoderAttention(bf(q16), bf(k16), bf(v16), bf(att), C, c.heads, hd, cu.get(), frames, int(T));
    const int run = c.selectLayer > 0 ? c.selectLayer : c.layers + 1 + c.selectLayer;
    for (int l = 0; l < run; ++l) {
        Layer& w = layers_[size_t(l)];
        MOTOR_TRY(norm(h.get(), w.ln1w, w.ln1b, rows, bf(xb)));
        MOTOR_TRY(gemm_->gemm(bf(xb), C, int(rows), bf(w.q), C, int(C), int(C), q.get(), C, 0.f, st));
        MOTOR_TRY(gemm_->gemm(bf(xb), C, int(rows), bf(w.k), C, int(C), int(C), k.get(), C, 0.f, st));
        MOTOR_TRY(gemm_->gemm(bf(xb), C, int(rows), bf(w.v), C, int(C), int(C), v.get(), C, 0.f, st));
        if (w.qb.size()) {
            MOTOR_TRY(addBias(q.get(), w.qb.get(), rows, int(C), st));
            MOTOR_TRY(addBias(k.get(), w.kb.get(), rows, int(C), st));
            MOTOR_TRY(addBias(v.get(), w.vb.get(), rows, int(C), st));
        }
        if (w.qNorm.size()) {  // InternViT-6B: RMSNorm over all heads at once
            MOTOR_TRY(rmsNorm<float>(q.get(), nullptr, w.qNorm.get(), q.get(), int(rows), int(C), c.normEps, st));
            MOTOR_TRY(rmsNorm<float>(k.get(), nullptr, w.kNorm.get(), k.get(), int(rows), int(C), c.normEps, st));
        }
        MOTOR_TRY(toBf16(q.get(), bf(q16), rows * C, st));
        MOTOR_TRY(toBf16(k.get(), bf(k16), rows * C, st));
        MOTOR_TRY(toBf16(v.get(), bf(v16), rows * C, st));
        MOTOR_TRY(flashAttentionForward(ap, st));
        MOTOR_TRY(gemm_->gemm(bf(att), C, int(rows), bf(w.o), C, int(C), int(C), y.get(), C, 0.f, st));
        MOTOR_TRY(addScaledBias(h.get(), y.get(), w.ob.size() ? w.ob.get() : nullptr,
                                w.ls1.size() ? w.ls1.get() : nullptr, rows, int(C), st));
        MOTOR_TRY(norm(h.get(), w.ln2w, w.ln2b, rows, bf(xb)));
        MOTOR_TRY(gemm_->gemm(bf(xb), C, int(rows), bf(w.up), C, int(F), int(C), mlp.get(), F, 0.f, st));
        MOTOR_TRY(biasGelu(mlp.get(), w.upb.size() ? w.upb.get() : nullptr, bf(mlp16), rows, int(F), st));
        MOTOR_TRY(gemm_->gemm(bf(mlp16), F, int(rows), bf(w.down), F, int(C), int(F), y.get(), C, 0.f, st));
        MOTOR_TRY(addScaledBias(h.get(), y.get(), w.downb.size() ? w.downb.get() : nullptr,
                                w.ls2.size() ? w.ls2.get() : nullptr, rows, int(C), st));
    }

    // Class token dropped and s x s patches merged with the CPU backend's own shuffle.
    std::vector<float> tower(static_cast<size_t>(rows * C));
    MOTOR_CUDA_TRY(cudaMemcpyAsync(tower.data(), h.get(), tower.size() * sizeof(float), cudaMemcpyDeviceToHost, st));
    MOTOR_CUDA_TRY(cudaStreamSynchronize(st));
    const int s = c.scaleFactor;
    const int64_t tokens = c.tokensPerImage(), merged = C * s * s, n = frames * tokens;
    std::vector<float> shuffled(static_cast<size_t>(n * merged));
    for (int f = 0; f < frames; ++f)
        vision::pixelShuffle(tower.data() + (int64_t(f) * T + 1) * C, G, int(C), s, c.psVersion == "v1",
                             shuffled.data() + int64_t(f) * tokens * merged);
    DeviceBuffer<float> dShuf, hidden, out;
    DeviceBuffer<uint16_t> shuf16, hidden16;
    MOTOR_TRY_ASSIGN(dShuf, DeviceBuffer<float>::fromHost(shuffled.data(), shuffled.size()));
    MOTOR_TRY_ASSIGN(shuf16, DeviceBuffer<uint16_t>::allocate(shuffled.size()));
    MOTOR_TRY_ASSIGN(hidden, DeviceBuffer<float>::allocate(size_t(n * D)));
    MOTOR_TRY_ASSIGN(hidden16, DeviceBuffer<uint16_t>::allocate(size_t(n * D)));
    MOTOR_TRY_ASSIGN(out, DeviceBuffer<float>::allocate(size_t(n * D)));
    MOTOR_TRY(layerNorm<bf16>(dShuf.get(), mmNormW_.get(), mmNormB_.get(), bf(shuf16), int(n), int(merged),
                              c.projectorEps, st));
    MOTOR_TRY(gemm_->gemm(bf(shuf16), merged, int(n), bf(mm1_), merged, int(D), int(merged), hidden.get(), D, 0.f, st));
    MOTOR_TRY(biasGelu(hidden.get(), mm1b_.get(), bf(hidden16), n, int(D), st));
    MOTOR_TRY(gemm_->gemm(bf(hidden16), D, int(n), bf(mm3_), D, int(D), int(D), out.get(), D, 0.f, st));
    MOTOR_TRY(addBias(out.get(), mm3b_.get(), n, int(D), st));
    VisionEmbeddings result;
    result.frames = frames;
    result.tokensPerImage = int(tokens);
    result.dim = int(D);
    result.rows.resize(size_t(n * D));
    MOTOR_CUDA_TRY(
        cudaMemcpyAsync(result.rows.data(), out.get(), result.rows.size() * sizeof(float), cudaMemcpyDeviceToHost, st));
    MOTOR_CUDA_TRY(cudaStreamSynchronize(st));
    return Result<VisionEmbeddings>(std::move(result));
}

}  // namespace motor::gpu::cuda
