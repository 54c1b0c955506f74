#pragma once
// A still picture (PNG, JPEG, ...) decoded with FFmpeg to RGB at its own size, honouring
// its orientation: what `motor models generate --image` gives a vision model.
#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

#include <QString>

namespace motor::media {

class ImageReader {
public:
    static Result<RgbFrame> read(const QString& path);
};

}  // namespace motor::media
