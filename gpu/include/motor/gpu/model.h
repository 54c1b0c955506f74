#pragma once
// A loaded Llama-family decoder (Llama 2/3, TinyLlama, Qwen2/2.5, Qwen3) on the CPU
// backend, or on an accelerator attached to it (motor/gpu/accelerator.h). The model
// owns its ModelWeights (memory-mapped file) and only reads them.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "motor/gpu/accelerator.h"
#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/session.h"
#include "motor/gpu/vision.h"
#include "motor/gpu/weights.h"

namespace motor::gpu {

struct ModelOptions {
    int threads = 0;      // 0: the process-wide pool (MOTOR_CPU_THREADS or all cores)
    int kvPageSize = 32;  // positions per KV page: the granularity of fork sharing
};

class Model {
public:
    // Checks every tensor the architecture needs (presence, shape, dtype); an error
    // names the first tensor at fault.
    static Result<std::unique_ptr<Model>> load(std::unique_ptr<ModelWeights> weights, ModelOptions options = {});
    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const ModelConfig& config() const;
    const ModelWeights& weights() const;
    const TokenizerData& tokenizerData() const;
    int vocabSize() const { return config().vocabSize; }

    // The vision tower + projector when the weights carry one (InternVL folder, GGUF
    // with mmproj), else nullptr. Owned by the model; shares its thread pool.
    const VisionEncoder* vision() const;

    // An empty session (the model must outlive it): on the accelerator when one is
    // attached, else on the CPU backend.
    Session newSession() const;

    // From now on this model's sessions, and its vision tower when the accelerator has
    // one, run on the accelerator (built from this model's weights, e.g. by
    // cudaAccelerator()). Only before the first session: an error afterwards, as CPU
    // sessions cannot move.
    Result<void> attachAccelerator(std::unique_ptr<Accelerator> accelerator);
    // What runs the sessions: the accelerator's describe(), or "cpu (avx2, 2 threads)".
    std::string device() const;
    bool accelerated() const;
    // The accelerator's KV capacity in positions (Accelerator::capacityTokens); 0 on the
    // CPU or when it has no fixed limit.
    int64_t capacityTokens() const;

    // Bytes of weights read to evaluate one token (all matrices + one embedding row);
    // the numerator of the decode bandwidth bound.
    int64_t weightBytesPerToken() const;
    // "avx512", "avx2" or "portable": the kernel set chosen for this CPU.
    const char* kernelIsa() const;
    // Threads of the pool the forward pass runs on (the caller counts as one).
    int threadCount() const;

    struct Impl;

private:
    friend class Session;
    friend const Impl& modelImpl(const Model& model);  // other backends read the weights
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace motor::gpu
