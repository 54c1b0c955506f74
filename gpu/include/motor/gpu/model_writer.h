#pragma once
// Writes random-weight models of any configuration, for tests and benchmarks that need
// a model of a given shape without downloading one. The same seed gives the same
// weights in both formats, so the two loaders can be checked against each other.
#include <cstdint>
#include <string>

#include "motor/gpu/model_config.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"
#include "motor/gpu/tokenizer_data.h"

namespace motor::gpu {

struct RandomModelSpec {
    ModelConfig config;  // see makeRandomModelConfig for the derived fields
    DType dtype = DType::F32;
    uint64_t seed = 1;
};

// A config with the architecture's conventions filled in: headDim = dim / heads,
// qkvBias for Qwen2, qkNorm for Qwen3, rope theta and epsilon of the family.
ModelConfig makeRandomModelConfig(Architecture arch, int dim, int layers, int heads, int kvHeads, int hiddenDim,
                                  int vocabSize);

// Hugging Face folder: config.json, generation_config.json, model.safetensors,
// tokenizer.json, tokenizer_config.json. dtype F32, F16 or BF16.
Result<void> writeRandomModelHf(const RandomModelSpec& spec, const std::string& folder);

// GGUF v3 file. dtype F32, F16, BF16, Q8_0 or Q4_0 (1-D tensors stay F32, and 2-D
// tensors whose rows are not a whole number of blocks fall back to F32, as llama.cpp
// does). For Llama the q/k rows are permuted the way llama.cpp's converter permutes
// HF weights, so both files describe the same function despite their rope layouts.
Result<void> writeRandomModelGguf(const RandomModelSpec& spec, const std::string& path);

// A random InternVL-3.5-shaped model (InternViT-style vision tower + MLP projector + a
// Qwen3 language model) in the original OpenGVLab folder layout, for tests and
// benchmarks that need a vision-language model of a given shape. The vocabulary is the
// small byte-level one plus <img>, </img> and <IMG_CONTEXT> as its last three ids
// (llm.vocabSize counts them). The language model's hidden size is the projector's
// output size; vision.projectionDim is set from it.
struct RandomInternVLSpec {
    ModelConfig llm;            // Qwen3 (makeRandomModelConfig(Architecture::Qwen3, ...))
    int visionDim = 64;         // InternViT-300M: 1024
    int visionLayers = 2;       // 24
    int visionHeads = 4;        // 16
    int visionHiddenDim = 128;  // 4096
    int imageSize = 448;
    int patchSize = 14;
    DType dtype = DType::F32;  // F32, F16 or BF16
    uint64_t seed = 1;
};
Result<void> writeRandomInternVLHf(const RandomInternVLSpec& spec, const std::string& folder);

// A small byte-level BPE vocabulary of exactly vocabSize tokens (at least 259): the
// 256 byte tokens, merges learned from a built-in English/Finnish text, then
// <|endoftext|>, <|im_start|>, <|im_end|> as the last three ids.
TokenizerData makeSmallByteLevelTokenizer(int vocabSize, Architecture arch);

}  // namespace motor::gpu
