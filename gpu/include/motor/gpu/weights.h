#pragma once
// A loaded model file: its configuration, tokenizer data and tensors, mapped read-only.
// Tensors use canonical GGUF-style names whatever the source format:
//   token_embd.weight, output_norm.weight, output.weight (absent when tied),
//   blk.N.attn_norm.weight, blk.N.attn_q.weight, blk.N.attn_k.weight,
//   blk.N.attn_v.weight, blk.N.attn_output.weight, blk.N.attn_q.bias (Qwen2),
//   blk.N.attn_k.bias, blk.N.attn_v.bias, blk.N.attn_q_norm.weight (Qwen3),
//   blk.N.attn_k_norm.weight, blk.N.ffn_norm.weight, blk.N.ffn_gate.weight,
//   blk.N.ffn_up.weight, blk.N.ffn_down.weight
#include <memory>
#include <string>
#include <vector>

#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"
#include "motor/gpu/tokenizer_data.h"

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
};

// Opens a .gguf file or a Hugging Face model folder (config.json + safetensors).
Result<std::unique_ptr<ModelWeights>> openModel(const std::string& path);

}  // namespace motor::gpu
