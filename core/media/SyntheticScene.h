#pragma once
// The picture and sound of SyntheticVideoWriter, apart from encoding. A "classroom":
// a gradient wall, coloured discs for students drifting around, a bar sweeping across,
// and along the top a strip of 12 black/white blocks that spells the frame index in
// binary, so tests can tell exactly which frame a decoder returned.
#include <cstdint>
#include <vector>

#include "core/media/RgbFrame.h"

namespace motor::media {

class SyntheticScene {
public:
    static constexpr int kIndexBits = 12;  // frame indices up to 4095 (2:43 at 25 fps)

    SyntheticScene(int width, int height, std::uint64_t seed);

    void renderFrame(int frameIndex, RgbFrame& out) const;
    // Fills `planes` (one vector per channel) with samples [firstSample, firstSample + count).
    void renderAudio(std::int64_t firstSample, int count, int sampleRate,
                     std::vector<std::vector<float>>& planes) const;

    // Reads the index strip of a frame rendered at any size (the strip scales with it).
    // Returns -1 when the strip is not legible.
    static int decodeFrameIndex(const RgbFrame& frame);
    static int indexStripHeight(int frameHeight);

private:
    struct Student {
        std::uint8_t r, g, b;
        double cx, cy, ax, ay, fx, fy, phase;  // a Lissajous path, in fractions of the frame
        double radius;                         // fraction of the frame height
    };
    struct Turn {
        double startSec, endSec, pitchHz, pan;
    };

    int width_;
    int height_;
    std::uint64_t seed_;
    std::uint8_t wallTop_[3];
    std::uint8_t wallBottom_[3];
    std::vector<Student> students_;
    std::vector<Turn> turns_;  // speech-like turns, generated for the first 10 minutes
};

}  // namespace motor::media
