#pragma once
// Model conversion to GGUF in llama.cpp's naming and metadata, so the files load here
// and in llama.cpp alike: a text GGUF (general.architecture llama/qwen2/qwen3) and, for
// a model with a vision tower, an mmproj GGUF (general.architecture clip,
// clip.projector_type internvl).
#include <cstdint>
#include <string>

#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu {

struct ConvertOptions {
    // F32, F16, BF16, Q8_0 or Q4_0 for the matrices. As llama.cpp's converter does,
    // 1-D tensors, class token and position embeddings stay F32, the patch embedding
    // stays F16 (F32 when converting to F32), and a matrix whose rows are not whole
    // quant blocks falls back to F16.
    DType type = DType::F16;
    // Where the mmproj GGUF goes; empty: "mmproj-" + the output's file name, in the
    // output's folder (the name openModel's auto-detection finds).
    std::string mmprojPath;
};

struct ConvertReport {
    std::string textPath;
    std::string mmprojPath;  // empty for a text-only model
    int64_t textBytes = 0;
    int64_t mmprojBytes = 0;
    int tensors = 0;
};

// Converts any model openModel reads (HF folder of either InternVL layout, plain
// Llama/Qwen folders, GGUF) to outGguf (+ mmproj).
Result<ConvertReport> convertToGguf(const std::string& modelPath, const std::string& outGguf,
                                    const ConvertOptions& options = {});

}  // namespace motor::gpu
