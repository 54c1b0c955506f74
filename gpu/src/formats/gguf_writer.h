#pragma once
// Builds a GGUF v3 file in memory and writes it out. Used by the random-model writer
// and by tests that need handcrafted (also deliberately broken) files.
#include <cstdint>
#include <string>
#include <vector>

#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

class GgufWriter {
public:
    explicit GgufWriter(uint32_t alignment = 32) : alignment_(alignment) {}

    void addU32(const std::string& key, uint32_t v);
    void addI32(const std::string& key, int32_t v);
    void addF32(const std::string& key, float v);
    void addBool(const std::string& key, bool v);
    void addString(const std::string& key, const std::string& v);
    void addStringArray(const std::string& key, const std::vector<std::string>& v);
    void addF32Array(const std::string& key, const std::vector<float>& v);
    void addI32Array(const std::string& key, const std::vector<int32_t>& v);
    // shape is outermost first (TensorView order); data must hold the tensor's bytes.
    void addTensor(const std::string& name, DType dtype, const std::vector<int64_t>& shape,
                   std::vector<std::byte> data);

    std::vector<std::byte> build() const;
    Result<void> write(const std::string& path) const;

private:
    struct Tensor {
        std::string name;
        DType dtype;
        std::vector<int64_t> shape;
        std::vector<std::byte> data;
    };
    void key(const std::string& k, uint32_t type);
    void raw(const void* p, size_t n);
    void str(const std::string& s);

    uint32_t alignment_;
    uint64_t kvCount_ = 0;
    std::vector<std::byte> kv_;
    std::vector<Tensor> tensors_;
};

// Writes bytes to a file, reporting failures with the path.
Result<void> writeFileBytes(const std::string& path, const void* data, size_t size);

}  // namespace motor::gpu::formats
