#include "speech/whisper_model.h"

#include <cmath>
#include <cstring>

#include "cpu/gemm_kernels.h"
#include "cpu/ops.h"
#include "model/tensor_loader.h"
#include "tokenizer/utf8.h"
#include "vision/vision_attention.h"
#include "vision/vision_ops.h"

namespace motor::gpu {

Result<std::unique_ptr<SpeechModel>> SpeechModel::load(std::unique_ptr<ModelWeights> weights, int threads) {
    auto m = speech::WhisperModel::create(std::move(weights), threads);
    if (!m) return m.error();
    return std::unique_ptr<SpeechModel>(std::move(m.value()));
}

}  // namespace motor::gpu

namespace motor::gpu::speech {

using loader_detail::Loader;

Result<std::unique_ptr<WhisperModel>> WhisperModel::create(std::unique_ptr<ModelWeights> weights, int threads) {
    if (!weights) return makeError("SpeechModel::load: no weights");
    if (!weights->speechConfig() || !weights->speechTokenIds())
        return makeError(weights->path() + ": not a Whisper speech model (a text model; use Model::load)");
    std::unique_ptr<WhisperModel> m(new WhisperModel());
    m->config_ = *weights->speechConfig();
    m->ids_ = *weights->speechTokenIds();
    auto tok = Tokenizer::create(weights->tokenizerData());
    if (!tok) return makeError(weights->path() + ": " + tok.error().message);
    m->tokenizer_ = std::move(tok.value());
    m->weights_ = std::move(weights);
    if (threads > 0) {
        m->ownPool_ = std::make_unique<cpu::ThreadPool>(threads);
        m->pool_ = m->ownPool_.get();
    } else {
        m->pool_ = &cpu::ThreadPool::shared();
    }
    m->mel_ = LogMel(m->config_.melBins, m->config_.nFft, m->config_.hopLength, m->config_.sampleRate);
    if (auto r = m->loadTensors(); !r) return r.error();
    return m;
}

Result<void> WhisperModel::loadTensors() {
    Loader L(*weights_);
    const SpeechConfig& c = config_;
    const int64_t D = c.audioDim, M = c.melBins;
    MOTOR_TRY_ASSIGN(conv1_.w, L.matrixShaped("encoder.conv1.weight", {D, M, 3}, D, M * 3));
    MOTOR_TRY_ASSIGN(conv1_.b, L.vector("encoder.conv1.bias", D));
    MOTOR_TRY_ASSIGN(conv2_.w, L.matrixShaped("encoder.conv2.weight", {D, D, 3}, D, D * 3));
    MOTOR_TRY_ASSIGN(conv2_.b, L.vector("encoder.conv2.bias", D));
    MOTOR_TRY_ASSIGN(encPos_, L.flat("encoder.positional_embedding", int64_t(c.audioContext) * D));
    MOTOR_TRY_ASSIGN(encLnW_, L.vector("encoder.ln_post.weight", D));
    MOTOR_TRY_ASSIGN(encLnB_, L.vector("encoder.ln_post.bias", D));
    auto attention = [&](const std::string& p, const std::string& ln, int64_t dim, int64_t kvIn,
                         AttentionWeights& a) -> Result<void> {
        MOTOR_TRY_ASSIGN(a.lnW, L.vector(ln + ".weight", dim));
        MOTOR_TRY_ASSIGN(a.lnB, L.vector(ln + ".bias", dim));
        MOTOR_TRY_ASSIGN(a.q.w, L.matrix(p + ".query.weight", dim, dim));
        MOTOR_TRY_ASSIGN(a.q.b, L.vector(p + ".query.bias", dim));
        MOTOR_TRY_ASSIGN(a.k.w, L.matrix(p + ".key.weight", dim, kvIn));
        MOTOR_TRY_ASSIGN(a.v.w, L.matrix(p + ".value.weight", dim, kvIn));
        MOTOR_TRY_ASSIGN(a.v.b, L.vector(p + ".value.bias", dim));
        MOTOR_TRY_ASSIGN(a.o.w, L.matrix(p + ".out.weight", dim, dim));
        MOTOR_TRY_ASSIGN(a.o.b, L.vector(p + ".out.bias", dim));
        return {};
    };
    auto mlp = [&](const std::string& b, int64_t dim, int64_t ffn, WhisperLayer& l) -> Result<void> {
        MOTOR_TRY_ASSIGN(l.mlpLnW, L.vector(b + "mlp_ln.weight", dim));
        MOTOR_TRY_ASSIGN(l.mlpLnB, L.vector(b + "mlp_ln.bias", dim));
        MOTOR_TRY_ASSIGN(l.fc1.w, L.matrix(b + "mlp.0.weight", ffn, dim));
        MOTOR_TRY_ASSIGN(l.fc1.b, L.vector(b + "mlp.0.bias", ffn));
        MOTOR_TRY_ASSIGN(l.fc2.w, L.matrix(b + "mlp.2.weight", dim, ffn));
        MOTOR_TRY_ASSIGN(l.fc2.b, L.vector(b + "mlp.2.bias", dim));
        return {};
    };
    enc_.resize(size_t(c.audioLayers));
    for (int i = 0; i < c.audioLayers; ++i) {
        const std::string b = "encoder.blocks." + std::to_string(i) + ".";
        MOTOR_TRY(attention(b + "attn", b + "attn_ln", D, D, enc_[size_t(i)].self));
        MOTOR_TRY(mlp(b, D, c.audioFfn, enc_[size_t(i)]));
    }
    const int64_t T = c.textDim;
    MOTOR_TRY_ASSIGN(tokenEmbd_, L.matrix("decoder.token_embedding.weight", c.vocabSize, T));
    MOTOR_TRY_ASSIGN(decPos_, L.flat("decoder.positional_embedding", int64_t(c.textContext) * T));
    MOTOR_TRY_ASSIGN(decLnW_, L.vector("decoder.ln.weight", T));
    MOTOR_TRY_ASSIGN(decLnB_, L.vector("decoder.ln.bias", T));
    dec_.resize(size_t(c.textLayers));
    for (int i = 0; i < c.textLayers; ++i) {
        const std::string b = "decoder.blocks." + std::to_string(i) + ".";
        MOTOR_TRY(attention(b + "attn", b + "attn_ln", T, T, dec_[size_t(i)].self));
        MOTOR_TRY(attention(b + "cross_attn", b + "cross_attn_ln", T, D, dec_[size_t(i)].cross));
        MOTOR_TRY(mlp(b, T, c.textFfn, dec_[size_t(i)]));
    }
    return {};
}

void WhisperModel::linear(const Linear& l, const float* x, int rows, int64_t ldx, float* y, int64_t ldy,
                          bool batch) const {
    const cpu::MatmulTask t[] = {{&l.w, y, ldy}};
    if (batch)
        cpu::matmulBatch(*pool_, t, x, rows, ldx);
    else
        cpu::matmul(*pool_, t, x, rows, ldx);
    if (l.b.empty()) return;
    const int64_t n = l.w.rows;
    pool_->parallelFor(rows, int64_t(rows) * n, [&](int r, int) { cpu::addInPlace(y + r * ldy, l.b.data(), n); });
}

void WhisperModel::layerNormRows(const float* x, const std::vector<float>& w, const std::vector<float>& b, int rows,
                                 int dim, float* out) const {
    const float eps = config_.normEps;
    pool_->parallelFor(rows, int64_t(rows) * dim * 4, [&](int r, int) {
        vision::layerNorm(x + int64_t(r) * dim, w.data(), b.data(), dim, eps, out + int64_t(r) * dim);
    });
}

std::vector<float> WhisperModel::logMel(std::span<const float> pcm) const {
    return mel_.compute(pcm, *pool_);
}

Result<std::vector<float>> WhisperModel::encode(std::span<const float> melWindow) const {
    const SpeechConfig& c = config_;
    const int64_t M = c.melBins, F = c.windowFrames(), D = c.audioDim, A = c.audioContext, H = c.audioFfn;
    if (int64_t(melWindow.size()) != M * F)
        return makeError("speech encode: " + std::to_string(melWindow.size()) + " values, expected " +
                         std::to_string(M) + " mel bins x " + std::to_string(F) + " frames");
    if (accelerator_) {
        std::lock_guard lock(acceleratorMutex_);
        return accelerator_->encode(melWindow);
    }
    // conv1 (kernel 3, padding 1) as a matmul over unfolded frames: row t holds
    // mel[c][t-1..t+1] for every bin c, the weight's (in, k) order.
    std::vector<float> unfolded(size_t(F * M * 3));
    pool_->parallelFor(int(F), F * M * 3, [&](int t, int) {
        float* row = unfolded.data() + int64_t(t) * M * 3;
        for (int64_t ch = 0; ch < M; ++ch)
            for (int k = 0; k < 3; ++k) {
                const int64_t src = t + k - 1;
                row[ch * 3 + k] = src < 0 || src >= F ? 0.0f : melWindow[size_t(ch * F + src)];
            }
    });
    std::vector<float> h1(size_t(F * D));
    linear(conv1_, unfolded.data(), int(F), M * 3, h1.data(), D, true);
    vision::geluErf(h1.data(), int64_t(h1.size()));
    // conv2 (kernel 3, stride 2, padding 1): output t reads h1 rows 2t-1 .. 2t+1.
    unfolded.assign(size_t(A * D * 3), 0.0f);
    pool_->parallelFor(int(A), A * D * 3, [&](int t, int) {
        float* row = unfolded.data() + int64_t(t) * D * 3;
        for (int k = 0; k < 3; ++k) {
            const int64_t src = 2 * int64_t(t) + k - 1;
            if (src < 0 || src >= F) continue;
            const float* in = h1.data() + src * D;
            for (int64_t ch = 0; ch < D; ++ch) row[ch * 3 + k] = in[ch];
        }
    });
    std::vector<float> h(size_t(A * D));
    linear(conv2_, unfolded.data(), int(A), D * 3, h.data(), D, true);
    pool_->parallelFor(int(A), A * D * 8, [&](int t, int) {
        float* row = h.data() + int64_t(t) * D;
        vision::geluErf(row, D);
        cpu::addInPlace(row, encPos_.data() + int64_t(t) * D, D);
    });
    unfolded.clear();
    unfolded.shrink_to_fit();

    std::vector<float> xb(size_t(A * D)), q(size_t(A * D)), k(size_t(A * D)), v(size_t(A * D)), att(size_t(A * D)),
        mlp(size_t(A * H)), scratch;
    const vision::FullAttentionShape shape{1, int(A), c.audioHeads, int(D / c.audioHeads)};
    for (const WhisperLayer& l : enc_) {
        layerNormRows(h.data(), l.self.lnW, l.self.lnB, int(A), int(D), xb.data());
        const cpu::MatmulTask qkv[] = {
            {&l.self.q.w, q.data(), D}, {&l.self.k.w, k.data(), D}, {&l.self.v.w, v.data(), D}};
        cpu::matmulBatch(*pool_, qkv, xb.data(), int(A), D);
        pool_->parallelFor(int(A), A * D * 2, [&](int t, int) {
            cpu::addInPlace(q.data() + int64_t(t) * D, l.self.q.b.data(), D);
            cpu::addInPlace(v.data() + int64_t(t) * D, l.self.v.b.data(), D);
        });
        vision::attendFull(*pool_, shape, q.data(), k.data(), v.data(), att.data(), scratch);
        linear(l.self.o, att.data(), int(A), D, xb.data(), D, true);
        pool_->parallelFor(int(A), A * D, [&](int t, int) {
            cpu::addInPlace(h.data() + int64_t(t) * D, xb.data() + int64_t(t) * D, D);
        });
        layerNormRows(h.data(), l.mlpLnW, l.mlpLnB, int(A), int(D), xb.data());
        linear(l.fc1, xb.data(), int(A), D, mlp.data(), H, true);
        pool_->parallelFor(int(A), A * H * 8, [&](int t, int) { vision::geluErf(mlp.data() + int64_t(t) * H, H); });
        linear(l.fc2, mlp.data(), int(A), H, xb.data(), D, true);
        pool_->parallelFor(int(A), A * D, [&](int t, int) {
            cpu::addInPlace(h.data() + int64_t(t) * D, xb.data() + int64_t(t) * D, D);
        });
    }
    layerNormRows(h.data(), encLnW_, encLnB_, int(A), int(D), h.data());
    return h;
}

Result<void> WhisperModel::attachAccelerator(std::unique_ptr<SpeechAccelerator> accelerator) {
    if (!accelerator) return makeError("speech: attachAccelerator without an accelerator");
    if (accelerator_) return makeError("speech: the model already runs on " + accelerator_->describe());
    if (running_ > 0) return makeError("speech: a transcription is running; attach before it starts");
    accelerator_ = std::move(accelerator);
    return {};
}

std::string WhisperModel::device() const {
    if (accelerator_) return accelerator_->describe();
    return std::string("cpu (") + cpu::gemmKernels().isa + ", " + std::to_string(pool_->size()) + " threads)";
}

Result<CrossKv> WhisperModel::crossKv(std::span<const float> encoded) const {
    const int64_t A = config_.audioContext, D = config_.audioDim, T = config_.textDim;
    CrossKv kv;
    if (accelerator_) {
        std::lock_guard lock(acceleratorMutex_);
        auto id = accelerator_->newCross(encoded);
        if (!id) return id.error();
        kv.device = std::make_shared<AcceleratorHandle>(accelerator_.get(), &acceleratorMutex_, id.value(), true);
        return kv;
    }
    kv.k.resize(dec_.size());
    kv.v.resize(dec_.size());
    for (size_t i = 0; i < dec_.size(); ++i) {
        kv.k[i].resize(size_t(A * T));
        kv.v[i].resize(size_t(A * T));
        const cpu::MatmulTask t[] = {{&dec_[i].cross.k.w, kv.k[i].data(), T}, {&dec_[i].cross.v.w, kv.v[i].data(), T}};
        cpu::matmulBatch(*pool_, t, encoded.data(), int(A), D);
        float* v = kv.v[i].data();
        const float* b = dec_[i].cross.v.b.data();
        pool_->parallelFor(int(A), A * T, [&](int r, int) { cpu::addInPlace(v + int64_t(r) * T, b, T); });
    }
    return kv;
}

Result<DecoderCache> WhisperModel::newCache() const {
    DecoderCache c;
    if (accelerator_) {
        std::lock_guard lock(acceleratorMutex_);
        auto id = accelerator_->newCache();
        if (!id) return id.error();
        c.device = std::make_shared<AcceleratorHandle>(accelerator_.get(), &acceleratorMutex_, id.value(), false);
        return c;
    }
    const size_t n = size_t(config_.textContext) * size_t(config_.textDim);
    c.k.assign(dec_.size(), std::vector<float>(n));
    c.v.assign(dec_.size(), std::vector<float>(n));
    return c;
}

Result<void> WhisperModel::copyCache(const DecoderCache& from, DecoderCache& to) const {
    if (from.device || to.device) {
        if (!from.device || !to.device) return makeError("speech: a cache on the CPU and one on the accelerator");
        std::lock_guard lock(acceleratorMutex_);
        if (auto r = accelerator_->copyCache(from.device->id, to.device->id, from.length); !r) return r;
    } else {
        const size_t n = size_t(from.length) * size_t(config_.textDim);
        for (size_t l = 0; l < from.k.size(); ++l) {
            std::memcpy(to.k[l].data(), from.k[l].data(), n * sizeof(float));
            std::memcpy(to.v[l].data(), from.v[l].data(), n * sizeof(float));
        }
    }
    to.length = from.length;
    return {};
}

namespace {

// softmax(q . keys / sqrt(d)) values for one head: keys/values rows are ld floats apart.
void attendOne(const float* q, const float* keys, const float* values, int64_t n, int64_t ld, int64_t d, float* out,
               std::vector<float>& scores) {
    scores.resize(size_t(n));
    const float scale = float(1.0 / std::sqrt(double(d)));
    for (int64_t j = 0; j < n; ++j) scores[size_t(j)] = cpu::dot(q, keys + j * ld, d) * scale;
    cpu::softmax(scores.data(), n);
    std::fill(out, out + d, 0.0f);
    for (int64_t j = 0; j < n; ++j) cpu::axpy(scores[size_t(j)], values + j * ld, out, d);
}

}  // namespace

Result<std::vector<float>> WhisperModel::step(const CrossKv& cross, std::vector<DecoderCache*>& caches,
                                              const std::vector<std::vector<int32_t>>& tokens,
                                              const std::vector<int>& extraRows) const {
    if (!accelerator_) return stepOnCpu(cross, caches, tokens, extraRows);
    if (!cross.device) return makeError("speech: cross keys and values not on the accelerator");
    std::vector<int> ids, lengths;
    size_t rows = 0;
    for (size_t s = 0; s < caches.size(); ++s) {
        if (!caches[s]->device) return makeError("speech: a decoder cache not on the accelerator");
        ids.push_back(caches[s]->device->id);
        lengths.push_back(caches[s]->length);
        rows += tokens[s].size();
    }
    std::vector<int> extra;
    for (int r : extraRows)
        if (r >= 0 && size_t(r) < rows) extra.push_back(r);
    std::vector<float> logits((caches.size() + extra.size()) * size_t(config_.vocabSize));
    {
        std::lock_guard lock(acceleratorMutex_);
        if (auto r = accelerator_->step(cross.device->id, ids, lengths, tokens, extra, logits.data()); !r)
            return r.error();
    }
    for (size_t s = 0; s < tokens.size(); ++s) caches[s]->length += int(tokens[s].size());
    return logits;
}

std::vector<float> WhisperModel::stepOnCpu(const CrossKv& cross, std::vector<DecoderCache*>& caches,
                                           const std::vector<std::vector<int32_t>>& tokens,
                                           const std::vector<int>& extraRows) const {
    const SpeechConfig& c = config_;
    const int64_t T = c.textDim, H = c.textFfn, A = c.audioContext, V = c.vocabSize;
    const int heads = c.textHeads;
    const int64_t hd = T / heads;
    struct Row {
        int seq;
        int pos;
        int32_t token;
    };
    std::vector<Row> rows;
    for (size_t s = 0; s < tokens.size(); ++s)
        for (size_t i = 0; i < tokens[s].size(); ++i)
            rows.push_back({int(s), caches[s]->length + int(i), tokens[s][i]});
    const int R = int(rows.size());
    std::vector<float> x(size_t(R * T)), xb(size_t(R * T)), q(size_t(R * T)), k(size_t(R * T)), v(size_t(R * T)),
        att(size_t(R * T)), mlp(size_t(R * H));
    pool_->parallelFor(R, int64_t(R) * T, [&](int r, int) {
        float* o = x.data() + int64_t(r) * T;
        cpu::dequantizeRow(tokenEmbd_, rows[size_t(r)].token, o);
        cpu::addInPlace(o, decPos_.data() + int64_t(rows[size_t(r)].pos) * T, T);
    });
    const int items = R * heads;
    for (size_t li = 0; li < dec_.size(); ++li) {
        const WhisperLayer& l = dec_[li];
        layerNormRows(x.data(), l.self.lnW, l.self.lnB, R, int(T), xb.data());
        const cpu::MatmulTask qkv[] = {
            {&l.self.q.w, q.data(), T}, {&l.self.k.w, k.data(), T}, {&l.self.v.w, v.data(), T}};
        cpu::matmul(*pool_, qkv, xb.data(), R, T);
        for (int r = 0; r < R; ++r) {
            cpu::addInPlace(q.data() + int64_t(r) * T, l.self.q.b.data(), T);
            cpu::addInPlace(v.data() + int64_t(r) * T, l.self.v.b.data(), T);
            DecoderCache& dc = *caches[size_t(rows[size_t(r)].seq)];
            const int64_t at = int64_t(rows[size_t(r)].pos) * T;
            std::memcpy(dc.k[li].data() + at, k.data() + int64_t(r) * T, size_t(T) * sizeof(float));
            std::memcpy(dc.v[li].data() + at, v.data() + int64_t(r) * T, size_t(T) * sizeof(float));
        }
        pool_->parallelFor(items, int64_t(items) * 64 * hd, [&](int item, int) {
            thread_local std::vector<float> scores;
            const int r = item / heads, h = item % heads;
            const DecoderCache& dc = *caches[size_t(rows[size_t(r)].seq)];
            const int64_t n = rows[size_t(r)].pos + 1;  // causal: itself and before
            attendOne(q.data() + int64_t(r) * T + h * hd, dc.k[li].data() + h * hd, dc.v[li].data() + h * hd, n, T, hd,
                      att.data() + int64_t(r) * T + h * hd, scores);
        });
        linear(l.self.o, att.data(), R, T, xb.data(), T);
        cpu::addInPlace(x.data(), xb.data(), int64_t(R) * T);

        layerNormRows(x.data(), l.cross.lnW, l.cross.lnB, R, int(T), xb.data());
        linear(l.cross.q, xb.data(), R, T, q.data(), T);
        pool_->parallelFor(items, int64_t(items) * 2 * A * hd, [&](int item, int) {
            thread_local std::vector<float> scores;
            const int r = item / heads, h = item % heads;
            attendOne(q.data() + int64_t(r) * T + h * hd, cross.k[li].data() + h * hd, cross.v[li].data() + h * hd, A,
                      T, hd, att.data() + int64_t(r) * T + h * hd, scores);
        });
        linear(l.cross.o, att.data(), R, T, xb.data(), T);
        cpu::addInPlace(x.data(), xb.data(), int64_t(R) * T);

        layerNormRows(x.data(), l.mlpLnW, l.mlpLnB, R, int(T), xb.data());
        linear(l.fc1, xb.data(), R, T, mlp.data(), H);
        pool_->parallelFor(R, int64_t(R) * H * 8, [&](int r, int) { vision::geluErf(mlp.data() + int64_t(r) * H, H); });
        linear(l.fc2, mlp.data(), R, H, xb.data(), T);
        cpu::addInPlace(x.data(), xb.data(), int64_t(R) * T);
    }
    for (size_t s = 0; s < tokens.size(); ++s) caches[s]->length += int(tokens[s].size());

    std::vector<int> pick;
    for (int r = 0; r < R; ++r)
        if (r + 1 == R || rows[size_t(r + 1)].seq != rows[size_t(r)].seq) pick.push_back(r);
    for (int r : extraRows)
        if (r >= 0 && r < R) pick.push_back(r);
    std::vector<float> last(pick.size() * size_t(T));
    for (size_t i = 0; i < pick.size(); ++i)
        std::memcpy(last.data() + i * size_t(T), x.data() + int64_t(pick[i]) * T, size_t(T) * sizeof(float));
    layerNormRows(last.data(), decLnW_, decLnB_, int(pick.size()), int(T), last.data());
    std::vector<float> logits(pick.size() * size_t(V));
    const cpu::MatmulTask out[] = {{&tokenEmbd_, logits.data(), V}};
    cpu::matmul(*pool_, out, last.data(), int(pick.size()), T);
    return logits;
}

Result<std::vector<float>> WhisperModel::decoderLogits(std::span<const float> encoded,
                                                       std::span<const int32_t> tokens) const {
    const SpeechConfig& c = config_;
    if (encoded.size() != size_t(c.audioContext) * size_t(c.audioDim))
        return makeError("speech decoder: encoder output has " + std::to_string(encoded.size()) + " values");
    if (tokens.empty() || int(tokens.size()) > c.textContext)
        return makeError("speech decoder: 1 to textContext tokens");
    for (int32_t t : tokens)
        if (t < 0 || t >= c.vocabSize)
            return makeError("speech decoder: token " + std::to_string(t) + " outside the vocabulary");
    auto kv = crossKv(encoded);
    if (!kv) return kv.error();
    auto cache = newCache();
    if (!cache) return cache.error();
    std::vector<DecoderCache*> caches{&cache.value()};
    // Every position: the last row comes first from step(), so ask for rows 0..n-2 after it.
    std::vector<int> rows;
    for (int r = 0; r + 1 < int(tokens.size()); ++r) rows.push_back(r);
    auto stepped = step(kv.value(), caches, {std::vector<int32_t>(tokens.begin(), tokens.end())}, rows);
    if (!stepped) return stepped.error();
    const std::vector<float>& l = stepped.value();
    const size_t V = size_t(c.vocabSize);
    std::vector<float> ordered(l.size());
    std::copy(l.begin() + V, l.end(), ordered.begin());
    std::copy(l.begin(), l.begin() + V, ordered.end() - V);
    return ordered;
}

Result<std::pair<int32_t, float>> WhisperModel::detectLanguage(std::span<const float> encoded) const {
    if (!ids_.multilingual()) return makeError(weights_->path() + ": an English-only model detects no language");
    auto logits = decoderLogits(encoded, std::vector<int32_t>{ids_.sot});
    if (!logits) return logits.error();
    const std::vector<float>& l = logits.value();
    // Softmax over the language tokens only, as openai's detect_language.
    float mx = -INFINITY;
    int32_t best = -1;
    for (const auto& lang : ids_.languages)
        if (l[size_t(lang.id)] > mx) {
            mx = l[size_t(lang.id)];
            best = lang.id;
        }
    double sum = 0;
    for (const auto& lang : ids_.languages) sum += std::exp(double(l[size_t(lang.id)] - mx));
    return std::pair{best, float(1.0 / sum)};
}

std::string WhisperModel::text(std::span<const int32_t> tokens) const {
    std::string out;
    for (int32_t t : tokens)
        if (t >= 0 && t < ids_.eot) out += tokenizer_->tokenPiece(t);
    return tok::sanitizeUtf8(out);  // byte-level pieces: a cut may split a character
}

}  // namespace motor::gpu::speech
