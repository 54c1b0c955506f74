#include "core/media/SyntheticScene.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motor::media {

namespace {
// SplitMix64: tiny, and unlike std::uniform_*_distribution it gives the same numbers on
// every standard library, so a seed means the same clip everywhere.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    double uniform() { return static_cast<double>(mix(state_++) >> 11) * 0x1.0p-53; }
    double between(double lo, double hi) { return lo + (hi - lo) * uniform(); }

private:
    std::uint64_t state_;
};

constexpr double kAudioSeconds = 600.0;
}  // namespace

SyntheticScene::SyntheticScene(int width, int height, std::uint64_t seed)
    : width_(width), height_(height), seed_(seed) {
    Rng rng(seed);
    for (int c = 0; c < 3; ++c) {
        wallTop_[c] = static_cast<std::uint8_t>(rng.between(60, 140));
        wallBottom_[c] = static_cast<std::uint8_t>(rng.between(120, 220));
    }
    const int studentCount = 3 + static_cast<int>(rng.uniform() * 3);
    for (int i = 0; i < studentCount; ++i) {
        Student s{};
        s.r = static_cast<std::uint8_t>(rng.between(30, 255));
        s.g = static_cast<std::uint8_t>(rng.between(30, 255));
        s.b = static_cast<std::uint8_t>(rng.between(30, 255));
        s.cx = rng.between(0.2, 0.8);
        s.cy = rng.between(0.45, 0.75);
        s.ax = rng.between(0.05, 0.15);
        s.ay = rng.between(0.02, 0.08);
        s.fx = rng.between(0.1, 0.4);
        s.fy = rng.between(0.2, 0.6);
        s.phase = rng.between(0, 2 * std::numbers::pi);
        s.radius = rng.between(0.07, 0.12);
        students_.push_back(s);
    }
    // Speech turns: a few speakers with their own pitch, short pauses between turns.
    double pitches[4];
    double pans[4];
    for (int i = 0; i < 4; ++i) {
        pitches[i] = rng.between(100, 260);
        pans[i] = rng.between(0.2, 0.8);
    }
    double t = rng.between(0.1, 0.4);
    while (t < kAudioSeconds) {
        const int speaker = static_cast<int>(rng.uniform() * 4) % 4;
        const double length = rng.between(0.6, 2.2);
        turns_.push_back(Turn{t, t + length, pitches[speaker], pans[speaker]});
        t += length + rng.between(0.1, 0.6);
    }
}

int SyntheticScene::indexStripHeight(int frameHeight) {
    return std::max(4, frameHeight / 10);
}

void SyntheticScene::renderFrame(int frameIndex, RgbFrame& out) const {
    out.width = width_;
    out.height = height_;
    out.rgb.resize(static_cast<std::size_t>(width_) * height_ * 3);
    const double seconds = frameIndex / 25.0;  // motion speed independent of the index base
    // Wall: vertical gradient.
    for (int y = 0; y < height_; ++y) {
        const double f = static_cast<double>(y) / std::max(1, height_ - 1);
        std::uint8_t row[3];
        for (int c = 0; c < 3; ++c)
            row[c] = static_cast<std::uint8_t>(wallTop_[c] + (wallBottom_[c] - wallTop_[c]) * f);
        std::uint8_t* p = out.pixel(0, y);
        for (int x = 0; x < width_; ++x, p += 3) {
            p[0] = row[0];
            p[1] = row[1];
            p[2] = row[2];
        }
    }
    // Students: discs on Lissajous paths.
    for (const Student& s : students_) {
        const double cx = (s.cx + s.ax * std::sin(2 * std::numbers::pi * s.fx * seconds + s.phase)) * width_;
        const double cy = (s.cy + s.ay * std::sin(2 * std::numbers::pi * s.fy * seconds + s.phase * 0.7)) * height_;
        const double r = s.radius * height_;
        const int y0 = std::max(0, static_cast<int>(cy - r));
        const int y1 = std::min(height_ - 1, static_cast<int>(cy + r));
        const int x0 = std::max(0, static_cast<int>(cx - r));
        const int x1 = std::min(width_ - 1, static_cast<int>(cx + r));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const double dx = x - cx;
                const double dy = y - cy;
                if (dx * dx + dy * dy > r * r) continue;
                std::uint8_t* p = out.pixel(x, y);
                p[0] = s.r;
                p[1] = s.g;
                p[2] = s.b;
            }
    }
    // A bar sweeping across, one step per frame: motion is visible even when paused.
    const int barWidth = std::max(2, width_ / 64);
    const int barX = (frameIndex * barWidth) % std::max(1, width_ - barWidth);
    for (int y = indexStripHeight(height_); y < height_; ++y)
        for (int x = barX; x < barX + barWidth; ++x) {
            std::uint8_t* p = out.pixel(x, y);
            p[0] = p[1] = p[2] = 250;
        }
    // Index strip: most significant bit on the left, white = 1.
    const int stripHeight = indexStripHeight(height_);
    for (int bit = 0; bit < kIndexBits; ++bit) {
        const bool one = (frameIndex >> (kIndexBits - 1 - bit)) & 1;
        const std::uint8_t v = one ? 255 : 0;
        const int x0 = bit * width_ / kIndexBits;
        const int x1 = (bit + 1) * width_ / kIndexBits;
        for (int y = 0; y < stripHeight; ++y) {
            std::uint8_t* p = out.pixel(x0, y);
            for (int x = x0; x < x1; ++x, p += 3) p[0] = p[1] = p[2] = v;
        }
    }
}

int SyntheticScene::decodeFrameIndex(const RgbFrame& frame) {
    if (frame.width < kIndexBits || frame.height < 4) return -1;
    const int stripHeight = indexStripHeight(frame.height);
    int index = 0;
    for (int bit = 0; bit < kIndexBits; ++bit) {
        const int x0 = bit * frame.width / kIndexBits;
        const int x1 = (bit + 1) * frame.width / kIndexBits;
        // Average the middle of the block: edges blur under compression and scaling.
        const int bx0 = x0 + (x1 - x0) / 4;
        const int bx1 = x1 - (x1 - x0) / 4;
        const int by0 = stripHeight / 4;
        const int by1 = std::max(by0 + 1, stripHeight * 3 / 4);
        long sum = 0;
        long count = 0;
        for (int y = by0; y < by1; ++y)
            for (int x = bx0; x < std::max(bx0 + 1, bx1); ++x) {
                const std::uint8_t* p = frame.pixel(x, y);
                sum += p[0] + p[1] + p[2];
                count += 3;
            }
        const long mean = sum / std::max(1L, count);
        if (mean > 80 && mean < 175) return -1;  // neither black nor white: not a strip
        index = (index << 1) | (mean >= 175 ? 1 : 0);
    }
    return index;
}

void SyntheticScene::renderAudio(std::int64_t firstSample, int count, int sampleRate,
                                 std::vector<std::vector<float>>& planes) const {
    const std::size_t channels = planes.size();
    for (auto& plane : planes) plane.assign(static_cast<std::size_t>(count), 0.0f);
    auto turn = turns_.begin();
    for (int i = 0; i < count; ++i) {
        const std::int64_t n = firstSample + i;
        const double t = static_cast<double>(n) / sampleRate;
        // Room noise: a hash of the sample index, so chunking does not change the signal.
        const double noise =
            (static_cast<double>(mix(seed_ ^ static_cast<std::uint64_t>(n)) >> 11) * 0x1.0p-53 - 0.5) * 0.01;
        double voice = 0.0;
        double pan = 0.5;
        while (turn != turns_.end() && turn->endSec <= t) ++turn;
        if (turn != turns_.end() && turn->startSec <= t) {
            const double local = t - turn->startSec;
            // Syllables at ~4.5 Hz, faded in and out at the turn's edges.
            const double syllable = 0.5 * (1.0 - std::cos(2 * std::numbers::pi * 4.5 * local));
            const double edge = std::min({1.0, local / 0.05, (turn->endSec - t) / 0.05});
            const double pitch = turn->pitchHz * (1.0 + 0.03 * std::sin(2 * std::numbers::pi * 3.0 * local));
            double wave = 0.0;
            for (int h = 1; h <= 5; ++h) wave += std::sin(2 * std::numbers::pi * pitch * h * local) / h;
            voice = 0.25 * syllable * edge * wave;
            pan = turn->pan;
        }
        for (std::size_t c = 0; c < channels; ++c) {
            const double gain = channels == 1 ? 1.0 : (c == 0 ? 1.0 - pan : pan) * 2.0;
            planes[c][static_cast<std::size_t>(i)] = static_cast<float>(voice * gain * 0.5 + noise);
        }
    }
}

}  // namespace motor::media
