#pragma once
// ModelWeights backed by one GGUF file; tensor names in GGUF are already canonical.
#include <memory>

#include "formats/gguf_file.h"
#include "motor/gpu/weights.h"

namespace motor::gpu::formats {

class GgufModel final : public ModelWeights {
public:
    static Result<std::unique_ptr<ModelWeights>> open(const std::string& path);
    // Builds from an already parsed file (tests and fuzzers parse from memory).
    static Result<std::unique_ptr<ModelWeights>> fromFile(std::unique_ptr<GgufFile> file);

    const std::string& path() const override { return file_->name(); }
    const char* formatName() const override { return "gguf"; }
    const ModelConfig& config() const override { return config_; }
    const TokenizerData& tokenizerData() const override { return tokenizer_; }
    const std::vector<TensorView>& tensors() const override { return file_->tensors(); }
    const TensorView* find(const std::string& name) const override { return file_->findTensor(name); }
    const std::string& chatTemplate() const override { return chatTemplate_; }

private:
    std::unique_ptr<GgufFile> file_;
    ModelConfig config_;
    TokenizerData tokenizer_;
    std::string chatTemplate_;
};

}  // namespace motor::gpu::formats
