#pragma once
// A still picture (PNG, JPEG, ...) decoded with FFmpeg to RGB at its own size, honouring
// its orientation: what `motor models generate --image` gives a vision model.
#include <QString>

#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

namespace motor::media {

class ImageReader {
public:
    static Result<RgbFrame> read(const QString& path);
};

}  // namespace motor::media
