#include "core/media/JpegEncoder.h"

#include <algorithm>

#include "core/media/AvError.h"
#include "core/media/AvHandles.h"

namespace motor::media {

namespace {
const QString kWhat = QStringLiteral("<jpeg>");
}

Result<QByteArray> JpegEncoder::encode(const RgbFrame& frame, int quality) {
    quietFfmpegLogging();
    if (frame.width <= 0 || frame.height <= 0 ||
        frame.rgb.size() != static_cast<std::size_t>(frame.width) * frame.height * 3)
        return mediaError(
            kWhat,
            QStringLiteral("frame %1x%2 has %3 bytes of RGB").arg(frame.width).arg(frame.height).arg(frame.rgb.size()));
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (codec == nullptr) return mediaError(kWhat, QStringLiteral("mjpeg encoder is not available"));
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    FramePtr yuv = makeFrame();
    PacketPtr packet = makePacket();
    if (!ctx || !yuv || !packet) return mediaError(kWhat, QStringLiteral("out of memory"));
    ctx->width = frame.width;
    ctx->height = frame.height;
    // Full-range 4:2:0 is what JPEG viewers expect.
    ctx->pix_fmt = AV_PIX_FMT_YUVJ420P;
    ctx->color_range = AVCOL_RANGE_JPEG;
    ctx->time_base = AVRational{1, 25};
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    int rc = avcodec_open2(ctx.get(), codec, nullptr);
    if (rc < 0) return mediaError(kWhat, QStringLiteral("cannot open mjpeg encoder"), rc);

    yuv->format = ctx->pix_fmt;
    yuv->width = frame.width;
    yuv->height = frame.height;
    rc = av_frame_get_buffer(yuv.get(), 0);
    if (rc < 0) return mediaError(kWhat, QStringLiteral("out of memory"), rc);
    SwsContextPtr sws(sws_getContext(frame.width, frame.height, AV_PIX_FMT_RGB24, frame.width, frame.height,
                                     AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws) return mediaError(kWhat, QStringLiteral("cannot create colour converter"));
    const uint8_t* src[1] = {frame.rgb.data()};
    const int srcStride[1] = {3 * frame.width};
    sws_scale(sws.get(), src, srcStride, 0, frame.height, yuv->data, yuv->linesize);
    // qscale 2 (best) .. 31 (worst).
    const int q = std::clamp(31 - (std::clamp(quality, 1, 100) - 1) * 29 / 99, 2, 31);
    yuv->quality = FF_QP2LAMBDA * q;
    yuv->pts = 0;

    rc = avcodec_send_frame(ctx.get(), yuv.get());
    if (rc < 0) return mediaError(kWhat, QStringLiteral("mjpeg encoder rejected the frame"), rc);
    rc = avcodec_receive_packet(ctx.get(), packet.get());
    if (rc < 0) return mediaError(kWhat, QStringLiteral("mjpeg encoding failed"), rc);
    return QByteArray(reinterpret_cast<const char*>(packet->data), packet->size);
}

}  // namespace motor::media
