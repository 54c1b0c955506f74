#pragma once
// RgbFrame -> JPEG bytes with FFmpeg's mjpeg encoder (core/ has no QtGui to do it). The
// UI caches thumbnails in this form.
#include <QByteArray>

#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

namespace motor::media {

class JpegEncoder {
public:
    // quality 1 (smallest) .. 100 (best), mapped onto mjpeg's quantiser scale.
    static Result<QByteArray> encode(const RgbFrame& frame, int quality = 85);
};

}  // namespace motor::media
