#pragma once
// Lookup tables behind motor::gpu::Tokenizer, built once by Tokenizer::create.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "motor/gpu/tokenizer.h"
#include "tokenizer/pretokenizer.h"

namespace motor::gpu {

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Tokenizer::Tables {
    TokenizerData data;
    std::vector<std::string> pieces;                                                // decoded bytes per id
    std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>> byPiece;  // stored piece -> id
    // Control and user-defined tokens matched verbatim in text, longest first.
    std::vector<std::pair<std::string, int32_t>> specials;
    std::array<std::vector<uint32_t>, 256> specialsByFirstByte;  // indices into specials, longest first
    std::array<int32_t, 256> byteTokens{};                       // byte -> token id, -1 when missing
    tok::PreTokenizerKind preKind = tok::PreTokenizerKind::Gpt2;
    // Byte-level BPE: (left id << 32 | right id) -> (rank, merged id).
    std::unordered_map<uint64_t, std::pair<int32_t, int32_t>> merges;

    int32_t find(std::string_view piece) const {
        auto it = byPiece.find(piece);
        return it == byPiece.end() ? -1 : it->second;
    }
};

namespace tok {

// Appends the ids of one text fragment (no special tokens inside).
void encodeSentencePiece(const Tokenizer::Tables& t, std::string_view text, bool addPrefix, std::vector<int32_t>& out);
void encodeByteLevel(const Tokenizer::Tables& t, std::string_view text, std::vector<int32_t>& out);

}  // namespace tok

}  // namespace motor::gpu
