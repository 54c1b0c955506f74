#pragma once
// Frame-accurate random access to a file's video: frameAt(t) returns the first frame whose
// presentation time is >= t. It seeks to the keyframe before t and decodes forward, but
// when t lies ahead in the GOP being decoded it just keeps decoding: seeking would land
// on the same keyframe and decode the same frames again. Requests in increasing time
// order (FrameSampler's) therefore cost one pass per GOP.
#include <QString>
#include <cstdint>
#include <memory>

#include "core/media/AvHandles.h"
#include "core/media/MediaInput.h"
#include "core/util/Result.h"

namespace motor::media {

class VideoFrameReader {
public:
    static Result<std::unique_ptr<VideoFrameReader>> open(const QString& path,
                                                          std::int64_t budgetMs = MediaInput::kDefaultBudgetMs);

    const QString& path() const { return input_->path(); }
    std::int64_t durationMs() const { return input_->durationMs(); }
    int rotationDeg() const { return rotationDeg_; }

    // The returned frame stays valid until the next call. Its pts is media time in
    // microseconds via ptsUs().
    Result<const AVFrame*> frameAt(std::int64_t targetUs);
    std::int64_t lastPtsUs() const { return lastPtsUs_; }

    // Seeks performed so far (tests check that close targets do not seek).
    int seekCount() const { return seekCount_; }

private:
    explicit VideoFrameReader(std::unique_ptr<MediaInput> input) : input_(std::move(input)) {}
    bool shouldContinue(std::int64_t targetUs) const;
    Status seekTo(std::int64_t targetUs);
    Result<const AVFrame*> decodeUntil(std::int64_t targetUs);

    static constexpr std::int64_t kNone = INT64_MIN;

    std::unique_ptr<MediaInput> input_;
    CodecContextPtr decoder_;
    FramePtr frame_ = makeFrame();    // the frame returned last
    FramePtr scratch_ = makeFrame();  // receives the next decoded frame
    PacketPtr packet_ = makePacket();
    int stream_ = -1;
    int rotationDeg_ = 0;
    std::int64_t frameDurationUs_ = 40'000;
    std::int64_t lastPtsUs_ = kNone;  // pts of frame_
    std::int64_t prevPtsUs_ = kNone;  // pts of the frame decoded before frame_
    bool positioned_ = false;         // decoder state follows a seek (or the file start)
    bool inputEnded_ = false;
    bool flushSent_ = false;         // the decoder was told the input ended
    bool skippedSinceSeek_ = false;  // non-reference frames were dropped
    int seekCount_ = 0;
    std::int64_t budgetMs_ = MediaInput::kDefaultBudgetMs;
};

}  // namespace motor::media
