#include "core/media/MediaProbe.h"

#include "core/media/DisplayRotation.h"
#include "core/media/MediaInput.h"

#include <QFileInfo>

namespace motor::media {

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
        info.rotationDeg = displayRotationDeg(video);
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
