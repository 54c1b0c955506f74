#pragma once
// ModelWeights backed by one GGUF file, plus optionally llama.cpp's mmproj GGUF for
// the vision tower and projector; tensor names in both are already canonical.
#include <memory>

#include "formats/gguf_file.h"
#include "motor/gpu/weights.h"

namespace motor::gpu::formats {

class GgufModel final : public ModelWeights {
public:
    // mmproj: empty for a text-only model.
    static Result<std::unique_ptr<ModelWeights>> open(const std::string& path, const std::string& mmproj = {});
    // Builds from an already parsed file (tests and fuzzers parse from memory).
    static Result<std::unique_ptr<ModelWeights>> fromFile(std::unique_ptr<GgufFile> file);

    const std::string& path() const override { return file_->name(); }
    const char* formatName() const override { return "gguf"; }
    const ModelConfig& config() const override { return config_; }
    const TokenizerData& tokenizerData() const override { return tokenizer_; }
    const std::vector<TensorView>& tensors() const override { return mmproj_ ? all_ : file_->tensors(); }
    const TensorView* find(const std::string& name) const override;
    const std::string& chatTemplate() const override { return chatTemplate_; }
    const VisionConfig* visionConfig() const override { return mmproj_ ? &vision_ : nullptr; }
    const std::string& visionPath() const override { return mmproj_ ? mmproj_->name() : path(); }

private:
    Result<void> attachMmproj(std::unique_ptr<GgufFile> mmproj);

    std::unique_ptr<GgufFile> file_;
    std::unique_ptr<GgufFile> mmproj_;
    std::vector<TensorView> all_;  // both files' tensors when an mmproj is attached
    VisionConfig vision_;
    ModelConfig config_;
    TokenizerData tokenizer_;
    std::string chatTemplate_;
};

}  // namespace motor::gpu::formats
