#include "core/media/DisplayRotation.h"

extern "C" {
#include <libavutil/display.h>
}

#include <cmath>

namespace motor::media {

int displayRotationDeg(const AVStream* stream) {
    // FFmpeg 5.1 keeps the display matrix as stream side data.
    std::size_t size = 0;
    const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (matrix == nullptr || size < 9 * sizeof(int32_t)) return 0;
    const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
    if (std::isnan(ccw)) return 0;
    // av_display_rotation_get answers counter-clockwise; players turn clockwise by its negation.
    int cw = static_cast<int>(std::lround(-ccw)) % 360;
    if (cw < 0) cw += 360;
    return (cw + 45) / 90 * 90 % 360;  // snap: phones write exact multiples of 90 anyway
}

}  // namespace motor::media
