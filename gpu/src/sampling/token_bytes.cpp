// Token id -> bytes straight from the stored vocabulary. Enough for constrained
// decoding and for printing; the tokenizer proper lives in gpu/src/tokenizer.
#include <string>

#include "motor/gpu/generate.h"

namespace motor::gpu {

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; 0xFFFD on malformed input.
uint32_t nextCodePoint(const std::string& s, size_t& i) {
    const auto b = uint8_t(s[i++]);
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    uint32_t cp = extra == 3 ? (b & 0x07u) : extra == 2 ? (b & 0x0Fu) : extra == 1 ? (b & 0x1Fu) : b;
    while (extra-- > 0) {
        if (i >= s.size() || (uint8_t(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (uint8_t(s[i++]) & 0x3Fu);
    }
    return cp;
}

// Inverse of GPT-2's bytes_to_unicode: printable bytes map to themselves, the others
// to 256 + n in byte order.
int byteFromGpt2CodePoint(uint32_t cp) {
    static const std::vector<int> table = [] {
        std::vector<int> t(512, -1);
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable)
                t[size_t(b)] = b;
            else
                t[size_t(256 + n++)] = b;
        }
        return t;
    }();
    return cp < table.size() ? table[cp] : -1;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::vector<std::string> tokenBytesFromTokenizerData(const TokenizerData& d) {
    std::vector<std::string> out(d.tokens.size());
    for (size_t id = 0; id < d.tokens.size(); ++id) {
        const std::string& piece = d.tokens[id];
        const TokenType type = id < d.types.size() ? d.types[id] : TokenType::Normal;
        if (type == TokenType::Control || type == TokenType::Unused || type == TokenType::Unknown) continue;
        if (d.kind == TokenizerKind::SentencePiece) {
            if (type == TokenType::Byte || (piece.size() == 6 && piece.rfind("<0x", 0) == 0 && piece[5] == '>')) {
                const int hi = hexValue(piece[3]), lo = hexValue(piece[4]);
                if (hi >= 0 && lo >= 0) out[id] = std::string(1, char(hi * 16 + lo));
                continue;
            }
            std::string s;
            for (size_t i = 0; i < piece.size();) {
                if (piece.compare(i, 3, "\xE2\x96\x81") == 0) {
                    s += ' ';
                    i += 3;
                } else {
                    s += piece[i++];
                }
            }
            out[id] = std::move(s);
        } else {
            if (type == TokenType::UserDefined) {
                out[id] = piece;
                continue;
            }
            std::string s;
            for (size_t i = 0; i < piece.size();) {
                const int b = byteFromGpt2CodePoint(nextCodePoint(piece, i));
                if (b < 0) {
                    s.clear();
                    break;
                }
                s += char(b);
            }
            out[id] = std::move(s);
        }
    }
    return out;
}

}  // namespace motor::gpu
