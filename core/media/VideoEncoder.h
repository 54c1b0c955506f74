#pragma once
// H.264 (libx264) or MPEG-4 part 2 encoder writing into a MediaOutput. libx264 is in
// Debian's libavcodec but not in every build; Auto falls back to the native mpeg4 encoder.
#include <QString>
#include <memory>

#include "core/media/AvHandles.h"
#include "core/util/Result.h"

namespace motor::media {

class MediaOutput;

enum class VideoCodecChoice { Auto, H264, Mpeg4 };

struct VideoEncoderSettings {
    int width = 0;
    int height = 0;
    AVRational frameRate{25, 1};
    AVRational timeBase{1, 25};  // of the frames' pts
    int keyframeIntervalFrames = 50;
    VideoCodecChoice codec = VideoCodecChoice::Auto;
    // libx264 preset; "veryfast" keeps test fixtures and re-encodes quick.
    QString h264Preset = QStringLiteral("veryfast");
    int h264Crf = 23;
};

class VideoEncoder {
public:
    // Adds the stream to `output`; call before output.begin().
    static Result<std::unique_ptr<VideoEncoder>> open(const VideoEncoderSettings& settings, MediaOutput& output);

    AVCodecContext* context() const { return ctx_.get(); }
    QString codecName() const;
    int streamIndex() const { return streamIndex_; }
    // frame == nullptr drains the encoder. The frame must be yuv420p at the set size.
    Status encode(const AVFrame* frame);

private:
    VideoEncoder(MediaOutput& output) : output_(output) {}

    MediaOutput& output_;
    CodecContextPtr ctx_;
    PacketPtr packet_ = makePacket();
    int streamIndex_ = -1;
};

}  // namespace motor::media
