#include "core/media/ImageReader.h"

#include "core/media/AvError.h"
#include "core/media/FrameConverter.h"
#include "core/media/VideoFrameReader.h"

namespace motor::media {

Result<RgbFrame> ImageReader::read(const QString& path) {
    auto reader = VideoFrameReader::open(path);
    if (!reader) return reader.error();
    auto frame = reader.value()->frameAt(0);
    if (!frame) return frame.error();
    FrameConverter converter;
    auto rgb = converter.convert(frame.value(), 0, 0, FitMode::Native, reader.value()->rotationDeg());
    if (!rgb) return mediaError(path, QStringLiteral("cannot convert the picture to RGB"));
    return std::move(*rgb);
}

}  // namespace motor::media
