#pragma once
// Device discovery and the two RAII owners the backend uses: a device allocation and
// a stream. Allocation failures (out of memory) are Errors, not exceptions.
#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cuda/check.cuh"

namespace motor::gpu::cuda {

struct DeviceInfo {
    int index = 0;
    std::string name;
    int major = 0, minor = 0;  // compute capability
    int multiprocessors = 0;
    int64_t memoryBytes = 0;
    int64_t sharedPerBlockOptin = 0;
    int memoryClockKHz = 0, memoryBusBits = 0;
};

// Every visible device; an Error (e.g. "no CUDA-capable device", "driver too old")
// when there is none, which callers turn into "falls back to the CPU".
Result<std::vector<DeviceInfo>> devices();

// One line for logs: "NVIDIA H200 (sm_90, 132 SMs, 139.8 GiB)".
std::string describe(const DeviceInfo& d);

template <class T>
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    ~DeviceBuffer() { reset(); }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    DeviceBuffer(DeviceBuffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), n_(std::exchange(o.n_, 0)) {}
    DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
        if (this != &o) {
            reset();
            p_ = std::exchange(o.p_, nullptr);
            n_ = std::exchange(o.n_, 0);
        }
        return *this;
    }

    static Result<DeviceBuffer> allocate(size_t count) {
        DeviceBuffer b;
        if (count > 0) MOTOR_CUDA_TRY(cudaMalloc(reinterpret_cast<void**>(&b.p_), count * sizeof(T)));
        b.n_ = count;
        return Result<DeviceBuffer>(std::move(b));
    }
    static Result<DeviceBuffer> fromHost(const T* host, size_t count) {
        auto b = allocate(count);
        if (!b) return b.error();
        if (count > 0) {
            MOTOR_CUDA_TRY(cudaMemcpy(b->p_, host, count * sizeof(T), cudaMemcpyHostToDevice));
            // From pageable memory cudaMemcpy may return before its DMA lands, and the
            // compute streams are non-blocking (they do not wait for the legacy stream):
            // wait for the legacy stream, which holds the copy (not the whole device, so
            // that a CUDA graph being captured on another stream is left alone).
            MOTOR_CUDA_TRY(cudaStreamSynchronize(cudaStreamLegacy));
        }
        return b;
    }
    Result<void> toHost(T* host, size_t count) const {
        if (count > n_) return makeError("DeviceBuffer::toHost: asked for more elements than allocated");
        if (count > 0) MOTOR_CUDA_TRY(cudaMemcpy(host, p_, count * sizeof(T), cudaMemcpyDeviceToHost));
        return {};
    }
    Result<std::vector<T>> toHost() const {
        std::vector<T> v(n_);
        auto r = toHost(v.data(), n_);
        if (!r) return r.error();
        return Result<std::vector<T>>(std::move(v));
    }
    Result<void> zero() {
        if (n_ > 0) MOTOR_CUDA_TRY(cudaMemset(p_, 0, n_ * sizeof(T)));
        return {};
    }

    T* get() const { return p_; }
    size_t size() const { return n_; }
    void reset() {
        if (p_) cudaFree(p_);
        p_ = nullptr;
        n_ = 0;
    }

private:
    T* p_ = nullptr;
    size_t n_ = 0;
};

// bf16 data kept in a DeviceBuffer<uint16_t> (the host side writes raw bf16 bits).
inline __nv_bfloat16* bf(const DeviceBuffer<uint16_t>& b) {
    return reinterpret_cast<__nv_bfloat16*>(b.get());
}

class Stream {
public:
    static Result<Stream> create() {
        Stream s;
        MOTOR_CUDA_TRY(cudaStreamCreateWithFlags(&s.s_, cudaStreamNonBlocking));
        return Result<Stream>(std::move(s));
    }
    Stream() = default;
    ~Stream() {
        if (s_) cudaStreamDestroy(s_);
    }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    Stream(Stream&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    Stream& operator=(Stream&& o) noexcept {
        std::swap(s_, o.s_);
        return *this;
    }
    cudaStream_t get() const { return s_; }
    Result<void> synchronize() const {
        MOTOR_CUDA_TRY(cudaStreamSynchronize(s_));
        return {};
    }

private:
    cudaStream_t s_ = nullptr;
};

}  // namespace motor::gpu::cuda
