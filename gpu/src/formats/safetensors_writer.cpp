#include "formats/safetensors_writer.h"

#include <cstring>

#include "formats/gguf_writer.h"
#include "formats/json_value.h"

namespace motor::gpu::formats {

std::vector<std::byte> buildSafetensors(const std::vector<SafetensorsEntry>& tensors) {
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"}";
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        header += "," + jsonQuote(t.name) + ":{\"dtype\":\"" + dtypeName(t.dtype) + "\",\"shape\":[";
        for (size_t d = 0; d < t.shape.size(); ++d) header += (d ? "," : "") + std::to_string(t.shape[d]);
        header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t.data.size()) + "]}";
        offset += t.data.size();
    }
    header += "}";
    while (header.size() % 8 != 0) header += ' ';  // keeps the data 8-byte aligned
    std::vector<std::byte> out(8 + header.size());
    const uint64_t n = header.size();
    std::memcpy(out.data(), &n, 8);
    std::memcpy(out.data() + 8, header.data(), header.size());
    for (const auto& t : tensors) out.insert(out.end(), t.data.begin(), t.data.end());
    return out;
}

Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& tensors) {
    const auto bytes = buildSafetensors(tensors);
    return writeFileBytes(path, bytes.data(), bytes.size());
}

}  // namespace motor::gpu::formats
