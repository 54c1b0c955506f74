#include "formats/safetensors_writer.h"

#include <cstring>

#include "formats/gguf_writer.h"
#include "formats/json_value.h"

namespace motor::gpu::formats {

std::vector<std::byte> buildSafetensors(const std::vector<SafetensorsEntry>& tensors) {
    std::string header = "{\"__metadata__\":{\"format\":\"pt\"}";
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        header += ',';
        header += jsonQuote(t.name);
        header += ":{\"dtype\":\"";
        header += dtypeName(t.dtype);
        header += "\",\"shape\":[";
        for (size_t d = 0; d < t.shape.size(); ++d) {
            if (d > 0) header += ',';
            header += std::to_string(t.shape[d]);
        }
        header += "],\"data_offsets\":[";
        header += std::to_string(offset);
        header += ',';
        header += std::to_string(offset + t.data.size());
        header += "]}";
        offset += t.data.size();
    }
    header += "}";
    while (header.size() % 8 != 0) header += ' ';  // keeps the data 8-byte aligned
    std::vector<std::byte> out(8 + header.size());
    const uint64_t n = header.size();
    std::memcpy(out.data(), &n, 8);
    std::memcpy(out.data() + 8, header.data(), header.size());
    for (const auto& t : tensors) {
        const size_t at = out.size();
        out.resize(at + t.data.size());
        if (!t.data.empty()) std::memcpy(out.data() + at, t.data.data(), t.data.size());
    }
    return out;
}

Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& tensors) {
    const auto bytes = buildSafetensors(tensors);
    return writeFileBytes(path, bytes.data(), bytes.size());
}

}  // namespace motor::gpu::formats
