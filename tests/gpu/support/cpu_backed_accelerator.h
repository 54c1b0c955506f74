#pragma once
// An Accelerator whose sequences are sessions of another model on the CPU backend
// (accelerator_tests, and the test plugin tests/gpu/plugin/cpu_plugin.cpp, which owns
// that model): the engine's dispatch to an accelerator checked without a GPU.
#include <cstring>
#include <map>
#include <memory>

#include "motor/gpu/accelerator.h"
#include "motor/gpu/model.h"
#include "speech/whisper_model.h"

namespace motor::gpu::test {

// Sequences are sessions of `backing`, a model on the CPU backend.
class CpuBackedAccelerator final : public Accelerator {
public:
    struct Counts {
        int live = 0, created = 0, released = 0, decodeCalls = 0, pixelCalls = 0;
        size_t lastDecodeBatch = 0;
    };
    CpuBackedAccelerator(const Model& backing, Counts& counts) : backing_(backing), counts_(counts) {}
    // Owning the model (and its counts), as the test plugin does.
    explicit CpuBackedAccelerator(std::unique_ptr<Model> owned, std::string name)
        : owned_(std::move(owned)),
          ownCounts_(std::make_unique<Counts>()),
          name_(std::move(name)),
          backing_(*owned_),
          counts_(*ownCounts_) {}

    std::string describe() const override { return name_; }
    int newSequence() override { return add(backing_.newSession()); }
    int fork(int sequence) override { return add(sessions_.at(sequence).fork()); }
    void release(int sequence) override {
        if (sessions_.erase(sequence) == 1) {
            --counts_.live;
            ++counts_.released;
        }
    }
    Result<void> prefill(int sequence, std::span<const int32_t> tokens, float* lastLogits) override {
        if (failNext) return makeError("test accelerator: out of memory");
        Session& s = sessions_.at(sequence);
        if (auto r = s.prefill(tokens); !r) return r;
        std::memcpy(lastLogits, s.logits().data(), s.logits().size_bytes());
        return {};
    }
    Result<void> prefillEmbeddings(int sequence, std::span<const float> rows, float* lastLogits) override {
        Session& s = sessions_.at(sequence);
        if (auto r = s.prefillEmbeddings(rows); !r) return r;
        std::memcpy(lastLogits, s.logits().data(), s.logits().size_bytes());
        return {};
    }
    Result<void> decode(std::span<const int> sequences, std::span<const int32_t> tokens, float* logits) override {
        ++counts_.decodeCalls;
        counts_.lastDecodeBatch = sequences.size();
        std::vector<Session*> batch;
        for (int id : sequences) batch.push_back(&sessions_.at(id));
        if (auto r = Session::decodeBatch(batch, tokens); !r) return r;
        for (size_t i = 0; i < batch.size(); ++i)
            std::memcpy(logits + i * batch[i]->logits().size(), batch[i]->logits().data(),
                        batch[i]->logits().size_bytes());
        return {};
    }
    bool hasVision() const override { return backing_.vision() != nullptr; }
    int64_t capacityTokens() const override { return capacity; }
    int64_t capacity = 0;  // what capacityTokens() reports
    Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames) override {
        ++counts_.pixelCalls;
        return backing_.vision()->encodePixels(pixelValues, frames);
    }

    bool failNext = false;

private:
    int add(Session s) {
        const int id = next_++;
        sessions_.emplace(id, std::move(s));
        ++counts_.live;
        ++counts_.created;
        return id;
    }
    std::unique_ptr<Model> owned_;
    std::unique_ptr<Counts> ownCounts_;
    std::string name_ = "test: the CPU backend of another model";
    const Model& backing_;
    Counts& counts_;
    std::map<int, Session> sessions_;
    int next_ = 0;
};

// Whisper's accelerator the same way: caches and cross keys/values of another
// WhisperModel on the CPU backend, named by ints.
class CpuBackedSpeechAccelerator final : public SpeechAccelerator {
public:
    struct Counts {
        int encodes = 0, steps = 0, liveCaches = 0, liveCrosses = 0, copies = 0;
    };
    CpuBackedSpeechAccelerator(const speech::WhisperModel& backing, Counts& counts)
        : backing_(backing), counts_(counts) {}

    std::string describe() const override { return "test: Whisper on another model's CPU backend"; }
    Result<std::vector<float>> encode(std::span<const float> melWindow) override {
        ++counts_.encodes;
        return backing_.encode(melWindow);
    }
    Result<int> newCross(std::span<const float> encoded) override {
        auto kv = backing_.crossKv(encoded);
        if (!kv) return kv.error();
        crosses_.emplace(next_, std::move(kv.value()));
        ++counts_.liveCrosses;
        return next_++;
    }
    void releaseCross(int cross) override { counts_.liveCrosses -= int(crosses_.erase(cross)); }
    Result<int> newCache() override {
        if (failNextCache) return makeError("test accelerator: out of memory for a cache");
        auto c = backing_.newCache();
        if (!c) return c.error();
        caches_.emplace(next_, std::move(c.value()));
        ++counts_.liveCaches;
        return next_++;
    }
    void releaseCache(int cache) override { counts_.liveCaches -= int(caches_.erase(cache)); }
    Result<void> copyCache(int from, int to, int length) override {
        ++counts_.copies;
        speech::DecoderCache& f = caches_.at(from);
        if (f.length != length) return makeError("test accelerator: copy length differs from the cache's");
        return backing_.copyCache(f, caches_.at(to));
    }
    Result<void> step(int cross, std::span<const int> caches, std::span<const int> lengths,
                      const std::vector<std::vector<int32_t>>& tokens, std::span<const int> extraRows,
                      float* logits) override {
        ++counts_.steps;
        std::vector<speech::DecoderCache*> ptrs;
        for (size_t i = 0; i < caches.size(); ++i) {
            speech::DecoderCache& c = caches_.at(caches[i]);
            if (c.length != lengths[i]) return makeError("test accelerator: a length differs from the cache's");
            ptrs.push_back(&c);
        }
        auto l = backing_.step(crosses_.at(cross), ptrs, tokens, std::vector<int>(extraRows.begin(), extraRows.end()));
        if (!l) return l.error();
        std::memcpy(logits, l.value().data(), l.value().size() * sizeof(float));
        return {};
    }

    bool failNextCache = false;

private:
    const speech::WhisperModel& backing_;
    Counts& counts_;
    std::map<int, speech::CrossKv> crosses_;
    std::map<int, speech::DecoderCache> caches_;
    int next_ = 0;
};

}  // namespace motor::gpu::test
