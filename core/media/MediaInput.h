#pragma once
// An opened media file for reading: demuxer, the chosen video/audio streams, decoders on
// demand, and timestamp conversion to "media time" (microseconds from the file's start,
// which is what players show). Shared by MediaProbe, VideoFrameReader, AudioDecoder and
// ClipCutter so that all of them open files, time out and report errors the same way.
#include <QString>
#include <cstdint>
#include <memory>

#include "core/media/AvHandles.h"
#include "core/media/Deadline.h"
#include "core/util/Result.h"

namespace motor::media {

class MediaInput {
public:
    // Time budget of one operation (open, one frame, one cut): the interrupt callback and
    // read loops stop when it is spent. Long-lived readers call restartBudget() per call.
    static constexpr std::int64_t kDefaultBudgetMs = 60'000;

    static Result<std::unique_ptr<MediaInput>> open(const QString& path, std::int64_t budgetMs = kDefaultBudgetMs);

    MediaInput(const MediaInput&) = delete;
    MediaInput& operator=(const MediaInput&) = delete;

    const QString& path() const { return path_; }
    AVFormatContext* format() const { return format_.get(); }
    int videoStreamIndex() const { return videoStream_; }
    int audioStreamIndex() const { return audioStream_; }
    AVStream* videoStream() const { return videoStream_ < 0 ? nullptr : format_->streams[videoStream_]; }
    AVStream* audioStream() const { return audioStream_ < 0 ? nullptr : format_->streams[audioStream_]; }
    std::int64_t durationMs() const;
    bool timedOut() const { return deadline_->expired(); }
    void restartBudget(std::int64_t budgetMs = kDefaultBudgetMs) { deadline_->restart(budgetMs); }

    Result<CodecContextPtr> openDecoder(int streamIndex) const;

    // av_read_frame, but AVERROR_EXIT once the budget is spent.
    int readPacket(AVPacket* packet);

    // Seeks so that the next packets of `streamIndex` start at the keyframe at or before
    // mediaUs (else at the start of the file). Returns the AVERROR code (>= 0 on success).
    int seekBefore(int streamIndex, std::int64_t mediaUs);

    // Seeks to the position nearest the start in either direction: the fallback when a
    // backward seek finds no keyframe (targets before the first one, files without index).
    int seekToStart();

    // Stream timestamp <-> media microseconds (relative to the file's start_time).
    std::int64_t toMediaUs(std::int64_t pts, int streamIndex) const;
    std::int64_t fromMediaUs(std::int64_t mediaUs, int streamIndex) const;

private:
    MediaInput(QString path, std::unique_ptr<Deadline> deadline);

    QString path_;
    std::unique_ptr<Deadline> deadline_;  // referenced by the AVIOInterruptCB: outlives format_
    InputFormatPtr format_;
    int videoStream_ = -1;
    int audioStream_ = -1;
    std::int64_t originUs_ = 0;
};

}  // namespace motor::media
