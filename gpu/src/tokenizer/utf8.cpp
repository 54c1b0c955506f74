#include "tokenizer/utf8.h"

#include <array>

namespace motor::gpu::tok {

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int utf8SequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

uint32_t nextCodePoint(std::string_view s, size_t& pos) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    const int len = utf8SequenceLength(lead);
    if (len == 1) {
        ++pos;
        return lead < 0x80 ? lead : 0xFFFD;
    }
    if (pos + len > s.size()) {
        ++pos;
        return 0xFFFD;
    }
    uint32_t cp = lead & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[pos + k]);
        if ((c & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
        ++pos;
        return 0xFFFD;
    }
    pos += len;
    return cp;
}

size_t completeUtf8Prefix(std::string_view s) {
    // Only the last three bytes can belong to an unfinished sequence.
    const size_t from = s.size() > 3 ? s.size() - 3 : 0;
    for (size_t k = s.size(); k-- > from;) {
        const auto c = static_cast<unsigned char>(s[k]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte: look further back
        const int len = utf8SequenceLength(c);
        if (len > 1 && k + len > s.size()) {
            for (size_t j = k + 1; j < s.size(); ++j)
                if ((static_cast<unsigned char>(s[j]) & 0xC0) != 0x80) return s.size();
            return k;
        }
        return s.size();
    }
    return s.size();
}

std::string sanitizeUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t pos = 0; pos < s.size();) {
        const size_t start = pos;
        const uint32_t cp = nextCodePoint(s, pos);
        if (cp == 0xFFFD && s.compare(start, 3, "\xEF\xBF\xBD") != 0)
            appendUtf8(out, 0xFFFD);
        else
            out.append(s, start, pos - start);
    }
    return out;
}

namespace {

struct ByteMap {
    std::array<std::string, 256> toUnicode;
    std::array<int, 512> toByte{};

    ByteMap() {
        toByte.fill(-1);
        // Printable Latin-1 bytes map to themselves; the rest take code points from
        // 256 upwards in byte order, exactly as GPT-2's bytes_to_unicode.
        int next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const int cp = printable ? b : next++;
            appendUtf8(toUnicode[b], static_cast<uint32_t>(cp));
            toByte[cp] = b;
        }
    }
};

const ByteMap& byteMap() {
    static const ByteMap map;
    return map;
}

}  // namespace

const std::string& byteToUnicode(uint8_t b) {
    return byteMap().toUnicode[b];
}

int unicodeToByte(uint32_t cp) {
    return cp < 512 ? byteMap().toByte[cp] : -1;
}

}  // namespace motor::gpu::tok
