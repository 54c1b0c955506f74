#include "core/media/FrameSampler.h"

#include "core/media/AvError.h"
#include "core/media/FrameConverter.h"
#include "core/media/VideoFrameReader.h"

namespace motor::media {

std::vector<std::int64_t> FrameSampler::targetTimesUs(std::int64_t startMs, std::int64_t endMs, int count) {
    std::vector<std::int64_t> targets;
    if (count <= 0) return targets;
    const std::int64_t startUs = startMs * 1000;
    const std::int64_t spanUs = (endMs - startMs) * 1000;
    targets.reserve(static_cast<std::size_t>(count));
    // (i + 0.5) * span / count, in integers: (2i + 1) * span / (2 count).
    for (int i = 0; i < count; ++i)
        targets.push_back(startUs + (2 * std::int64_t{i} + 1) * spanUs / (2 * std::int64_t{count}));
    return targets;
}

Result<SampledFrames> FrameSampler::sample(const QString& path, const SampleRequest& request) {
    if (request.count < 1 || request.count > 10'000)
        return mediaError(path, QStringLiteral("frame count %1 out of range 1..10000").arg(request.count));
    if (request.fit != FitMode::Native &&
        (request.width < 2 || request.height < 2 || request.width > 16384 || request.height > 16384))
        return mediaError(path, QStringLiteral("invalid output size %1x%2").arg(request.width).arg(request.height));
    if (request.startMs < 0 || request.endMs <= request.startMs)
        return mediaError(path, QStringLiteral("invalid time range %1-%2 ms").arg(request.startMs).arg(request.endMs));

    auto opened = VideoFrameReader::open(path);
    if (!opened) return opened.error();
    VideoFrameReader& reader = **opened;
    const std::int64_t durationMs = reader.durationMs();
    // Timestamps are rounded to ms; a range ending a rounding step past the end is fine.
    if (durationMs > 0 && request.endMs > durationMs + 1)
        return mediaError(path, QStringLiteral("time range %1-%2 ms is outside the media (duration %3)")
                                    .arg(request.startMs)
                                    .arg(request.endMs)
                                    .arg(msText(durationMs)));

    SampledFrames result;
    result.width = request.width;
    result.height = request.height;
    FrameConverter converter;
    for (const std::int64_t targetUs : targetTimesUs(request.startMs, request.endMs, request.count)) {
        auto frame = reader.frameAt(targetUs);
        if (!frame) return frame.error();
        auto rgb = converter.convert(*frame, request.width, request.height, request.fit, reader.rotationDeg());
        if (!rgb)
            return mediaError(path,
                              QStringLiteral("cannot convert the frame at %1 to RGB").arg(msText(targetUs / 1000)));
        rgb->ptsMs = reader.lastPtsUs() / 1000;
        result.frames.push_back(std::move(*rgb));
    }
    return result;
}

}  // namespace motor::media
