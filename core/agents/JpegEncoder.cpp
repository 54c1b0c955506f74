#include "core/agents/JpegEncoder.h"

#include "core/media/AvHandles.h"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace motor::agents {

Result<QByteArray> encodeJpeg(const media::RgbFrame& frame, int quality) {
    if (frame.width <= 0 || frame.height <= 0 || frame.rgb.size() < size_t(frame.width) * size_t(frame.height) * 3)
        return makeError(QStringLiteral("jpeg: empty or truncated frame"));
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (!codec) return makeError(QStringLiteral("jpeg: FFmpeg has no MJPEG encoder"));
    media::CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return makeError(QStringLiteral("jpeg: out of memory"));
    ctx->width = frame.width;
    ctx->height = frame.height;
    ctx->pix_fmt = AV_PIX_FMT_YUVJ420P;
    ctx->time_base = AVRational{1, 25};
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    // qscale 2 (best) .. 31 (worst).
    const int q = std::clamp(quality, 1, 100);
    const int qscale = 2 + (100 - q) * 29 / 99;
    ctx->global_quality = FF_QP2LAMBDA * qscale;
    ctx->qmin = ctx->qmax = qscale;
    if (avcodec_open2(ctx.get(), codec, nullptr) < 0) return makeError(QStringLiteral("jpeg: cannot open the MJPEG encoder"));

    media::FramePtr yuv = media::makeFrame();
    yuv->format = AV_PIX_FMT_YUVJ420P;
    yuv->width = frame.width;
    yuv->height = frame.height;
    if (av_frame_get_buffer(yuv.get(), 0) < 0) return makeError(QStringLiteral("jpeg: out of memory"));
    media::SwsContextPtr sws(sws_getContext(frame.width, frame.height, AV_PIX_FMT_RGB24, frame.width, frame.height,
                                            AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws) return makeError(QStringLiteral("jpeg: cannot convert RGB to YUV"));
    const uint8_t* src[1] = {frame.rgb.data()};
    const int srcStride[1] = {3 * frame.width};
    sws_scale(sws.get(), src, srcStride, 0, frame.height, yuv->data, yuv->linesize);
    yuv->quality = ctx->global_quality;
    yuv->pts = 0;

    if (avcodec_send_frame(ctx.get(), yuv.get()) < 0 || avcodec_send_frame(ctx.get(), nullptr) < 0)
        return makeError(QStringLiteral("jpeg: encoding failed"));
    media::PacketPtr packet = media::makePacket();
    QByteArray out;
    while (avcodec_receive_packet(ctx.get(), packet.get()) == 0) {
        out.append(reinterpret_cast<const char*>(packet->data), packet->size);
        av_packet_unref(packet.get());
    }
    if (out.isEmpty()) return makeError(QStringLiteral("jpeg: encoder produced nothing"));
    return out;
}

}  // namespace motor::agents
