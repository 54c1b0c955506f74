#include "core/media/VideoEncoder.h"

#include "core/media/AvError.h"
#include "core/media/MediaOutput.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace motor::media {

namespace {
const AVCodec* findCodec(VideoCodecChoice choice) {
    switch (choice) {
        case VideoCodecChoice::H264:
            return avcodec_find_encoder_by_name("libx264");
        case VideoCodecChoice::Mpeg4:
            return avcodec_find_encoder(AV_CODEC_ID_MPEG4);
        case VideoCodecChoice::Auto:
            if (const AVCodec* x264 = avcodec_find_encoder_by_name("libx264")) return x264;
            return avcodec_find_encoder(AV_CODEC_ID_MPEG4);
    }
    return nullptr;
}
}  // namespace

Result<std::unique_ptr<VideoEncoder>> VideoEncoder::open(const VideoEncoderSettings& settings, MediaOutput& output) {
    const QString& path = output.path();
    const AVCodec* codec = findCodec(settings.codec);
    if (codec == nullptr) return mediaError(path, QStringLiteral("requested video encoder is not available"));
    std::unique_ptr<VideoEncoder> enc(new VideoEncoder(output));
    enc->ctx_.reset(avcodec_alloc_context3(codec));
    if (!enc->ctx_ || !enc->packet_) return mediaError(path, QStringLiteral("out of memory"));
    AVCodecContext* ctx = enc->ctx_.get();
    // yuv420p needs even dimensions.
    ctx->width = settings.width & ~1;
    ctx->height = settings.height & ~1;
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    // Callers convert with swscale's default matrix (BT.601, limited range); say so in
    // the stream so decoders do not guess BT.709 for HD sizes.
    ctx->colorspace = AVCOL_SPC_SMPTE170M;
    ctx->color_primaries = AVCOL_PRI_SMPTE170M;
    ctx->color_trc = AVCOL_TRC_SMPTE170M;
    ctx->color_range = AVCOL_RANGE_MPEG;
    ctx->time_base = settings.timeBase;
    ctx->framerate = settings.frameRate;
    ctx->gop_size = settings.keyframeIntervalFrames;
    ctx->thread_count = 2;
    if (output.needsGlobalHeader()) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (codec->id == AV_CODEC_ID_H264) {
        av_opt_set(ctx->priv_data, "preset", settings.h264Preset.toUtf8().constData(), 0);
        av_opt_set_int(ctx->priv_data, "crf", settings.h264Crf, 0);
        // Keyframes only where the GOP says: frame-accuracy tests rely on a known layout.
        av_opt_set(ctx->priv_data, "x264-params", "scenecut=0", 0);
    } else {
        // mpeg4 has no CRF: a generous bitrate keeps the synthetic picture readable.
        ctx->bit_rate = static_cast<int64_t>(ctx->width) * ctx->height * 4;
    }
    if (ctx->width <= 0 || ctx->height <= 0)
        return mediaError(path, QStringLiteral("invalid video size %1x%2").arg(settings.width).arg(settings.height));
    int rc = avcodec_open2(ctx, codec, nullptr);
    if (rc < 0)
        return mediaError(path, QStringLiteral("cannot open video encoder %1").arg(QString::fromUtf8(codec->name)), rc);
    auto stream = output.addStream(ctx);
    if (!stream) return stream.error();
    enc->streamIndex_ = *stream;
    return enc;
}

QString VideoEncoder::codecName() const {
    return QString::fromUtf8(ctx_->codec->name);
}

Status VideoEncoder::encode(const AVFrame* frame) {
    int rc = avcodec_send_frame(ctx_.get(), frame);
    if (rc < 0 && rc != AVERROR_EOF)
        return mediaError(output_.path(), QStringLiteral("video encoder rejected a frame"), rc);
    for (;;) {
        rc = avcodec_receive_packet(ctx_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return mediaError(output_.path(), QStringLiteral("video encoding failed"), rc);
        Status written = output_.write(packet_.get(), streamIndex_, ctx_->time_base);
        av_packet_unref(packet_.get());
        if (!written) return written;
    }
}

}  // namespace motor::media
