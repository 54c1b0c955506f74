#pragma once
// Bounds-checked little-endian reads from an untrusted buffer. Every read either
// succeeds completely or returns false and leaves the caller to name what failed.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace motor::gpu::formats {

class ByteReader {
public:
    ByteReader(const std::byte* data, uint64_t size) : data_(data), size_(size) {}

    uint64_t position() const { return pos_; }
    uint64_t remaining() const { return size_ - pos_; }

    template <class T>
    bool read(T& out) {
        if (remaining() < sizeof(T)) return false;
        std::memcpy(&out, data_ + pos_, sizeof(T));  // files are little-endian like the hosts
        pos_ += sizeof(T);
        return true;
    }

    bool readBytes(uint64_t n, std::string& out) {
        if (remaining() < n) return false;
        out.assign(reinterpret_cast<const char*>(data_ + pos_), static_cast<size_t>(n));
        pos_ += n;
        return true;
    }

private:
    const std::byte* data_;
    uint64_t size_;
    uint64_t pos_ = 0;
};

}  // namespace motor::gpu::formats
