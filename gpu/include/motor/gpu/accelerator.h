#pragma once
// An accelerator that a loaded Model's sessions and vision tower run on in place of the
// CPU backend. The CUDA backend is one (motor/gpu/cuda_plugin.h: a plugin library the
// application loads at run time, so that a machine without CUDA still starts); tests
// attach others. The Session and VisionEncoder API does not change:
//
//   auto model = Model::load(std::move(weights));
//   auto acc = cudaAccelerator(*model.value());          // or any Accelerator
//   if (acc) model.value()->attachAccelerator(std::move(acc.value()));
//   Session s = model.value()->newSession();             // now on the accelerator
//
// An accelerator owns sequences (a KV cache each, forks sharing their context) named by
// ints; Session keeps one and releases it when destroyed. Calls come from one thread at
// a time (Model serialises them).
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "motor/gpu/result.h"
#include "motor/gpu/vision.h"

namespace motor::gpu {

class Accelerator {
public:
    virtual ~Accelerator() = default;

    // What runs the model, for logs and run provenance: "cuda: NVIDIA H200 (sm_90, ...)".
    virtual std::string describe() const = 0;

    virtual int newSequence() = 0;
    // A new sequence with the same tokens, sharing the parent's cache (a live sequence:
    // sessions only fork their own).
    virtual int fork(int sequence) = 0;
    virtual void release(int sequence) = 0;

    // Appends tokens (or rows of dim floats); the last position's vocab logits into
    // lastLogits (host memory).
    virtual Result<void> prefill(int sequence, std::span<const int32_t> tokens, float* lastLogits) = 0;
    virtual Result<void> prefillEmbeddings(int sequence, std::span<const float> rows, float* lastLogits) = 0;
    // One token for each of several distinct sequences in one batch; logits
    // sequences.size() x vocab.
    virtual Result<void> decode(std::span<const int> sequences, std::span<const int32_t> tokens, float* logits) = 0;

    // The vision tower + projector on the accelerator, when it has one (else the CPU's
    // runs): pixel values as VisionEncoder::encodePixels takes them.
    virtual bool hasVision() const = 0;
    virtual Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames) = 0;

    // Positions its KV cache holds over all sequences (forks share their context's), for
    // callers that size their batches; 0: no fixed limit.
    virtual int64_t capacityTokens() const { return 0; }
};

// Whisper on an accelerator (SpeechModel::attachAccelerator): the encoder, and the
// decoder over caches and cross-attention keys that live there. Handles are ints; the
// engine releases what it asked for. Calls come from one thread at a time.
class SpeechAccelerator {
public:
    virtual ~SpeechAccelerator() = default;
    virtual std::string describe() const = 0;

    // One window's log-mel (melBins x windowFrames, bin-major) -> the encoder output
    // (audioContext x audioDim) in host memory.
    virtual Result<std::vector<float>> encode(std::span<const float> melWindow) = 0;
    // Every decoder layer's cross-attention keys and values of one encoder output.
    virtual Result<int> newCross(std::span<const float> encoded) = 0;
    virtual void releaseCross(int cross) = 0;
    // A decoder self-attention cache of textContext positions; copyCache copies the first
    // length positions of one into another.
    virtual Result<int> newCache() = 0;
    virtual void releaseCache(int cache) = 0;
    virtual Result<void> copyCache(int from, int to, int length) = 0;
    // Appends tokens[s] to cache caches[s] from position lengths[s] on, all sequences in
    // one pass; logits (vocab floats per row, host) of each sequence's last new token,
    // then of the new-token rows listed in extraRows (indices into all new tokens,
    // sequence after sequence).
    virtual Result<void> step(int cross, std::span<const int> caches, std::span<const int> lengths,
                              const std::vector<std::vector<int32_t>>& tokens, std::span<const int> extraRows,
                              float* logits) = 0;
};

}  // namespace motor::gpu
