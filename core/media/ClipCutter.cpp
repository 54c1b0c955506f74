#include "core/media/ClipCutter.h"

#include <QFileInfo>
#include <algorithm>
#include <vector>

#include "core/media/AvError.h"
#include "core/media/ClipReencoder.h"
#include "core/media/MediaInput.h"
#include "core/media/MediaOutput.h"

namespace motor::media {

namespace {
constexpr int kMaxPackets = 2'000'000;

std::int64_t frameDurationUs(const AVStream* st) {
    const AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    return rate.num > 0 && rate.den > 0 ? av_rescale(1'000'000, rate.den, rate.num) : 40'000;
}

// Media time of the keyframe a backward seek to startUs lands on (stream copy starts
// there). The primary stream is the video one when there is video.
Result<std::int64_t> keyframeAtOrBefore(MediaInput& input, int stream, std::int64_t startUs) {
    int rc = input.seekBefore(stream, startUs);
    if (rc < 0) return mediaError(input.path(), QStringLiteral("cannot seek to %1").arg(msText(startUs / 1000)), rc);
    PacketPtr packet = makePacket();
    for (int n = 0; n < kMaxPackets; ++n) {
        rc = input.readPacket(packet.get());
        if (rc < 0) return mediaError(input.path(), QStringLiteral("no packet at %1").arg(msText(startUs / 1000)), rc);
        if (packet->stream_index == stream) {
            const std::int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            return ts == AV_NOPTS_VALUE ? std::int64_t{0} : input.toMediaUs(ts, stream);
        }
        av_packet_unref(packet.get());
    }
    return mediaError(input.path(), QStringLiteral("no packet of the stream near %1").arg(msText(startUs / 1000)));
}

Result<CutResult> streamCopy(MediaInput& input, const QString& targetPath, std::int64_t startUs, std::int64_t endUs) {
    const int primary = input.videoStreamIndex() >= 0 ? input.videoStreamIndex() : input.audioStreamIndex();
    auto keyframe = keyframeAtOrBefore(input, primary, startUs);
    if (!keyframe) return keyframe.error();
    const std::int64_t originUs = std::min(*keyframe, startUs);
    if (int rc = input.seekBefore(primary, startUs); rc < 0)
        return mediaError(input.path(), QStringLiteral("cannot seek to %1").arg(msText(startUs / 1000)), rc);

    auto created = MediaOutput::create(targetPath);
    if (!created) return created.error();
    MediaOutput& output = **created;
    int outIndex[2] = {-1, -1};  // by input: video, audio
    const int inIndex[2] = {input.videoStreamIndex(), input.audioStreamIndex()};
    for (int k = 0; k < 2; ++k) {
        if (inIndex[k] < 0) continue;
        auto added = output.addCopiedStream(input.format()->streams[inIndex[k]]);
        if (!added) return added.error();
        outIndex[k] = *added;
    }
    if (Status s = output.begin(); !s) return s.error();

    bool done[2] = {inIndex[0] < 0, inIndex[1] < 0};
    PacketPtr packet = makePacket();
    for (int n = 0; !(done[0] && done[1]); ++n) {
        if (n > kMaxPackets || input.timedOut())
            return mediaError(input.path(), QStringLiteral("gave up copying: too many packets or timed out"));
        int rc = input.readPacket(packet.get());
        if (rc == AVERROR_EOF) break;
        if (rc < 0) return mediaError(input.path(), QStringLiteral("read error while copying"), rc);
        const int k = packet->stream_index == inIndex[0] ? 0 : packet->stream_index == inIndex[1] ? 1 : -1;
        if (k < 0 || done[k] || (packet->pts == AV_NOPTS_VALUE && packet->dts == AV_NOPTS_VALUE)) {
            av_packet_unref(packet.get());
            continue;
        }
        const int st = inIndex[k];
        const std::int64_t ptsUs = input.toMediaUs(packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts, st);
        const std::int64_t dtsUs = packet->dts != AV_NOPTS_VALUE ? input.toMediaUs(packet->dts, st) : ptsUs;
        // Video runs in decode order: a frame shown before the end may reference one shown
        // after it, so non-key video stops on decode time (up to the reorder depth of
        // extra frames when the end is mid-GOP). A keyframe at/after the end starts a GOP
        // nothing before the end needs. Audio stops on presentation time.
        const bool keyframe = (packet->flags & AV_PKT_FLAG_KEY) != 0;
        const bool pastEnd = k == 1 ? ptsUs >= endUs : (dtsUs >= endUs || (keyframe && ptsUs >= endUs));
        if (pastEnd) {
            done[k] = true;
            av_packet_unref(packet.get());
            continue;
        }
        if (ptsUs < originUs) {
            av_packet_unref(packet.get());
            continue;  // audio before the start; video before the keyframe
        }
        const std::int64_t offset = input.fromMediaUs(originUs, st);
        if (packet->pts != AV_NOPTS_VALUE) packet->pts -= offset;
        if (packet->dts != AV_NOPTS_VALUE) packet->dts -= offset;
        packet->pos = -1;
        if (Status s = output.write(packet.get(), outIndex[k], input.format()->streams[st]->time_base); !s)
            return s.error();
        av_packet_unref(packet.get());
    }
    if (Status s = output.finish(); !s) return s.error();
    return CutResult{CutMode::StreamCopy, originUs / 1000, endUs / 1000};
}

}  // namespace

Result<CutResult> ClipCutter::cut(const QString& sourcePath, const QString& targetPath, std::int64_t startMs,
                                  std::int64_t endMs, CutMode mode) {
    if (startMs < 0 || endMs <= startMs)
        return mediaError(sourcePath, QStringLiteral("invalid time range %1-%2 ms").arg(startMs).arg(endMs));
    if (QFileInfo(sourcePath).absoluteFilePath() == QFileInfo(targetPath).absoluteFilePath())
        return mediaError(sourcePath, QStringLiteral("cannot cut a file onto itself"));
    auto opened = MediaInput::open(sourcePath);
    if (!opened) return opened.error();
    MediaInput& input = **opened;
    // Re-encoding HD on two cores runs at a few times real time at worst; allow that.
    input.restartBudget(MediaInput::kDefaultBudgetMs + 4 * (endMs - startMs));
    const std::int64_t durationMs = input.durationMs();
    if (durationMs > 0 && endMs > durationMs + 1)
        return mediaError(sourcePath, QStringLiteral("time range %1-%2 ms is outside the media (duration %3)")
                                          .arg(startMs)
                                          .arg(endMs)
                                          .arg(msText(durationMs)));
    const std::int64_t startUs = startMs * 1000;
    const std::int64_t endUs = endMs * 1000;

    if (mode == CutMode::Auto) {
        mode = CutMode::Reencode;
        if (input.videoStreamIndex() < 0) {
            mode = CutMode::StreamCopy;  // every audio frame is a keyframe
        } else {
            auto keyframe = keyframeAtOrBefore(input, input.videoStreamIndex(), startUs);
            if (keyframe && std::abs(*keyframe - startUs) * 2 < frameDurationUs(input.videoStream()))
                mode = CutMode::StreamCopy;
        }
    }
    if (mode == CutMode::StreamCopy) return streamCopy(input, targetPath, startUs, endUs);
    ClipReencoder reencoder(input, startUs, endUs);
    return reencoder.run(targetPath);
}

}  // namespace motor::media
