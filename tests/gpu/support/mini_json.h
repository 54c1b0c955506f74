#pragma once
// A tiny strict JSON parser for tests: accepts one object whose values are strings and
// returns its members, or nullopt if the text is not valid JSON of that shape.
#include <map>
#include <optional>
#include <string>

namespace motor::gpu::test {

class MiniJson {
public:
    static std::optional<std::map<std::string, std::string>> parseFlatObject(const std::string& s) {
        MiniJson p(s);
        std::map<std::string, std::string> out;
        p.ws();
        if (!p.eat('{')) return std::nullopt;
        p.ws();
        if (p.eat('}')) return p.ws(), p.i == s.size() ? std::optional(out) : std::nullopt;
        for (;;) {
            p.ws();
            auto k = p.str();
            if (!k) return std::nullopt;
            p.ws();
            if (!p.eat(':')) return std::nullopt;
            p.ws();
            auto v = p.str();
            if (!v) return std::nullopt;
            out[*k] = *v;
            p.ws();
            if (p.eat(',')) continue;
            if (!p.eat('}')) return std::nullopt;
            p.ws();
            return p.i == s.size() ? std::optional(out) : std::nullopt;
        }
    }

private:
    explicit MiniJson(const std::string& text) : s(text) {}
    const std::string& s;
    size_t i = 0;
    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
    }
    bool eat(char c) {
        if (i < s.size() && s[i] == c) return ++i, true;
        return false;
    }
    std::optional<std::string> str() {
        if (!eat('"')) return std::nullopt;
        std::string out;
        while (i < s.size()) {
            const auto c = static_cast<unsigned char>(s[i++]);
            if (c == '"') return out;
            if (c < 0x20) return std::nullopt;
            if (c != '\\') {
                out += char(c);
                continue;
            }
            if (i >= s.size()) return std::nullopt;
            const char e = s[i++];
            if (e == 'u') {
                for (int k = 0; k < 4; ++k)
                    if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i++]))) return std::nullopt;
                out += '?';
            } else if (std::string("\"\\/bfnrt").find(e) != std::string::npos) {
                out += e;
            } else {
                return std::nullopt;
            }
        }
        return std::nullopt;
    }
};

// Counts Unicode code points of valid UTF-8 (nullopt if invalid).
inline std::optional<int> utf8Length(const std::string& s) {
    int n = 0;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + size_t(len) > s.size()) return std::nullopt;
        for (int k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + size_t(k)]) & 0xC0) != 0x80) return std::nullopt;
        i += size_t(len);
        ++n;
    }
    return n;
}

}  // namespace motor::gpu::test
