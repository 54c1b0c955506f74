#pragma once
// One frame of a file at a time, scaled to at most maxWidth (aspect kept, never upscaled),
// for the clip browser. Pair with JpegEncoder to cache it.
#include <QString>
#include <cstdint>

#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

namespace motor::media {

class Thumbnailer {
public:
    static Result<RgbFrame> thumbnailAt(const QString& path, std::int64_t timeMs, int maxWidth);
};

}  // namespace motor::media
