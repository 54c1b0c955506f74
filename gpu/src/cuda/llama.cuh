#pragma once
// The Llama-family decoder (Llama, Qwen2, Qwen3; the language model of InternVL-3.5) on
// one CUDA GPU, from the same loaded Model the CPU backend runs: weights converted to
// bf16 once at load, the residual stream in fp32, cuBLASLt bf16 GEMMs (the o and down
// projections accumulate into the residual), FlashAttention-2 for prefill chunks and
// flash-decoding for batched single-token steps, over a paged KV cache in which forked
// sequences share their context's pages (copy on write of a shared partial page).
//
//   auto gpu = CudaLlama::load(model);              // Result<unique_ptr<CudaLlama>>
//   int clip = (*gpu)->newSequence();
//   (*gpu)->prefill(clip, contextTokens, nullptr);
//   int agent = (*gpu)->fork(clip).value();          // shares the context's pages
//   (*gpu)->prefill(agent, promptTokens, logits);
//   (*gpu)->decode({a, b, c}, {ta, tb, tc}, logits); // one token each, one batch
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "cuda/device.cuh"
#include "cuda/gemm_lt.cuh"
#include "motor/gpu/model.h"

namespace motor::gpu::cuda {

// Where the layers' matrices live on the GPU: bf16 copies (the tensor cores' format,
// fastest at every batch size), or, for Q8_0, Q4_0 and Q4_K matrices of a GGUF file, their
// blocks as the file has them (a quarter to a half of bf16's memory: InternVL3.5-8B in
// Q4_K_M, its Q6_K matrices and embeddings as bf16, fits a 12 GB card); decode then reads them in place (dequantGemv,
// up to 32 rows) and a prefill decodes one matrix at a time into a bf16 scratch for the tensor cores. Auto: in place
// when the bf16 copies would take more than half of the free memory.
enum class GpuWeights { Auto, Bf16, InPlace };

struct CudaLlamaOptions {
    int pageSize = 32;
    int maxPages = 0;           // KV pages in the pool; 0: what a quarter of free memory holds
    int maxBatchTokens = 2048;  // rows per forward pass (longer prefills are chunked)
    int maxContext = 0;         // longest sequence; 0: the model's context length
    GpuWeights weights = GpuWeights::Auto;
    // Decode passes (one token per sequence) replayed as CUDA graphs: one launch for the
    // pass's few hundred kernels and GEMMs instead of one each, which at batch 1 cost more
    // host time than the GPU spends reading the weights. Off: plain launches, the same
    // kernels with the same shapes (motor_cuda_model_check compares the two).
    bool graphs = true;
};

class CudaLlama {
public:
    static Result<std::unique_ptr<CudaLlama>> load(const Model& model, CudaLlamaOptions options = {});
    ~CudaLlama();
    CudaLlama(const CudaLlama&) = delete;
    CudaLlama& operator=(const CudaLlama&) = delete;

    int newSequence();
    Result<int> fork(int sequence);
    void release(int sequence);
    int length(int sequence) const;

    // Appends tokens to the sequence; the last token's vocab logits into lastLogits
    // (host memory, vocabSize floats) unless null.
    Result<void> prefill(int sequence, std::span<const int32_t> tokens, float* lastLogits);
    // The same for rows that enter the decoder as embeddings (dim floats each, e.g. a
    // frame's image tokens from the vision tower), as Session::prefillEmbeddings.
    Result<void> prefillEmbeddings(int sequence, std::span<const float> rows, float* lastLogits);
    // One token for each of several distinct sequences, in one batch; logits
    // (host, sequences.size() x vocabSize).
    Result<void> decode(std::span<const int> sequences, std::span<const int32_t> tokens, float* logits);

    const ModelConfig& config() const { return config_; }
    const DeviceInfo& device() const { return device_; }
    int64_t weightBytes() const { return weightBytes_; }
    // How many of the layers' matrices are read in place from their quantized blocks.
    int inPlaceMatrices() const { return inPlaceMatrices_; }
    // Positions the KV cache's pages hold.
    int64_t capacityTokens() const { return int64_t(pageRefs_.size()) * options_.pageSize; }
    // Turns the decode passes' CUDA graphs on or off (CudaLlamaOptions::graphs).
    void setGraphs(bool on);
    bool graphs() const { return options_.graphs; }
    // Graphs captured and kept, passes run as graphs, and why graphs went off when the
    // driver refused a capture (else empty).
    int graphCount() const { return int(graphs_.size()); }
    uint64_t graphLaunches() const { return graphLaunches_; }
    const std::string& graphNote() const { return graphNote_; }

private:
    struct Weight;
    struct Layer;
    struct Sequence {
        std::vector<int> pages;
        int length = 0;
        bool live = false;
    };
    struct Row {
        int sequence, pos;
        int32_t token;
    };
    struct Pass;
    struct Graph;
    using GraphKey = std::tuple<int, int, int>;  // rows, block-table width, logit rows
    CudaLlama() = default;
    Result<void> reserve(int sequence, int newLength);
    void trim(int sequence);
    Result<int> allocatePage();
    Result<void> append(int sequence, std::span<const int32_t> tokens, const float* embeddings, size_t count,
                        float* lastLogits);
    Result<void> forward(std::span<const Row> rows, const float* embeddings, bool prefillChunk,
                         std::span<const int> logitRows, float* logits);
    Result<void> enqueue(const Pass& pass);
    Result<void> launchGraph(const GraphKey& key, const Pass& pass);
    Result<void> matmul(const Weight& w, const bf16* xb, const float* xf, int64_t ldx, int tokens, float* y,
                        int64_t ldy, float beta);

    ModelConfig config_;
    CudaLlamaOptions options_;
    DeviceInfo device_;
    Stream stream_;
    std::unique_ptr<LtGemm> gemm_;
    std::vector<Layer> layers_;
    DeviceBuffer<uint16_t> embed_, output_;
    bool tied_ = false;
    DeviceBuffer<float> outputNorm_;
    DeviceBuffer<double> invFreq_;
    int64_t weightBytes_ = 0;
    int inPlaceMatrices_ = 0;

    // Paged KV cache (per layer pools live in Layer), host-side bookkeeping.
    std::vector<int> freePages_, pageRefs_;
    std::vector<Sequence> sequences_;

    // Workspace for maxBatchTokens rows.
    DeviceBuffer<float> x_, q_, k_, v_, gate_, up_, logits_, decodeWs_;
    DeviceBuffer<uint16_t> xb_, qb_, att_, hb_, kCtx_, vCtx_;
    DeviceBuffer<float> xf_;          // the GEMV's activations (up to 32 rows) as floats
    DeviceBuffer<uint16_t> dequant_;  // one in-place matrix decoded to bf16 for a prefill
    DeviceBuffer<int> ints_;          // tokens, positions, slots, tables, lengths

    // Decode passes' graphs by shape; they point into the buffers above, so growing one
    // drops them.
    std::map<GraphKey, std::unique_ptr<Graph>> graphs_;
    std::map<GraphKey, int> sightings_;
    uint64_t graphClock_ = 0, graphLaunches_ = 0;
    std::string graphNote_;
};

}  // namespace motor::gpu::cuda
