#include "motor/gpu/session.h"

#include <algorithm>
#include <string>

#include "model/model_impl.h"

namespace motor::gpu {

Session::~Session() = default;

int Session::contextLength() const {
    return model_->config().contextLength;
}

std::span<const float> Session::logits() const {
    if (logitRows_ == 0) return {};
    const size_t vocab = size_t(model_->config().vocabSize);
    return std::span<const float>(logits_).subspan(size_t(logitRows_ - 1) * vocab, vocab);
}

int Session::sharedPageCount() const {
    int n = 0;
    for (const auto& p : pages_) n += p.use_count() > 1 ? 1 : 0;
    return n;
}

Session Session::fork() const {
    Session s(model_);
    if (accelerated_) {
        Model::Impl& m = *model_->impl_;
        std::lock_guard lock(m.acceleratorMutex);
        s.accelerated_ = std::make_shared<detail::AcceleratorSequence>(&m, m.accelerator->fork(accelerated_->id));
    }
    s.pages_ = pages_;  // shares every page; the first write to a shared page copies it
    s.length_ = length_;
    s.logitRows_ = logitRows_ > 0 ? 1 : 0;
    const auto last = logits();
    s.logits_.assign(last.begin(), last.end());
    return s;
}

void Session::reservePositions(int begin, int end) {
    const Model::Impl& m = *model_->impl_;
    const int pageSize = m.options.kvPageSize;
    const int firstPage = begin / pageSize;
    const int lastPage = (end - 1) / pageSize;
    for (int p = firstPage; p <= lastPage; ++p) {
        if (p < int(pages_.size())) {
            // use_count is exact here: sessions are used from one thread at a time.
            if (pages_[size_t(p)].use_count() > 1)
                pages_[size_t(p)] = std::make_shared<detail::KvPage>(*pages_[size_t(p)]);
        } else {
            pages_.push_back(std::make_shared<detail::KvPage>(m.config.layers, pageSize, m.kvDim()));
        }
    }
}

namespace {

Result<void> checkTokens(const Model& model, std::span<const int32_t> tokens, int position) {
    const ModelConfig& c = model.config();
    if (tokens.empty()) return makeError("session: no tokens to evaluate");
    for (size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i] < 0 || tokens[i] >= c.vocabSize)
            return makeError("session: token id " + std::to_string(tokens[i]) + " at index " + std::to_string(i) +
                             " is outside the vocabulary [0, " + std::to_string(c.vocabSize) + ")");
    if (int64_t(position) + int64_t(tokens.size()) > c.contextLength)
        return makeError("session: context overflow: " + std::to_string(position) + " + " +
                         std::to_string(tokens.size()) + " tokens exceed the context length " +
                         std::to_string(c.contextLength));
    return {};
}

}  // namespace

Result<void> Session::prefill(std::span<const int32_t> tokens, LogitsFor which) {
    if (auto ok = checkTokens(*model_, tokens, length_); !ok) return ok;
    if (accelerated_) return prefillOnAccelerator(tokens, {}, which);
    prefillRows(tokens.data(), nullptr, tokens.size(), which);
    return {};
}

Result<void> Session::prefillEmbeddings(std::span<const float> rows, LogitsFor which) {
    const ModelConfig& c = model_->config();
    const size_t dim = size_t(c.dim);
    if (rows.empty()) return makeError("session: no embedding rows to evaluate");
    if (rows.size() % dim != 0)
        return makeError("session: " + std::to_string(rows.size()) +
                         " embedding values are not whole rows of the model's hidden size " + std::to_string(dim));
    const size_t count = rows.size() / dim;
    if (int64_t(length_) + int64_t(count) > c.contextLength)
        return makeError("session: context overflow: " + std::to_string(length_) + " + " + std::to_string(count) +
                         " embedding rows exceed the context length " + std::to_string(c.contextLength));
    if (accelerated_) return prefillOnAccelerator({}, rows, which);
    prefillRows(nullptr, rows.data(), count, which);
    return {};
}

void Session::prefillRows(const int32_t* tokens, const float* embeddings, size_t count, LogitsFor which) {
    // Long prompts go through in chunks so activations stay bounded (chunk x hidden
    // floats); rows are independent, so chunking does not change any logit.
    constexpr size_t kChunkTokens = 256;
    const size_t vocab = size_t(model_->config().vocabSize);
    const size_t dim = size_t(model_->config().dim);
    const size_t logitCount = which == LogitsFor::All ? count : 1;
    std::vector<float> logits(logitCount * vocab);
    reservePositions(length_, length_ + int(count));
    for (size_t begin = 0; begin < count; begin += kChunkTokens) {
        const size_t end = std::min(count, begin + kChunkTokens);
        std::vector<ForwardRow> rows(end - begin);
        for (size_t i = begin; i < end; ++i) {
            ForwardRow& r = rows[i - begin];
            r.token = tokens ? tokens[i] : 0;
            r.pos = length_ + int(i);
            r.pages = &pages_;
            r.embedding = embeddings ? embeddings + i * dim : nullptr;
        }
        std::vector<int> logitRows;
        float* out = nullptr;
        if (which == LogitsFor::All) {
            for (size_t i = begin; i < end; ++i) logitRows.push_back(int(i - begin));
            out = logits.data() + begin * vocab;
        } else if (end == count) {
            logitRows.push_back(int(end - begin) - 1);
            out = logits.data();
        }
        model_->impl_->forward(rows, logitRows, out);
    }
    logits_ = std::move(logits);
    logitRows_ = int(logitCount);
    length_ += int(count);
}

Result<void> Session::prefillOnAccelerator(std::span<const int32_t> tokens, std::span<const float> rows,
                                           LogitsFor which) {
    Model::Impl& m = *model_->impl_;
    if (which == LogitsFor::All)
        return makeError("session: the logits of every position are kept on the CPU backend only, not on " +
                         m.accelerator->describe());
    const size_t count = tokens.empty() ? rows.size() / size_t(m.config.dim) : tokens.size();
    std::vector<float> logits(size_t(m.config.vocabSize));
    {
        std::lock_guard lock(m.acceleratorMutex);
        auto r = tokens.empty() ? m.accelerator->prefillEmbeddings(accelerated_->id, rows, logits.data())
                                : m.accelerator->prefill(accelerated_->id, tokens, logits.data());
        if (!r) return r.error();
    }
    logits_ = std::move(logits);
    logitRows_ = 1;
    length_ += int(count);
    return {};
}

Result<void> Session::decode(int32_t token) {
    return prefill(std::span<const int32_t>(&token, 1));
}

Result<void> Session::decodeBatch(std::span<Session* const> sessions, std::span<const int32_t> tokens) {
    if (sessions.size() != tokens.size())
        return makeError("decodeBatch: " + std::to_string(sessions.size()) + " sessions but " +
                         std::to_string(tokens.size()) + " tokens");
    if (sessions.empty()) return {};
    const Model* model = sessions[0]->model_;
    for (size_t i = 0; i < sessions.size(); ++i) {
        if (sessions[i]->model_ != model) return makeError("decodeBatch: sessions belong to different models");
        for (size_t j = 0; j < i; ++j)
            if (sessions[j] == sessions[i]) return makeError("decodeBatch: a session appears twice");
        if (auto ok = checkTokens(*model, tokens.subspan(i, 1), sessions[i]->length_); !ok) return ok;
    }
    const size_t vocab = size_t(model->config().vocabSize);
    std::vector<float> logits(sessions.size() * vocab);
    if (model->impl_->accelerator) {
        Model::Impl& m = *model->impl_;
        std::vector<int> ids;
        for (Session* s : sessions) ids.push_back(s->accelerated_->id);
        std::lock_guard lock(m.acceleratorMutex);
        if (auto r = m.accelerator->decode(ids, tokens, logits.data()); !r) return r.error();
    } else {
        std::vector<ForwardRow> rows(sessions.size());
        std::vector<int> logitRows(sessions.size());
        for (size_t i = 0; i < sessions.size(); ++i) {
            Session& s = *sessions[i];
            s.reservePositions(s.length_, s.length_ + 1);
            rows[i] = {tokens[i], s.length_, &s.pages_};
            logitRows[i] = int(i);
        }
        model->impl_->forward(rows, logitRows, logits.data());
    }
    for (size_t i = 0; i < sessions.size(); ++i) {
        Session& s = *sessions[i];
        s.logits_.assign(logits.begin() + std::ptrdiff_t(i * vocab), logits.begin() + std::ptrdiff_t((i + 1) * vocab));
        s.logitRows_ = 1;
        s.length_ += 1;
    }
    return {};
}

}  // namespace motor::gpu
