#pragma once
// Readers for tests/data/whisper (made by tests/reference/make_whisper_fixtures.py):
// the manifest, 16-bit mono WAV files, raw float32 / int32 files, and the long
// recording the script featurises (built here from the same WAV files).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "formats/json_value.h"
#include "support/internvl_fixtures.h"

namespace motor::gpu::test {

inline std::string whisperData(const std::string& file = {}) {
    return std::string(MOTOR_TEST_DATA) + "/whisper" + (file.empty() ? "" : "/" + file);
}

// 16-bit PCM mono WAV -> float32 in [-1, 1), as the fixture script reads it.
inline std::vector<float> readWav(const std::string& path) {
    const auto b = readBytes(path);
    std::vector<float> out;
    if (b.size() < 12 || std::memcmp(b.data(), "RIFF", 4) != 0 || std::memcmp(b.data() + 8, "WAVE", 4) != 0) {
        ADD_FAILURE() << path << ": not a WAV file";
        return out;
    }
    size_t pos = 12;
    while (pos + 8 <= b.size()) {
        uint32_t size = 0;
        std::memcpy(&size, b.data() + pos + 4, 4);
        if (std::memcmp(b.data() + pos, "data", 4) == 0) {
            const size_t n = std::min<size_t>(size, b.size() - pos - 8) / 2;
            out.resize(n);
            for (size_t i = 0; i < n; ++i) {
                int16_t s = 0;
                std::memcpy(&s, b.data() + pos + 8 + 2 * i, 2);
                out[i] = float(s) / 32768.0f;
            }
            return out;
        }
        pos += 8 + size + (size & 1);
    }
    ADD_FAILURE() << path << ": no data chunk";
    return out;
}

inline std::vector<int32_t> readI32(const std::string& path) {
    const auto b = readBytes(path);
    std::vector<int32_t> v(b.size() / 4);
    std::memcpy(v.data(), b.data(), v.size() * 4);
    return v;
}

inline formats::JsonValue whisperManifest() {
    auto j = formats::readJsonFile(whisperData("manifest.json"));
    EXPECT_TRUE(j.ok()) << (j.ok() ? "" : j.error().message);
    return j.ok() ? std::move(j.value()) : formats::JsonValue();
}

// The script's long_audio(): 0.5 s silence, en, 1.5 s, fi, 1.5 s, tones, 20 s, en,
// 1.5 s, fi, 1 s.
inline std::vector<float> whisperLongAudio() {
    const auto en = readWav(whisperData("en.wav")), fi = readWav(whisperData("fi.wav")),
               tones = readWav(whisperData("tones.wav"));
    std::vector<float> out;
    auto silence = [&](double s) { out.resize(out.size() + size_t(s * 16000), 0.0f); };
    auto add = [&](const std::vector<float>& x) { out.insert(out.end(), x.begin(), x.end()); };
    silence(0.5);
    add(en);
    silence(1.5);
    add(fi);
    silence(1.5);
    add(tones);
    silence(20.0);
    add(en);
    silence(1.5);
    add(fi);
    silence(1.0);
    return out;
}

}  // namespace motor::gpu::test
