#include "formats/gguf_value.h"

#include <limits>

namespace motor::gpu::formats {

const char* ggufTypeName(GgufType t) {
    switch (t) {
        case GgufType::U8:
            return "uint8";
        case GgufType::I8:
            return "int8";
        case GgufType::U16:
            return "uint16";
        case GgufType::I16:
            return "int16";
        case GgufType::U32:
            return "uint32";
        case GgufType::I32:
            return "int32";
        case GgufType::F32:
            return "float32";
        case GgufType::Bool:
            return "bool";
        case GgufType::String:
            return "string";
        case GgufType::Array:
            return "array";
        case GgufType::U64:
            return "uint64";
        case GgufType::I64:
            return "int64";
        case GgufType::F64:
            return "float64";
    }
    return "?";
}

bool GgufValue::isInteger() const {
    switch (type) {
        case GgufType::U8:
        case GgufType::I8:
        case GgufType::U16:
        case GgufType::I16:
        case GgufType::U32:
        case GgufType::I32:
        case GgufType::U64:
        case GgufType::I64:
            return true;
        default:
            return false;
    }
}

std::optional<int64_t> GgufValue::asInt() const {
    switch (type) {
        case GgufType::U8:
        case GgufType::U16:
        case GgufType::U32:
        case GgufType::U64:
            if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
            return static_cast<int64_t>(u);
        case GgufType::I8:
        case GgufType::I16:
        case GgufType::I32:
        case GgufType::I64:
            return i;
        case GgufType::Bool:
            return static_cast<int64_t>(u);
        default:
            return std::nullopt;
    }
}

std::optional<double> GgufValue::asNumber() const {
    if (isFloat()) return f;
    if (auto v = asInt()) return static_cast<double>(*v);
    if (type == GgufType::U64) return static_cast<double>(u);
    return std::nullopt;
}

}  // namespace motor::gpu::formats
