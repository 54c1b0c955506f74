#pragma once
// ModelWeights backed by a Hugging Face folder: config.json, tokenizer files and one
// model.safetensors or shards listed in model.safetensors.index.json. InternVL folders
// (original OpenGVLab or transformers-native layout) also bring their vision tower.
#include <memory>
#include <unordered_map>

#include "formats/internvl_config.h"
#include "formats/safetensors_file.h"
#include "motor/gpu/weights.h"

namespace motor::gpu::formats {

class HfModel final : public ModelWeights {
public:
    static Result<std::unique_ptr<ModelWeights>> open(const std::string& folder);

    const std::string& path() const override { return folder_; }
    const char* formatName() const override { return "safetensors"; }
    const ModelConfig& config() const override { return config_; }
    const TokenizerData& tokenizerData() const override { return tokenizer_; }
    const std::vector<TensorView>& tensors() const override { return tensors_; }
    const TensorView* find(const std::string& name) const override;
    const std::string& chatTemplate() const override { return chatTemplate_; }
    const VisionConfig* visionConfig() const override { return hasVision_ ? &vision_ : nullptr; }

private:
    Result<void> loadShards();
    Result<void> addShard(const std::string& fileName, const std::vector<std::string>* onlyThese);

    std::string folder_;
    std::vector<std::unique_ptr<SafetensorsFile>> shards_;
    std::vector<TensorView> tensors_;  // canonical names, views into shards_
    std::unordered_map<std::string, size_t> index_;
    ModelConfig config_;
    TokenizerData tokenizer_;
    std::string chatTemplate_;
    bool hasVision_ = false;
    InternVLLayout layout_ = InternVLLayout::Original;
    VisionConfig vision_;
};

}  // namespace motor::gpu::formats
