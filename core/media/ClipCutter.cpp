#include "core/media/ClipCutter.h"

#include "core/media/AudioEncoder.h"
#include "core/media/AvError.h"
#include "core/media/DisplayRotation.h"
#include "core/media/MediaInput.h"
#include "core/media/MediaOutput.h"
#include "core/media/VideoEncoder.h"

#include <QFileInfo>

#include <algorithm>
#include <vector>

namespace motor::media {

namespace {
constexpr int kMaxPackets = 2'000'000;
constexpr int kMaxDecodeErrorsInARow = 500;

std::int64_t frameDurationUs(const AVStream* st)
{
    const AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    return rate.num > 0 && rate.den > 0 ? av_rescale(1'000'000, rate.den, rate.num) : 40'000;
}

// Media time of the keyframe a backward seek to startUs lands on (stream copy starts
// there). The primary stream is the video one when there is video.
Result<std::int64_t> keyframeAtOrBefore(MediaInput& input, int stream, std::int64_t startUs)
{
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

Result<CutResult> streamCopy(MediaInput& input, const QString& targetPath, std::int64_t startUs, std::int64_t endUs)
{
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
        if (n > kMaxPackets || input.timedOut()) return mediaError(input.path(), QStringLiteral("gave up copying: too many packets or timed out"));
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
        if (Status s = output.write(packet.get(), outIndex[k], input.format()->streams[st]->time_base); !s) return s.error();
        av_packet_unref(packet.get());
    }
    if (Status s = output.finish(); !s) return s.error();
    return CutResult{CutMode::StreamCopy, originUs / 1000, endUs / 1000};
}

// Decodes the source from the keyframe before the start and encodes exactly [start, end).
class Reencoder {
public:
    Reencoder(MediaInput& input, std::int64_t startUs, std::int64_t endUs) : in_(input), startUs_(startUs), endUs_(endUs) {}
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

Result<CutResult> Reencoder::run(const QString& targetPath)
{
    inIndex_[0] = in_.videoStreamIndex();
    inIndex_[1] = in_.audioStreamIndex();
    for (int k = 0; k < 2; ++k) {
        if (inIndex_[k] < 0) continue;
        auto dec = in_.openDecoder(inIndex_[k]);
        if (!dec) return dec.error();
        decoder_[k] = std::move(*dec);
        done_[k] = false;
    }
    auto created = MediaOutput::create(targetPath);
    if (!created) return created.error();
    MediaOutput& output = **created;
    if (decoder_[0]) {
        const AVStream* st = in_.videoStream();
        VideoEncoderSettings settings;
        settings.width = decoder_[0]->width;
        settings.height = decoder_[0]->height;
        settings.frameRate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : AVRational{25, 1};
        // The source's time base keeps every source timestamp distinct, even for VFR.
        settings.timeBase = st->time_base;
        settings.keyframeIntervalFrames = std::max(1, 2 * settings.frameRate.num / std::max(1, settings.frameRate.den));
        auto enc = VideoEncoder::open(settings, output);
        if (!enc) return enc.error();
        video_ = std::move(*enc);
        // Pixels are re-encoded as stored, so the display rotation must travel with them.
        if (const int rotation = displayRotationDeg(st); rotation != 0) {
            if (Status s = output.setDisplayRotation(video_->streamIndex(), rotation); !s) return s.error();
        }
        yuv_->format = AV_PIX_FMT_YUV420P;
        yuv_->width = video_->context()->width;
        yuv_->height = video_->context()->height;
        if (int rc = av_frame_get_buffer(yuv_.get(), 0); rc < 0) return mediaError(targetPath, QStringLiteral("out of memory"), rc);
    }
    if (decoder_[1]) {
        const int channels = std::min(2, decoder_[1]->ch_layout.nb_channels);
        auto enc = AudioEncoder::open(decoder_[1]->sample_rate, std::max(1, channels), output);
        if (!enc) return enc.error();
        audio_ = std::move(*enc);
    }
    if (Status s = output.begin(); !s) return s.error();

    const int primary = inIndex_[0] >= 0 ? inIndex_[0] : inIndex_[1];
    if (int rc = in_.seekBefore(primary, startUs_); rc < 0)
        return mediaError(in_.path(), QStringLiteral("cannot seek to %1").arg(msText(startUs_ / 1000)), rc);
    PacketPtr packet = makePacket();
    int errorsInARow = 0;
    for (int n = 0; !(done_[0] && done_[1]); ++n) {
        if (n > kMaxPackets || in_.timedOut()) return mediaError(in_.path(), QStringLiteral("gave up re-encoding: too many packets or timed out"));
        int rc = in_.readPacket(packet.get());
        if (rc < 0) break;  // end of file (or unreadable rest): flush below
        const int k = packet->stream_index == inIndex_[0] ? 0 : packet->stream_index == inIndex_[1] ? 1 : -1;
        if (k >= 0 && !done_[k]) {
            rc = avcodec_send_packet(decoder_[k].get(), packet.get());
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                if (++errorsInARow > kMaxDecodeErrorsInARow) return mediaError(in_.path(), QStringLiteral("source does not decode"), rc);
            } else {
                errorsInARow = 0;
                if (Status s = drain(k, packet.get()); !s) return s.error();
            }
        }
        av_packet_unref(packet.get());
    }
    for (int k = 0; k < 2; ++k) {
        if (!decoder_[k] || done_[k]) continue;
        avcodec_send_packet(decoder_[k].get(), nullptr);
        if (Status s = drain(k, nullptr); !s) return s.error();
    }
    if (video_) {
        if (Status s = video_->encode(nullptr); !s) return s.error();
    }
    if (audio_) {
        if (Status s = audio_->finish(); !s) return s.error();
    }
    if (Status s = output.finish(); !s) return s.error();
    return CutResult{CutMode::Reencode, startUs_ / 1000, endUs_ / 1000};
}

Status Reencoder::drain(int k, AVPacket*)
{
    for (;;) {
        const int rc = avcodec_receive_frame(decoder_[k].get(), frame_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return {};  // a damaged frame: skip it
        Status s = k == 0 ? onVideoFrame(frame_.get()) : onAudioFrame(frame_.get());
        av_frame_unref(frame_.get());
        if (!s) return s;
    }
}

Status Reencoder::onVideoFrame(AVFrame* frame)
{
    if (done_[0]) return {};
    const std::int64_t pts = frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) return {};
    const std::int64_t us = in_.toMediaUs(pts, inIndex_[0]);
    if (us < startUs_) return {};
    if (us >= endUs_) {
        done_[0] = true;
        return {};
    }
    sws_.reset(sws_getCachedContext(sws_.release(), frame->width, frame->height, static_cast<AVPixelFormat>(frame->format),
                                    yuv_->width, yuv_->height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws_) return mediaError(in_.path(), QStringLiteral("cannot convert the video's pixel format"));
    if (int rc = av_frame_make_writable(yuv_.get()); rc < 0) return mediaError(in_.path(), QStringLiteral("out of memory"), rc);
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, yuv_->data, yuv_->linesize);
    yuv_->pts = pts - in_.fromMediaUs(startUs_, inIndex_[0]);
    return video_->encode(yuv_.get());
}

Status Reencoder::onAudioFrame(AVFrame* frame)
{
    if (done_[1]) return {};
    AVCodecContext* enc = audio_->context();
    if (!swr_) {
        AVChannelLayout inLayout{};  // zeroed: av_channel_layout_copy uninits its target
        if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&inLayout, frame->ch_layout.nb_channels);
        else
            av_channel_layout_copy(&inLayout, &frame->ch_layout);
        SwrContext* raw = nullptr;
        int rc = swr_alloc_set_opts2(&raw, &enc->ch_layout, AV_SAMPLE_FMT_FLTP, enc->sample_rate, &inLayout,
                                     static_cast<AVSampleFormat>(frame->format), frame->sample_rate, 0, nullptr);
        av_channel_layout_uninit(&inLayout);
        swr_.reset(raw);
        if (rc < 0 || (rc = swr_init(swr_.get())) < 0) return mediaError(in_.path(), QStringLiteral("cannot set up audio conversion"), rc);
        planes_.resize(static_cast<std::size_t>(enc->ch_layout.nb_channels));
    }
    const std::int64_t pts = frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) return {};
    const int rate = enc->sample_rate;
    const std::int64_t firstSample = av_rescale(in_.toMediaUs(pts, inIndex_[1]) - startUs_, rate, 1'000'000);
    const std::int64_t endSample = av_rescale(endUs_ - startUs_, rate, 1'000'000);
    if (firstSample >= endSample) {
        done_[1] = true;
        return {};
    }
    // Same rate in and out: swresample only changes the layout/format, without delay.
    for (auto& p : planes_) p.resize(static_cast<std::size_t>(frame->nb_samples));
    std::vector<std::uint8_t*> out;
    for (auto& p : planes_) out.push_back(reinterpret_cast<std::uint8_t*>(p.data()));
    const int got = swr_convert(swr_.get(), out.data(), frame->nb_samples,
                                const_cast<const std::uint8_t**>(frame->extended_data), frame->nb_samples);
    if (got < 0) return mediaError(in_.path(), QStringLiteral("cannot convert audio"), got);
    // Keep only [start, end) and never write a sample twice.
    const std::int64_t from = std::max({std::int64_t{0}, -firstSample, audioSamplesOut_ - firstSample});
    const std::int64_t to = std::min<std::int64_t>(got, endSample - firstSample);
    if (to <= from) return {};
    std::vector<const float*> ptrs;
    for (auto& p : planes_) ptrs.push_back(p.data() + from);
    audioSamplesOut_ = firstSample + to;
    return audio_->push(ptrs.data(), static_cast<int>(to - from));
}
}  // namespace

Result<CutResult> ClipCutter::cut(const QString& sourcePath, const QString& targetPath, std::int64_t startMs,
                                  std::int64_t endMs, CutMode mode)
{
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
                                          .arg(startMs).arg(endMs).arg(msText(durationMs)));
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
    Reencoder reencoder(input, startUs, endUs);
    return reencoder.run(targetPath);
}

}  // namespace motor::media
