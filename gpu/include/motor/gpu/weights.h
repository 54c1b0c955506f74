#pragma once
// A loaded model file: its configuration, tokenizer data and tensors, mapped read-only.
// Tensors use canonical GGUF-style names whatever the source format:
//   token_embd.weight, output_norm.weight, output.weight (absent when tied),
//   blk.N.attn_norm.weight, blk.N.attn_q.weight, blk.N.attn_k.weight,
//   blk.N.attn_v.weight, blk.N.attn_output.weight, blk.N.attn_q.bias (Qwen2),
//   blk.N.attn_k.bias, blk.N.attn_v.bias, blk.N.attn_q_norm.weight (Qwen3),
//   blk.N.attn_k_norm.weight, blk.N.ffn_norm.weight, blk.N.ffn_gate.weight,
//   blk.N.ffn_up.weight, blk.N.ffn_down.weight
// A multimodal model (InternVL folder, or a text GGUF opened with its mmproj GGUF)
// also holds its vision tower and projector under llama.cpp's mmproj names (v.*, mm.*;
// see gpu/src/formats/internvl_config.h) and reports their VisionConfig.
#include <memory>
#include <string>
#include <vector>

#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/speech_config.h"
#include "motor/gpu/tensor.h"
#include "motor/gpu/tokenizer_data.h"
#include "motor/gpu/vision.h"

namespace motor::gpu {

class ModelWeights {
public:
    virtual ~ModelWeights() = default;
    virtual const std::string& path() const = 0;
    virtual const char* formatName() const = 0;  // "gguf" or "safetensors"
    virtual const ModelConfig& config() const = 0;
    virtual const TokenizerData& tokenizerData() const = 0;
    virtual const std::vector<TensorView>& tensors() const = 0;
    // nullptr when absent.
    virtual const TensorView* find(const std::string& name) const = 0;
    // The chat template (Jinja source) if the model carries one, else empty.
    virtual const std::string& chatTemplate() const = 0;
    // The vision tower's configuration when the model has one, else nullptr.
    virtual const VisionConfig* visionConfig() const { return nullptr; }
    // The file the vision tensors came from when it is not path() (an mmproj GGUF).
    virtual const std::string& visionPath() const { return path(); }
    // A Whisper speech model (HF folder with model_type "whisper", or a whisper.cpp
    // ggml file): its shape and special tokens, else nullptr. Such weights load with
    // SpeechModel::load (speech.h), not Model::load. Tensor names are whisper.cpp's
    // (encoder.conv1.weight, encoder.blocks.N.attn.query.weight, decoder.token_embedding.weight, ...).
    virtual const SpeechConfig* speechConfig() const { return nullptr; }
    virtual const SpeechTokenIds* speechTokenIds() const { return nullptr; }
};

struct OpenOptions {
    // A .gguf model's vision tower and projector (llama.cpp mmproj GGUF). Empty: look
    // beside the model (findMmprojBeside) unless autoMmproj is false.
    std::string mmproj;
    bool autoMmproj = true;
};

// Opens a .gguf file, a Hugging Face model folder (config.json + safetensors) or a
// whisper.cpp ggml model file (ggml-*.bin, speech).
// InternVL folders (original OpenGVLab or transformers-native layout) open with their
// vision tower. A .gguf opens with options.mmproj, or with the mmproj found beside it.
Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path);
Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path, const OpenOptions& options);

// The rule for an mmproj beside a text GGUF: the .gguf files in the same folder whose
// name starts with "mmproj" (any case; llama.cpp's converters name them
// mmproj-<model>-<type>.gguf), other than the model itself. One such file is the
// answer; none gives an empty string; several are an error listing them (pass
// OpenOptions::mmproj to choose).
Result<std::string> findMmprojBeside(const std::string& ggufPath);

}  // namespace motor::gpu
