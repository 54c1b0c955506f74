#include "core/media/VideoFrameReader.h"

#include "core/media/AvError.h"
#include "core/media/DisplayRotation.h"

namespace motor::media {

namespace {
// A damaged stream can make every packet fail to decode, or produce frames without ever
// reaching the target; these caps turn that into an error instead of a long spin.
constexpr int kMaxPacketsPerTarget = 50'000;
constexpr int kMaxDecodeErrorsInARow = 500;
// Without a seek index, keep decoding rather than seek for targets this close ahead.
constexpr std::int64_t kContinueWithoutIndexUs = 1'000'000;

QString usText(std::int64_t us) {
    return msText(us / 1000);
}
}  // namespace

Result<std::unique_ptr<VideoFrameReader>> VideoFrameReader::open(const QString& path, std::int64_t budgetMs) {
    auto opened = MediaInput::open(path, budgetMs);
    if (!opened) return opened.error();
    std::unique_ptr<VideoFrameReader> reader(new VideoFrameReader(std::move(*opened)));
    MediaInput& input = *reader->input_;
    if (input.videoStreamIndex() < 0)
        return mediaError(path, QStringLiteral("has no video stream (audio only?); cannot read frames"));
    reader->stream_ = input.videoStreamIndex();
    reader->budgetMs_ = budgetMs;
    auto decoder = input.openDecoder(reader->stream_);
    if (!decoder) return decoder.error();
    reader->decoder_ = std::move(*decoder);
    if (!reader->frame_ || !reader->scratch_ || !reader->packet_)
        return mediaError(path, QStringLiteral("out of memory"));
    const AVStream* st = input.videoStream();
    const AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (rate.num > 0 && rate.den > 0) reader->frameDurationUs_ = av_rescale(1'000'000, rate.den, rate.num);
    reader->rotationDeg_ = displayRotationDeg(st);
    reader->positioned_ = true;  // a freshly opened file decodes from its start
    return reader;
}

bool VideoFrameReader::shouldContinue(std::int64_t targetUs) const {
    if (!positioned_ || lastPtsUs_ == kNone || targetUs <= lastPtsUs_) return false;
    AVStream* st = input_->videoStream();
    const AVIndexEntry* key =
        avformat_index_get_entry_from_timestamp(st, input_->fromMediaUs(targetUs, stream_), AVSEEK_FLAG_BACKWARD);
    if (key == nullptr || key->timestamp == AV_NOPTS_VALUE) return targetUs - lastPtsUs_ <= kContinueWithoutIndexUs;
    // A seek would land on this keyframe; if we have already decoded past it, decoding on
    // is never slower.
    return input_->toMediaUs(key->timestamp, stream_) <= lastPtsUs_;
}

Status VideoFrameReader::seekTo(std::int64_t targetUs) {
    ++seekCount_;
    if (const int rc = input_->seekBefore(stream_, targetUs); rc < 0)
        return mediaError(path(), QStringLiteral("cannot seek to %1").arg(usText(targetUs)), rc);
    avcodec_flush_buffers(decoder_.get());
    lastPtsUs_ = kNone;
    prevPtsUs_ = kNone;
    inputEnded_ = false;
    flushSent_ = false;
    skippedSinceSeek_ = false;
    positioned_ = true;
    return {};
}

Result<const AVFrame*> VideoFrameReader::frameAt(std::int64_t targetUs) {
    // A reader may stay open for a whole session (scrubbing in the player).
    input_->restartBudget(budgetMs_);
    // The frame we hold already is the first one at or after the target.
    if (lastPtsUs_ != kNone && lastPtsUs_ >= targetUs && prevPtsUs_ != kNone && prevPtsUs_ < targetUs)
        return static_cast<const AVFrame*>(frame_.get());
    if (!shouldContinue(targetUs)) {
        // A fresh reader asked for a time near the start needs no seek either.
        const bool atStart =
            lastPtsUs_ == kNone && positioned_ && seekCount_ == 0 && !inputEnded_ && targetUs < kContinueWithoutIndexUs;
        if (!atStart) {
            if (Status s = seekTo(targetUs); !s) return s.error();
        }
    }
    return decodeUntil(targetUs);
}

Result<const AVFrame*> VideoFrameReader::decodeUntil(std::int64_t targetUs) {
    int packets = 0;
    int errorsInARow = 0;
    for (;;) {
        int rc = avcodec_receive_frame(decoder_.get(), scratch_.get());
        if (rc == 0) {
            std::int64_t pts = scratch_->best_effort_timestamp;
            if (pts == AV_NOPTS_VALUE) pts = scratch_->pts;
            if (pts == AV_NOPTS_VALUE) {
                // Cannot place it in time: skip rather than guess.
                av_frame_unref(scratch_.get());
                continue;
            }
            // With frames dropped we no longer know which frame preceded this one.
            prevPtsUs_ = skippedSinceSeek_ ? kNone : lastPtsUs_;
            lastPtsUs_ = input_->toMediaUs(pts, stream_);
            std::swap(frame_, scratch_);
            av_frame_unref(scratch_.get());
            if (lastPtsUs_ >= targetUs) return static_cast<const AVFrame*>(frame_.get());
            continue;
        }
        if (rc == AVERROR_EOF) {
            flushSent_ = true;
            // Past the last frame but within its display time: that frame is what shows.
            if (lastPtsUs_ != kNone && targetUs < lastPtsUs_ + frameDurationUs_)
                return static_cast<const AVFrame*>(frame_.get());
            const QString endText = lastPtsUs_ == kNone
                                        ? QStringLiteral("no decodable frame")
                                        : QStringLiteral("the last frame is at %1").arg(usText(lastPtsUs_));
            return mediaError(
                path(),
                QStringLiteral("no video frame at %1: %2 (file truncated or damaged?)").arg(usText(targetUs), endText));
        }
        if (rc != AVERROR(EAGAIN)) {
            if (++errorsInARow > kMaxDecodeErrorsInARow)
                return mediaError(path(), QStringLiteral("video does not decode near %1").arg(usText(targetUs)), rc);
        }
        // The decoder wants input.
        if (inputEnded_) {
            if (flushSent_) return mediaError(path(), QStringLiteral("decoder stalled at %1").arg(usText(targetUs)));
            avcodec_send_packet(decoder_.get(), nullptr);  // drain the frames it still holds
            flushSent_ = true;
            continue;
        }
        if (input_->timedOut())
            return mediaError(path(), QStringLiteral("timed out decoding video at %1").arg(usText(targetUs)));
        if (++packets > kMaxPacketsPerTarget)
            return mediaError(path(), QStringLiteral("gave up decoding after %1 packets looking for %2")
                                          .arg(kMaxPacketsPerTarget)
                                          .arg(usText(targetUs)));
        rc = input_->readPacket(packet_.get());
        if (rc == AVERROR_EXIT)
            return mediaError(path(), QStringLiteral("timed out reading at %1").arg(usText(targetUs)));
        if (rc < 0) {
            // EOF or a read error in a damaged file: use what the decoder has.
            inputEnded_ = true;
            flushSent_ = false;
            continue;
        }
        if (packet_->stream_index == stream_) {
            // Frames shown well before the target are never returned: let the decoder drop
            // the ones nothing references (most B-frames). A frame's margin keeps the
            // end-of-file rule (the last frame covers targets up to its end) exact.
            const bool early = packet_->pts != AV_NOPTS_VALUE &&
                               input_->toMediaUs(packet_->pts, stream_) < targetUs - frameDurationUs_;
            decoder_->skip_frame = early ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
            if (early) skippedSinceSeek_ = true;
            rc = avcodec_send_packet(decoder_.get(), packet_.get());
            // Corrupt packets are skipped; the decoder resyncs at the next keyframe.
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                if (++errorsInARow > kMaxDecodeErrorsInARow)
                    return mediaError(path(), QStringLiteral("video does not decode near %1").arg(usText(targetUs)),
                                      rc);
            } else {
                errorsInARow = 0;
            }
        }
        av_packet_unref(packet_.get());
    }
}

}  // namespace motor::media
