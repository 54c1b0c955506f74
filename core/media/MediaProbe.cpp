#include "core/media/MediaProbe.h"

#include "core/media/MediaInput.h"

#include <QFileInfo>

extern "C" {
#include <libavutil/display.h>
}

#include <cmath>

namespace motor::media {

namespace {
int rotationOf(const AVStream* stream)
{
    // FFmpeg 5.1 keeps the display matrix as stream side data.
    std::size_t size = 0;
    const uint8_t* matrix =
        av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (matrix == nullptr || size < 9 * sizeof(int32_t)) return 0;
    const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
    if (std::isnan(ccw)) return 0;
    // The matrix stores a counter-clockwise angle; players rotate clockwise by its negation.
    int cw = static_cast<int>(std::lround(-ccw)) % 360;
    if (cw < 0) cw += 360;
    return (cw + 45) / 90 * 90 % 360;  // snap: phones write exact multiples of 90 anyway
}
}  // namespace

Result<MediaInfo> MediaProbe::probe(const QString& path)
{
    auto opened = MediaInput::open(path);
    if (!opened) return opened.error();
    const MediaInput& input = **opened;

    MediaInfo info;
    info.durationMs = input.durationMs();
    info.sizeBytes = QFileInfo(path).size();
    if (const AVStream* video = input.videoStream()) {
        info.hasVideo = true;
        info.width = video->codecpar->width;
        info.height = video->codecpar->height;
        if (video->avg_frame_rate.num > 0 && video->avg_frame_rate.den > 0)
            info.fps = av_q2d(video->avg_frame_rate);
        info.rotationDeg = rotationOf(video);
        info.videoCodec = QString::fromUtf8(avcodec_get_name(video->codecpar->codec_id));
    }
    if (const AVStream* audio = input.audioStream()) {
        info.hasAudio = true;
        info.audioSampleRate = audio->codecpar->sample_rate;
        info.audioChannels = audio->codecpar->ch_layout.nb_channels;
        info.audioCodec = QString::fromUtf8(avcodec_get_name(audio->codecpar->codec_id));
    }
    return info;
}

}  // namespace motor::media
