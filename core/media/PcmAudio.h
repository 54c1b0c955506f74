#pragma once
// Decoded, resampled audio: interleaved samples in one byte buffer.
#include <cstdint>
#include <vector>

namespace motor::media {

enum class SampleFormat { Float32, Int16 };

struct AudioFormat {
    int sampleRate = 16000;  // Whisper-style speech models want 16 kHz mono float
    int channels = 1;        // 1 or 2
    SampleFormat format = SampleFormat::Float32;
};

struct PcmAudio {
    AudioFormat format;
    std::int64_t startMs = 0;  // media time of the first sample
    std::vector<std::uint8_t> bytes;

    int bytesPerSample() const { return format.format == SampleFormat::Float32 ? 4 : 2; }
    // Samples per channel.
    std::int64_t frameCount() const {
        return static_cast<std::int64_t>(bytes.size()) / (bytesPerSample() * format.channels);
    }
    const float* floats() const { return reinterpret_cast<const float*>(bytes.data()); }
    const std::int16_t* s16() const { return reinterpret_cast<const std::int16_t*>(bytes.data()); }
};

}  // namespace motor::media
