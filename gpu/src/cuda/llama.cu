#include <algorithm>
#include <cmath>
#include <string>

#include "cpu/matmul.h"
#include "cuda/check.cuh"
#include "cuda/dequant_gemv.cuh"
#include "cuda/elementwise.cuh"
#include "cuda/flash_attention.cuh"
#include "cuda/flash_decoding.cuh"
#include "cuda/kv_cache.cuh"
#include "cuda/llama.cuh"
#include "cuda/norm.cuh"
#include "cuda/rope.cuh"
#include "cuda/upload.cuh"
#include "formats/try.h"
#include "model/model_impl.h"
#include "motor/gpu/quant.h"

namespace motor::gpu::cuda {

// A layer matrix: a bf16 copy, or (GpuWeights::InPlace) its Q8_0/Q4_0/Q4_K blocks.
struct CudaLlama::Weight {
    DeviceBuffer<uint16_t> bf16;
    DeviceBuffer<std::byte> packed;
    DType type = DType::BF16;
    int64_t rows = 0, cols = 0, rowBytes = 0;
};

struct CudaLlama::Layer {
    Weight q, k, v, o, gate, up, down;
    DeviceBuffer<float> attnNorm, ffnNorm, qBias, kBias, vBias, qNorm, kNorm;
    DeviceBuffer<uint16_t> kPool, vPool;
};

// One pass's shapes and where its integers lie on the device (see forward).
struct CudaLlama::Pass {
    int T = 0;
    bool prefillChunk = false;
    int ctxLen = 0;  // prefill chunk: the positions attended to
    const int* dTokens = nullptr;
    const int* dPos = nullptr;
    const int* dSlots = nullptr;
    const int* dAttn = nullptr;  // prefill: cuSeqlens then the block table; decode: table then lengths
    DecodeAttentionParams dp;    // decode
    std::span<const int> logitRows;
    bool hasEmbeddings = false;
};

// An instantiated graph of one decode pass's launches.
struct CudaLlama::Graph {
    cudaGraphExec_t exec = nullptr;
    uint64_t lastUse = 0;
    Graph() = default;
    Graph(const Graph&) = delete;
    Graph& operator=(const Graph&) = delete;
    ~Graph() {
        if (exec) cudaGraphExecDestroy(exec);
    }
};

namespace {

// Rows up to which a matrix kept in place is read by the GEMV (in calls of 8): below it
// the GEMV's reads of the blocks cost less than decoding them to bf16 for the GEMM.
constexpr int kGemvRows = 32;

Result<DeviceBuffer<uint16_t>> uploadMatrix(const cpu::WeightMatrix& w, int64_t& bytes) {
    bytes += w.rows * w.cols * 2;
    return uploadBf16(w);
}

template <class Weight>
Result<void> uploadWeight(const cpu::WeightMatrix& w, bool inPlace, int64_t& bytes, int& inPlaceCount, Weight& out) {
    out.type = w.dtype;
    out.rows = w.rows;
    out.cols = w.cols;
    out.rowBytes = w.rowBytes;
    if (inPlace && readsInPlace(w.dtype, w.cols, w.rowBytes)) {
        bytes += w.rows * w.rowBytes;
        ++inPlaceCount;
        MOTOR_TRY_ASSIGN(out.packed, DeviceBuffer<std::byte>::fromHost(w.data, size_t(w.rows * w.rowBytes)));
        return {};
    }
    MOTOR_TRY_ASSIGN(out.bf16, uploadMatrix(w, bytes));
    return {};
}

Result<DeviceBuffer<float>> uploadVector(const std::vector<float>& v) {
    return uploadF32(v);
}

}  // namespace

CudaLlama::~CudaLlama() = default;

Result<std::unique_ptr<CudaLlama>> CudaLlama::load(const Model& model, CudaLlamaOptions options) {
    auto devs = devices();
    if (!devs) return devs.error();
    std::unique_ptr<CudaLlama> m(new CudaLlama());
    m->device_ = devs->front();
    if (m->device_.major < 8)
        return makeError("CUDA backend: " + describe(m->device_) + " is older than sm_80 (bf16 tensor cores)");
    MOTOR_CUDA_TRY(cudaSetDevice(m->device_.index));
    const Model::Impl& impl = modelImpl(model);
    const ModelConfig& c = impl.config;
    m->config_ = c;
    if (c.headDim != 64 && c.headDim != 128)
        return makeError("CUDA backend: head dim " + std::to_string(c.headDim) + " is not supported (64 or 128)");
    if (c.kvHeads <= 0 || c.heads % c.kvHeads != 0 || c.heads / c.kvHeads > 8)
        return makeError("CUDA backend: " + std::to_string(c.heads) + " query heads over " + std::to_string(c.kvHeads) +
                         " KV heads is not supported (1 to 8 per KV head)");
    if (options.maxContext == 0) options.maxContext = std::max(1, c.contextLength);
    m->options_ = options;
    if (options.pageSize <= 0 || options.maxBatchTokens <= 0 || options.maxContext <= 0)
        return makeError("CUDA backend: page size, batch tokens and context must be positive");
    MOTOR_TRY_ASSIGN(m->stream_, Stream::create());
    MOTOR_TRY_ASSIGN(m->gemm_, LtGemm::create());

    int64_t& wb = m->weightBytes_;
    MOTOR_TRY_ASSIGN(m->embed_, uploadMatrix(impl.embed, wb));
    m->tied_ = impl.output.data == impl.embed.data;
    if (!m->tied_) MOTOR_TRY_ASSIGN(m->output_, uploadMatrix(impl.output, wb));
    MOTOR_TRY_ASSIGN(m->outputNorm_, uploadVector(impl.outputNorm));
    const auto& freq = impl.rope.inverseFrequencies();
    MOTOR_TRY_ASSIGN(m->invFreq_, DeviceBuffer<double>::fromHost(freq.data(), freq.size()));

    // Layer matrices as bf16 copies or in place (GpuWeights).
    bool inPlace = options.weights == GpuWeights::InPlace;
    if (options.weights == GpuWeights::Auto) {
        int64_t bf16Bytes = 0;
        bool readable = false;
        for (const LayerWeights& lw : impl.layers)
            for (const cpu::WeightMatrix* w : {&lw.q, &lw.k, &lw.v, &lw.o, &lw.gate, &lw.up, &lw.down}) {
                bf16Bytes += w->rows * w->cols * 2;
                readable = readable || readsInPlace(w->dtype, w->cols, w->rowBytes);
            }
        size_t freeBytes = 0, total = 0;
        MOTOR_CUDA_TRY(cudaMemGetInfo(&freeBytes, &total));
        inPlace = readable && bf16Bytes > int64_t(freeBytes / 2);
    }

    const int64_t kvd = int64_t(c.kvHeads) * c.headDim, pageElems = int64_t(options.pageSize) * kvd;
    int maxPages = options.maxPages;
    if (maxPages <= 0) {
        size_t freeBytes = 0, total = 0;
        MOTOR_CUDA_TRY(cudaMemGetInfo(&freeBytes, &total));
        // A quarter of what is free before the layers' weights are uploaded; a page holds
        // K and V (bf16) of every layer.
        const int64_t perPage = pageElems * 2 * 2 * c.layers;
        maxPages = int(std::max<int64_t>(64, int64_t(freeBytes / 4) / perPage));
    }
    m->layers_.resize(size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        const LayerWeights& src = impl.layers[size_t(l)];
        Layer& dst = m->layers_[size_t(l)];
        int& ip = m->inPlaceMatrices_;
        MOTOR_TRY(uploadWeight(src.q, inPlace, wb, ip, dst.q));
        MOTOR_TRY(uploadWeight(src.k, inPlace, wb, ip, dst.k));
        MOTOR_TRY(uploadWeight(src.v, inPlace, wb, ip, dst.v));
        MOTOR_TRY(uploadWeight(src.o, inPlace, wb, ip, dst.o));
        MOTOR_TRY(uploadWeight(src.gate, inPlace, wb, ip, dst.gate));
        MOTOR_TRY(uploadWeight(src.up, inPlace, wb, ip, dst.up));
        MOTOR_TRY(uploadWeight(src.down, inPlace, wb, ip, dst.down));
        MOTOR_TRY_ASSIGN(dst.attnNorm, uploadVector(src.attnNorm));
        MOTOR_TRY_ASSIGN(dst.ffnNorm, uploadVector(src.ffnNorm));
        MOTOR_TRY_ASSIGN(dst.qBias, uploadVector(src.qBias));
        MOTOR_TRY_ASSIGN(dst.kBias, uploadVector(src.kBias));
        MOTOR_TRY_ASSIGN(dst.vBias, uploadVector(src.vBias));
        MOTOR_TRY_ASSIGN(dst.qNorm, uploadVector(src.qNorm));
        MOTOR_TRY_ASSIGN(dst.kNorm, uploadVector(src.kNorm));
        MOTOR_TRY_ASSIGN(dst.kPool, DeviceBuffer<uint16_t>::allocate(size_t(maxPages) * size_t(pageElems)));
        MOTOR_TRY_ASSIGN(dst.vPool, DeviceBuffer<uint16_t>::allocate(size_t(maxPages) * size_t(pageElems)));
    }
    m->pageRefs_.assign(size_t(maxPages), 0);
    for (int p = maxPages - 1; p >= 0; --p) m->freePages_.push_back(p);

    const size_t T = size_t(options.maxBatchTokens), dim = size_t(c.dim), qd = size_t(c.heads) * c.headDim,
                 hidden = size_t(c.hiddenDim);
    MOTOR_TRY_ASSIGN(m->x_, DeviceBuffer<float>::allocate(T * dim));
    MOTOR_TRY_ASSIGN(m->q_, DeviceBuffer<float>::allocate(T * qd));
    MOTOR_TRY_ASSIGN(m->k_, DeviceBuffer<float>::allocate(T * size_t(kvd)));
    MOTOR_TRY_ASSIGN(m->v_, DeviceBuffer<float>::allocate(T * size_t(kvd)));
    MOTOR_TRY_ASSIGN(m->gate_, DeviceBuffer<float>::allocate(T * hidden));
    MOTOR_TRY_ASSIGN(m->up_, DeviceBuffer<float>::allocate(T * hidden));
    MOTOR_TRY_ASSIGN(m->xb_, DeviceBuffer<uint16_t>::allocate(T * dim));
    MOTOR_TRY_ASSIGN(m->qb_, DeviceBuffer<uint16_t>::allocate(T * qd));
    MOTOR_TRY_ASSIGN(m->att_, DeviceBuffer<uint16_t>::allocate(T * qd));
    MOTOR_TRY_ASSIGN(m->hb_, DeviceBuffer<uint16_t>::allocate(T * hidden));
    if (m->inPlaceMatrices_ > 0) {
        size_t largest = 0;
        for (const Layer& l : m->layers_)
            for (const Weight* w : {&l.q, &l.k, &l.v, &l.o, &l.gate, &l.up, &l.down})
                if (w->packed.size() > 0) largest = std::max(largest, size_t(w->rows * w->cols));
        MOTOR_TRY_ASSIGN(m->dequant_, DeviceBuffer<uint16_t>::allocate(largest));
        MOTOR_TRY_ASSIGN(m->xf_, DeviceBuffer<float>::allocate(size_t(kGemvRows) * std::max({dim, qd, hidden})));
    }
    const size_t ctx = size_t(options.maxContext) * size_t(kvd);
    MOTOR_TRY_ASSIGN(m->kCtx_, DeviceBuffer<uint16_t>::allocate(ctx));
    MOTOR_TRY_ASSIGN(m->vCtx_, DeviceBuffer<uint16_t>::allocate(ctx));
    return Result<std::unique_ptr<CudaLlama>>(std::move(m));
}

int CudaLlama::newSequence() {
    for (size_t i = 0; i < sequences_.size(); ++i)
        if (!sequences_[i].live) {
            sequences_[i] = Sequence{{}, 0, true};
            return int(i);
        }
    sequences_.push_back(Sequence{{}, 0, true});
    return int(sequences_.size() - 1);
}

Result<int> CudaLlama::fork(int sequence) {
    if (sequence < 0 || size_t(sequence) >= sequences_.size() || !sequences_[size_t(sequence)].live)
        return makeError("CudaLlama::fork: no such sequence");
    const int id = newSequence();
    Sequence& child = sequences_[size_t(id)];
    child = sequences_[size_t(sequence)];
    // Only the pages that hold positions: pages a failed call reserved stay the parent's.
    child.pages.resize(size_t((child.length + options_.pageSize - 1) / options_.pageSize));
    for (int p : child.pages) ++pageRefs_[size_t(p)];
    return id;
}

void CudaLlama::release(int sequence) {
    if (sequence < 0 || size_t(sequence) >= sequences_.size()) return;
    Sequence& s = sequences_[size_t(sequence)];
    for (int p : s.pages)
        if (--pageRefs_[size_t(p)] == 0) freePages_.push_back(p);
    s = Sequence{};
}

int CudaLlama::length(int sequence) const {
    return sequences_.at(size_t(sequence)).length;
}

Result<int> CudaLlama::allocatePage() {
    if (freePages_.empty())
        return makeError("CUDA backend: the KV cache is full (" + std::to_string(pageRefs_.size()) + " pages of " +
                         std::to_string(options_.pageSize) + " positions); release sequences or raise maxPages");
    const int p = freePages_.back();
    freePages_.pop_back();
    pageRefs_[size_t(p)] = 1;
    return p;
}

// Gives back the pages past a sequence's length (reserved by a call that failed), so a
// failed call leaves the cache as it was.
void CudaLlama::trim(int sequence) {
    Sequence& s = sequences_[size_t(sequence)];
    const size_t keep = size_t((s.length + options_.pageSize - 1) / options_.pageSize);
    while (s.pages.size() > keep) {
        const int p = s.pages.back();
        s.pages.pop_back();
        if (--pageRefs_[size_t(p)] == 0) freePages_.push_back(p);
    }
}

Result<void> CudaLlama::reserve(int sequence, int newLength) {
    if (newLength > options_.maxContext)
        return makeError("CUDA backend: a sequence of " + std::to_string(newLength) + " tokens is longer than " +
                         std::to_string(options_.maxContext));
    Sequence& s = sequences_[size_t(sequence)];
    const int ps = options_.pageSize;
    // Copy on write: the partial page position `length` goes to, when another sequence
    // shares it (pages past it are this sequence's own, reserved by a failed call).
    const size_t at = size_t(s.length / ps);
    if (s.length % ps != 0 && pageRefs_[size_t(s.pages[at])] > 1) {
        int fresh = 0;
        MOTOR_TRY_ASSIGN(fresh, allocatePage());
        const int old = s.pages[at];
        const size_t bytes = size_t(ps) * size_t(config_.kvHeads) * size_t(config_.headDim) * 2;
        for (Layer& l : layers_) {
            MOTOR_CUDA_TRY(cudaMemcpyAsync(reinterpret_cast<char*>(l.kPool.get()) + size_t(fresh) * bytes,
                                           reinterpret_cast<char*>(l.kPool.get()) + size_t(old) * bytes, bytes,
                                           cudaMemcpyDeviceToDevice, stream_.get()));
            MOTOR_CUDA_TRY(cudaMemcpyAsync(reinterpret_cast<char*>(l.vPool.get()) + size_t(fresh) * bytes,
                                           reinterpret_cast<char*>(l.vPool.get()) + size_t(old) * bytes, bytes,
                                           cudaMemcpyDeviceToDevice, stream_.get()));
        }
        --pageRefs_[size_t(old)];
        s.pages[at] = fresh;
    }
    while (int64_t(s.pages.size()) * ps < newLength) {
        int p = 0;
        MOTOR_TRY_ASSIGN(p, allocatePage());
        s.pages.push_back(p);
    }
    return {};
}

Result<void> CudaLlama::prefill(int sequence, std::span<const int32_t> tokens, float* lastLogits) {
    for (int32_t t : tokens)
        if (t < 0 || t >= config_.vocabSize)
            return makeError("CudaLlama::prefill: token id " + std::to_string(t) + " is outside the vocabulary");
    return append(sequence, tokens, nullptr, tokens.size(), lastLogits);
}

Result<void> CudaLlama::prefillEmbeddings(int sequence, std::span<const float> rows, float* lastLogits) {
    if (rows.size() % size_t(config_.dim) != 0)
        return makeError("CudaLlama::prefillEmbeddings: " + std::to_string(rows.size()) +
                         " floats are not whole rows of " + std::to_string(config_.dim));
    return append(sequence, {}, rows.data(), rows.size() / size_t(config_.dim), lastLogits);
}

// Appends count rows (token ids, or embeddings when given) in chunks of maxBatchTokens.
Result<void> CudaLlama::append(int sequence, std::span<const int32_t> tokens, const float* embeddings, size_t count,
                               float* lastLogits) {
    if (sequence < 0 || size_t(sequence) >= sequences_.size() || !sequences_[size_t(sequence)].live)
        return makeError("CudaLlama::prefill: no such sequence");
    // All or nothing, as on the CPU: a chunk that fails takes the earlier chunks back
    // (their KV rows lie past the length, to be overwritten).
    const int start = sequences_[size_t(sequence)].length;
    auto chunks = [&]() -> Result<void> {
        size_t done = 0;
        while (done < count) {
            const int n = int(std::min<size_t>(count - done, size_t(options_.maxBatchTokens)));
            const int at = sequences_[size_t(sequence)].length;
            MOTOR_TRY(reserve(sequence, at + n));
            std::vector<Row> rows(static_cast<size_t>(n));
            for (int i = 0; i < n; ++i) rows[size_t(i)] = {sequence, at + i, embeddings ? 0 : tokens[done + size_t(i)]};
            const bool last = done + size_t(n) == count;
            const int lastRow = n - 1;
            // One row (Session::decode) reads the pages in place on the decode path.
            MOTOR_TRY(forward(rows, embeddings ? embeddings + done * size_t(config_.dim) : nullptr, n > 1,
                              last && lastLogits ? std::span<const int>(&lastRow, 1) : std::span<const int>(),
                              lastLogits));
            sequences_[size_t(sequence)].length += n;
            done += size_t(n);
        }
        return {};
    };
    auto rollback = [&] {
        sequences_[size_t(sequence)].length = start;
        trim(sequence);
    };
    auto attempt = [&]() -> Result<void> {
        try {
            return chunks();
        } catch (...) {  // a host exception (the plugin reports it as an error): the same
            rollback();
            throw;
        }
    };
    auto r = attempt();
    if (!r) rollback();
    return r;
}

Result<void> CudaLlama::decode(std::span<const int> sequences, std::span<const int32_t> tokens, float* logits) {
    if (sequences.size() != tokens.size()) return makeError("CudaLlama::decode: one token per sequence");
    if (sequences.size() > size_t(options_.maxBatchTokens)) return makeError("CudaLlama::decode: batch too large");
    if (sequences.empty()) return {};
    std::vector<Row> rows;
    std::vector<int> logitRows;
    for (size_t i = 0; i < sequences.size(); ++i) {
        const int id = sequences[i];
        if (id < 0 || size_t(id) >= sequences_.size() || !sequences_[size_t(id)].live)
            return makeError("CudaLlama::decode: no such sequence");
        if (std::count(sequences.begin(), sequences.end(), id) > 1)
            return makeError("CudaLlama::decode: a sequence appears twice in one batch");
        if (tokens[i] < 0 || tokens[i] >= config_.vocabSize)
            return makeError("CudaLlama::decode: token id " + std::to_string(tokens[i]) + " is outside the vocabulary");
    }
    for (size_t i = 0; i < sequences.size(); ++i) {
        const int id = sequences[i];
        if (auto rr = reserve(id, sequences_[size_t(id)].length + 1); !rr) {
            for (size_t j = 0; j <= i; ++j) trim(sequences[j]);
            return rr;
        }
        rows.push_back({id, sequences_[size_t(id)].length, tokens[i]});
        logitRows.push_back(int(i));
    }
    auto r = forward(rows, nullptr, false, logitRows, logits);
    if (!r) {
        for (int id : sequences) trim(id);
        return r;
    }
    for (int id : sequences) ++sequences_[size_t(id)].length;
    return {};
}

// Pages per sequence in a decode pass's block table are rounded up to this, so that the
// shapes of a pass (and its CUDA graph) stay the same while its sequences grow.
constexpr int kPagesBucket = 16;
// Graphs kept, the least recently used dropped first; a shape is captured the second time
// it is seen (capturing costs about one pass, so a shape run once is not captured).
constexpr size_t kMaxGraphs = 16;

void CudaLlama::setGraphs(bool on) {
    options_.graphs = on;
    if (!on) graphs_.clear();
}

// Host side of a pass: the integers its kernels read (tokens, positions, KV slots, then
// the attention's tables) in one upload, buffers grown before anything is launched, then
// the launches (for a decode pass, a CUDA graph of them when graphs are on), the logits
// back to the host.
Result<void> CudaLlama::forward(std::span<const Row> rows, const float* embeddings, bool prefillChunk,
                                std::span<const int> logitRows, float* logits) {
    const ModelConfig& c = config_;
    const int T = int(rows.size()), ps = options_.pageSize;
    cudaStream_t st = stream_.get();

    std::vector<int> ints;
    for (const Row& r : rows) ints.push_back(r.token);
    for (const Row& r : rows) ints.push_back(r.pos);
    for (const Row& r : rows) {
        const Sequence& s = sequences_[size_t(r.sequence)];
        ints.push_back(s.pages[size_t(r.pos / ps)] * ps + r.pos % ps);
    }
    const size_t attnAt = ints.size();
    Pass pass;
    pass.T = T;
    pass.prefillChunk = prefillChunk;
    pass.logitRows = logitRows;
    pass.hasEmbeddings = embeddings != nullptr;
    int maxPagesPerSeq = 0;
    if (prefillChunk) {
        const Sequence& s = sequences_[size_t(rows.front().sequence)];
        pass.ctxLen = rows.back().pos + 1;
        ints.insert(ints.end(), {0, T, 0, pass.ctxLen});  // cuSeqlensQ, cuSeqlensK
        ints.insert(ints.end(), s.pages.begin(), s.pages.end());
    } else {
        for (const Row& r : rows)
            maxPagesPerSeq = std::max(maxPagesPerSeq, int(sequences_[size_t(r.sequence)].pages.size()));
        maxPagesPerSeq = (maxPagesPerSeq + kPagesBucket - 1) / kPagesBucket * kPagesBucket;
        for (const Row& r : rows) {
            const auto& pages = sequences_[size_t(r.sequence)].pages;
            ints.insert(ints.end(), pages.begin(), pages.end());
            ints.insert(ints.end(), size_t(maxPagesPerSeq) - pages.size(), pages.front());
        }
        for (const Row& r : rows) ints.push_back(r.pos + 1);
    }

    // Buffers a graph's launches point into: the graphs go before any of them is freed
    // (an allocation that then fails must not leave a graph pointing at freed memory).
    DecodeAttentionParams& dp = pass.dp;
    size_t wsFloats = 0;
    if (!prefillChunk) {
        const int hd = c.headDim;
        dp.headDim = hd;
        dp.batch = T;
        dp.qHeads = c.heads;
        dp.kvHeads = c.kvHeads;
        dp.maxPagesPerSeq = maxPagesPerSeq;
        // The table's span, not the longest sequence: the kernels stop at each sequence's
        // length, and the pass keeps its shape while the sequences grow.
        dp.maxSeqlenK = maxPagesPerSeq * ps;
        dp.splits = decodeSplits(T, c.kvHeads, dp.maxSeqlenK, device_.multiprocessors);
        wsFloats = decodeWorkspaceFloats(dp);
    }
    const size_t need = logitRows.size() * size_t(c.vocabSize);
    const bool growInts = ints_.size() < ints.size(), growWs = decodeWs_.size() < wsFloats,
               growLogits = logits_.size() < need;
    if (growInts || growWs || growLogits) graphs_.clear();
    if (growInts) MOTOR_TRY_ASSIGN(ints_, DeviceBuffer<int>::allocate(ints.size() * 2));
    if (growWs) MOTOR_TRY_ASSIGN(decodeWs_, DeviceBuffer<float>::allocate(wsFloats * 2));
    // Room for 16 rows at once, so that a batch growing step by step drops the graphs once.
    if (growLogits) MOTOR_TRY_ASSIGN(logits_, DeviceBuffer<float>::allocate(std::max(need, 16 * size_t(c.vocabSize))));
    pass.dTokens = ints_.get();
    pass.dPos = pass.dTokens + T;
    pass.dSlots = pass.dPos + T;
    pass.dAttn = ints_.get() + attnAt;
    if (!prefillChunk) {
        const int64_t qd = int64_t(c.heads) * c.headDim;
        dp.qRowStride = qd;
        dp.oRowStride = qd;
        dp.blockTable = pass.dAttn;
        dp.seqlensK = pass.dAttn + size_t(T) * size_t(maxPagesPerSeq);
        dp.pageSize = ps;
        dp.scale = 1.f / std::sqrt(float(c.headDim));
    }

    MOTOR_CUDA_TRY(cudaMemcpyAsync(ints_.get(), ints.data(), ints.size() * sizeof(int), cudaMemcpyHostToDevice, st));
    if (embeddings)
        MOTOR_CUDA_TRY(cudaMemcpyAsync(x_.get(), embeddings, size_t(T) * size_t(c.dim) * sizeof(float),
                                       cudaMemcpyHostToDevice, st));
    // A decode pass whose rows all give logits, or none do: its launches depend only on
    // (rows, table width, logits), so one graph serves every step of that shape.
    const bool everyRowOrNone =
        logitRows.empty() || (int(logitRows.size()) == T && logitRows.front() == 0 && logitRows.back() == T - 1);
    if (options_.graphs && !prefillChunk && !embeddings && everyRowOrNone)
        MOTOR_TRY(launchGraph({T, maxPagesPerSeq, int(logitRows.size())}, pass));
    else
        MOTOR_TRY(enqueue(pass));
    if (need > 0)
        MOTOR_CUDA_TRY(cudaMemcpyAsync(logits, logits_.get(), need * sizeof(float), cudaMemcpyDeviceToHost, st));
    MOTOR_CUDA_TRY(cudaStreamSynchronize(st));
    return {};
}

// Replays the graph of the pass's shape, capturing it the second time the shape comes. A
// capture the driver refuses turns graphs off for this model, with the reason in
// graphNote(), and the pass runs as plain launches: the same work. An error of the pass
// itself (e.g. a shape the kernels refuse) is returned as it is, graphs staying on.
Result<void> CudaLlama::launchGraph(const GraphKey& key, const Pass& pass) {
    cudaStream_t st = stream_.get();
    auto it = graphs_.find(key);
    if (it == graphs_.end()) {
        if (++sightings_[key] < 2) return enqueue(pass);
        if (graphs_.size() >= kMaxGraphs) {
            auto oldest = graphs_.begin();
            for (auto g = graphs_.begin(); g != graphs_.end(); ++g)
                if (g->second->lastUse < oldest->second->lastUse) oldest = g;
            sightings_.erase(oldest->first);  // seen twice more before it is captured again
            graphs_.erase(oldest);
        }
        auto refused = [&](cudaError_t e, const char* what) -> Result<void> {
            (void)cudaGetLastError();  // a refused capture leaves no sticky error
            graphNote_ = std::string(what) + ": " + cudaGetErrorString(e);
            setGraphs(false);
            return enqueue(pass);
        };
        if (const cudaError_t e = cudaStreamBeginCapture(st, cudaStreamCaptureModeThreadLocal); e != cudaSuccess)
            return refused(e, "cudaStreamBeginCapture");
        cudaGraph_t graph = nullptr;
        auto capture = [&]() -> Result<void> {
            try {
                return enqueue(pass);
            } catch (...) {  // leave the stream out of capture mode before the exception goes on
                if (cudaStreamEndCapture(st, &graph) == cudaSuccess && graph) cudaGraphDestroy(graph);
                (void)cudaGetLastError();
                throw;
            }
        };
        const Result<void> captured = capture();
        const cudaError_t ended = cudaStreamEndCapture(st, &graph);
        if (!captured) {  // the pass's own error, or the driver's refusal seen at a launch
            if (graph) cudaGraphDestroy(graph);
            if (ended == cudaSuccess) return captured;
            return refused(ended, "cudaStreamEndCapture");
        }
        if (ended != cudaSuccess || !graph) {
            if (graph) cudaGraphDestroy(graph);
            return refused(ended != cudaSuccess ? ended : cudaErrorStreamCaptureInvalidated, "cudaStreamEndCapture");
        }
        auto g = std::make_unique<Graph>();
        const cudaError_t made = cudaGraphInstantiate(&g->exec, graph, 0ULL);
        cudaGraphDestroy(graph);
        if (made != cudaSuccess) {
            g->exec = nullptr;
            return refused(made, "cudaGraphInstantiate");
        }
        it = graphs_.emplace(key, std::move(g)).first;
    }
    it->second->lastUse = ++graphClock_;
    ++graphLaunches_;
    MOTOR_CUDA_TRY(cudaGraphLaunch(it->second->exec, st));
    return {};
}

// The pass's launches on the stream, reading only device memory (ints_ and the
// embeddings already uploaded), so that they can be captured into a graph.
Result<void> CudaLlama::enqueue(const Pass& pass) {
    const ModelConfig& c = config_;
    const int T = pass.T, ps = options_.pageSize, hd = c.headDim;
    const int64_t dim = c.dim, qd = int64_t(c.heads) * hd, kvd = int64_t(c.kvHeads) * hd, hidden = c.hiddenDim;
    cudaStream_t st = stream_.get();
    float* x = x_.get();
    bf16* xb = bf(xb_);
    if (!pass.hasEmbeddings) MOTOR_TRY(embed(bf(embed_), pass.dTokens, T, dim, x, st));
    DecodeAttentionParams dp = pass.dp;
    const bool interleaved = c.ropeStyle == RopeStyle::Interleaved;
    // Matrices kept in place are read by the GEMV for up to kGemvRows rows, from floats.
    const bool gemv = inPlaceMatrices_ > 0 && T <= kGemvRows;
    float* xf = xf_.get();
    for (Layer& L : layers_) {
        MOTOR_TRY(rmsNorm<bf16>(x, nullptr, L.attnNorm.get(), xb, T, int(dim), c.rmsEps, st));
        if (gemv) MOTOR_TRY(toFloat(xb, xf, T * dim, st));
        MOTOR_TRY(matmul(L.q, xb, xf, dim, T, q_.get(), qd, 0.f));
        MOTOR_TRY(matmul(L.k, xb, xf, dim, T, k_.get(), kvd, 0.f));
        MOTOR_TRY(matmul(L.v, xb, xf, dim, T, v_.get(), kvd, 0.f));
        if (L.qBias.size() > 0) {
            MOTOR_TRY(addBias(q_.get(), L.qBias.get(), T, int(qd), st));
            MOTOR_TRY(addBias(k_.get(), L.kBias.get(), T, int(kvd), st));
            MOTOR_TRY(addBias(v_.get(), L.vBias.get(), T, int(kvd), st));
        }
        if (L.qNorm.size() > 0) {  // Qwen3: RMSNorm per head, before RoPE
            MOTOR_TRY(rmsNorm<float>(q_.get(), nullptr, L.qNorm.get(), q_.get(), T * c.heads, hd, c.rmsEps, st));
            MOTOR_TRY(rmsNorm<float>(k_.get(), nullptr, L.kNorm.get(), k_.get(), T * c.kvHeads, hd, c.rmsEps, st));
        }
        MOTOR_TRY(rope(q_.get(), T, c.heads, hd, qd, pass.dPos, invFreq_.get(), interleaved, st));
        MOTOR_TRY(rope(k_.get(), T, c.kvHeads, hd, kvd, pass.dPos, invFreq_.get(), interleaved, st));
        MOTOR_TRY(writeKv(k_.get(), v_.get(), T, kvd, pass.dSlots, bf(L.kPool), bf(L.vPool), st));
        MOTOR_TRY(toBf16(q_.get(), bf(qb_), T * qd, st));
        if (pass.prefillChunk) {
            MOTOR_TRY(
                gatherKv(bf(L.kPool), bf(L.vPool), pass.dAttn + 4, pass.ctxLen, ps, kvd, bf(kCtx_), bf(vCtx_), st));
            AttentionParams ap;
            ap.q = bf(qb_);
            ap.k = bf(kCtx_);
            ap.v = bf(vCtx_);
            ap.o = bf(att_);
            ap.qRowStride = ap.oRowStride = qd;
            ap.kRowStride = ap.vRowStride = kvd;
            ap.qHeadStride = ap.kHeadStride = ap.vHeadStride = ap.oHeadStride = hd;
            ap.cuSeqlensQ = pass.dAttn;
            ap.cuSeqlensK = pass.dAttn + 2;
            ap.batch = 1;
            ap.maxSeqlenQ = T;
            ap.qHeads = c.heads;
            ap.kvHeads = c.kvHeads;
            ap.headDim = hd;
            ap.scale = 1.f / std::sqrt(float(hd));
            ap.causal = true;
            MOTOR_TRY(flashAttentionForward(ap, st));
        } else {
            dp.q = bf(qb_);
            dp.kPool = bf(L.kPool);
            dp.vPool = bf(L.vPool);
            dp.o = bf(att_);
            MOTOR_TRY(flashDecode(dp, decodeWs_.get(), st));
        }
        if (gemv) MOTOR_TRY(toFloat(bf(att_), xf, T * qd, st));
        MOTOR_TRY(matmul(L.o, bf(att_), xf, qd, T, x, dim, 1.f));
        MOTOR_TRY(rmsNorm<bf16>(x, nullptr, L.ffnNorm.get(), xb, T, int(dim), c.rmsEps, st));
        if (gemv) MOTOR_TRY(toFloat(xb, xf, T * dim, st));
        MOTOR_TRY(matmul(L.gate, xb, xf, dim, T, gate_.get(), hidden, 0.f));
        MOTOR_TRY(matmul(L.up, xb, xf, dim, T, up_.get(), hidden, 0.f));
        MOTOR_TRY(swiGlu<bf16>(gate_.get(), up_.get(), bf(hb_), T * hidden, st));
        if (gemv) MOTOR_TRY(toFloat(bf(hb_), xf, T * hidden, st));
        MOTOR_TRY(matmul(L.down, bf(hb_), xf, hidden, T, x, dim, 1.f));
    }
    const std::span<const int> logitRows = pass.logitRows;
    if (!logitRows.empty()) {
        const int n = int(logitRows.size());
        bool consecutive = true;  // always, today: one launch for all the rows
        for (int i = 1; i < n; ++i) consecutive = consecutive && logitRows[size_t(i)] == logitRows[0] + i;
        if (consecutive)
            MOTOR_TRY(rmsNorm<bf16>(x + int64_t(logitRows[0]) * dim, nullptr, outputNorm_.get(), xb, n, int(dim),
                                    c.rmsEps, st));
        else
            for (int i = 0; i < n; ++i)
                MOTOR_TRY(rmsNorm<bf16>(x + int64_t(logitRows[size_t(i)]) * dim, nullptr, outputNorm_.get(),
                                        xb + int64_t(i) * dim, 1, int(dim), c.rmsEps, st));
        const DeviceBuffer<uint16_t>& out = tied_ ? embed_ : output_;
        MOTOR_TRY(gemm_->gemm(xb, dim, n, bf(out), dim, c.vocabSize, int(dim), logits_.get(), c.vocabSize, 0.f, st));
    }
    return {};
}

// y = x W^T (+ y when beta is 1) over T rows: the bf16 GEMM; for a matrix kept in place,
// the GEMV over its blocks, 8 rows a call, up to kGemvRows rows (xf: the same bf16
// activations as floats; each call reads the blocks once, still less than decoding them
// to bf16 and reading that), else its blocks decoded into the bf16 scratch and the GEMM.
Result<void> CudaLlama::matmul(const Weight& w, const bf16* xb, const float* xf, int64_t ldx, int tokens, float* y,
                               int64_t ldy, float beta) {
    cudaStream_t st = stream_.get();
    const bf16* wb = bf(w.bf16);
    if (w.packed.size() > 0) {
        if (tokens <= kGemvRows) {
            for (int t = 0; t < tokens; t += kGemvMaxTokens)
                MOTOR_TRY(dequantGemv(w.type, w.packed.get(), w.rows, w.cols, w.rowBytes, xf + t * ldx, ldx,
                                      std::min(kGemvMaxTokens, tokens - t), y + t * ldy, ldy, st, beta != 0.f));
            return {};
        }
        MOTOR_TRY(dequantToBf16(w.type, w.packed.get(), w.rows, w.cols, w.rowBytes, bf(dequant_), st));
        wb = bf(dequant_);
    }
    return gemm_->gemm(xb, ldx, tokens, wb, w.cols, int(w.rows), int(w.cols), y, ldy, beta, st);
}

}  // namespace motor::gpu::cuda
