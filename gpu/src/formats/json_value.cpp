#include "formats/json_value.h"

#include <charconv>
#include <cmath>

#include "tokenizer/utf8.h"

namespace motor::gpu::formats {

using tok::appendUtf8;

namespace {

constexpr int kMaxDepth = 128;  // deeper documents are hostile, not models

}  // namespace

class JsonParser {
public:
    JsonParser(std::string_view text, const std::string& name) : s_(text), name_(name) {}

    Result<JsonValue> document() {
        JsonValue v;
        if (auto r = value(v, 0); !r) return r.error();
        skipSpace();
        if (pos_ != s_.size()) return fail("unexpected text after the JSON value");
        return v;
    }

private:
    Error fail(const std::string& what) const {
        size_t line = 1, col = 1;
        for (size_t k = 0; k < pos_ && k < s_.size(); ++k) {
            if (s_[k] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return makeError(name_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
    }

    void skipSpace() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    Result<void> value(JsonValue& v, int depth) {
        if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
        skipSpace();
        if (pos_ >= s_.size()) return fail("unexpected end of input");
        const char c = s_[pos_];
        if (c == '{') return object(v, depth);
        if (c == '[') return array(v, depth);
        if (c == '"') {
            v.kind_ = JsonValue::Kind::String;
            return string(v.string_);
        }
        if (literal("true")) {
            v.kind_ = JsonValue::Kind::Bool;
            v.bool_ = true;
            return {};
        }
        if (literal("false")) {
            v.kind_ = JsonValue::Kind::Bool;
            return {};
        }
        if (literal("null")) return {};
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        return fail(std::string("unexpected character '") + c + "'");
    }

    Result<void> object(JsonValue& v, int depth) {
        v.kind_ = JsonValue::Kind::Object;
        ++pos_;
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return {};
        }
        while (true) {
            skipSpace();
            if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a string key");
            std::string key;
            if (auto r = string(key); !r) return r;
            skipSpace();
            if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':' after key \"" + key + "\"");
            ++pos_;
            v.object_.emplace_back(std::move(key), JsonValue());
            if (auto r = value(v.object_.back().second, depth + 1); !r) return r;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                return {};
            }
            return fail("expected ',' or '}' in object");
        }
    }

    Result<void> array(JsonValue& v, int depth) {
        v.kind_ = JsonValue::Kind::Array;
        ++pos_;
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            return {};
        }
        while (true) {
            v.array_.emplace_back();
            if (auto r = value(v.array_.back(), depth + 1); !r) return r;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                return {};
            }
            return fail("expected ',' or ']' in array");
        }
    }

    bool hex4(uint32_t& out) {
        if (s_.size() - pos_ < 4) return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[pos_ + k];
            out <<= 4;
            if (h >= '0' && h <= '9')
                out |= h - '0';
            else if (h >= 'a' && h <= 'f')
                out |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F')
                out |= h - 'A' + 10;
            else
                return false;
        }
        pos_ += 4;
        return true;
    }

    Result<void> string(std::string& out) {
        ++pos_;  // opening quote
        while (true) {
            if (pos_ >= s_.size()) return fail("unterminated string");
            const char c = s_[pos_];
            if (c == '"') {
                ++pos_;
                return {};
            }
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
            if (c != '\\') {
                out += c;
                ++pos_;
                continue;
            }
            ++pos_;
            if (pos_ >= s_.size()) return fail("unterminated escape");
            const char e = s_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    uint32_t cp = 0;
                    if (!hex4(cp)) return fail("bad \\u escape");
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        uint32_t lo = 0;
                        const size_t save = pos_;
                        if (s_.substr(pos_, 2) == "\\u" && (pos_ += 2, hex4(lo)) && lo >= 0xDC00 && lo < 0xE000) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else {
                            pos_ = save;
                            cp = 0xFFFD;  // lone surrogate: not representable in UTF-8
                        }
                    } else if (cp >= 0xDC00 && cp < 0xE000) {
                        cp = 0xFFFD;
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    return fail(std::string("bad escape '\\") + e + "'");
            }
        }
    }

    Result<void> number(JsonValue& v) {
        const size_t start = pos_;
        if (s_[pos_] == '-') ++pos_;
        bool integral = true;
        auto digits = [&] {
            const size_t b = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            return pos_ > b;
        };
        if (!digits()) return fail("bad number");
        if (pos_ < s_.size() && s_[pos_] == '.') {
            integral = false;
            ++pos_;
            if (!digits()) return fail("bad number");
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            integral = false;
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            if (!digits()) return fail("bad number");
        }
        const char* b = s_.data() + start;
        const char* e = s_.data() + pos_;
        v.kind_ = JsonValue::Kind::Number;
        if (integral) {
            int64_t i = 0;
            auto r = std::from_chars(b, e, i);
            if (r.ec == std::errc() && r.ptr == e) {
                v.isInteger_ = true;
                v.integer_ = i;
                v.number_ = static_cast<double>(i);
                return {};
            }
        }
        double d = 0;
        auto r = std::from_chars(b, e, d);
        if (r.ptr != e) return fail("bad number");
        if (r.ec == std::errc::result_out_of_range) d = (*b == '-') ? -HUGE_VAL : HUGE_VAL;
        v.number_ = d;
        return {};
    }

    std::string_view s_;
    const std::string& name_;
    size_t pos_ = 0;
};

Result<JsonValue> JsonValue::parse(std::string_view text, const std::string& sourceName) {
    return JsonParser(text, sourceName).document();
}

std::optional<int64_t> JsonValue::integer() const {
    if (kind_ != Kind::Number) return std::nullopt;
    if (isInteger_) return integer_;
    // 1.0 or 1e3 still denote integers in configs written by Python.
    if (std::isfinite(number_) && std::floor(number_) == number_ && std::fabs(number_) < 9.0e15)
        return static_cast<int64_t>(number_);
    return std::nullopt;
}

const JsonValue* JsonValue::get(std::string_view key) const {
    if (kind_ != Kind::Object) return nullptr;
    for (const auto& [k, v] : object_)
        if (k == key) return &v;
    return nullptr;
}

const char* JsonValue::kindName(Kind k) {
    switch (k) {
        case Kind::Null:
            return "null";
        case Kind::Bool:
            return "bool";
        case Kind::Number:
            return "number";
        case Kind::String:
            return "string";
        case Kind::Array:
            return "array";
        case Kind::Object:
            return "object";
    }
    return "?";
}

std::string jsonQuote(std::string_view s) {
    static const char* hex = "0123456789abcdef";
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += hex[u >> 4];
                    out += hex[u & 15];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

}  // namespace motor::gpu::formats
