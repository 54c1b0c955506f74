#include "core/media/AudioEncoder.h"

#include "core/media/AvError.h"
#include "core/media/MediaOutput.h"

namespace motor::media {

Result<std::unique_ptr<AudioEncoder>> AudioEncoder::open(int sampleRate, int channels, MediaOutput& output) {
    const QString& path = output.path();
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (codec == nullptr) return mediaError(path, QStringLiteral("AAC encoder is not available"));
    std::unique_ptr<AudioEncoder> enc(new AudioEncoder(output));
    enc->ctx_.reset(avcodec_alloc_context3(codec));
    if (!enc->ctx_ || !enc->frame_ || !enc->packet_) return mediaError(path, QStringLiteral("out of memory"));
    AVCodecContext* ctx = enc->ctx_.get();
    ctx->sample_fmt = AV_SAMPLE_FMT_FLTP;
    ctx->sample_rate = sampleRate;
    av_channel_layout_default(&ctx->ch_layout, channels);
    ctx->bit_rate = 64'000 * channels;
    ctx->time_base = AVRational{1, sampleRate};
    if (output.needsGlobalHeader()) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int rc = avcodec_open2(ctx, codec, nullptr);
    if (rc < 0) return mediaError(path, QStringLiteral("cannot open AAC encoder"), rc);
    auto stream = output.addStream(ctx);
    if (!stream) return stream.error();
    enc->streamIndex_ = *stream;
    enc->fifo_.reset(av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, channels, ctx->frame_size * 4));
    if (!enc->fifo_) return mediaError(path, QStringLiteral("out of memory"));
    return enc;
}

Status AudioEncoder::push(const float* const* planes, int sampleCount) {
    // av_audio_fifo_write's signature is not const-correct; it only reads.
    void* const* data = reinterpret_cast<void* const*>(const_cast<float* const*>(planes));
    if (av_audio_fifo_write(fifo_.get(), const_cast<void**>(data), sampleCount) < sampleCount)
        return mediaError(output_.path(), QStringLiteral("out of memory buffering audio"));
    return encodeFrames(false);
}

Status AudioEncoder::finish() {
    Status rest = encodeFrames(true);
    if (!rest) return rest;
    return send(nullptr);
}

Status AudioEncoder::encodeFrames(bool flushPartial) {
    const int frameSize = ctx_->frame_size;
    while (av_audio_fifo_size(fifo_.get()) >= frameSize || (flushPartial && av_audio_fifo_size(fifo_.get()) > 0)) {
        const int available = std::min(av_audio_fifo_size(fifo_.get()), frameSize);
        av_frame_unref(frame_.get());
        // A short last frame is allowed only with SMALL_LAST_FRAME; otherwise pad with silence.
        const bool small = ctx_->codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME;
        frame_->nb_samples = small ? available : frameSize;
        frame_->format = ctx_->sample_fmt;
        frame_->sample_rate = ctx_->sample_rate;
        av_channel_layout_copy(&frame_->ch_layout, &ctx_->ch_layout);
        int rc = av_frame_get_buffer(frame_.get(), 0);
        if (rc < 0) return mediaError(output_.path(), QStringLiteral("out of memory"), rc);
        av_samples_set_silence(frame_->extended_data, 0, frame_->nb_samples, ctx_->ch_layout.nb_channels,
                               ctx_->sample_fmt);
        av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(frame_->extended_data), available);
        frame_->pts = nextPts_;
        nextPts_ += frame_->nb_samples;
        Status sent = send(frame_.get());
        if (!sent) return sent;
    }
    return {};
}

Status AudioEncoder::send(const AVFrame* frame) {
    int rc = avcodec_send_frame(ctx_.get(), frame);
    if (rc < 0 && rc != AVERROR_EOF)
        return mediaError(output_.path(), QStringLiteral("audio encoder rejected a frame"), rc);
    for (;;) {
        rc = avcodec_receive_packet(ctx_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return mediaError(output_.path(), QStringLiteral("audio encoding failed"), rc);
        Status written = output_.write(packet_.get(), streamIndex_, ctx_->time_base);
        av_packet_unref(packet_.get());
        if (!written) return written;
    }
}

}  // namespace motor::media
