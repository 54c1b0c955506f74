#pragma once
// A read-only view of one weight tensor inside a memory-mapped model file.
// Layout convention (both GGUF and safetensors map onto it): shape is listed
// outermost first, e.g. a linear layer's weight is {out_features, in_features} and
// is stored row-major, one row of in_features values (or quant blocks) per output.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace motor::gpu {

enum class DType : uint8_t { F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K };

const char* dtypeName(DType t);
// Elements per block (1 for plain types) and bytes per block, as llama.cpp defines them.
int64_t dtypeBlockSize(DType t);
int64_t dtypeBlockBytes(DType t);
// Bytes needed for n elements (n must be a multiple of the block size).
int64_t dtypeRowBytes(DType t, int64_t n);

struct TensorView {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;  // outermost first
    const std::byte* data = nullptr;
    int64_t bytes = 0;

    int64_t elements() const {
        int64_t n = 1;
        for (int64_t d : shape) n *= d;
        return n;
    }
};

}  // namespace motor::gpu
