#pragma once
// Text <-> token ids for the two vocabulary kinds the engine loads: SentencePiece BPE
// (Llama 2 family, merge by score, byte fallback) and byte-level BPE (GPT-2, Llama 3,
// Qwen2/3, merge by rank). Immutable after create(); copies share the tables, and
// all methods are safe to call from several threads.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "motor/gpu/result.h"
#include "motor/gpu/tokenizer_data.h"

namespace motor::gpu {

class Tokenizer {
public:
    enum class AddSpecial { No, Yes };          // prepend BOS when the vocabulary asks for it
    enum class SpecialText { Parse, Plain };    // whether "<|im_start|>" in text is one token
    enum class SpecialTokens { Skip, Render };  // decode: drop or print control tokens

    // Checks the data (ids in range, byte tokens present) and builds lookup tables.
    static Result<Tokenizer> create(const TokenizerData& data);

    std::vector<int32_t> encode(std::string_view text, AddSpecial add = AddSpecial::Yes,
                                SpecialText special = SpecialText::Parse) const;
    // Concatenated token texts. SentencePiece output loses the dummy-prefix space the
    // encoder added, so decode(encode(s)) == s for text without control tokens.
    std::string decode(const std::vector<int32_t>& ids, SpecialTokens special = SpecialTokens::Skip) const;

    // The bytes token id stands for: spaces for U+2581, raw bytes for <0xNN> and
    // byte-level symbols, the literal text for control tokens ("<|im_end|>", "<s>").
    // Not necessarily valid UTF-8 on its own. Empty for ids out of range.
    const std::string& tokenPiece(int32_t id) const;
    // Control tokens (BOS, EOS, <|im_start|>, ...) produce no text in decode().
    bool isControl(int32_t id) const;
    // EOS or one of the extra end-of-generation ids (<|im_end|>, <|eot_id|>, ...).
    bool isEndOfGeneration(int32_t id) const;
    // Id of a token by its stored piece (e.g. "<|im_start|>"), if present.
    std::optional<int32_t> tokenId(std::string_view storedPiece) const;

    int32_t vocabSize() const;
    int32_t bos() const;
    int32_t eos() const;
    TokenizerKind kind() const;
    // True when encode() adds a dummy space before the text (SentencePiece).
    bool addsSpacePrefix() const;

    struct Tables;  // implementation detail, shared between copies

private:
    explicit Tokenizer(std::shared_ptr<const Tables> t) : t_(std::move(t)) {}
    std::shared_ptr<const Tables> t_;
};

}  // namespace motor::gpu
