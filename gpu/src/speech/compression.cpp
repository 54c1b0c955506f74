// openai/whisper's compression ratio: len(text.encode()) / len(zlib.compress(text.encode())),
// a measure of repetition (a looping decoder writes text that compresses very well).
#include <string>

#include "motor/gpu/speech.h"

#if MOTOR_GPU_HAS_ZLIB
#include <zlib.h>
#endif

namespace motor::gpu {

float compressionRatio(const std::string& text) {
    if (text.empty()) return 0.0f;
#if MOTOR_GPU_HAS_ZLIB
    // compress2 at the default level gives the bytes Python's zlib.compress() gives.
    uLongf size = compressBound(uLong(text.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(text.data()),
                  uLong(text.size()), Z_DEFAULT_COMPRESSION) == Z_OK &&
        size > 0)
        return float(double(text.size()) / double(size));
#endif
    // Without zlib: a greedy LZ77 estimate (literal 1 byte, match of >= 3 bytes 3
    // bytes, plus zlib's 2 + 4 byte frame), close to zlib's ratio on repetitive text.
    size_t cost = 6, i = 0;
    while (i < text.size()) {
        size_t bestLen = 0;
        const size_t from = i > 32768 ? i - 32768 : 0;
        for (size_t j = from; j < i; ++j) {
            size_t l = 0;
            while (i + l < text.size() && text[j + l] == text[i + l] && l < 258) ++l;
            if (l > bestLen) bestLen = l;
        }
        if (bestLen >= 3) {
            cost += 3;
            i += bestLen;
        } else {
            cost += 1;
            ++i;
        }
    }
    return float(double(text.size()) / double(cost));
}

}  // namespace motor::gpu
