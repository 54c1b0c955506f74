#include "tokenizer/pretokenizer.h"

#include <cstdint>

#include "tokenizer/unicode_class.h"
#include "tokenizer/utf8.h"

namespace motor::gpu::tok {

namespace {

class Splitter {
public:
    Splitter(std::string_view text, PreTokenizerKind kind) : text_(text), kind_(kind) {
        size_t pos = 0;
        while (pos < text.size()) {
            offsets_.push_back(pos);
            cps_.push_back(nextCodePoint(text, pos));
        }
        offsets_.push_back(text.size());
    }

    std::vector<std::string_view> run() {
        std::vector<std::string_view> words;
        size_t i = 0;
        while (i < cps_.size()) {
            size_t len = kind_ == PreTokenizerKind::Gpt2 ? matchGpt2(i) : matchLlama3(i);
            if (len == 0) len = 1;  // unreachable: every code point falls in some branch
            words.push_back(text_.substr(offsets_[i], offsets_[i + len] - offsets_[i]));
            i += len;
        }
        return words;
    }

private:
    uint32_t at(size_t i) const { return i < cps_.size() ? cps_[i] : 0xFFFFFFFFu; }
    bool letter(size_t i) const { return i < cps_.size() && isLetter(cps_[i]); }
    bool number(size_t i) const { return i < cps_.size() && isNumber(cps_[i]); }
    bool space(size_t i) const { return i < cps_.size() && isWhitespace(cps_[i]); }
    bool other(size_t i) const {
        return i < cps_.size() && !isLetter(cps_[i]) && !isNumber(cps_[i]) && !isWhitespace(cps_[i]);
    }
    bool crlf(size_t i) const { return at(i) == '\r' || at(i) == '\n'; }

    // 's 't 're 've 'm 'll 'd
    size_t contraction(size_t i, bool ignoreCase) const {
        if (at(i) != '\'') return 0;
        auto lower = [&](size_t k) {
            const uint32_t c = at(k);
            return (ignoreCase && c >= 'A' && c <= 'Z') ? c + 32 : c;
        };
        const uint32_t a = lower(i + 1), b = lower(i + 2);
        if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
        return 0;
    }

    size_t runOf(size_t j, bool (Splitter::*pred)(size_t) const) const {
        while ((this->*pred)(j)) ++j;
        return j;
    }

    // Whitespace alternatives shared by all three: \s+(?!\S) then \s+.
    size_t trailingSpace(size_t i) const {
        const size_t end = runOf(i, &Splitter::space);
        if (end == cps_.size()) return end - i;
        if (end - i >= 2) return end - i - 1;  // leave one space to prefix the next word
        return end - i;
    }

    // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
    size_t matchGpt2(size_t i) const {
        if (size_t c = contraction(i, false)) return c;
        const size_t j = at(i) == ' ' ? i + 1 : i;
        if (letter(j)) return runOf(j, &Splitter::letter) - i;
        if (number(j)) return runOf(j, &Splitter::number) - i;
        if (other(j)) return runOf(j, &Splitter::other) - i;
        return trailingSpace(i);
    }

    // (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|
    // \s*[\r\n]+|\s+(?!\S)|\s+   (Qwen2: \p{N} instead of \p{N}{1,3})
    size_t matchLlama3(size_t i) const {
        if (size_t c = contraction(i, true)) return c;
        if (!crlf(i) && !letter(i) && !number(i) && i < cps_.size() && letter(i + 1))
            return runOf(i + 1, &Splitter::letter) - i;
        if (letter(i)) return runOf(i, &Splitter::letter) - i;
        if (number(i)) {
            const size_t maxDigits = kind_ == PreTokenizerKind::Llama3 ? 3 : 1;
            size_t j = i;
            while (j - i < maxDigits && number(j)) ++j;
            return j - i;
        }
        const size_t j = at(i) == ' ' ? i + 1 : i;
        if (other(j)) {
            size_t k = runOf(j, &Splitter::other);
            k = runOf(k, &Splitter::crlf);
            return k - i;
        }
        if (space(i)) {
            const size_t end = runOf(i, &Splitter::space);
            for (size_t k = end; k-- > i;)
                if (crlf(k)) return k + 1 - i;
            return trailingSpace(i);
        }
        return 1;
    }

    std::string_view text_;
    PreTokenizerKind kind_;
    std::vector<uint32_t> cps_;
    std::vector<size_t> offsets_;
};

}  // namespace

std::vector<std::string_view> preTokenize(std::string_view text, PreTokenizerKind kind) {
    return Splitter(text, kind).run();
}

}  // namespace motor::gpu::tok
