#pragma once
// A whole file mapped read-only. Model files are large and mostly read once by the
// loader or uploaded to the GPU, so mapping lets the page cache do the work.
#include <cstddef>
#include <cstdint>
#include <string>

#include "motor/gpu/result.h"

namespace motor::gpu::formats {

class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    const std::byte* data() const { return data_; }
    uint64_t size() const { return size_; }
    const std::string& path() const { return path_; }

private:
    void release();

    std::string path_;
    const std::byte* data_ = nullptr;
    uint64_t size_ = 0;
};

}  // namespace motor::gpu::formats
