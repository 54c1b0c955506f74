#include "vision/intern_vit.h"

#include <cstring>
#include <string>

#include "cpu/matmul.h"
#include "cpu/ops.h"
#include "model/tensor_loader.h"
#include "vision/vision_attention.h"
#include "vision/vision_ops.h"

namespace motor::gpu::vision {

using loader_detail::Loader;

Result<std::unique_ptr<InternVit>> InternVit::load(const ModelWeights& weights, const VisionConfig& c,
                                                   VisionTokenIds ids, cpu::ThreadPool& pool) {
    const std::string& file = weights.visionPath();
    if (c.projectorType != "internvl")
        return makeError(file + ": projector type '" + c.projectorType + "' is not supported (internvl is)");
    if (c.dim <= 0 || c.heads <= 0 || c.dim % c.heads != 0 || c.layers <= 0 || c.hiddenDim <= 0 || c.patchSize <= 0 ||
        c.channels != 3 || c.scaleFactor <= 0 || c.gridSize() % c.scaleFactor != 0 || c.projectionDim <= 0)
        return makeError(file + ": invalid vision config");
    std::unique_ptr<InternVit> m(new InternVit(c, ids, pool));
    Loader L(weights, file);
    const int64_t C = c.dim, F = c.hiddenDim, P = c.patchSize, D = c.projectionDim;
    const int64_t merged = C * c.scaleFactor * c.scaleFactor;
    MOTOR_TRY_ASSIGN(m->patch_, L.matrixShaped("v.patch_embd.weight", {C, 3, P, P}, C, 3 * P * P));
    MOTOR_TRY_ASSIGN(m->patchBias_, L.vector("v.patch_embd.bias", C));
    MOTOR_TRY_ASSIGN(m->classEmbd_, L.flat("v.class_embd", C));
    MOTOR_TRY_ASSIGN(m->posEmbd_, L.flat("v.position_embd.weight", (int64_t(c.patchesPerImage()) + 1) * C));
    const bool ln = c.norm == VisionNorm::LayerNorm;
    m->layers_.resize(size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        VitLayer& w = m->layers_[size_t(l)];
        const std::string b = "v.blk." + std::to_string(l) + ".";
        MOTOR_TRY_ASSIGN(w.ln1w, L.vector(b + "ln1.weight", C));
        MOTOR_TRY_ASSIGN(w.ln2w, L.vector(b + "ln2.weight", C));
        if (ln) {
            MOTOR_TRY_ASSIGN(w.ln1b, L.vector(b + "ln1.bias", C));
            MOTOR_TRY_ASSIGN(w.ln2b, L.vector(b + "ln2.bias", C));
        }
        MOTOR_TRY_ASSIGN(w.q, L.matrix(b + "attn_q.weight", C, C));
        MOTOR_TRY_ASSIGN(w.k, L.matrix(b + "attn_k.weight", C, C));
        MOTOR_TRY_ASSIGN(w.v, L.matrix(b + "attn_v.weight", C, C));
        MOTOR_TRY_ASSIGN(w.o, L.matrix(b + "attn_out.weight", C, C));
        MOTOR_TRY_ASSIGN(w.ob, L.vector(b + "attn_out.bias", C));
        if (c.qkvBias) {
            MOTOR_TRY_ASSIGN(w.qb, L.vector(b + "attn_q.bias", C));
            MOTOR_TRY_ASSIGN(w.kb, L.vector(b + "attn_k.bias", C));
            MOTOR_TRY_ASSIGN(w.vb, L.vector(b + "attn_v.bias", C));
        }
        if (c.qkNorm) {
            MOTOR_TRY_ASSIGN(w.qNorm, L.vector(b + "attn_q_norm.weight", C));
            MOTOR_TRY_ASSIGN(w.kNorm, L.vector(b + "attn_k_norm.weight", C));
        }
        if (c.layerScale) {
            MOTOR_TRY_ASSIGN(w.ls1, L.vector(b + "ls1.weight", C));
            MOTOR_TRY_ASSIGN(w.ls2, L.vector(b + "ls2.weight", C));
        }
        MOTOR_TRY_ASSIGN(w.up, L.matrix(b + "ffn_up.weight", F, C));
        MOTOR_TRY_ASSIGN(w.upb, L.vector(b + "ffn_up.bias", F));
        MOTOR_TRY_ASSIGN(w.down, L.matrix(b + "ffn_down.weight", C, F));
        MOTOR_TRY_ASSIGN(w.downb, L.vector(b + "ffn_down.bias", C));
    }
    MOTOR_TRY_ASSIGN(m->mmNormW_, L.vector("mm.model.mlp.0.weight", merged));
    MOTOR_TRY_ASSIGN(m->mmNormB_, L.vector("mm.model.mlp.0.bias", merged));
    MOTOR_TRY_ASSIGN(m->mm1_, L.matrix("mm.model.mlp.1.weight", D, merged));
    MOTOR_TRY_ASSIGN(m->mm1b_, L.vector("mm.model.mlp.1.bias", D));
    MOTOR_TRY_ASSIGN(m->mm3_, L.matrix("mm.model.mlp.3.weight", D, D));
    MOTOR_TRY_ASSIGN(m->mm3b_, L.vector("mm.model.mlp.3.bias", D));
    return m;
}

VisionPreprocessing InternVit::preprocessing() const {
    VisionPreprocessing p;
    p.width = p.height = config_.imageSize;
    for (int i = 0; i < 3; ++i) {
        p.mean[i] = config_.imageMean[i];
        p.std[i] = config_.imageStd[i];
    }
    return p;
}

Result<VisionEmbeddings> InternVit::encode(std::span<const RgbImage> frames) const {
    auto pixels = preprocessFrames(config_, frames);
    if (!pixels) return pixels.error();
    return encodePixels(pixels.value(), int(frames.size()), nullptr);
}

void InternVit::norm(const float* x, const std::vector<float>& w, const std::vector<float>& b, int64_t rows,
                     float* out) const {
    const int64_t C = config_.dim, ld = cpu::paddedRowStride(C);
    const float eps = config_.normEps;
    const bool ln = config_.norm == VisionNorm::LayerNorm;
    pool_->parallelFor(int(rows), rows * C * 4, [&](int t, int) {
        if (ln)
            layerNorm(x + t * ld, w.data(), b.data(), C, eps, out + t * ld);
        else
            cpu::rmsNorm(x + t * ld, w.data(), C, eps, out + t * ld);
    });
}

void InternVit::runLayer(const VitLayer& w, int frames) const {
    const int64_t C = config_.dim, F = config_.hiddenDim;
    const int64_t ldC = cpu::paddedRowStride(C), ldF = cpu::paddedRowStride(F);
    const int64_t T = int64_t(config_.patchesPerImage()) + 1;
    const int64_t rows = T * frames;
    norm(h_.data(), w.ln1w, w.ln1b, rows, xb_.data());
    const cpu::MatmulTask qkv[] = {{&w.q, q_.data(), ldC}, {&w.k, k_.data(), ldC}, {&w.v, v_.data(), ldC}};
    cpu::matmulBatch(*pool_, qkv, xb_.data(), int(rows), ldC);
    pool_->parallelFor(int(rows), rows * C * 4, [&](int t, int) {
        float* q = q_.data() + t * ldC;
        float* k = k_.data() + t * ldC;
        float* v = v_.data() + t * ldC;
        if (!w.qb.empty()) {
            cpu::addInPlace(q, w.qb.data(), C);
            cpu::addInPlace(k, w.kb.data(), C);
            cpu::addInPlace(v, w.vb.data(), C);
        }
        // InternViT-6B normalises q and k over all heads at once, before the split.
        if (!w.qNorm.empty()) {
            cpu::rmsNorm(q, w.qNorm.data(), C, config_.normEps, q);
            cpu::rmsNorm(k, w.kNorm.data(), C, config_.normEps, k);
        }
    });
    const FullAttentionShape shape{frames, int(T), config_.heads, int(C / config_.heads), ldC};
    attendFull(*pool_, shape, q_.data(), k_.data(), v_.data(), att_.data(), scratch_);
    const cpu::MatmulTask o[] = {{&w.o, xb_.data(), ldC}};
    cpu::matmulBatch(*pool_, o, att_.data(), int(rows), ldC);
    pool_->parallelFor(int(rows), rows * C * 2, [&](int t, int) {
        cpu::addInPlace(xb_.data() + t * ldC, w.ob.data(), C);
        addScaled(h_.data() + t * ldC, xb_.data() + t * ldC, w.ls1.empty() ? nullptr : w.ls1.data(), C);
    });
    norm(h_.data(), w.ln2w, w.ln2b, rows, xb_.data());
    const cpu::MatmulTask up[] = {{&w.up, mlp_.data(), ldF}};
    cpu::matmulBatch(*pool_, up, xb_.data(), int(rows), ldC);
    pool_->parallelFor(int(rows), rows * F * 8, [&](int t, int) {
        cpu::addInPlace(mlp_.data() + t * ldF, w.upb.data(), F);
        geluErf(mlp_.data() + t * ldF, F);
    });
    const cpu::MatmulTask down[] = {{&w.down, xb_.data(), ldC}};
    cpu::matmulBatch(*pool_, down, mlp_.data(), int(rows), ldF);
    pool_->parallelFor(int(rows), rows * C * 2, [&](int t, int) {
        cpu::addInPlace(xb_.data() + t * ldC, w.downb.data(), C);
        addScaled(h_.data() + t * ldC, xb_.data() + t * ldC, w.ls2.empty() ? nullptr : w.ls2.data(), C);
    });
}

Result<VisionEmbeddings> InternVit::encodePixels(std::span<const float> pixelValues, int frames,
                                                 VisionTrace* trace) const {
    const VisionConfig& c = config_;
    const int S = c.imageSize, P = c.patchSize, G = c.gridSize();
    const int64_t C = c.dim, F = c.hiddenDim, D = c.projectionDim;
    const int64_t patches = c.patchesPerImage(), T = patches + 1;
    if (frames <= 0) return makeError("vision encode: no frames");
    if (pixelValues.size() != size_t(frames) * 3 * size_t(S) * size_t(S))
        return makeError("vision encode: " + std::to_string(pixelValues.size()) + " pixel values for " +
                         std::to_string(frames) + " frames of 3 x " + std::to_string(S) + " x " + std::to_string(S));
    std::lock_guard lock(mutex_);
    const int64_t rows = T * frames;
    // Activation rows padded past power-of-two widths (cpu::paddedRowStride), so the
    // matrix products read them without matmul's padded copy.
    const int64_t ldC = cpu::paddedRowStride(C), ldF = cpu::paddedRowStride(F);
    h_.assign(size_t(rows * ldC), 0.0f);
    xb_.resize(size_t(rows * ldC));
    q_.resize(size_t(rows * ldC));
    k_.resize(size_t(rows * ldC));
    v_.resize(size_t(rows * ldC));
    att_.resize(size_t(rows * ldC));
    mlp_.resize(size_t(rows * ldF));

    // Patch embedding: the stride-P convolution as a matmul over unfolded patches,
    // each patch's values in the kernel's (channel, row, column) order.
    const int64_t K = int64_t(3) * P * P;
    std::vector<float> unfolded(size_t(frames * patches * K));
    pool_->parallelFor(int(frames * patches), frames * patches * K, [&](int item, int) {
        const int f = int(item / patches), p = int(item % patches);
        const int py = p / G, px = p % G;
        float* o = unfolded.data() + int64_t(item) * K;
        for (int ch = 0; ch < 3; ++ch)
            for (int ky = 0; ky < P; ++ky) {
                const float* src = pixelValues.data() +
                                   ((size_t(f) * 3 + size_t(ch)) * size_t(S) + size_t(py * P + ky)) * size_t(S) +
                                   size_t(px * P);
                std::memcpy(o + (ch * P + ky) * P, src, size_t(P) * sizeof(float));
            }
    });
    std::vector<float> embedded(size_t(frames * patches * C));
    const cpu::MatmulTask pe[] = {{&patch_, embedded.data(), C}};
    cpu::matmulBatch(*pool_, pe, unfolded.data(), int(frames * patches), K);
    pool_->parallelFor(int(rows), rows * C, [&](int r, int) {
        const int64_t f = r / T, t = r % T;
        float* h = h_.data() + int64_t(r) * ldC;
        const float* pos = posEmbd_.data() + t * C;
        if (t == 0) {
            for (int64_t i = 0; i < C; ++i) h[i] = classEmbd_[size_t(i)] + pos[i];
        } else {
            const float* e = embedded.data() + (f * patches + t - 1) * C;
            for (int64_t i = 0; i < C; ++i) h[i] = (e[i] + patchBias_[size_t(i)]) + pos[i];
        }
    });

    // hidden_states[k] of the reference is the input of layer k; select_layer -1 is
    // the last layer's output.
    const int run = c.selectLayer > 0 ? c.selectLayer : c.layers + 1 + c.selectLayer;
    for (int l = 0; l < run; ++l) runLayer(layers_[size_t(l)], frames);
    if (trace) {
        trace->towerOutput.resize(size_t(rows * C));
        for (int64_t r = 0; r < rows; ++r)
            std::memcpy(trace->towerOutput.data() + r * C, h_.data() + r * ldC, size_t(C) * sizeof(float));
    }

    // Drop the class token, merge s x s patches (pixel shuffle), project.
    const int s = c.scaleFactor;
    const int64_t tokens = c.tokensPerImage(), merged = C * s * s;
    std::vector<float> shuffled(size_t(frames * tokens * merged));
    for (int f = 0; f < frames; ++f)
        pixelShuffle(h_.data() + (int64_t(f) * T + 1) * ldC, G, int(C), s, c.psVersion == "v1",
                     shuffled.data() + int64_t(f) * tokens * merged, ldC);
    const int64_t n = frames * tokens;
    pool_->parallelFor(int(n), n * merged * 4, [&](int t, int) {
        float* x = shuffled.data() + t * merged;
        layerNorm(x, mmNormW_.data(), mmNormB_.data(), merged, c.projectorEps, x);
    });
    std::vector<float> hidden(size_t(n * D));
    const cpu::MatmulTask p1[] = {{&mm1_, hidden.data(), D}};
    cpu::matmulBatch(*pool_, p1, shuffled.data(), int(n), merged);
    pool_->parallelFor(int(n), n * D * 8, [&](int t, int) {
        cpu::addInPlace(hidden.data() + t * D, mm1b_.data(), D);
        geluErf(hidden.data() + t * D, D);
    });
    VisionEmbeddings out;
    out.frames = frames;
    out.tokensPerImage = int(tokens);
    out.dim = int(D);
    out.rows.resize(size_t(n * D));
    const cpu::MatmulTask p3[] = {{&mm3_, out.rows.data(), D}};
    cpu::matmulBatch(*pool_, p3, hidden.data(), int(n), D);
    pool_->parallelFor(int(n), n * D, [&](int t, int) { cpu::addInPlace(out.rows.data() + t * D, mm3b_.data(), D); });
    if (trace) trace->projected = out.rows;
    return out;
}

}  // namespace motor::gpu::vision
