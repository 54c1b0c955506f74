#include <cmath>
#include <string>
#include <utility>

#include "cuda/check.cuh"
#include "cuda/elementwise.cuh"
#include "cuda/flash_attention.cuh"
#include "cuda/norm.cuh"
#include "cuda/upload.cuh"
#include "cuda/vit_ops.cuh"
#include "cuda/whisper.cuh"
#include "cuda/whisper_ops.cuh"
#include "formats/try.h"
#include "speech/whisper_model.h"

namespace motor::gpu::cuda {

namespace {

int64_t padded(int64_t n) {
    return (n + 7) / 8 * 8;
}

template <class T>
Result<void> allocate(DeviceBuffer<T>& b, int64_t n) {
    MOTOR_TRY_ASSIGN(b, DeviceBuffer<T>::allocate(size_t(n)));
    return {};
}

}  // namespace

CudaWhisper::~CudaWhisper() = default;

Result<std::unique_ptr<CudaWhisper>> CudaWhisper::load(const speech::WhisperModel& model) {
    auto devs = devices();
    if (!devs) return devs.error();
    std::unique_ptr<CudaWhisper> m(new CudaWhisper());
    m->device_ = devs->front();
    if (m->device_.major < 8)
        return makeError("CUDA backend: " + cuda::describe(m->device_) + " is older than sm_80 (bf16 tensor cores)");
    MOTOR_CUDA_TRY(cudaSetDevice(m->device_.index));
    const SpeechConfig& c = model.config_;
    m->config_ = c;
    for (const auto& [heads, dim] : {std::pair{c.audioHeads, c.audioDim}, std::pair{c.textHeads, c.textDim}}) {
        if (heads <= 0 || dim % heads != 0 || (dim / heads != 64 && dim / heads != 128))
            return makeError("CUDA Whisper: head dim " + std::to_string(heads > 0 ? dim / heads : 0) +
                             " is not supported (64 or 128; every Whisper size has 64)");
    }
    if (c.textContext <= 0 || c.textContext > kDecodeAttentionMaxKeys || c.audioContext <= 0 ||
        c.audioContext > kDecodeAttentionMaxKeys)
        return makeError("CUDA Whisper: " + std::to_string(c.textContext) + " text and " +
                         std::to_string(c.audioContext) + " audio positions (at most " +
                         std::to_string(kDecodeAttentionMaxKeys) + " each)");
    if (c.audioDim % 8 != 0 || c.textDim % 8 != 0 || c.audioFfn % 8 != 0 || c.textFfn % 8 != 0 ||
        (c.melBins * 3) % 8 != 0)
        return makeError("CUDA Whisper: widths must be multiples of 8 (16-byte GEMM rows)");
    MOTOR_TRY_ASSIGN(m->stream_, Stream::create());
    MOTOR_TRY_ASSIGN(m->gemm_, LtGemm::create());

    auto linear = [](const speech::Linear& from, Linear& to) -> Result<void> {
        MOTOR_TRY_ASSIGN(to.w, uploadBf16(from.w));
        if (!from.b.empty()) MOTOR_TRY_ASSIGN(to.b, uploadF32(from.b));
        to.out = int(from.w.rows);
        to.in = int(from.w.cols);
        return {};
    };
    MOTOR_TRY(linear(model.conv1_, m->conv1_));
    MOTOR_TRY(linear(model.conv2_, m->conv2_));
    MOTOR_TRY_ASSIGN(m->encPos_, uploadF32(model.encPos_));
    MOTOR_TRY_ASSIGN(m->encLnW_, uploadF32(model.encLnW_));
    MOTOR_TRY_ASSIGN(m->encLnB_, uploadF32(model.encLnB_));
    MOTOR_TRY_ASSIGN(m->decPos_, uploadF32(model.decPos_));
    MOTOR_TRY_ASSIGN(m->decLnW_, uploadF32(model.decLnW_));
    MOTOR_TRY_ASSIGN(m->decLnB_, uploadF32(model.decLnB_));
    MOTOR_TRY_ASSIGN(m->tokenEmbd_, uploadBf16(model.tokenEmbd_));
    auto layers = [&](const std::vector<speech::WhisperLayer>& from, std::vector<Layer>& to,
                      bool decoder) -> Result<void> {
        to.resize(from.size());
        for (size_t i = 0; i < from.size(); ++i) {
            const speech::WhisperLayer& f = from[i];
            Layer& l = to[i];
            MOTOR_TRY_ASSIGN(l.ln1w, uploadF32(f.self.lnW));
            MOTOR_TRY_ASSIGN(l.ln1b, uploadF32(f.self.lnB));
            MOTOR_TRY(linear(f.self.q, l.q));
            MOTOR_TRY(linear(f.self.k, l.k));
            MOTOR_TRY(linear(f.self.v, l.v));
            MOTOR_TRY(linear(f.self.o, l.o));
            if (decoder) {
                MOTOR_TRY_ASSIGN(l.ln2w, uploadF32(f.cross.lnW));
                MOTOR_TRY_ASSIGN(l.ln2b, uploadF32(f.cross.lnB));
                MOTOR_TRY(linear(f.cross.q, l.cq));
                MOTOR_TRY(linear(f.cross.k, l.ck));
                MOTOR_TRY(linear(f.cross.v, l.cv));
                MOTOR_TRY(linear(f.cross.o, l.co));
            }
            MOTOR_TRY_ASSIGN(l.ln3w, uploadF32(f.mlpLnW));
            MOTOR_TRY_ASSIGN(l.ln3b, uploadF32(f.mlpLnB));
            MOTOR_TRY(linear(f.fc1, l.fc1));
            MOTOR_TRY(linear(f.fc2, l.fc2));
        }
        return {};
    };
    MOTOR_TRY(layers(model.enc_, m->enc_, false));
    MOTOR_TRY(layers(model.dec_, m->dec_, true));

    const int64_t M = c.melBins, F = c.windowFrames(), D = c.audioDim, A = c.audioContext, H = c.audioFfn;
    MOTOR_TRY(allocate(m->mel_, M * F));
    MOTOR_TRY(allocate(m->u1_, F * M * 3));
    MOTOR_TRY(allocate(m->h1_, F * D));
    MOTOR_TRY(allocate(m->h1b_, F * D));
    MOTOR_TRY(allocate(m->u2_, A * D * 3));
    for (auto* b : {&m->x_, &m->q_, &m->k_, &m->v_}) MOTOR_TRY(allocate(*b, A * D));
    for (auto* b : {&m->xb_, &m->qb_, &m->kb_, &m->vb_, &m->att_}) MOTOR_TRY(allocate(*b, A * D));
    MOTOR_TRY(allocate(m->mlp_, A * H));
    MOTOR_TRY(allocate(m->mlpb_, A * H));
    const int cu[2] = {0, int(A)};
    MOTOR_TRY_ASSIGN(m->cu_, DeviceBuffer<int>::fromHost(cu, 2));

    const int64_t T = c.textDim, TH = c.textFfn;
    m->maxRows_ = c.textContext;
    m->maxLogitRows_ = c.textContext + 32;  // decoderLogits asks for every position; beams for a few
    const int64_t R = m->maxRows_;
    for (auto* b : {&m->dx_, &m->dq_, &m->dk_, &m->dv_}) MOTOR_TRY(allocate(*b, R * T));
    for (auto* b : {&m->dxb_, &m->datt_}) MOTOR_TRY(allocate(*b, R * std::max(T, D)));
    MOTOR_TRY(allocate(m->dmlp_, R * TH));
    MOTOR_TRY(allocate(m->dmlpb_, R * TH));
    MOTOR_TRY(allocate(m->picked_, int64_t(m->maxLogitRows_) * T));
    MOTOR_TRY(allocate(m->logits_, int64_t(m->maxLogitRows_) * padded(c.vocabSize)));
    MOTOR_TRY(allocate(m->ints_, 4 * int64_t(m->maxLogitRows_)));
    MOTOR_TRY(allocate(m->bases_, R));
    return Result<std::unique_ptr<CudaWhisper>>(std::move(m));
}

std::string CudaWhisper::describe() const {
    return "cuda: " + cuda::describe(device_);
}

Result<void> CudaWhisper::linear(const Linear& l, const uint16_t* x, int rows, float* y, float beta) {
    MOTOR_TRY(gemm_->gemm(reinterpret_cast<const bf16*>(x), l.in, rows, bf(l.w), l.in, l.out, l.in, y, l.out, beta,
                          stream_.get()));
    if (l.b.size()) MOTOR_TRY(addBias(y, l.b.get(), rows, l.out, stream_.get()));
    return {};
}

Result<void> CudaWhisper::norm(const float* x, const DeviceBuffer<float>& w, const DeviceBuffer<float>& b, int rows,
                               int dim, uint16_t* out) {
    return layerNorm<bf16>(x, w.get(), b.get(), reinterpret_cast<bf16*>(out), rows, dim, config_.normEps,
                           stream_.get());
}

Result<std::vector<float>> CudaWhisper::encode(std::span<const float> melWindow) {
    const SpeechConfig& c = config_;
    const int64_t M = c.melBins, F = c.windowFrames(), D = c.audioDim, A = c.audioContext, H = c.audioFfn;
    if (int64_t(melWindow.size()) != M * F)
        return makeError("CUDA Whisper: " + std::to_string(melWindow.size()) + " mel values, expected " +
                         std::to_string(M * F));
    cudaStream_t st = stream_.get();
    MOTOR_CUDA_TRY(
        cudaMemcpyAsync(mel_.get(), melWindow.data(), melWindow.size() * sizeof(float), cudaMemcpyHostToDevice, st));
    // conv1 over the bin-major mel (in(t, bin) = mel[bin * F + t]), GELU; conv2 with stride
    // 2 over its bf16 output, GELU, plus the position embedding.
    MOTOR_TRY(unfoldConv<float>(mel_.get(), 1, F, int(F), int(M), int(F), 1, bf(u1_), st));
    MOTOR_TRY(gemm_->gemm(bf(u1_), M * 3, int(F), bf(conv1_.w), M * 3, int(D), int(M * 3), h1_.get(), D, 0.f, st));
    MOTOR_TRY(biasGelu(h1_.get(), conv1_.b.get(), bf(h1b_), F, int(D), st));
    MOTOR_TRY(unfoldConv<bf16>(bf(h1b_), D, 1, int(F), int(D), int(A), 2, bf(u2_), st));
    MOTOR_TRY(gemm_->gemm(bf(u2_), D * 3, int(A), bf(conv2_.w), D * 3, int(D), int(D * 3), x_.get(), D, 0.f, st));
    MOTOR_TRY(addBias(x_.get(), conv2_.b.get(), A, int(D), st));
    MOTOR_TRY(gelu<float>(x_.get(), x_.get(), A * D, st));
    MOTOR_TRY(add(x_.get(), encPos_.get(), A * D, st));

    const int hd = int(D / c.audioHeads);
    const AttentionParams ap =
        encoderAttention(bf(qb_), bf(kb_), bf(vb_), bf(att_), D, c.audioHeads, hd, cu_.get(), 1, int(A));
    for (Layer& l : enc_) {
        MOTOR_TRY(norm(x_.get(), l.ln1w, l.ln1b, int(A), int(D), xb_.get()));
        MOTOR_TRY(linear(l.q, xb_.get(), int(A), q_.get(), 0.f));
        MOTOR_TRY(linear(l.k, xb_.get(), int(A), k_.get(), 0.f));
        MOTOR_TRY(linear(l.v, xb_.get(), int(A), v_.get(), 0.f));
        MOTOR_TRY(toBf16(q_.get(), bf(qb_), A * D, st));
        MOTOR_TRY(toBf16(k_.get(), bf(kb_), A * D, st));
        MOTOR_TRY(toBf16(v_.get(), bf(vb_), A * D, st));
        MOTOR_TRY(flashAttentionForward(ap, st));
        MOTOR_TRY(linear(l.o, att_.get(), int(A), x_.get(), 1.f));
        MOTOR_TRY(norm(x_.get(), l.ln3w, l.ln3b, int(A), int(D), xb_.get()));
        MOTOR_TRY(gemm_->gemm(bf(xb_), D, int(A), bf(l.fc1.w), D, int(H), int(D), mlp_.get(), H, 0.f, st));
        MOTOR_TRY(biasGelu(mlp_.get(), l.fc1.b.get(), bf(mlpb_), A, int(H), st));
        MOTOR_TRY(linear(l.fc2, mlpb_.get(), int(A), x_.get(), 1.f));
    }
    MOTOR_TRY(layerNorm<float>(x_.get(), encLnW_.get(), encLnB_.get(), q_.get(), int(A), int(D), c.normEps, st));
    std::vector<float> out(size_t(A * D));
    MOTOR_CUDA_TRY(cudaMemcpyAsync(out.data(), q_.get(), out.size() * sizeof(float), cudaMemcpyDeviceToHost, st));
    MOTOR_TRY(stream_.synchronize());
    return out;
}

Result<int> CudaWhisper::newCross(std::span<const float> encoded) {
    const SpeechConfig& c = config_;
    const int64_t A = c.audioContext, D = c.audioDim, T = c.textDim;
    if (int64_t(encoded.size()) != A * D)
        return makeError("CUDA Whisper: an encoder output of " + std::to_string(encoded.size()) + " values");
    cudaStream_t st = stream_.get();
    DeviceBuffer<float> kv;
    MOTOR_TRY_ASSIGN(kv, DeviceBuffer<float>::allocate(size_t(dec_.size()) * 2 * size_t(A * T)));
    MOTOR_CUDA_TRY(
        cudaMemcpyAsync(x_.get(), encoded.data(), encoded.size() * sizeof(float), cudaMemcpyHostToDevice, st));
    MOTOR_TRY(toBf16(x_.get(), bf(xb_), A * D, st));
    for (size_t i = 0; i < dec_.size(); ++i) {
        float* k = kv.get() + int64_t(i) * 2 * A * T;
        MOTOR_TRY(linear(dec_[i].ck, xb_.get(), int(A), k, 0.f));
        MOTOR_TRY(linear(dec_[i].cv, xb_.get(), int(A), k + A * T, 0.f));
    }
    MOTOR_TRY(stream_.synchronize());  // x_/xb_ are the encoder's workspace
    crosses_.emplace(next_, std::move(kv));
    return next_++;
}

void CudaWhisper::releaseCross(int cross) {
    crosses_.erase(cross);
}

Result<int> CudaWhisper::newCache() {
    DeviceBuffer<float> cache;
    MOTOR_TRY_ASSIGN(cache, DeviceBuffer<float>::allocate(size_t(dec_.size()) * 2 * size_t(config_.textContext) *
                                                          size_t(config_.textDim)));
    caches_.emplace(next_, std::move(cache));
    return next_++;
}

void CudaWhisper::releaseCache(int cache) {
    caches_.erase(cache);
}

Result<void> CudaWhisper::copyCache(int from, int to, int length) {
    auto f = caches_.find(from), t = caches_.find(to);
    if (f == caches_.end() || t == caches_.end()) return makeError("CUDA Whisper: no such cache");
    if (length < 0 || length > config_.textContext) return makeError("CUDA Whisper: a cache length out of range");
    const int64_t T = config_.textDim, ctx = config_.textContext;
    for (size_t l = 0; l < dec_.size() * 2; ++l) {  // every layer's K, then V, region
        const int64_t at = int64_t(l) * ctx * T;
        MOTOR_CUDA_TRY(cudaMemcpyAsync(t->second.get() + at, f->second.get() + at, size_t(length * T) * sizeof(float),
                                       cudaMemcpyDeviceToDevice, stream_.get()));
    }
    return {};
}

Result<void> CudaWhisper::step(int cross, std::span<const int> caches, std::span<const int> lengths,
                               const std::vector<std::vector<int32_t>>& tokens, std::span<const int> extraRows,
                               float* logits) {
    const SpeechConfig& c = config_;
    const int64_t T = c.textDim, TH = c.textFfn, A = c.audioContext, V = c.vocabSize, ctx = c.textContext;
    const int heads = c.textHeads, hd = int(T / heads);
    auto kv = crosses_.find(cross);
    if (kv == crosses_.end()) return makeError("CUDA Whisper: no such cross keys/values");
    if (caches.size() != lengths.size() || caches.size() != tokens.size())
        return makeError("CUDA Whisper: one length and token list per cache");
    // Rows: every sequence's new tokens in order, each with its cache and position.
    std::vector<int> tok, pos, count;
    std::vector<float*> base;
    std::vector<int> last;  // the last row of each sequence
    for (size_t s = 0; s < caches.size(); ++s) {
        auto it = caches_.find(caches[s]);
        if (it == caches_.end()) return makeError("CUDA Whisper: no such cache");
        if (tokens[s].empty()) return makeError("CUDA Whisper: a sequence without tokens");
        for (size_t i = 0; i < tokens[s].size(); ++i) {
            const int p = lengths[s] + int(i);
            if (p < 0 || p >= ctx) return makeError("CUDA Whisper: position beyond the text context");
            if (tokens[s][i] < 0 || tokens[s][i] >= V) return makeError("CUDA Whisper: a token outside the vocabulary");
            tok.push_back(tokens[s][i]);
            pos.push_back(p);
            count.push_back(p + 1);
            base.push_back(it->second.get());
        }
        last.push_back(int(tok.size()) - 1);
    }
    const int R = int(tok.size());
    if (R > maxRows_) return makeError("CUDA Whisper: more rows in one step than the text context");
    std::vector<int> pick = last;
    for (int r : extraRows)
        if (r >= 0 && r < R) pick.push_back(r);
    if (int(pick.size()) > maxLogitRows_) return makeError("CUDA Whisper: too many logit rows in one step");
    const int P = int(pick.size());

    cudaStream_t st = stream_.get();
    std::vector<int> ints;
    for (const auto* v : {&tok, &pos, &count}) ints.insert(ints.end(), v->begin(), v->end());
    ints.insert(ints.end(), pick.begin(), pick.end());
    MOTOR_CUDA_TRY(cudaMemcpyAsync(ints_.get(), ints.data(), ints.size() * sizeof(int), cudaMemcpyHostToDevice, st));
    MOTOR_CUDA_TRY(
        cudaMemcpyAsync(bases_.get(), base.data(), base.size() * sizeof(float*), cudaMemcpyHostToDevice, st));
    const int* dTok = ints_.get();
    const int* dPos = dTok + R;
    const int* dCount = dPos + R;
    const int* dPick = dCount + R;

    MOTOR_TRY(embedTokens(bf(tokenEmbd_), decPos_.get(), dTok, dPos, R, int(T), dx_.get(), st));
    WhisperDecodeParams self;
    self.ldq = T;
    self.rowBase = bases_.get();
    self.ldkv = T;
    self.counts = dCount;
    self.out = bf(datt_);
    self.ldo = T;
    self.rows = R;
    self.heads = heads;
    self.headDim = hd;
    self.scale = 1.f / std::sqrt(float(hd));
    WhisperDecodeParams crossAtt = self;
    crossAtt.rowBase = nullptr;
    crossAtt.counts = nullptr;
    crossAtt.count = int(A);
    for (size_t li = 0; li < dec_.size(); ++li) {
        Layer& l = dec_[li];
        const int64_t keyOffset = int64_t(li) * 2 * ctx * T, valueOffset = keyOffset + ctx * T;
        MOTOR_TRY(norm(dx_.get(), l.ln1w, l.ln1b, R, int(T), dxb_.get()));
        MOTOR_TRY(linear(l.q, dxb_.get(), R, dq_.get(), 0.f));
        MOTOR_TRY(linear(l.k, dxb_.get(), R, dk_.get(), 0.f));
        MOTOR_TRY(linear(l.v, dxb_.get(), R, dv_.get(), 0.f));
        MOTOR_TRY(scatterKv(dk_.get(), dv_.get(), T, bases_.get(), keyOffset, valueOffset, dPos, R, int(T), st));
        self.q = dq_.get();
        self.keyOffset = keyOffset;
        self.valueOffset = valueOffset;
        MOTOR_TRY(decodeAttention(self, st));
        MOTOR_TRY(linear(l.o, datt_.get(), R, dx_.get(), 1.f));

        MOTOR_TRY(norm(dx_.get(), l.ln2w, l.ln2b, R, int(T), dxb_.get()));
        MOTOR_TRY(linear(l.cq, dxb_.get(), R, dq_.get(), 0.f));
        crossAtt.q = dq_.get();
        crossAtt.sharedBase = kv->second.get() + int64_t(li) * 2 * A * T;
        crossAtt.keyOffset = 0;
        crossAtt.valueOffset = A * T;
        MOTOR_TRY(decodeAttention(crossAtt, st));
        MOTOR_TRY(linear(l.co, datt_.get(), R, dx_.get(), 1.f));

        MOTOR_TRY(norm(dx_.get(), l.ln3w, l.ln3b, R, int(T), dxb_.get()));
        MOTOR_TRY(gemm_->gemm(bf(dxb_), T, R, bf(l.fc1.w), T, int(TH), int(T), dmlp_.get(), TH, 0.f, st));
        MOTOR_TRY(biasGelu(dmlp_.get(), l.fc1.b.get(), bf(dmlpb_), R, int(TH), st));
        MOTOR_TRY(linear(l.fc2, dmlpb_.get(), R, dx_.get(), 1.f));
    }
    MOTOR_TRY(norm(dx_.get(), decLnW_, decLnB_, R, int(T), dxb_.get()));
    MOTOR_TRY(gatherRows(bf(dxb_), dPick, P, int(T), bf(picked_), st));
    const int64_t ldl = padded(V);
    MOTOR_TRY(gemm_->gemm(bf(picked_), T, P, bf(tokenEmbd_), T, int(V), int(T), logits_.get(), ldl, 0.f, st));
    MOTOR_CUDA_TRY(cudaMemcpy2DAsync(logits, size_t(V) * sizeof(float), logits_.get(), size_t(ldl) * sizeof(float),
                                     size_t(V) * sizeof(float), size_t(P), cudaMemcpyDeviceToHost, st));
    MOTOR_TRY(stream_.synchronize());
    return {};
}

}  // namespace motor::gpu::cuda
