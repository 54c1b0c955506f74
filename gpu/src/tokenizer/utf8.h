#pragma once
// UTF-8 helpers shared by the tokenizers and the vocabulary writer.
#include <cstdint>
#include <string>
#include <string_view>

namespace motor::gpu::tok {

void appendUtf8(std::string& out, uint32_t cp);
// Decodes one code point at text[pos]; advances pos. Invalid or truncated sequences
// yield U+FFFD and consume one byte, so callers always make progress.
uint32_t nextCodePoint(std::string_view text, size_t& pos);
// Length of the sequence a lead byte announces (1 for invalid lead bytes).
int utf8SequenceLength(unsigned char lead);

// Length of the longest prefix of s that does not end inside an incomplete (but so
// far valid) multi-byte sequence: the bytes after it may still be completed.
size_t completeUtf8Prefix(std::string_view s);
// s with every invalid or truncated sequence replaced by U+FFFD.
std::string sanitizeUtf8(std::string_view s);

// GPT-2's reversible byte <-> printable-character map used by byte-level BPE vocabularies.
const std::string& byteToUnicode(uint8_t b);
// -1 when the code point is not the image of a byte.
int unicodeToByte(uint32_t cp);

}  // namespace motor::gpu::tok
