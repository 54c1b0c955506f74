// SentencePiece BPE as llama.cpp and sentencepiece apply it: start from characters,
// repeatedly merge the adjacent pair whose concatenation is the highest-scoring
// vocabulary entry, then spell unknown characters as <0xNN> byte tokens.
#include <queue>

#include "tokenizer/tokenizer_tables.h"
#include "tokenizer/utf8.h"

namespace motor::gpu::tok {

namespace {

struct Symbol {
    size_t start = 0;
    size_t len = 0;  // 0 once merged into its left neighbour
    int prev = -1;
    int next = -1;
};

struct Bigram {
    float score;
    int left;
    int right;
    size_t len;
    bool operator<(const Bigram& o) const {
        // priority_queue pops the largest: higher score first, then leftmost.
        if (score != o.score) return score < o.score;
        return left > o.left;
    }
};

}  // namespace

void encodeSentencePiece(const Tokenizer::Tables& t, std::string_view fragment, bool addPrefix,
                         std::vector<int32_t>& out) {
    std::string text;
    text.reserve(fragment.size() + 3);
    if (addPrefix) text += "\xE2\x96\x81";
    for (char c : fragment) {
        if (c == ' ')
            text += "\xE2\x96\x81";  // U+2581, SentencePiece's visible space
        else
            text += c;
    }
    std::vector<Symbol> sym;
    for (size_t pos = 0; pos < text.size();) {
        const size_t start = pos;
        nextCodePoint(text, pos);
        sym.push_back({start, pos - start, static_cast<int>(sym.size()) - 1, static_cast<int>(sym.size()) + 1});
    }
    if (sym.empty()) return;
    sym.back().next = -1;

    std::priority_queue<Bigram> queue;
    auto tryPair = [&](int left, int right) {
        if (left < 0 || right < 0) return;
        const size_t len = sym[left].len + sym[right].len;
        const int32_t id = t.find(std::string_view(text).substr(sym[left].start, len));
        if (id < 0) return;
        const float score = t.data.scores.empty() ? 0.0f : t.data.scores[id];
        queue.push({score, left, right, len});
    };
    for (size_t k = 1; k < sym.size(); ++k) tryPair(static_cast<int>(k) - 1, static_cast<int>(k));
    while (!queue.empty()) {
        const Bigram b = queue.top();
        queue.pop();
        Symbol& l = sym[b.left];
        Symbol& r = sym[b.right];
        if (l.len == 0 || r.len == 0 || l.len + r.len != b.len || l.next != b.right) continue;  // stale
        l.len += r.len;
        r.len = 0;
        l.next = r.next;
        if (r.next >= 0) sym[r.next].prev = b.left;
        tryPair(l.prev, b.left);
        tryPair(b.left, l.next);
    }
    for (int k = 0; k >= 0; k = sym[k].next) {
        const std::string_view piece = std::string_view(text).substr(sym[k].start, sym[k].len);
        const int32_t id = t.find(piece);
        if (id >= 0) {
            out.push_back(id);
            continue;
        }
        for (char c : piece) {
            const int32_t byteId = t.byteTokens[static_cast<unsigned char>(c)];
            if (byteId >= 0)
                out.push_back(byteId);
            else if (t.data.unk >= 0)
                out.push_back(t.data.unk);
        }
    }
}

}  // namespace motor::gpu::tok
