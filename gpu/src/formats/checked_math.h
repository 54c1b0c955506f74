#pragma once
// Overflow-safe arithmetic for sizes read from untrusted files: every product or sum
// of file-supplied numbers goes through these before it is compared with a file size.
#include <cstdint>

namespace motor::gpu::formats {

inline bool checkedAdd(uint64_t a, uint64_t b, uint64_t& out) {
    return !__builtin_add_overflow(a, b, &out);
}

inline bool checkedMul(uint64_t a, uint64_t b, uint64_t& out) {
    return !__builtin_mul_overflow(a, b, &out);
}

// Rounds up to a multiple of a power-of-two alignment; false on overflow.
inline bool checkedAlignUp(uint64_t v, uint64_t alignment, uint64_t& out) {
    uint64_t t = 0;
    if (!checkedAdd(v, alignment - 1, t)) return false;
    out = t & ~(alignment - 1);
    return true;
}

}  // namespace motor::gpu::formats
