#pragma once
// Writes one .safetensors file (header padded to 8 bytes, tensors in the order given).
// The header goes out first and then each tensor as it is produced, so a file of many
// gigabytes never sits in memory at once.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "formats/gguf_writer.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

struct SafetensorsTensor {
    std::string name;
    DType dtype = DType::F32;  // F32, F16 or BF16
    std::vector<int64_t> shape;
    uint64_t bytes = 0;  // what the producer will hand over for it
};

// The bytes of tensor i, called once per tensor in order; their size must be tensors[i].bytes.
using TensorBytes = std::function<Result<std::vector<std::byte>>(size_t i)>;

Result<void> streamSafetensors(const std::vector<SafetensorsTensor>& tensors, const TensorBytes& data,
                               const ByteSink& sink);
Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsTensor>& tensors,
                              const TensorBytes& data);

// Tensors already in memory (tests, small files), written through the same stream.
struct SafetensorsEntry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::vector<std::byte> data;
};

std::vector<std::byte> buildSafetensors(const std::vector<SafetensorsEntry>& tensors);
Result<void> writeSafetensors(const std::string& path, const std::vector<SafetensorsEntry>& tensors);

}  // namespace motor::gpu::formats
