#pragma once
// A small JSON document model and parser for config.json, tokenizer.json and
// safetensors headers. Objects keep their key order (vocabularies are large and
// order-insensitive, so lookups are linear only where objects are small).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "motor/gpu/result.h"

namespace motor::gpu::formats {

class JsonValue {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };

    // Parses a complete document; errors name the source, line and column.
    static Result<JsonValue> parse(std::string_view text, const std::string& sourceName);

    Kind kind() const { return kind_; }
    bool isNull() const { return kind_ == Kind::Null; }
    bool isBool() const { return kind_ == Kind::Bool; }
    bool isNumber() const { return kind_ == Kind::Number; }
    bool isString() const { return kind_ == Kind::String; }
    bool isArray() const { return kind_ == Kind::Array; }
    bool isObject() const { return kind_ == Kind::Object; }

    bool boolean() const { return bool_; }
    double number() const { return number_; }
    // The exact integer when the literal was an integer that fits in int64.
    std::optional<int64_t> integer() const;
    const std::string& string() const { return string_; }
    const std::vector<JsonValue>& array() const { return array_; }
    const std::vector<std::pair<std::string, JsonValue>>& object() const { return object_; }

    // Member lookup; nullptr when this is not an object or has no such key.
    const JsonValue* get(std::string_view key) const;

    static const char* kindName(Kind k);

private:
    friend class JsonParser;

    Kind kind_ = Kind::Null;
    bool bool_ = false;
    bool isInteger_ = false;
    int64_t integer_ = 0;
    double number_ = 0;
    std::string string_;
    std::vector<JsonValue> array_;
    std::vector<std::pair<std::string, JsonValue>> object_;
};

// Reads and parses a whole JSON file; errors name the path.
Result<JsonValue> readJsonFile(const std::string& path);

// Escapes a string for writing JSON (quotes included).
std::string jsonQuote(std::string_view s);

}  // namespace motor::gpu::formats
