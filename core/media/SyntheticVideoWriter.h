#pragma once
// Writes a deterministic "classroom-like" clip (see SyntheticScene) for `motor demo`,
// tests and benchmarks: H.264 yuv420p (mpeg4 when libx264 is missing) + AAC in MP4 with
// +faststart, playable by GStreamer. Frame i has pts i / fps and carries i in its
// index strip.
#include <QString>
#include <cstdint>

#include "core/media/VideoEncoder.h"
#include "core/util/Result.h"

namespace motor::media {

enum class SyntheticTracks { VideoAndAudio, VideoOnly, AudioOnly };

struct SyntheticVideoSpec {
    int width = 640;
    int height = 360;
    int fps = 25;
    std::int64_t durationMs = 6000;
    std::uint64_t seed = 1;
    SyntheticTracks tracks = SyntheticTracks::VideoAndAudio;
    int keyframeIntervalFrames = 0;  // 0: one keyframe every 2 s
    VideoCodecChoice codec = VideoCodecChoice::Auto;
    int audioSampleRate = 48000;
    int audioChannels = 2;
    int rotationDeg = 0;  // clockwise display rotation stored as metadata (0/90/180/270)
};

struct SyntheticVideoReport {
    int frameCount = 0;
    QString videoCodec;  // encoder used, e.g. "libx264"; empty for audio-only
};

class SyntheticVideoWriter {
public:
    static Result<SyntheticVideoReport> write(const QString& path, const SyntheticVideoSpec& spec);
};

}  // namespace motor::media
