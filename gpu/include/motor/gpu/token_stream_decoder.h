#pragma once
// Turns generated token ids into displayable text one token at a time. A multi-byte
// character split across tokens (byte fallback, byte-level BPE) is held back until
// complete, so every piece returned is valid UTF-8.
#include <cstdint>
#include <string>

#include "motor/gpu/tokenizer.h"

namespace motor::gpu {

class TokenStreamDecoder {
public:
    // TextStart: the first token begins the text, so SentencePiece's dummy-prefix
    // space is dropped from it (as decode() does). Continuation: keep every space,
    // for tokens generated after a prompt.
    enum class Start { TextStart, Continuation };

    explicit TokenStreamDecoder(const Tokenizer& tokenizer, Start start = Start::Continuation,
                                Tokenizer::SpecialTokens special = Tokenizer::SpecialTokens::Skip);

    // Text completed by this token (possibly empty).
    std::string push(int32_t id);
    // Whatever is still held back; incomplete sequences become U+FFFD.
    std::string finish();

private:
    Tokenizer tokenizer_;
    Tokenizer::SpecialTokens special_;
    bool atStart_;
    std::string pending_;
};

}  // namespace motor::gpu
