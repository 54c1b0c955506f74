#pragma once
// A decoded picture as packed 8-bit RGB (RGB888, row stride == 3 * width). core/ does not
// link QtGui, so this stands in for QImage; ui/ wraps it without copying
// (QImage(rgb.data(), width, height, 3 * width, QImage::Format_RGB888)).
#include <cstdint>
#include <vector>

namespace motor::media {

struct RgbFrame {
    int width = 0;
    int height = 0;
    std::int64_t ptsMs = 0;  // presentation time in the source media
    std::vector<std::uint8_t> rgb;

    std::uint8_t* pixel(int x, int y) { return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
    const std::uint8_t* pixel(int x, int y) const { return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
};

}  // namespace motor::media
