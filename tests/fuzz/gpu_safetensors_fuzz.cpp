// Fuzzes the safetensors header parser and range validation.
#include <cstddef>
#include <cstdint>

#include "formats/safetensors_file.h"

namespace mf = motor::gpu::formats;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto file = mf::SafetensorsFile::parse("fuzz.safetensors", reinterpret_cast<const std::byte*>(data), size);
    if (!file) return 0;
    volatile uint8_t sink = 0;
    for (const auto& t : file.value()->tensors()) {
        if (t.bytes > 0) sink = sink + static_cast<uint8_t>(t.data[0]) + static_cast<uint8_t>(t.data[t.bytes - 1]);
    }
    return 0;
}
