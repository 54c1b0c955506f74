#pragma once
// One page of a session's KV cache: pageSize consecutive positions of every layer,
// laid out [layer][K, V][position in page][kvHeads * headDim]. Pages are shared
// between forked sessions through shared_ptr and never written while shared.
#include <cstdint>
#include <cstring>
#include <memory>

namespace motor::gpu::detail {

class KvPage {
public:
    KvPage(int layers, int pageSize, int64_t kvDim)
        : pageSize_(pageSize),
          kvDim_(kvDim),
          floats_(int64_t(layers) * 2 * pageSize * kvDim),
          data_(new float[size_t(floats_)]) {}

    KvPage(const KvPage& other)
        : pageSize_(other.pageSize_), kvDim_(other.kvDim_), floats_(other.floats_), data_(new float[size_t(floats_)]) {
        std::memcpy(data_.get(), other.data_.get(), size_t(floats_) * sizeof(float));
    }
    KvPage& operator=(const KvPage&) = delete;

    float* k(int layer) { return data_.get() + int64_t(layer) * 2 * pageSize_ * kvDim_; }
    float* v(int layer) { return k(layer) + int64_t(pageSize_) * kvDim_; }
    const float* k(int layer) const { return const_cast<KvPage*>(this)->k(layer); }
    const float* v(int layer) const { return const_cast<KvPage*>(this)->v(layer); }
    int64_t bytes() const { return floats_ * int64_t(sizeof(float)); }

private:
    int pageSize_;
    int64_t kvDim_;
    int64_t floats_;
    std::unique_ptr<float[]> data_;
};

}  // namespace motor::gpu::detail
