#pragma once
// The raw contents of a GGUF file (v2 or v3): metadata and tensor views, every offset
// and size checked against the buffer before use. Knows nothing about model semantics;
// GgufModel maps the metadata onto ModelConfig and TokenizerData.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "formats/gguf_value.h"
#include "formats/mapped_file.h"
#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

class GgufFile {
public:
    static Result<std::unique_ptr<GgufFile>> open(const std::string& path);
    // Parses a buffer the caller keeps alive (tests, fuzzers); name prefixes errors.
    static Result<std::unique_ptr<GgufFile>> parse(const std::string& name, const std::byte* data, uint64_t size);

    const std::string& name() const { return name_; }
    uint32_t version() const { return version_; }
    uint64_t alignment() const { return alignment_; }
    uint64_t dataOffset() const { return dataOffset_; }
    const std::vector<std::pair<std::string, GgufValue>>& metadata() const { return metadata_; }
    const std::vector<TensorView>& tensors() const { return tensors_; }

    const GgufValue* find(const std::string& key) const;
    const TensorView* findTensor(const std::string& name) const;

private:
    Result<void> parseAll(const std::byte* data, uint64_t size);

    std::string name_;
    MappedFile file_;
    uint32_t version_ = 0;
    uint64_t alignment_ = 32;
    uint64_t dataOffset_ = 0;
    std::vector<std::pair<std::string, GgufValue>> metadata_;
    std::vector<TensorView> tensors_;
};

}  // namespace motor::gpu::formats
