#pragma once
// Per-core data cache sizes, read once from the OS, that size the matmul blocking.
#include <cstdint>

namespace motor::gpu::cpu {

struct CacheSizes {
    int64_t l1dBytes = 32 * 1024;
    int64_t l2Bytes = 512 * 1024;
};

// sysconf(_SC_LEVEL1_DCACHE_SIZE / _SC_LEVEL2_CACHE_SIZE) where the C library knows
// them, clamped to sizes real cores have (16 KiB - 64 KiB L1, 256 KiB - 4 MiB L2), the
// defaults above elsewhere. Blocking from a wrong size costs speed, never correctness.
const CacheSizes& cacheSizes();

}  // namespace motor::gpu::cpu
