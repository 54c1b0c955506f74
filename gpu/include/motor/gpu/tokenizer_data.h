#pragma once
// The raw vocabulary of a model as its file stores it, before a Tokenizer is built.
#include <cstdint>
#include <string>
#include <vector>

namespace motor::gpu {

enum class TokenizerKind { SentencePiece, ByteLevelBpe };
enum class TokenType : uint8_t { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 };

struct TokenizerData {
    TokenizerKind kind = TokenizerKind::SentencePiece;
    std::vector<std::string> tokens;  // id -> piece as stored (SPM uses U+2581 for space)
    std::vector<float> scores;        // SentencePiece merge priorities (may be empty)
    std::vector<TokenType> types;     // may be empty (all Normal)
    std::vector<std::string> merges;  // byte-level BPE: "a b" in rank order
    std::string preTokenizer;         // "llama3", "qwen2", "gpt2", ... (byte-level BPE)
    bool ignoreMerges = false;        // byte-level: a word that is a token is taken whole (Llama 3)
    int32_t bos = -1;
    int32_t eos = -1;
    int32_t pad = -1;
    int32_t unk = -1;
    std::vector<int32_t> extraEos;  // e.g. <|im_end|>, <|eot_id|>
    bool addBos = true;
    bool addSpacePrefix = true;  // SentencePiece dummy prefix
};

}  // namespace motor::gpu
