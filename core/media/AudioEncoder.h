#pragma once
// AAC encoder writing into a MediaOutput. AAC wants fixed-size frames (1024 samples) of
// planar float; callers push any amount of planar float and a FIFO re-chunks it.
#include <cstdint>
#include <memory>

#include "core/media/AvHandles.h"
#include "core/util/Result.h"

namespace motor::media {

class MediaOutput;

class AudioEncoder {
public:
    static Result<std::unique_ptr<AudioEncoder>> open(int sampleRate, int channels, MediaOutput& output);

    AVCodecContext* context() const { return ctx_.get(); }
    // planes: `channels` pointers to float samples (AV_SAMPLE_FMT_FLTP layout).
    Status push(const float* const* planes, int sampleCount);
    // Encodes what is left in the FIFO and drains the encoder.
    Status finish();

private:
    explicit AudioEncoder(MediaOutput& output) : output_(output) {}
    Status encodeFrames(bool flushPartial);
    Status send(const AVFrame* frame);

    MediaOutput& output_;
    CodecContextPtr ctx_;
    AudioFifoPtr fifo_;
    FramePtr frame_ = makeFrame();
    PacketPtr packet_ = makePacket();
    int streamIndex_ = -1;
    std::int64_t nextPts_ = 0;
};

}  // namespace motor::media
