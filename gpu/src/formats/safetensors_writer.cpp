#include "formats/safetensors_writer.h"

#include <cstring>

#include "formats/gguf_writer.h"
#include "formats/json_value.h"
#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

std::vector<SafetensorsTensor> describe(const std::vector<SafetensorsEntry>& tensors) {
    std::vector<SafetensorsTensor> out;
    out.reserve(tensors.size());
    for (const auto& t : tensors) out.push_back({t.name, t.dtype, t.shape, t.data.size()});
    return out;
}

TensorBytes copyOf(const std::vector<SafetensorsEntry>& tensors) {
    return [&tensors](size_t i) -> Result<std::vector<std::byte>> { return tensors[i].data; };
}

}  // namespace

Result<void> streamSafetensors(const std::vector<SafetensorsTensor>& tensors, const TensorBytes& data,
                               const ByteSink& sink) {
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
        header += std::to_string(offset + t.bytes);
        header += "]}";
        offset += t.bytes;
    }
    header += "}";
    while (header.size() % 8 != 0) header += ' ';  // keeps the data 8-byte aligned
    const uint64_t n = header.size();
    MOTOR_TRY(sink(&n, 8));
    MOTOR_TRY(sink(header.data(), header.size()));
    for (size_t i = 0; i < tensors.size(); ++i) {
        auto bytes = data(i);
        if (!bytes) return bytes.error();
        if (bytes.value().size() != tensors[i].bytes)
            return makeError("safetensors: tensor '" + tensors[i].name + "' came with " +
                             std::to_string(bytes.value().size()) + " bytes, announced " +
                             std::to_string(tensors[i].bytes));
        MOTOR_TRY(sink(bytes.value().data(), bytes.value().size()));
    }
    return {};
}

Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsTensor>& tensors,
                              const TensorBytes& data) {
    auto file = OutputFile::create(path);
    if (!file) return file.error();
    MOTOR_TRY(streamSafetensors(tensors, data, [&](const void* p, size_t n) { return file.value().write(p, n); }));
    return file.value().close();
}

std::vector<std::byte> buildSafetensors(const std::vector<SafetensorsEntry>& tensors) {
    std::vector<std::byte> out;
    auto appended = streamSafetensors(describe(tensors), copyOf(tensors), [&out](const void* p, size_t n) {
        const size_t at = out.size();
        out.resize(at + n);
        if (n > 0) std::memcpy(out.data() + at, p, n);
        return Result<void>{};
    });
    (void)appended;  // in-memory entries announce their own sizes, and appending cannot fail
    return out;
}

Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& tensors) {
    return writeSafetensors(path, describe(tensors), copyOf(tensors));
}

}  // namespace motor::gpu::formats
