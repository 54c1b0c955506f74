#include "formats/gguf_file.h"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "formats/byte_reader.h"
#include "formats/checked_math.h"

namespace motor::gpu::formats {

namespace {

constexpr uint32_t kMagic = 0x46554747;    // "GGUF" read as little-endian uint32
constexpr int kMaxArrayDepth = 8;          // nested arrays are legal; unbounded recursion is not
constexpr uint32_t kMaxDims = 4;           // GGML_MAX_DIMS
constexpr uint64_t kMaxReserve = 1 << 16;  // up-front reservations from untrusted counts stay small

// ggml type ids of the dtypes the engine can use.
bool dtypeFromGgml(uint32_t id, DType& out) {
    switch (id) {
        case 0:
            out = DType::F32;
            return true;
        case 1:
            out = DType::F16;
            return true;
        case 2:
            out = DType::Q4_0;
            return true;
        case 8:
            out = DType::Q8_0;
            return true;
        case 12:
            out = DType::Q4_K;
            return true;
        case 14:
            out = DType::Q6_K;
            return true;
        case 30:
            out = DType::BF16;
            return true;
        default:
            return false;
    }
}

class MetadataParser {
public:
    MetadataParser(const std::string& name, ByteReader& r) : name_(name), r_(r) {}

    Result<void> readString(std::string& out, const std::string& what) {
        uint64_t len = 0;
        if (!r_.read(len)) return truncated(what + " length");
        if (len > r_.remaining())
            return makeError(name_ + ": " + what + ": string length " + std::to_string(len) + " exceeds the " +
                             std::to_string(r_.remaining()) + " bytes left in the file");
        if (!r_.readBytes(len, out)) return truncated(what);
        return {};
    }

    Result<void> readValue(GgufType type, GgufValue& v, const std::string& key, int depth) {
        v.type = type;
        switch (type) {
            case GgufType::U8: {
                uint8_t x;
                if (!r_.read(x)) return truncated(key);
                v.u = x;
                return {};
            }
            case GgufType::I8: {
                int8_t x;
                if (!r_.read(x)) return truncated(key);
                v.i = x;
                return {};
            }
            case GgufType::U16: {
                uint16_t x;
                if (!r_.read(x)) return truncated(key);
                v.u = x;
                return {};
            }
            case GgufType::I16: {
                int16_t x;
                if (!r_.read(x)) return truncated(key);
                v.i = x;
                return {};
            }
            case GgufType::U32: {
                uint32_t x;
                if (!r_.read(x)) return truncated(key);
                v.u = x;
                return {};
            }
            case GgufType::I32: {
                int32_t x;
                if (!r_.read(x)) return truncated(key);
                v.i = x;
                return {};
            }
            case GgufType::U64: {
                uint64_t x;
                if (!r_.read(x)) return truncated(key);
                v.u = x;
                return {};
            }
            case GgufType::I64: {
                int64_t x;
                if (!r_.read(x)) return truncated(key);
                v.i = x;
                return {};
            }
            case GgufType::F32: {
                float x;
                if (!r_.read(x)) return truncated(key);
                v.f = x;
                return {};
            }
            case GgufType::F64: {
                double x;
                if (!r_.read(x)) return truncated(key);
                v.f = x;
                return {};
            }
            case GgufType::Bool: {
                uint8_t x;
                if (!r_.read(x)) return truncated(key);
                if (x > 1)
                    return makeError(name_ + ": metadata '" + key + "': bool value " + std::to_string(x) +
                                     " is not 0 or 1");
                v.u = x;
                return {};
            }
            case GgufType::String:
                return readString(v.s, "metadata '" + key + "'");
            case GgufType::Array:
                return readArray(v, key, depth);
        }
        return makeError(name_ + ": metadata '" + key + "': unknown value type " +
                         std::to_string(static_cast<uint32_t>(type)));
    }

    Result<void> readType(GgufType& out, const std::string& key) {
        uint32_t t = 0;
        if (!r_.read(t)) return truncated(key + " type");
        if (t > static_cast<uint32_t>(GgufType::F64))
            return makeError(name_ + ": metadata '" + key + "': unknown value type " + std::to_string(t));
        out = static_cast<GgufType>(t);
        return {};
    }

    Result<void> truncated(const std::string& what) {
        return makeError(name_ + ": truncated at byte " + std::to_string(r_.position()) + " while reading " + what);
    }

private:
    Result<void> readArray(GgufValue& v, const std::string& key, int depth) {
        if (depth >= kMaxArrayDepth)
            return makeError(name_ + ": metadata '" + key + "': arrays nested deeper than " +
                             std::to_string(kMaxArrayDepth));
        if (auto r = readType(v.elementType, key + " array element"); !r) return r;
        uint64_t count = 0;
        if (!r_.read(count)) return truncated("metadata '" + key + "' array count");
        // Every element takes at least one byte, so a count beyond the bytes left is a
        // lie; checking first keeps a forged count from reserving gigabytes.
        if (count > r_.remaining())
            return makeError(name_ + ": metadata '" + key + "': array count " + std::to_string(count) +
                             " exceeds the " + std::to_string(r_.remaining()) + " bytes left in the file");
        // Grow as elements actually parse, so memory follows real data, not the count.
        v.items.reserve(static_cast<size_t>(std::min<uint64_t>(count, kMaxReserve)));
        for (uint64_t k = 0; k < count; ++k) {
            v.items.emplace_back();
            if (auto r = readValue(v.elementType, v.items.back(), key, depth + 1); !r) return r;
        }
        return {};
    }

    const std::string& name_;
    ByteReader& r_;
};

}  // namespace

Result<std::unique_ptr<GgufFile>> GgufFile::open(const std::string& path) {
    auto mapped = MappedFile::open(path);
    if (!mapped) return mapped.error();
    auto file = std::unique_ptr<GgufFile>(new GgufFile());
    file->name_ = path;
    file->file_ = std::move(mapped.value());
    if (auto r = file->parseAll(file->file_.data(), file->file_.size()); !r) return r.error();
    return file;
}

Result<std::unique_ptr<GgufFile>> GgufFile::parse(const std::string& name, const std::byte* data, uint64_t size) {
    auto file = std::unique_ptr<GgufFile>(new GgufFile());
    file->name_ = name;
    if (auto r = file->parseAll(data, size); !r) return r.error();
    return file;
}

const GgufValue* GgufFile::find(const std::string& key) const {
    for (const auto& [k, v] : metadata_)
        if (k == key) return &v;
    return nullptr;
}

const TensorView* GgufFile::findTensor(const std::string& name) const {
    for (const auto& t : tensors_)
        if (t.name == name) return &t;
    return nullptr;
}

Result<void> GgufFile::parseAll(const std::byte* data, uint64_t size) {
    ByteReader r(data, size);
    MetadataParser p(name_, r);
    uint32_t magic = 0;
    if (!r.read(magic)) return p.truncated("magic");
    if (magic != kMagic) return makeError(name_ + ": not a GGUF file (bad magic)");
    if (!r.read(version_)) return p.truncated("version");
    if (version_ != 2 && version_ != 3)
        return makeError(name_ + ": unsupported GGUF version " + std::to_string(version_) + " (2 and 3 are supported)");
    uint64_t tensorCount = 0, kvCount = 0;
    if (!r.read(tensorCount)) return p.truncated("tensor count");
    if (!r.read(kvCount)) return p.truncated("metadata count");
    // Each entry needs more than 8 bytes; counts beyond the file are forged.
    if (tensorCount > size / 8)
        return makeError(name_ + ": tensor count " + std::to_string(tensorCount) +
                         " exceeds what the file size allows");
    if (kvCount > size / 8)
        return makeError(name_ + ": metadata count " + std::to_string(kvCount) + " exceeds what the file size allows");

    std::unordered_set<std::string> keys;
    metadata_.reserve(static_cast<size_t>(std::min(kvCount, kMaxReserve)));
    for (uint64_t k = 0; k < kvCount; ++k) {
        std::string key;
        if (auto e = p.readString(key, "metadata key #" + std::to_string(k)); !e) return e;
        if (!keys.insert(key).second) return makeError(name_ + ": metadata '" + key + "' appears twice");
        GgufType type;
        if (auto e = p.readType(type, key); !e) return e;
        GgufValue value;
        if (auto e = p.readValue(type, value, key, 0); !e) return e;
        metadata_.emplace_back(std::move(key), std::move(value));
    }

    if (const GgufValue* a = find("general.alignment")) {
        if (a->type != GgufType::U32)
            return makeError(name_ + ": metadata 'general.alignment' must be uint32, is " + ggufTypeName(a->type));
        if (a->u == 0 || (a->u & (a->u - 1)) != 0)
            return makeError(name_ + ": metadata 'general.alignment' " + std::to_string(a->u) +
                             " is not a power of two");
        alignment_ = a->u;
    }

    // Offsets are relative to the data section, whose start is only known after all
    // tensor infos are read, so ranges are checked in a second pass.
    struct Info {
        uint64_t offset;
    };
    std::vector<Info> infos;
    std::unordered_set<std::string> names;
    tensors_.reserve(static_cast<size_t>(std::min(tensorCount, kMaxReserve)));
    infos.reserve(static_cast<size_t>(std::min(tensorCount, kMaxReserve)));
    for (uint64_t k = 0; k < tensorCount; ++k) {
        TensorView t;
        if (auto e = p.readString(t.name, "tensor #" + std::to_string(k) + " name"); !e) return e;
        const std::string where = name_ + ": tensor '" + t.name + "'";
        if (!names.insert(t.name).second) return makeError(where + ": name appears twice");
        uint32_t nDims = 0;
        if (!r.read(nDims)) return p.truncated("tensor '" + t.name + "' dimension count");
        if (nDims > kMaxDims)
            return makeError(where + ": " + std::to_string(nDims) + " dimensions (at most 4 allowed)");
        std::vector<uint64_t> ne(nDims);
        uint64_t elements = 1;
        for (uint32_t d = 0; d < nDims; ++d) {
            if (!r.read(ne[d])) return p.truncated("tensor '" + t.name + "' shape");
            if (ne[d] > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
                !checkedMul(elements, ne[d], elements) ||
                elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                return makeError(where + ": shape element count overflows");
        }
        uint32_t typeId = 0;
        if (!r.read(typeId)) return p.truncated("tensor '" + t.name + "' type");
        if (!dtypeFromGgml(typeId, t.dtype))
            return makeError(where + ": unsupported ggml type id " + std::to_string(typeId));
        uint64_t offset = 0;
        if (!r.read(offset)) return p.truncated("tensor '" + t.name + "' offset");
        if (offset % alignment_ != 0)
            return makeError(where + ": offset " + std::to_string(offset) + " is not a multiple of the alignment " +
                             std::to_string(alignment_));
        // GGUF lists ne[0] (the innermost, contiguous dimension) first; TensorView
        // lists the outermost first.
        for (uint32_t d = nDims; d-- > 0;) t.shape.push_back(static_cast<int64_t>(ne[d]));
        const uint64_t block = static_cast<uint64_t>(dtypeBlockSize(t.dtype));
        const uint64_t inner = nDims > 0 ? ne[0] : 1;
        if (inner % block != 0)
            return makeError(where + ": row length " + std::to_string(inner) + " is not a multiple of the " +
                             dtypeName(t.dtype) + " block size " + std::to_string(block));
        uint64_t bytes = 0;
        if (!checkedMul(elements / block, static_cast<uint64_t>(dtypeBlockBytes(t.dtype)), bytes))
            return makeError(where + ": byte size overflows");
        t.bytes = static_cast<int64_t>(bytes);
        tensors_.push_back(std::move(t));
        infos.push_back({offset});
    }

    if (!checkedAlignUp(r.position(), alignment_, dataOffset_)) return makeError(name_ + ": data offset overflows");
    for (size_t k = 0; k < tensors_.size(); ++k) {
        TensorView& t = tensors_[k];
        const std::string where = name_ + ": tensor '" + t.name + "'";
        uint64_t begin = 0, end = 0;
        if (!checkedAdd(dataOffset_, infos[k].offset, begin) || !checkedAdd(begin, static_cast<uint64_t>(t.bytes), end))
            return makeError(where + ": data offset " + std::to_string(infos[k].offset) + " overflows");
        if (end > size)
            return makeError(where + ": data range " + std::to_string(begin) + ".." + std::to_string(end) +
                             " exceeds file size " + std::to_string(size));
        t.data = data + begin;
    }
    return {};
}

}  // namespace motor::gpu::formats
