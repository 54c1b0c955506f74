#include "motor/gpu/tokenizer.h"

#include <algorithm>

#include "tokenizer/tokenizer_tables.h"
#include "tokenizer/utf8.h"

namespace motor::gpu {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// "<0x41>" -> 0x41, else -1.
int byteTokenValue(const std::string& s) {
    if (s.size() != 6 || s[0] != '<' || s[1] != '0' || s[2] != 'x' || s[5] != '>') return -1;
    const int hi = hexDigit(s[3]), lo = hexDigit(s[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

std::string spmPiece(const std::string& stored) {
    std::string out;
    for (size_t k = 0; k < stored.size(); ++k) {
        if (stored.compare(k, 3, "\xE2\x96\x81") == 0) {
            out += ' ';
            k += 2;
        } else {
            out += stored[k];
        }
    }
    return out;
}

std::string byteLevelPiece(const std::string& stored) {
    std::string out;
    for (size_t pos = 0; pos < stored.size();) {
        const size_t start = pos;
        const uint32_t cp = tok::nextCodePoint(stored, pos);
        const int b = tok::unicodeToByte(cp);
        if (b >= 0)
            out += static_cast<char>(b);
        else
            out.append(stored, start, pos - start);  // not a byte symbol: keep as written
    }
    return out;
}

const std::string kEmpty;

}  // namespace

Result<Tokenizer> Tokenizer::create(const TokenizerData& data) {
    auto t = std::make_shared<Tables>();
    t->data = data;
    const size_t n = data.tokens.size();
    if (n == 0) return makeError("tokenizer: the vocabulary is empty");
    if (n > 0x7FFFFFFF) return makeError("tokenizer: the vocabulary is too large");
    if (!data.scores.empty() && data.scores.size() != n)
        return makeError("tokenizer: " + std::to_string(data.scores.size()) + " scores for " + std::to_string(n) +
                         " tokens");
    if (!data.types.empty() && data.types.size() != n)
        return makeError("tokenizer: " + std::to_string(data.types.size()) + " token types for " + std::to_string(n) +
                         " tokens");
    auto checkId = [&](int32_t id, const char* what) -> Result<void> {
        if (id < -1 || id >= static_cast<int64_t>(n))
            return makeError(std::string("tokenizer: ") + what + " id " + std::to_string(id) +
                             " is outside the vocabulary");
        return {};
    };
    for (auto [id, what] : {std::pair{data.bos, "bos"}, {data.eos, "eos"}, {data.unk, "unk"}, {data.pad, "pad"}})
        if (auto r = checkId(id, what); !r) return r.error();
    for (int32_t id : data.extraEos)
        if (auto r = checkId(id, "end-of-generation"); !r) return r.error();
    if (t->data.types.empty()) t->data.types.assign(n, TokenType::Normal);

    t->byteTokens.fill(-1);
    t->pieces.resize(n);
    t->byPiece.reserve(n);
    const bool spm = data.kind == TokenizerKind::SentencePiece;
    for (size_t k = 0; k < n; ++k) {
        const std::string& s = data.tokens[k];
        const auto id = static_cast<int32_t>(k);
        t->byPiece.emplace(s, id);  // the first id wins for duplicated pieces
        const TokenType type = t->data.types[k];
        if (type == TokenType::Control || type == TokenType::UserDefined || type == TokenType::Unknown) {
            t->pieces[k] = s;
        } else if (spm) {
            const int b = byteTokenValue(s);
            if (b >= 0 && (type == TokenType::Byte || type == TokenType::Normal)) {
                t->pieces[k] = std::string(1, static_cast<char>(b));
                if (t->byteTokens[b] < 0) t->byteTokens[b] = id;
            } else {
                t->pieces[k] = spmPiece(s);
            }
        } else {
            t->pieces[k] = byteLevelPiece(s);
        }
        if ((type == TokenType::Control || type == TokenType::UserDefined) && !s.empty())
            t->specials.emplace_back(s, id);
    }
    std::stable_sort(t->specials.begin(), t->specials.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    for (size_t k = 0; k < t->specials.size(); ++k)
        t->specialsByFirstByte[static_cast<unsigned char>(t->specials[k].first[0])].push_back(static_cast<uint32_t>(k));

    if (!spm) {
        for (int b = 0; b < 256; ++b) t->byteTokens[b] = t->find(tok::byteToUnicode(static_cast<uint8_t>(b)));
        if (data.preTokenizer == "llama3")
            t->preKind = tok::PreTokenizerKind::Llama3;
        else if (data.preTokenizer == "qwen2")
            t->preKind = tok::PreTokenizerKind::Qwen2;
        else
            t->preKind = tok::PreTokenizerKind::Gpt2;
        t->merges.reserve(data.merges.size());
        for (size_t r = 0; r < data.merges.size(); ++r) {
            const std::string& m = data.merges[r];
            const size_t sp = m.find(' ', 1);  // a merge of a space symbol would start with one
            if (sp == std::string::npos)
                return makeError("tokenizer: merge #" + std::to_string(r) + " \"" + m + "\" has no space");
            const std::string left = m.substr(0, sp), right = m.substr(sp + 1);
            const int32_t a = t->find(left), b = t->find(right), ab = t->find(left + right);
            if (a < 0 || b < 0 || ab < 0) continue;  // merges into tokens the vocabulary lacks never fire
            const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
            t->merges.emplace(key, std::pair{static_cast<int32_t>(r), ab});
        }
    }
    return Tokenizer(std::move(t));
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, AddSpecial add, SpecialText special) const {
    const Tables& t = *t_;
    std::vector<int32_t> out;
    if (add == AddSpecial::Yes && t.data.addBos && t.data.bos >= 0) out.push_back(t.data.bos);
    const bool spm = t.data.kind == TokenizerKind::SentencePiece;
    // Like llama.cpp: the dummy prefix goes before the first text and after each
    // special token, so "<s>Hello" and "Hello" both spell "▁Hello".
    bool afterSpecial = true;
    auto emitText = [&](std::string_view fragment) {
        if (fragment.empty()) return;
        if (spm)
            tok::encodeSentencePiece(t, fragment, t.data.addSpacePrefix && afterSpecial, out);
        else
            tok::encodeByteLevel(t, fragment, out);
        afterSpecial = false;
    };
    size_t start = 0, pos = 0;
    while (special == SpecialText::Parse && pos < text.size()) {
        int32_t matched = -1;
        size_t len = 0;
        for (uint32_t k : t.specialsByFirstByte[static_cast<unsigned char>(text[pos])]) {
            const auto& [s, id] = t.specials[k];
            if (text.compare(pos, s.size(), s) == 0) {
                matched = id;
                len = s.size();
                break;
            }
        }
        if (matched < 0) {
            ++pos;
            continue;
        }
        emitText(text.substr(start, pos - start));
        out.push_back(matched);
        afterSpecial = true;
        pos += len;
        start = pos;
    }
    emitText(text.substr(start));
    return out;
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, SpecialTokens special) const {
    std::string out;
    bool first = true;
    for (int32_t id : ids) {
        if (id < 0 || id >= vocabSize()) continue;
        if (special == SpecialTokens::Skip && isControl(id)) continue;
        const std::string& p = t_->pieces[id];
        if (first && addsSpacePrefix() && !p.empty() && p[0] == ' ')
            out.append(p, 1);
        else
            out += p;
        first = false;
    }
    return out;
}

const std::string& Tokenizer::tokenPiece(int32_t id) const {
    return id >= 0 && id < vocabSize() ? t_->pieces[id] : kEmpty;
}

bool Tokenizer::isControl(int32_t id) const {
    return id >= 0 && id < vocabSize() && t_->data.types[id] == TokenType::Control;
}

bool Tokenizer::isEndOfGeneration(int32_t id) const {
    if (id < 0) return false;
    if (id == t_->data.eos) return true;
    return std::find(t_->data.extraEos.begin(), t_->data.extraEos.end(), id) != t_->data.extraEos.end();
}

std::optional<int32_t> Tokenizer::tokenId(std::string_view storedPiece) const {
    const int32_t id = t_->find(storedPiece);
    if (id < 0) return std::nullopt;
    return id;
}

int32_t Tokenizer::vocabSize() const {
    return static_cast<int32_t>(t_->data.tokens.size());
}
int32_t Tokenizer::bos() const {
    return t_->data.bos;
}
int32_t Tokenizer::eos() const {
    return t_->data.eos;
}
TokenizerKind Tokenizer::kind() const {
    return t_->data.kind;
}
bool Tokenizer::addsSpacePrefix() const {
    return t_->data.kind == TokenizerKind::SentencePiece && t_->data.addSpacePrefix;
}

}  // namespace motor::gpu
