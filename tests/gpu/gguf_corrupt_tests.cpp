// GGUF reader against broken input: every failure must be an Error naming the file
// and the field, never a crash or an out-of-bounds read (run under ASan/UBSan too).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "formats/gguf_file.h"
#include "formats/gguf_model.h"
#include "formats/gguf_writer.h"
#include "motor/gpu/model_writer.h"

namespace mg = motor::gpu;
namespace mf = motor::gpu::formats;
using Bytes = std::vector<std::byte>;

namespace {

// Parses a copy of exactly n bytes so that any overread lands outside the allocation.
mg::Result<std::unique_ptr<mg::ModelWeights>> parseModel(const Bytes& b, size_t n) {
    Bytes copy(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n));
    auto f = mf::GgufFile::parse("test.gguf", copy.data(), copy.size());
    if (!f) return f.error();
    // The model keeps views into copy; only inspect results while copy is alive.
    auto m = mf::GgufModel::fromFile(std::move(f.value()));
    if (!m) return m.error();
    return mg::makeError("parsed");  // success is signalled by this marker
}

std::string parseError(const Bytes& b) {
    auto f = mf::GgufFile::parse("test.gguf", b.data(), b.size());
    if (!f) return f.error().message;
    auto m = mf::GgufModel::fromFile(std::move(f.value()));
    return m ? std::string() : m.error().message;
}

Bytes tinyModelBytes() {
    mg::RandomModelSpec spec;
    spec.config = mg::makeRandomModelConfig(mg::Architecture::Qwen2, 32, 1, 2, 1, 64, 300);
    const auto path =
        std::filesystem::temp_directory_path() / ("motor-corrupt-" + std::to_string(::getpid()) + ".gguf");
    EXPECT_TRUE(mg::writeRandomModelGguf(spec, path.string()).ok());
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    Bytes out(chars.size());
    std::memcpy(out.data(), chars.data(), chars.size());
    return out;
}

size_t find(const Bytes& b, const std::string& s) {
    for (size_t k = 0; k + s.size() <= b.size(); ++k)
        if (std::memcmp(b.data() + k, s.data(), s.size()) == 0) return k;
    ADD_FAILURE() << "not found: " << s;
    return 0;
}

template <class T>
void poke(Bytes& b, size_t at, T v) {
    std::memcpy(b.data() + at, &v, sizeof v);
}

// Minimal header with one metadata entry whose bytes the test supplies.
Bytes headerWithValue(uint32_t type, const Bytes& payload) {
    Bytes b;
    auto put = [&](const void* p, size_t n) {
        b.insert(b.end(), static_cast<const std::byte*>(p), static_cast<const std::byte*>(p) + n);
    };
    const uint32_t magic = 0x46554747, version = 3;
    const uint64_t tensors = 0, kvs = 1, keyLen = 1;
    put(&magic, 4);
    put(&version, 4);
    put(&tensors, 8);
    put(&kvs, 8);
    put(&keyLen, 8);
    put("k", 1);
    put(&type, 4);
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

}  // namespace

TEST(GgufCorrupt, ValidTinyModelParses) {
    const Bytes b = tinyModelBytes();
    EXPECT_EQ(parseError(b), "");
}

TEST(GgufCorrupt, EveryTruncationIsAnError) {
    const Bytes b = tinyModelBytes();
    ASSERT_GT(b.size(), 1000u);
    // Every offset through the header and metadata, then a stride through the data.
    const size_t dense = find(b, "token_embd.weight") + 200;
    for (size_t n = 0; n < b.size(); n += (n < dense ? 1 : 61)) {
        auto r = parseModel(b, n);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message, "parsed") << "truncated at " << n;
        EXPECT_EQ(r.error().message.rfind("test.gguf", 0), 0u) << r.error().message;
    }
}

TEST(GgufCorrupt, StoriesTruncatedAtManyOffsets) {
    const std::string path = std::string(MOTOR_SHARED_TESTDATA) + "/models/stories260K.gguf";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared test data not found: " << path;
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Bytes b(chars.size());
    std::memcpy(b.data(), chars.data(), chars.size());
    for (size_t n = 0; n < b.size(); n += (n < 20000 ? 7 : 4099)) {
        auto r = parseModel(b, n);
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message, "parsed") << "truncated at " << n;
    }
    EXPECT_EQ(parseModel(b, b.size()).error().message, "parsed");
}

TEST(GgufCorrupt, BadMagicAndVersion) {
    Bytes b = tinyModelBytes();
    Bytes bad = b;
    bad[0] = std::byte{'X'};
    EXPECT_NE(parseError(bad).find("bad magic"), std::string::npos);
    bad = b;
    poke<uint32_t>(bad, 4, 1);
    EXPECT_NE(parseError(bad).find("unsupported GGUF version 1"), std::string::npos);
    poke<uint32_t>(bad, 4, 2);  // v2 has the same layout as v3 and is accepted
    EXPECT_EQ(parseError(bad), "");
}

TEST(GgufCorrupt, HugeCountsAreRejectedBeforeAllocating) {
    Bytes b = tinyModelBytes();
    Bytes bad = b;
    poke<uint64_t>(bad, 8, uint64_t{1} << 60);
    EXPECT_NE(parseError(bad).find("tensor count"), std::string::npos);
    bad = b;
    poke<uint64_t>(bad, 16, ~uint64_t{0});
    EXPECT_NE(parseError(bad).find("metadata count"), std::string::npos);
    // The first key's length.
    bad = b;
    poke<uint64_t>(bad, 24, uint64_t{1} << 62);
    EXPECT_NE(parseError(bad).find("string length"), std::string::npos);
    // Token array count: the array header is type (4) + count (8) after the key.
    bad = b;
    const size_t tokens = find(b, "tokenizer.ggml.tokens");
    poke<uint64_t>(bad, tokens + std::strlen("tokenizer.ggml.tokens") + 4 + 4, uint64_t{1} << 50);
    EXPECT_NE(parseError(bad).find("array count"), std::string::npos);
}

TEST(GgufCorrupt, TensorInfoFieldsOutOfRange) {
    const Bytes b = tinyModelBytes();
    const std::string name = "blk.0.attn_q.weight";
    const size_t info = find(b, name) + name.size();  // then u32 ndims, u64 ne[2], u32 type, u64 offset
    Bytes bad = b;
    poke<uint64_t>(bad, info + 4 + 16 + 4, uint64_t{1} << 40);
    std::string e = parseError(bad);
    EXPECT_NE(e.find("tensor 'blk.0.attn_q.weight': data range"), std::string::npos) << e;
    EXPECT_NE(e.find("exceeds file size"), std::string::npos) << e;
    bad = b;
    poke<uint64_t>(bad, info + 4 + 16 + 4, ~uint64_t{0} - 31);
    EXPECT_NE(parseError(bad).find("overflows"), std::string::npos);
    bad = b;
    poke<uint64_t>(bad, info + 4 + 16 + 4, 8);  // not a multiple of 32
    EXPECT_NE(parseError(bad).find("alignment"), std::string::npos);
    bad = b;
    poke<uint32_t>(bad, info + 4 + 16, 3);  // Q4_1: a real ggml type the engine does not support
    EXPECT_NE(parseError(bad).find("unsupported ggml type id 3"), std::string::npos);
    poke<uint32_t>(bad, info + 4 + 16, 0xFFFF);
    EXPECT_NE(parseError(bad).find("unsupported ggml type id"), std::string::npos);
    bad = b;
    poke<uint32_t>(bad, info, 7);
    EXPECT_NE(parseError(bad).find("dimensions"), std::string::npos);
    bad = b;
    poke<uint64_t>(bad, info + 4, uint64_t{1} << 40);
    poke<uint64_t>(bad, info + 12, uint64_t{1} << 40);
    EXPECT_NE(parseError(bad).find("overflows"), std::string::npos);
    bad = b;
    poke<uint64_t>(bad, info + 4, 33);  // row no longer a whole shape: the model check names it
    EXPECT_NE(parseError(bad).find("blk.0.attn_q.weight"), std::string::npos);
}

TEST(GgufCorrupt, MetadataValueErrors) {
    auto u8 = [](std::initializer_list<int> v) {
        Bytes out;
        for (int x : v) out.push_back(static_cast<std::byte>(x));
        return out;
    };
    EXPECT_NE(parseError(headerWithValue(13, {})).find("unknown value type 13"), std::string::npos);
    EXPECT_NE(parseError(headerWithValue(7, u8({2}))).find("bool value 2"), std::string::npos);
    EXPECT_NE(parseError(headerWithValue(6, u8({0, 0}))).find("truncated"), std::string::npos);
    // Arrays nested 100 deep: type 9 (array) of element type 9 ... with count 1 each.
    Bytes nested;
    for (int k = 0; k < 100; ++k) {
        const uint32_t t = 9;
        const uint64_t n = 1;
        nested.insert(nested.end(), reinterpret_cast<const std::byte*>(&t), reinterpret_cast<const std::byte*>(&t) + 4);
        nested.insert(nested.end(), reinterpret_cast<const std::byte*>(&n), reinterpret_cast<const std::byte*>(&n) + 8);
    }
    EXPECT_NE(parseError(headerWithValue(9, nested)).find("nested"), std::string::npos);
}

TEST(GgufCorrupt, ModelLevelErrorsNameTheField) {
    mf::GgufWriter w;
    w.addString("general.architecture", "gpt-neox");
    EXPECT_NE(parseError(w.build()).find("unsupported architecture 'gpt-neox'"), std::string::npos);

    mf::GgufWriter a;
    a.addU32("general.alignment", 3);
    EXPECT_NE(parseError(a.build()).find("general.alignment"), std::string::npos);

    mf::GgufWriter dup;
    dup.addU32("x", 1);
    dup.addU32("x", 2);
    EXPECT_NE(parseError(dup.build()).find("appears twice"), std::string::npos);

    mf::GgufWriter noTok;
    noTok.addString("general.architecture", "llama");
    EXPECT_NE(parseError(noTok.build()).find("metadata 'llama.embedding_length' is missing"), std::string::npos);
}

TEST(GgufCorrupt, MissingTensorIsNamed) {
    Bytes b = tinyModelBytes();
    const size_t at = find(b, "blk.0.ffn_up.weight");
    b[at + 4] = std::byte{'X'};  // rename to "blk.X..." so the expected tensor is absent
    const std::string e = parseError(b);
    EXPECT_NE(e.find("tensor 'blk.0.ffn_up.weight' is missing"), std::string::npos) << e;
}

TEST(GgufMetadata, EveryValueTypeParses) {
    auto bytesOf = [](auto v) {
        Bytes out(sizeof v);
        std::memcpy(out.data(), &v, sizeof v);
        return out;
    };
    auto parsed = [](const Bytes& b) -> mf::GgufValue {
        auto f = mf::GgufFile::parse("t.gguf", b.data(), b.size());
        EXPECT_TRUE(f.ok()) << (f ? "" : f.error().message);
        return f ? *f.value()->find("k") : mf::GgufValue{};
    };
    EXPECT_EQ(parsed(headerWithValue(0, bytesOf(uint8_t{200}))).asInt(), 200);
    EXPECT_EQ(parsed(headerWithValue(1, bytesOf(int8_t{-5}))).asInt(), -5);
    EXPECT_EQ(parsed(headerWithValue(2, bytesOf(uint16_t{60000}))).asInt(), 60000);
    EXPECT_EQ(parsed(headerWithValue(3, bytesOf(int16_t{-30000}))).asInt(), -30000);
    EXPECT_EQ(parsed(headerWithValue(4, bytesOf(uint32_t{4000000000u}))).asInt(), 4000000000);
    EXPECT_EQ(parsed(headerWithValue(5, bytesOf(int32_t{-7}))).asInt(), -7);
    EXPECT_EQ(parsed(headerWithValue(6, bytesOf(1.5f))).asNumber(), 1.5);
    EXPECT_EQ(parsed(headerWithValue(7, bytesOf(uint8_t{1}))).u, 1u);
    EXPECT_EQ(parsed(headerWithValue(10, bytesOf(uint64_t{1} << 40))).asInt(), int64_t{1} << 40);
    EXPECT_EQ(parsed(headerWithValue(11, bytesOf(int64_t{-1} << 40))).asInt(), int64_t{-1} << 40);
    EXPECT_EQ(parsed(headerWithValue(12, bytesOf(2.25))).asNumber(), 2.25);
    EXPECT_FALSE(parsed(headerWithValue(10, bytesOf(~uint64_t{0}))).asInt().has_value());  // beyond int64
    Bytes str = bytesOf(uint64_t{3});
    str.insert(str.end(), {std::byte{'a'}, std::byte{'b'}, std::byte{'c'}});
    EXPECT_EQ(parsed(headerWithValue(8, str)).s, "abc");
    // [[1, 2], []] as an array of arrays of int32.
    Bytes nested = bytesOf(uint32_t{9});
    for (auto part : {bytesOf(uint64_t{2}), bytesOf(uint32_t{5}), bytesOf(uint64_t{2}), bytesOf(int32_t{1}),
                      bytesOf(int32_t{2}), bytesOf(uint32_t{5}), bytesOf(uint64_t{0})})
        nested.insert(nested.end(), part.begin(), part.end());
    const mf::GgufValue v = parsed(headerWithValue(9, nested));
    ASSERT_EQ(v.items.size(), 2u);
    EXPECT_EQ(v.elementType, mf::GgufType::Array);
    ASSERT_EQ(v.items[0].items.size(), 2u);
    EXPECT_EQ(v.items[0].items[1].asInt(), 2);
    EXPECT_TRUE(v.items[1].items.empty());
}
