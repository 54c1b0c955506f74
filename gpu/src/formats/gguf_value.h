#pragma once
// One GGUF metadata value. Arrays keep their element type so a reader can tell an
// empty string array from an empty float array.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motor::gpu::formats {

enum class GgufType : uint32_t {
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
};

const char* ggufTypeName(GgufType t);

struct GgufValue {
    GgufType type = GgufType::U8;
    GgufType elementType = GgufType::U8;  // arrays only
    uint64_t u = 0;                       // unsigned integers and bool
    int64_t i = 0;                        // signed integers
    double f = 0;                         // floats
    std::string s;
    std::vector<GgufValue> items;

    bool isInteger() const;
    bool isFloat() const { return type == GgufType::F32 || type == GgufType::F64; }
    // Integer value if it is an integer of any width that fits in int64.
    std::optional<int64_t> asInt() const;
    // Any integer or float as a double.
    std::optional<double> asNumber() const;
};

}  // namespace motor::gpu::formats
