#pragma once
// Builds a GGUF v3 file: metadata and tensor descriptions in memory, tensor data
// produced one tensor at a time while the file is written, so that converting an
// 8B-parameter model holds one tensor, not the model. Used by the random-model writer,
// the converter and by tests that need handcrafted (also deliberately broken) files.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "motor/gpu/result.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::formats {

// Receives a file piece by piece (the GGUF and safetensors writers stream through one).
using ByteSink = std::function<Result<void>(const void* data, size_t size)>;

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
    using Producer = std::function<Result<std::vector<std::byte>>()>;
    // shape is outermost first (TensorView order). produce() is called once, while the
    // file is written, and must return exactly `bytes` bytes.
    void addTensor(const std::string& name, DType dtype, const std::vector<int64_t>& shape, uint64_t bytes,
                   Producer produce);
    // A tensor already in memory (tests, small files).
    void addTensor(const std::string& name, DType dtype, const std::vector<int64_t>& shape,
                   std::vector<std::byte> data);

    // Producers run once: a writer is built or written once.
    std::vector<std::byte> build() const;
    Result<void> write(const std::string& path) const;

private:
    struct Tensor {
        std::string name;
        DType dtype;
        std::vector<int64_t> shape;
        uint64_t bytes;
        Producer produce;
    };
    Result<void> stream(const ByteSink& sink) const;
    void key(const std::string& k, uint32_t type);
    void raw(const void* p, size_t n);
    void str(const std::string& s);

    uint32_t alignment_;
    uint64_t kvCount_ = 0;
    std::vector<std::byte> kv_;
    std::vector<Tensor> tensors_;
};

// A file being written piece by piece; failures name the path.
class OutputFile {
public:
    static Result<OutputFile> create(const std::string& path);
    Result<void> write(const void* data, size_t size);
    Result<void> close();

private:
    OutputFile(std::string path, FILE* f) : path_(std::move(path)), f_(f, &std::fclose) {}
    std::string path_;
    std::unique_ptr<FILE, int (*)(FILE*)> f_;
};

// Writes bytes to a file, reporting failures with the path.
Result<void> writeFileBytes(const std::string& path, const void* data, size_t size);

}  // namespace motor::gpu::formats
