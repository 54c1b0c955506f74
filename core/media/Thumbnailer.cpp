#include "core/media/Thumbnailer.h"

#include <algorithm>
#include <cmath>

#include "core/media/AvError.h"
#include "core/media/FrameConverter.h"
#include "core/media/VideoFrameReader.h"

namespace motor::media {

Result<RgbFrame> Thumbnailer::thumbnailAt(const QString& path, std::int64_t timeMs, int maxWidth) {
    if (maxWidth < 2 || maxWidth > 16384)
        return mediaError(path, QStringLiteral("invalid thumbnail width %1").arg(maxWidth));
    auto opened = VideoFrameReader::open(path);
    if (!opened) return opened.error();
    VideoFrameReader& reader = **opened;
    const std::int64_t durationMs = reader.durationMs();
    if (timeMs < 0 || (durationMs > 0 && timeMs >= durationMs))
        return mediaError(
            path, QStringLiteral("time %1 is outside the media (duration %2)").arg(msText(timeMs), msText(durationMs)));
    auto frame = reader.frameAt(timeMs * 1000);
    if (!frame) return frame.error();
    const auto display = FrameConverter::displaySize(*frame, reader.rotationDeg());
    const int width = std::min(maxWidth, display.width);
    const int height =
        std::max(1, static_cast<int>(std::lround(static_cast<double>(display.height) * width / display.width)));
    FrameConverter converter;
    auto rgb = converter.convert(*frame, width, height, FitMode::Stretch, reader.rotationDeg());
    if (!rgb) return mediaError(path, QStringLiteral("cannot convert the frame at %1 to RGB").arg(msText(timeMs)));
    rgb->ptsMs = reader.lastPtsUs() / 1000;
    return std::move(*rgb);
}

}  // namespace motor::media
