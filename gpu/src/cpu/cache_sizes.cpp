#include "cpu/cache_sizes.h"

#include <algorithm>

#if defined(__linux__)
#include <unistd.h>
#endif

namespace motor::gpu::cpu {

const CacheSizes& cacheSizes() {
    static const CacheSizes sizes = [] {
        CacheSizes s;
#if defined(__linux__) && defined(_SC_LEVEL1_DCACHE_SIZE) && defined(_SC_LEVEL2_CACHE_SIZE)
        const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE);
        const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
        if (l1 > 0) s.l1dBytes = std::clamp<int64_t>(l1, 16 * 1024, 64 * 1024);
        if (l2 > 0) s.l2Bytes = std::clamp<int64_t>(l2, 256 * 1024, 4 * 1024 * 1024);
#endif
        return s;
    }();
    return sizes;
}

}  // namespace motor::gpu::cpu
