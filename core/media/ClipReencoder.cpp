#include "core/media/ClipReencoder.h"

#include <algorithm>

#include "core/media/AvError.h"
#include "core/media/DisplayRotation.h"
#include "core/media/MediaOutput.h"

namespace motor::media {

namespace {
constexpr int kMaxPackets = 2'000'000;
constexpr int kMaxDecodeErrorsInARow = 500;
}  // namespace

Result<CutResult> ClipReencoder::run(const QString& targetPath) {
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
        if (int rc = av_frame_get_buffer(yuv_.get(), 0); rc < 0)
            return mediaError(targetPath, QStringLiteral("out of memory"), rc);
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
        if (n > kMaxPackets || in_.timedOut())
            return mediaError(in_.path(), QStringLiteral("gave up re-encoding: too many packets or timed out"));
        int rc = in_.readPacket(packet.get());
        if (rc < 0) break;  // end of file (or unreadable rest): flush below
        const int k = packet->stream_index == inIndex_[0] ? 0 : packet->stream_index == inIndex_[1] ? 1 : -1;
        if (k >= 0 && !done_[k]) {
            rc = avcodec_send_packet(decoder_[k].get(), packet.get());
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                if (++errorsInARow > kMaxDecodeErrorsInARow)
                    return mediaError(in_.path(), QStringLiteral("source does not decode"), rc);
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

Status ClipReencoder::drain(int k, AVPacket*) {
    for (;;) {
        const int rc = avcodec_receive_frame(decoder_[k].get(), frame_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return {};  // a damaged frame: skip it
        Status s = k == 0 ? onVideoFrame(frame_.get()) : onAudioFrame(frame_.get());
        av_frame_unref(frame_.get());
        if (!s) return s;
    }
}

Status ClipReencoder::onVideoFrame(AVFrame* frame) {
    if (done_[0]) return {};
    const std::int64_t pts = frame->best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) return {};
    const std::int64_t us = in_.toMediaUs(pts, inIndex_[0]);
    if (us < startUs_) return {};
    if (us >= endUs_) {
        done_[0] = true;
        return {};
    }
    sws_.reset(sws_getCachedContext(sws_.release(), frame->width, frame->height,
                                    static_cast<AVPixelFormat>(frame->format), yuv_->width, yuv_->height,
                                    AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws_) return mediaError(in_.path(), QStringLiteral("cannot convert the video's pixel format"));
    if (int rc = av_frame_make_writable(yuv_.get()); rc < 0)
        return mediaError(in_.path(), QStringLiteral("out of memory"), rc);
    sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, yuv_->data, yuv_->linesize);
    yuv_->pts = pts - in_.fromMediaUs(startUs_, inIndex_[0]);
    return video_->encode(yuv_.get());
}

Status ClipReencoder::onAudioFrame(AVFrame* frame) {
    if (done_[1]) return {};
    AVCodecContext* enc = audio_->context();
    if (!swr_) {
        int rc = 0;
        swr_ = makeResampler(*frame, enc->ch_layout, AV_SAMPLE_FMT_FLTP, enc->sample_rate, rc);
        if (!swr_) return mediaError(in_.path(), QStringLiteral("cannot set up audio conversion"), rc);
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
}  // namespace motor::media
