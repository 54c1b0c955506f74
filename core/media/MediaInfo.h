#pragma once
// What MediaProbe learns about a file without decoding it.
#include <QString>
#include <cstdint>

namespace motor::media {

struct MediaInfo {
    std::int64_t durationMs = 0;
    double fps = 0.0;  // the video stream's avg_frame_rate; 0 when unknown
    int width = 0;     // coded size, before rotation
    int height = 0;
    int rotationDeg = 0;  // clockwise rotation (0/90/180/270) a player applies to display
    bool hasVideo = false;
    bool hasAudio = false;
    int audioSampleRate = 0;
    int audioChannels = 0;
    QString videoCodec;  // FFmpeg codec name, e.g. "h264"; empty without video
    QString audioCodec;  // e.g. "aac"; empty without audio
    std::int64_t sizeBytes = 0;
    // Where the file's media data really ends. An interrupted copy of a file whose index
    // comes first (MP4 with faststart) still states its full duration; its data stops
    // early. -1 when the data reaches the stated duration (or it cannot be told).
    std::int64_t dataEndMs = -1;
    bool truncated() const { return dataEndMs >= 0; }
};

}  // namespace motor::media
