#include "formats/safetensors_file.h"

#include <cstring>
#include <limits>
#include <string_view>
#include <unordered_set>

#include "formats/checked_math.h"
#include "formats/json_value.h"

namespace motor::gpu::formats {

namespace {

// Real headers are a few hundred kilobytes at most; a bigger one is corrupt.
constexpr uint64_t kMaxHeaderBytes = 100ull << 20;

bool dtypeFromName(const std::string& s, DType& out) {
    if (s == "F32")
        out = DType::F32;
    else if (s == "F16")
        out = DType::F16;
    else if (s == "BF16")
        out = DType::BF16;
    else
        return false;
    return true;
}

}  // namespace

Result<std::unique_ptr<SafetensorsFile>> SafetensorsFile::open(const std::string& path) {
    auto mapped = MappedFile::open(path);
    if (!mapped) return mapped.error();
    auto file = std::unique_ptr<SafetensorsFile>(new SafetensorsFile());
    file->name_ = path;
    file->file_ = std::move(mapped.value());
    if (auto r = file->parseAll(file->file_.data(), file->file_.size()); !r) return r.error();
    return file;
}

Result<std::unique_ptr<SafetensorsFile>> SafetensorsFile::parse(const std::string& name, const std::byte* data,
                                                                uint64_t size) {
    auto file = std::unique_ptr<SafetensorsFile>(new SafetensorsFile());
    file->name_ = name;
    if (auto r = file->parseAll(data, size); !r) return r.error();
    return file;
}

const TensorView* SafetensorsFile::find(const std::string& name) const {
    for (const auto& t : tensors_)
        if (t.name == name) return &t;
    return nullptr;
}

Result<void> SafetensorsFile::parseAll(const std::byte* data, uint64_t size) {
    uint64_t headerBytes = 0;
    if (size < 8)
        return makeError(name_ + ": file of " + std::to_string(size) + " bytes is too short for a safetensors header");
    std::memcpy(&headerBytes, data, 8);
    if (headerBytes > kMaxHeaderBytes || headerBytes > size - 8)
        return makeError(name_ + ": header length " + std::to_string(headerBytes) + " exceeds file size " +
                         std::to_string(size));
    const std::string_view text(reinterpret_cast<const char*>(data + 8), static_cast<size_t>(headerBytes));
    auto header = JsonValue::parse(text, name_ + " header");
    if (!header) return header.error();
    if (!header->isObject()) return makeError(name_ + ": header is not a JSON object");
    const uint64_t base = 8 + headerBytes;
    const uint64_t dataBytes = size - base;
    std::unordered_set<std::string> seen;
    for (const auto& [tensorName, info] : header->object()) {
        if (tensorName == "__metadata__") continue;
        const std::string where = name_ + ": tensor '" + tensorName + "'";
        if (!seen.insert(tensorName).second) return makeError(where + ": name appears twice");
        if (!info.isObject()) return makeError(where + ": entry is not an object");
        const JsonValue* dtype = info.get("dtype");
        const JsonValue* shape = info.get("shape");
        const JsonValue* offsets = info.get("data_offsets");
        if (dtype == nullptr || !dtype->isString())
            return makeError(where + ": field 'dtype' is missing or not a string");
        if (shape == nullptr || !shape->isArray())
            return makeError(where + ": field 'shape' is missing or not an array");
        if (offsets == nullptr || !offsets->isArray() || offsets->array().size() != 2)
            return makeError(where + ": field 'data_offsets' must be an array of two integers");
        TensorView t;
        t.name = tensorName;
        if (!dtypeFromName(dtype->string(), t.dtype))
            return makeError(where + ": field 'dtype': unsupported dtype '" + dtype->string() + "' (F32, F16, BF16)");
        uint64_t elements = 1;
        for (const JsonValue& d : shape->array()) {
            auto v = d.integer();
            if (!v || *v < 0)
                return makeError(where + ": field 'shape' holds a value that is not a non-negative integer");
            if (!checkedMul(elements, static_cast<uint64_t>(*v), elements) ||
                elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return makeError(where + ": field 'shape' element count overflows");
            t.shape.push_back(*v);
        }
        auto begin = offsets->array()[0].integer();
        auto end = offsets->array()[1].integer();
        if (!begin || !end || *begin < 0 || *end < *begin)
            return makeError(where + ": field 'data_offsets' must be two increasing non-negative integers");
        uint64_t bytes = 0;
        if (!checkedMul(elements, static_cast<uint64_t>(dtypeBlockBytes(t.dtype)), bytes))
            return makeError(where + ": byte size overflows");
        const auto ub = static_cast<uint64_t>(*begin), ue = static_cast<uint64_t>(*end);
        if (ue - ub != bytes)
            return makeError(where + ": field 'data_offsets' spans " + std::to_string(ue - ub) +
                             " bytes but shape and dtype need " + std::to_string(bytes));
        if (ue > dataBytes)
            return makeError(where + ": data range " + std::to_string(base + ub) + ".." + std::to_string(base + ue) +
                             " exceeds file size " + std::to_string(size));
        t.data = data + base + ub;
        t.bytes = static_cast<int64_t>(bytes);
        tensors_.push_back(std::move(t));
    }
    return {};
}

}  // namespace motor::gpu::formats
