#include "formats/gguf_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

uint32_t ggmlTypeId(DType t) {
    switch (t) {
        case DType::F32:
            return 0;
        case DType::F16:
            return 1;
        case DType::Q4_0:
            return 2;
        case DType::Q8_0:
            return 8;
        case DType::Q4_K:
            return 12;
        case DType::Q6_K:
            return 14;
        case DType::BF16:
            return 30;
    }
    return 0;
}

void append(std::vector<std::byte>& out, const void* p, size_t n) {
    // resize + memcpy rather than insert(): GCC 12 warns falsely on byte-range inserts.
    const size_t at = out.size();
    out.resize(at + n);
    if (n > 0) std::memcpy(out.data() + at, p, n);
}

template <class T>
void put(std::vector<std::byte>& out, T v) {
    append(out, &v, sizeof(T));
}

}  // namespace

void GgufWriter::raw(const void* p, size_t n) {
    append(kv_, p, n);
}

void GgufWriter::str(const std::string& s) {
    put<uint64_t>(kv_, s.size());
    raw(s.data(), s.size());
}

void GgufWriter::key(const std::string& k, uint32_t type) {
    ++kvCount_;
    str(k);
    put<uint32_t>(kv_, type);
}

void GgufWriter::addU32(const std::string& k, uint32_t v) {
    key(k, 4);
    put(kv_, v);
}
void GgufWriter::addI32(const std::string& k, int32_t v) {
    key(k, 5);
    put(kv_, v);
}
void GgufWriter::addF32(const std::string& k, float v) {
    key(k, 6);
    put(kv_, v);
}
void GgufWriter::addBool(const std::string& k, bool v) {
    key(k, 7);
    put<uint8_t>(kv_, v ? 1 : 0);
}
void GgufWriter::addString(const std::string& k, const std::string& v) {
    key(k, 8);
    str(v);
}

void GgufWriter::addStringArray(const std::string& k, const std::vector<std::string>& v) {
    key(k, 9);
    put<uint32_t>(kv_, 8);
    put<uint64_t>(kv_, v.size());
    for (const auto& s : v) str(s);
}

void GgufWriter::addF32Array(const std::string& k, const std::vector<float>& v) {
    key(k, 9);
    put<uint32_t>(kv_, 6);
    put<uint64_t>(kv_, v.size());
    for (float f : v) put(kv_, f);
}

void GgufWriter::addI32Array(const std::string& k, const std::vector<int32_t>& v) {
    key(k, 9);
    put<uint32_t>(kv_, 5);
    put<uint64_t>(kv_, v.size());
    for (int32_t i : v) put(kv_, i);
}

void GgufWriter::addTensor(const std::string& name, DType dtype, const std::vector<int64_t>& shape, uint64_t bytes,
                           Producer produce) {
    tensors_.push_back({name, dtype, shape, bytes, std::move(produce)});
}

void GgufWriter::addTensor(const std::string& name, DType dtype, const std::vector<int64_t>& shape,
                           std::vector<std::byte> data) {
    const uint64_t bytes = data.size();
    auto held = std::make_shared<std::vector<std::byte>>(std::move(data));
    addTensor(name, dtype, shape, bytes, [held]() -> Result<std::vector<std::byte>> { return *held; });
}

Result<void> GgufWriter::stream(const ByteSink& sink) const {
    std::vector<std::byte> head;
    put<uint32_t>(head, 0x46554747);
    put<uint32_t>(head, 3);
    put<uint64_t>(head, tensors_.size());
    put<uint64_t>(head, kvCount_);
    append(head, kv_.data(), kv_.size());
    auto padded = [this](uint64_t v) { return (v + alignment_ - 1) / alignment_ * alignment_; };
    uint64_t offset = 0;
    for (const Tensor& t : tensors_) {
        put<uint64_t>(head, t.name.size());
        append(head, t.name.data(), t.name.size());
        put<uint32_t>(head, static_cast<uint32_t>(t.shape.size()));
        for (size_t d = t.shape.size(); d-- > 0;) put<uint64_t>(head, static_cast<uint64_t>(t.shape[d]));
        put<uint32_t>(head, ggmlTypeId(t.dtype));
        put<uint64_t>(head, offset);
        offset = padded(offset + t.bytes);
    }
    head.resize(padded(head.size()));
    MOTOR_TRY(sink(head.data(), head.size()));
    const std::vector<std::byte> zeros(alignment_);
    for (const Tensor& t : tensors_) {
        auto data = t.produce();
        if (!data) return data.error();
        if (data.value().size() != t.bytes)
            return makeError("gguf: tensor '" + t.name + "' came with " + std::to_string(data.value().size()) +
                             " bytes, announced " + std::to_string(t.bytes));
        MOTOR_TRY(sink(data.value().data(), data.value().size()));
        MOTOR_TRY(sink(zeros.data(), padded(t.bytes) - t.bytes));
    }
    return {};
}

std::vector<std::byte> GgufWriter::build() const {
    std::vector<std::byte> out;
    auto built = stream([&out](const void* p, size_t n) {
        append(out, p, n);
        return Result<void>{};
    });
    (void)built;  // only a producer can fail, and in-memory tensors do not
    return out;
}

Result<void> GgufWriter::write(const std::string& path) const {
    auto file = OutputFile::create(path);
    if (!file) return file.error();
    MOTOR_TRY(stream([&](const void* p, size_t n) { return file.value().write(p, n); }));
    return file.value().close();
}

Result<OutputFile> OutputFile::create(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return makeError(path + ": cannot create: " + std::strerror(errno));
    return OutputFile(path, f);
}

Result<void> OutputFile::write(const void* data, size_t size) {
    if (size > 0 && std::fwrite(data, 1, size, f_.get()) != size)
        return makeError(path_ + ": write failed: " + std::strerror(errno));
    return {};
}

Result<void> OutputFile::close() {
    if (std::fclose(f_.release()) != 0) return makeError(path_ + ": close failed: " + std::strerror(errno));
    return {};
}

Result<void> writeFileBytes(const std::string& path, const void* data, size_t size) {
    auto file = OutputFile::create(path);
    if (!file) return file.error();
    MOTOR_TRY(file.value().write(data, size));
    return file.value().close();
}

}  // namespace motor::gpu::formats
