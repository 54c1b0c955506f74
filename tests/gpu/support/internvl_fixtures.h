#pragma once
// Readers for tests/data/internvl (made by tests/reference/make_internvl_fixtures.py):
// the manifest, binary PPM frames, raw float32 and uint8 files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "formats/json_value.h"
#include "motor/gpu/vision.h"

namespace motor::gpu::test {

inline std::string internvlData(const std::string& file = {}) {
    return std::string(MOTOR_TEST_DATA) + "/internvl" + (file.empty() ? "" : "/" + file);
}

inline std::vector<uint8_t> readBytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    EXPECT_TRUE(f.good()) << path;
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

inline std::vector<float> readF32(const std::string& path) {
    const auto b = readBytes(path);
    std::vector<float> v(b.size() / 4);
    std::memcpy(v.data(), b.data(), v.size() * 4);
    return v;
}

struct PpmImage {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;
    RgbImage view() const { return RgbImage{width, height, rgb}; }
};

// Binary P6 with maxval 255, as the fixture script writes it (no comments).
inline PpmImage readPpm(const std::string& path) {
    const auto b = readBytes(path);
    PpmImage img;
    int maxval = 0, consumed = 0;
    const std::string head(b.begin(), b.begin() + std::min<size_t>(b.size(), 64));
    EXPECT_EQ(std::sscanf(head.c_str(), "P6 %d %d %d%n", &img.width, &img.height, &maxval, &consumed), 3) << path;
    const size_t offset = size_t(consumed) + 1;
    img.rgb.assign(b.begin() + std::ptrdiff_t(offset), b.end());
    EXPECT_EQ(img.rgb.size(), size_t(img.width) * size_t(img.height) * 3) << path;
    return img;
}

inline formats::JsonValue internvlManifest() {
    auto j = formats::readJsonFile(internvlData("manifest.json"));
    EXPECT_TRUE(j.ok()) << (j.ok() ? "" : j.error().message);
    return j.ok() ? std::move(j.value()) : formats::JsonValue();
}

inline std::vector<int32_t> jsonInts(const formats::JsonValue* v) {
    std::vector<int32_t> out;
    if (v == nullptr) return out;
    for (const auto& x : v->array()) out.push_back(int32_t(*x.integer()));
    return out;
}

inline uint64_t fnv1a64(const std::vector<uint8_t>& data) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (uint8_t b : data) {
        h ^= b;
        h *= 0x100000001b3ull;
    }
    return h;
}

// A scratch folder removed at the end of the test.
class ScratchDir {
public:
    ScratchDir() {
        path_ = std::filesystem::temp_directory_path() /
                ("motor-internvl-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    std::string path(const std::string& name = {}) const {
        return name.empty() ? path_.string() : (path_ / name).string();
    }

private:
    static int& counter() {
        static int c = 0;
        return c;
    }
    std::filesystem::path path_;
};

}  // namespace motor::gpu::test
