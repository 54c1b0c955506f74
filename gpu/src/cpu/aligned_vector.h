#pragma once
// std::vector with cache-line-aligned storage: the GEMM's 32-byte loads of activation
// rows never straddle two cache lines when rows are multiples of 16 floats, which was
// worth ~10% of the F32 kernel's throughput (docs/PERFORMANCE.md).
#include <cstddef>
#include <new>
#include <vector>

namespace motor::gpu::cpu {

template <class T>
struct CacheAlignedAllocator {
    using value_type = T;
    static constexpr std::align_val_t kAlignment{64};

    CacheAlignedAllocator() = default;
    template <class U>
    CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
    void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, kAlignment); }

    template <class U>
    bool operator==(const CacheAlignedAllocator<U>&) const noexcept {
        return true;
    }
};

template <class T>
using AlignedVector = std::vector<T, CacheAlignedAllocator<T>>;

}  // namespace motor::gpu::cpu
