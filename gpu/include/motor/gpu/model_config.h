#pragma once
// Hyper-parameters of a Llama-family decoder (Llama 2/3, TinyLlama, Qwen2/2.5, Qwen3),
// filled from GGUF metadata or from a Hugging Face config.json.
#include <cstdint>
#include <string>

namespace motor::gpu {

enum class Architecture { Llama, Qwen2, Qwen3 };
// Rope pairs: Interleaved rotates (x[2i], x[2i+1]) (GGUF llama after the converter's
// q/k permutation); NeoX rotates (x[i], x[i + d/2]) (HF rotate_half, GGUF qwen2/qwen3).
enum class RopeStyle { Interleaved, NeoX };

struct RopeScaling {
    enum class Kind { None, Linear, Llama3 } kind = Kind::None;
    float factor = 1.0f;
    float lowFreqFactor = 1.0f;
    float highFreqFactor = 4.0f;
    int originalContext = 8192;
};

struct ModelConfig {
    Architecture arch = Architecture::Llama;
    int vocabSize = 0;
    int dim = 0;        // hidden size
    int hiddenDim = 0;  // feed-forward inner size
    int layers = 0;
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;  // usually dim / heads; Qwen3 may differ
    int contextLength = 2048;
    float rmsEps = 1e-5f;
    float ropeTheta = 10000.0f;
    RopeStyle ropeStyle = RopeStyle::Interleaved;
    RopeScaling ropeScaling;
    bool tiedEmbeddings = false;  // no separate output.weight
    bool qkvBias = false;         // Qwen2
    bool qkNorm = false;          // Qwen3: per-head RMSNorm of q and k
};

const char* architectureName(Architecture a);

}  // namespace motor::gpu
