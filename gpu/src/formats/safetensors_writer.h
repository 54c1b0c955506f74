#pragma once
// Writes one .safetensors file (header padded to 8 bytes, tensors in the order given).
#include <string>
#include <vector>

#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

struct SafetensorsEntry {
    std::string name;
    DType dtype = DType::F32;  // F32, F16 or BF16
    std::vector<int64_t> shape;
    std::vector<std::byte> data;
};

std::vector<std::byte> buildSafetensors(const std::vector<SafetensorsEntry>& tensors);
Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& tensors);

}  // namespace motor::gpu::formats
