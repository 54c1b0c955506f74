#pragma once
// Splits text into the words byte-level BPE merges within, reproducing the regexes of
// GPT-2, Llama 3 and Qwen2 by hand (std::regex has no \p{L} and is slow).
#include <string_view>
#include <vector>

namespace motor::gpu::tok {

enum class PreTokenizerKind { Gpt2, Llama3, Qwen2 };

// Words are slices of text, in order, covering it completely.
std::vector<std::string_view> preTokenize(std::string_view text, PreTokenizerKind kind);

}  // namespace motor::gpu::tok
