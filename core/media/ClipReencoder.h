#pragma once
// ClipCutter's re-encoding path: decodes the source from the keyframe before the start and
// encodes exactly [start, end) -- video to H.264 (or mpeg4) at the source size and time
// base, audio to AAC at the source rate (at most two channels), trimmed to the sample.
#include <QString>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/media/AudioEncoder.h"
#include "core/media/AvHandles.h"
#include "core/media/ClipCutter.h"
#include "core/media/MediaInput.h"
#include "core/media/VideoEncoder.h"
#include "core/util/Result.h"

namespace motor::media {

class ClipReencoder {
public:
    ClipReencoder(MediaInput& input, std::int64_t startUs, std::int64_t endUs)
        : in_(input), startUs_(startUs), endUs_(endUs) {}
    Result<CutResult> run(const QString& targetPath);

private:
    Status onVideoFrame(AVFrame* frame);
    Status onAudioFrame(AVFrame* frame);
    Status drain(int k, AVPacket* packet);

    MediaInput& in_;
    std::int64_t startUs_;
    std::int64_t endUs_;
    int inIndex_[2] = {-1, -1};
    CodecContextPtr decoder_[2];
    std::unique_ptr<VideoEncoder> video_;
    std::unique_ptr<AudioEncoder> audio_;
    SwsContextPtr sws_;
    SwrContextPtr swr_;
    FramePtr yuv_ = makeFrame();
    FramePtr frame_ = makeFrame();
    std::vector<std::vector<float>> planes_;
    bool done_[2] = {true, true};
    std::int64_t audioSamplesOut_ = 0;
};

}  // namespace motor::media
