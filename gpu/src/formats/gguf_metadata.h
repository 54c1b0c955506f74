#pragma once
// Maps GGUF metadata keys (llama.*, qwen2.*, qwen3.*, tokenizer.ggml.*) onto the
// engine's ModelConfig and TokenizerData.
#include <string>

#include "formats/gguf_file.h"
#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tokenizer_data.h"

namespace motor::gpu::formats {

Result<ModelConfig> ggufModelConfig(const GgufFile& file, int vocabFromTokenizer);
Result<TokenizerData> ggufTokenizerData(const GgufFile& file);
std::string ggufChatTemplate(const GgufFile& file);

}  // namespace motor::gpu::formats
