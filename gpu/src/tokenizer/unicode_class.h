#pragma once
// The Unicode classes the pre-tokeniser regexes use (\p{L}, \p{N}, \s). Tables cover
// Latin (with Finnish ä ö å), Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, CJK,
// kana and Hangul; rarer scripts fall into "other", which only shifts word boundaries.
#include <cstdint>

namespace motor::gpu::tok {

bool isLetter(uint32_t cp);
bool isNumber(uint32_t cp);
bool isWhitespace(uint32_t cp);

}  // namespace motor::gpu::tok
