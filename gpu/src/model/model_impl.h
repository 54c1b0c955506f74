#pragma once
// The CPU implementation behind motor::gpu::Model: the weights as kernel-ready views
// and the batched forward pass.
#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "cpu/aligned_vector.h"
#include "cpu/matmul.h"
#include "cpu/rope.h"
#include "cpu/thread_pool.h"
#include "model/kv_page.h"
#include "motor/gpu/model.h"
#include "motor/gpu/vision.h"

namespace motor::gpu {

struct LayerWeights {
    cpu::WeightMatrix q, k, v, o, gate, up, down;
    std::vector<float> attnNorm, ffnNorm;
    std::vector<float> qBias, kBias, vBias;  // Qwen2 (empty otherwise)
    std::vector<float> qNorm, kNorm;         // Qwen3 (empty otherwise)
};

using PageList = std::vector<std::shared_ptr<detail::KvPage>>;

// One token of a forward batch: its id, its position, and the cache it reads and
// writes (pages already reserved for pos, owned by the row's session alone). A row
// with an embedding (dim floats, e.g. an image patch from the vision tower) enters the
// decoder with it in place of the token's embedding row.
struct ForwardRow {
    int32_t token = 0;
    int pos = 0;
    const PageList* pages = nullptr;
    const float* embedding = nullptr;
};

struct Model::Impl {
    std::unique_ptr<ModelWeights> weights;
    ModelConfig config;
    ModelOptions options;
    cpu::WeightMatrix embed;
    cpu::WeightMatrix output;
    std::vector<float> outputNorm;
    std::vector<LayerWeights> layers;
    cpu::Rope rope;
    std::unique_ptr<cpu::ThreadPool> ownPool;
    cpu::ThreadPool* pool = nullptr;
    std::unique_ptr<VisionEncoder> vision;  // nullptr for text-only models

    // An attached accelerator (Model::attachAccelerator): sessions run there, and the
    // vision tower too when it has one (acceleratedVision, wrapping it). Its calls are
    // serialised by acceleratorMutex, as forward() serialises the CPU's.
    std::unique_ptr<Accelerator> accelerator;
    std::unique_ptr<VisionEncoder> acceleratedVision;
    std::mutex acceleratorMutex;
    std::atomic<bool> sessionCreated{false};

    // Evaluates rows as one batch; writes vocab logits for each row index listed in
    // logitRows into logits (logitRows.size() x vocab). Serialised by mutex: the
    // workspace and the thread pool are shared by all sessions of the model.
    void forward(std::span<const ForwardRow> rows, std::span<const int> logitRows, float* logits);

    int64_t qDim() const { return int64_t(config.heads) * config.headDim; }
    int64_t kvDim() const { return int64_t(config.kvHeads) * config.headDim; }

private:
    std::mutex mutex_;
    cpu::AlignedVector<float> x_, xb_, q_, k_, v_, att_, hb_, hb2_, normed_;
};

namespace detail {
// A session's sequence on the model's accelerator, released with the last session
// holding it.
struct AcceleratorSequence {
    Model::Impl* impl = nullptr;
    int id = -1;
    AcceleratorSequence(Model::Impl* i, int sequence) : impl(i), id(sequence) {}
    AcceleratorSequence(const AcceleratorSequence&) = delete;
    AcceleratorSequence& operator=(const AcceleratorSequence&) = delete;
    ~AcceleratorSequence() {
        std::lock_guard lock(impl->acceleratorMutex);
        impl->accelerator->release(id);
    }
};
}  // namespace detail

// The loaded weights and config behind a Model, for other backends (the CUDA backend
// uploads them from here, so every format the CPU backend loads runs there too).
const Model::Impl& modelImpl(const Model& model);

Result<std::unique_ptr<Model::Impl>> loadModelImpl(std::unique_ptr<ModelWeights> weights, const ModelOptions& options);

}  // namespace motor::gpu
