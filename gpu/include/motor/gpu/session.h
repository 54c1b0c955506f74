#pragma once
// A decoding session: the KV cache of one token sequence plus the logits of its last
// evaluated positions. Sessions are cheap to fork: the cache is a list of refcounted
// pages, a fork shares every page with its parent, and a page is copied only when one
// of them writes into a page the other still holds (copy on write of the tail page).
// On a model with an accelerator attached (Model::attachAccelerator) a session is one of
// the accelerator's sequences instead, with the same API; LogitsFor::All is CPU only.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "motor/gpu/result.h"

namespace motor::gpu {

class Model;
namespace detail {
class KvPage;
struct AcceleratorSequence;
}  // namespace detail

enum class LogitsFor { Last, All };

class Session {
public:
    Session(Session&&) noexcept = default;
    Session& operator=(Session&&) noexcept = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session();

    // Appends tokens (evaluated as one batch through the weights). LogitsFor::All keeps
    // the logits of every new position (allLogits()), Last only the last one's.
    Result<void> prefill(std::span<const int32_t> tokens, LogitsFor which = LogitsFor::Last);
    // Appends rows of input embeddings in place of tokens: rows.size() / dim positions,
    // each row dim floats (the model's hidden size), e.g. one frame of
    // VisionEncoder::encode() for the <IMG_CONTEXT> run of a prompt. Batched, chunked,
    // forked and cached exactly like prefill().
    Result<void> prefillEmbeddings(std::span<const float> rows, LogitsFor which = LogitsFor::Last);
    // Appends one token.
    Result<void> decode(int32_t token);
    // Advances sessions[i] by tokens[i], all in one pass through the weights (e.g. the
    // three agents of a clip, or several clips). Sessions must belong to one model and
    // be distinct. On error no session has changed.
    static Result<void> decodeBatch(std::span<Session* const> sessions, std::span<const int32_t> tokens);

    // A new session with the same tokens; shares this one's KV pages without copying.
    Session fork() const;

    const Model& model() const { return *model_; }
    int position() const { return length_; }  // tokens in the cache
    int contextLength() const;
    // vocabSize logits of the last evaluated position (empty before the first prefill).
    std::span<const float> logits() const;
    // After prefill(..., LogitsFor::All): rows x vocabSize, one row per prefilled token.
    std::span<const float> allLogits() const { return logits_; }

    // Introspection for tests and memory accounting.
    int pageCount() const { return int(pages_.size()); }
    // Pages also referenced by another session (shared prefix).
    int sharedPageCount() const;
    // Whether this session lives on an accelerator (then it holds no CPU pages).
    bool onAccelerator() const { return accelerated_ != nullptr; }

private:
    friend class Model;
    explicit Session(const Model* model) : model_(model) {}

    // Makes the pages holding positions [begin, end) exist and be owned by this session
    // alone (copying a shared tail page once).
    void reservePositions(int begin, int end);
    // prefill() of count positions; token ids from tokens or, when embeddings is set,
    // dim-float rows from it.
    void prefillRows(const int32_t* tokens, const float* embeddings, size_t count, LogitsFor which);
    // The same on the model's accelerator (tokens or rows, the other empty).
    Result<void> prefillOnAccelerator(std::span<const int32_t> tokens, std::span<const float> rows, LogitsFor which);

    const Model* model_ = nullptr;
    std::vector<std::shared_ptr<detail::KvPage>> pages_;
    std::shared_ptr<detail::AcceleratorSequence> accelerated_;  // releases the sequence
    int length_ = 0;
    int logitRows_ = 0;
    std::vector<float> logits_;
};

}  // namespace motor::gpu
