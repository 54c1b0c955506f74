// Block layouts follow llama.cpp's ggml so that GGUF files map byte for byte.
#include "motor/gpu/model_config.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu {

const char* dtypeName(DType t) {
    switch (t) {
        case DType::F32:
            return "F32";
        case DType::F16:
            return "F16";
        case DType::BF16:
            return "BF16";
        case DType::Q8_0:
            return "Q8_0";
        case DType::Q4_0:
            return "Q4_0";
        case DType::Q4_K:
            return "Q4_K";
        case DType::Q6_K:
            return "Q6_K";
    }
    return "?";
}

int64_t dtypeBlockSize(DType t) {
    switch (t) {
        case DType::F32:
        case DType::F16:
        case DType::BF16:
            return 1;
        case DType::Q8_0:
        case DType::Q4_0:
            return 32;
        case DType::Q4_K:
        case DType::Q6_K:
            return 256;
    }
    return 1;
}

int64_t dtypeBlockBytes(DType t) {
    switch (t) {
        case DType::F32:
            return 4;
        case DType::F16:
        case DType::BF16:
            return 2;
        case DType::Q8_0:
            return 34;  // fp16 scale + 32 int8
        case DType::Q4_0:
            return 18;  // fp16 scale + 16 bytes of nibbles
        case DType::Q4_K:
            return 144;  // fp16 d, fp16 dmin, 12 scale bytes, 128 nibble bytes
        case DType::Q6_K:
            return 210;  // 128 low bits, 64 high bits, 16 scales, fp16 d
    }
    return 0;
}

int64_t dtypeRowBytes(DType t, int64_t n) {
    return n / dtypeBlockSize(t) * dtypeBlockBytes(t);
}

const char* architectureName(Architecture a) {
    switch (a) {
        case Architecture::Llama:
            return "llama";
        case Architecture::Qwen2:
            return "qwen2";
        case Architecture::Qwen3:
            return "qwen3";
    }
    return "?";
}

}  // namespace motor::gpu
