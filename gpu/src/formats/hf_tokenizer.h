#pragma once
// tokenizer.json + tokenizer_config.json + generation_config.json (Hugging Face
// "tokenizers" format) -> TokenizerData. Byte-level BPE (GPT-2, Llama 3, Qwen2) and
// SentencePiece-style BPE with byte fallback (Llama 2, TinyLlama) are recognised.
#include <string>

#include "formats/json_value.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tokenizer_data.h"

namespace motor::gpu::formats {

struct HfTokenizerFiles {
    const JsonValue* tokenizer = nullptr;         // tokenizer.json, required
    const JsonValue* tokenizerConfig = nullptr;   // tokenizer_config.json, optional
    const JsonValue* modelConfig = nullptr;       // config.json, optional
    const JsonValue* generationConfig = nullptr;  // generation_config.json, optional
    std::string folder;                           // prefixes file names in errors
};

// chatTemplate receives tokenizer_config.json's chat_template (empty if none).
Result<TokenizerData> hfTokenizerData(const HfTokenizerFiles& files, std::string& chatTemplate);

}  // namespace motor::gpu::formats
