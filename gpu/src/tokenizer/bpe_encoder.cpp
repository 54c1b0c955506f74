// Byte-level BPE (GPT-2 style): pre-tokenise with the model's regex, map each word's
// bytes to their printable symbols, then merge adjacent pairs by rank, lowest first.
#include <queue>

#include "tokenizer/tokenizer_tables.h"
#include "tokenizer/utf8.h"

namespace motor::gpu::tok {

namespace {

struct Symbol {
    int32_t id;
    int prev;
    int next;
};

struct Candidate {
    int32_t rank;
    int left;
    int32_t leftId;
    int32_t rightId;
    bool operator<(const Candidate& o) const {
        // priority_queue pops the largest: lowest rank first, then leftmost.
        if (rank != o.rank) return rank > o.rank;
        return left > o.left;
    }
};

void encodeWord(const Tokenizer::Tables& t, std::string_view word, std::vector<int32_t>& out) {
    if (t.data.ignoreMerges) {
        std::string symbols;
        for (char c : word) symbols += byteToUnicode(static_cast<uint8_t>(c));
        if (const int32_t id = t.find(symbols); id >= 0) {
            out.push_back(id);
            return;
        }
    }
    std::vector<Symbol> sym;
    sym.reserve(word.size());
    for (char c : word) {
        const int32_t id = t.byteTokens[static_cast<unsigned char>(c)];
        if (id < 0) {
            if (t.data.unk >= 0) sym.push_back({t.data.unk, 0, 0});
            continue;
        }
        sym.push_back({id, 0, 0});
    }
    const int n = static_cast<int>(sym.size());
    for (int k = 0; k < n; ++k) {
        sym[k].prev = k - 1;
        sym[k].next = k + 1 < n ? k + 1 : -1;
    }
    std::priority_queue<Candidate> queue;
    auto tryPair = [&](int left) {
        if (left < 0 || sym[left].next < 0) return;
        const int32_t a = sym[left].id, b = sym[sym[left].next].id;
        auto it = t.merges.find((static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b));
        if (it != t.merges.end()) queue.push({it->second.first, left, a, b});
    };
    for (int k = 0; k + 1 < n; ++k) tryPair(k);
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& l = sym[c.left];
        if (l.id != c.leftId || l.next < 0 || sym[l.next].id != c.rightId) continue;  // stale
        const auto& merged = t.merges.at((static_cast<uint64_t>(static_cast<uint32_t>(c.leftId)) << 32) |
                                         static_cast<uint32_t>(c.rightId));
        Symbol& r = sym[l.next];
        l.id = merged.second;
        r.id = -1;
        l.next = r.next;
        if (l.next >= 0) sym[l.next].prev = c.left;
        tryPair(l.prev);
        tryPair(c.left);
    }
    for (int k = n > 0 ? 0 : -1; k >= 0; k = sym[k].next) out.push_back(sym[k].id);
}

}  // namespace

void encodeByteLevel(const Tokenizer::Tables& t, std::string_view text, std::vector<int32_t>& out) {
    for (std::string_view word : preTokenize(text, t.preKind)) encodeWord(t, word, out);
}

}  // namespace motor::gpu::tok
