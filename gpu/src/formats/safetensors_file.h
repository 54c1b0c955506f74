#pragma once
// One .safetensors file: an 8-byte little-endian header length, a JSON header naming
// every tensor's dtype, shape and byte range, then the raw data. Only F32, F16 and
// BF16 are accepted (the engine quantises itself; HF checkpoints are in these).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/mapped_file.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

class SafetensorsFile {
public:
    static Result<std::unique_ptr<SafetensorsFile>> open(const std::string& path);
    // Parses a buffer the caller keeps alive (tests, fuzzers); name prefixes errors.
    static Result<std::unique_ptr<SafetensorsFile>> parse(const std::string& name, const std::byte* data,
                                                          uint64_t size);

    const std::string& name() const { return name_; }
    // Tensors with the names the file uses (HF names); the model renames its copies.
    const std::vector<TensorView>& tensors() const { return tensors_; }
    const TensorView* find(const std::string& name) const;

private:
    Result<void> parseAll(const std::byte* data, uint64_t size);

    std::string name_;
    MappedFile file_;
    std::vector<TensorView> tensors_;
};

}  // namespace motor::gpu::formats
