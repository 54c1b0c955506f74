#pragma once
// ModelWeights of a Whisper model, whatever file it came from: an HF folder
// (model_type "whisper": safetensors + config.json + generation_config.json +
// tokenizer.json) or a whisper.cpp ggml file. Tensors carry whisper.cpp's names
// (the openai checkpoint names): encoder.conv1.weight, encoder.positional_embedding,
// encoder.blocks.N.attn.query.weight, encoder.blocks.N.mlp.0.weight, encoder.ln_post.*,
// decoder.token_embedding.weight, decoder.blocks.N.cross_attn.key.weight, decoder.ln.*
#include <memory>
#include <unordered_map>

#include "formats/mapped_file.h"
#include "formats/safetensors_file.h"
#include "motor/gpu/weights.h"

namespace motor::gpu::formats {

class WhisperWeights final : public ModelWeights {
public:
    const std::string& path() const override { return path_; }
    const char* formatName() const override { return format_; }
    const ModelConfig& config() const override { return textConfig_; }
    const TokenizerData& tokenizerData() const override { return tokenizer_; }
    const std::vector<TensorView>& tensors() const override { return tensors_; }
    const TensorView* find(const std::string& name) const override;
    const std::string& chatTemplate() const override { return noTemplate_; }
    const SpeechConfig* speechConfig() const override { return &speech_; }
    const SpeechTokenIds* speechTokenIds() const override { return &ids_; }

private:
    friend Result<std::unique_ptr<ModelWeights>> openWhisperFolder(const std::string& folder);
    friend Result<std::unique_ptr<ModelWeights>> openWhisperGgml(const std::string& path);

    // Registers a tensor under its canonical name; a second one of the name is an error.
    Result<void> add(TensorView t);
    // Shared checks once everything is read: shapes of every tensor the model needs.
    Result<void> finish();

    std::string path_;
    const char* format_ = "safetensors";
    ModelConfig textConfig_;  // the decoder, for tools that list any model's shape
    SpeechConfig speech_;
    SpeechTokenIds ids_;
    TokenizerData tokenizer_;
    std::string noTemplate_;
    std::vector<std::unique_ptr<SafetensorsFile>> shards_;
    std::vector<std::byte> owned_;  // ggml tensors, copied to 64-byte aligned places in it
    std::vector<TensorView> tensors_;
    std::unordered_map<std::string, size_t> index_;
};

// True when folder/config.json says model_type "whisper".
bool isWhisperFolder(const std::string& folder);
// True when the file starts with whisper.cpp's ggml magic.
bool isWhisperGgml(const std::string& path);

Result<std::unique_ptr<ModelWeights>> openWhisperFolder(const std::string& folder);
Result<std::unique_ptr<ModelWeights>> openWhisperGgml(const std::string& path);

// openai/whisper's language codes in token order (tokenizer.LANGUAGES); large-v3
// has all 100, earlier multilingual models the first 99.
const std::vector<std::string>& whisperLanguageCodes();

// Tokens openai/whisper suppresses as non-speech (tokenizer.non_speech_tokens): each
// symbol's token, alone or after a space, when the vocabulary has it as one token.
std::vector<int32_t> whisperNonSpeechTokens(const TokenizerData& t);

}  // namespace motor::gpu::formats
