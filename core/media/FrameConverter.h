#pragma once
// Decoded AVFrame -> RgbFrame at a requested size: honours the pixel aspect ratio, the
// display rotation and the frame's colour matrix/range, and fits by Stretch or Letterbox.
// Keeps its SwsContext between calls (sampling 8 frames of one clip reuses it).
#include <cstdint>
#include <optional>

#include "core/media/AvHandles.h"
#include "core/media/FitMode.h"
#include "core/media/RgbFrame.h"

namespace motor::media {

class FrameConverter {
public:
    struct Size {
        int width = 0;
        int height = 0;
    };

    // The frame's size as a viewer sees it: aspect-corrected and rotated.
    static Size displaySize(const AVFrame* frame, int rotationDeg);

    // std::nullopt only when swscale cannot handle the frame's format.
    std::optional<RgbFrame> convert(const AVFrame* frame, int width, int height, FitMode fit, int rotationDeg);

private:
    SwsContextPtr sws_;
};

}  // namespace motor::media
