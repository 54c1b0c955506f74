#include "motor/gpu/token_stream_decoder.h"

#include "tokenizer/utf8.h"

namespace motor::gpu {

TokenStreamDecoder::TokenStreamDecoder(const Tokenizer& tokenizer, Start start, Tokenizer::SpecialTokens special)
    : tokenizer_(tokenizer), special_(special), atStart_(start == Start::TextStart) {}

std::string TokenStreamDecoder::push(int32_t id) {
    if (special_ == Tokenizer::SpecialTokens::Skip && tokenizer_.isControl(id)) return {};
    const std::string& piece = tokenizer_.tokenPiece(id);
    if (atStart_ && tokenizer_.addsSpacePrefix() && !piece.empty() && piece[0] == ' ')
        pending_.append(piece, 1);
    else
        pending_ += piece;
    if (!piece.empty()) atStart_ = false;
    const size_t ready = tok::completeUtf8Prefix(pending_);
    std::string out = tok::sanitizeUtf8(std::string_view(pending_).substr(0, ready));
    pending_.erase(0, ready);
    return out;
}

std::string TokenStreamDecoder::finish() {
    std::string out = tok::sanitizeUtf8(pending_);
    pending_.clear();
    return out;
}

}  // namespace motor::gpu
