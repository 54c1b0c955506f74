#include "core/media/MediaOutput.h"

#include <QFile>

#include "core/media/AvError.h"

extern "C" {
#include <libavutil/display.h>
}

#include <cstdio>
#include <cstring>

namespace motor::media {

MediaOutput::MediaOutput(QString path, QString partialPath)
    : path_(std::move(path)), partialPath_(std::move(partialPath)) {}

MediaOutput::~MediaOutput() {
    if (!finished_) {
        format_.reset();  // close the file before removing it
        QFile::remove(partialPath_);
    }
}

Result<std::unique_ptr<MediaOutput>> MediaOutput::create(const QString& path) {
    quietFfmpegLogging();
    std::unique_ptr<MediaOutput> out(new MediaOutput(path, path + QStringLiteral(".partial")));
    // The muxer is chosen from the real name: the .partial suffix means nothing to FFmpeg.
    const QByteArray utf8 = path.toUtf8();
    const AVOutputFormat* format = av_guess_format(nullptr, utf8.constData(), nullptr);
    if (format == nullptr) return mediaError(path, QStringLiteral("no container format for this file extension"));
    AVFormatContext* raw = nullptr;
    const int rc = avformat_alloc_output_context2(&raw, format, nullptr, out->partialPath_.toUtf8().constData());
    if (rc < 0 || raw == nullptr) return mediaError(path, QStringLiteral("cannot create muxer"), rc);
    out->format_.reset(raw);
    return out;
}

bool MediaOutput::needsGlobalHeader() const {
    return (format_->oformat->flags & AVFMT_GLOBALHEADER) != 0;
}

Result<int> MediaOutput::addStream(const AVCodecContext* encoder) {
    AVStream* st = avformat_new_stream(format_.get(), nullptr);
    if (st == nullptr) return mediaError(path_, QStringLiteral("cannot add stream"));
    const int rc = avcodec_parameters_from_context(st->codecpar, encoder);
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot set stream parameters"), rc);
    st->time_base = encoder->time_base;
    if (encoder->codec_type == AVMEDIA_TYPE_VIDEO) st->avg_frame_rate = encoder->framerate;
    return st->index;
}

Result<int> MediaOutput::addCopiedStream(const AVStream* source) {
    AVStream* st = avformat_new_stream(format_.get(), nullptr);
    if (st == nullptr) return mediaError(path_, QStringLiteral("cannot add stream"));
    const int rc = avcodec_parameters_copy(st->codecpar, source->codecpar);
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot copy stream parameters"), rc);
    // The source container's fourcc may not be valid in ours; let the muxer pick.
    st->codecpar->codec_tag = 0;
    st->time_base = source->time_base;
    st->avg_frame_rate = source->avg_frame_rate;
    // Keep the display rotation of phone footage.
    std::size_t size = 0;
    if (const uint8_t* matrix = av_stream_get_side_data(source, AV_PKT_DATA_DISPLAYMATRIX, &size)) {
        if (uint8_t* dst = av_stream_new_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, size)) std::memcpy(dst, matrix, size);
    }
    return st->index;
}

Status MediaOutput::setDisplayRotation(int streamIndex, int clockwiseDeg) {
    if (streamIndex < 0 || streamIndex >= static_cast<int>(format_->nb_streams))
        return mediaError(path_, QStringLiteral("no stream %1 to rotate").arg(streamIndex));
    auto* matrix = reinterpret_cast<int32_t*>(
        av_stream_new_side_data(format_->streams[streamIndex], AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t)));
    if (matrix == nullptr) return mediaError(path_, QStringLiteral("out of memory"));
    // av_display_rotation_set takes a clockwise angle (av_display_rotation_get returns a
    // counter-clockwise one).
    av_display_rotation_set(matrix, clockwiseDeg);
    return {};
}

Status MediaOutput::begin() {
    AVFormatContext* ctx = format_.get();
    if (!(ctx->oformat->flags & AVFMT_NOFILE)) {
        const int rc = avio_open(&ctx->pb, partialPath_.toUtf8().constData(), AVIO_FLAG_WRITE);
        if (rc < 0) return mediaError(path_, QStringLiteral("cannot create %1").arg(partialPath_), rc);
    }
    AVDictionary* options = nullptr;
    av_dict_set(&options, "movflags", "+faststart", 0);
    const int rc = avformat_write_header(ctx, &options);
    av_dict_free(&options);
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot write container header"), rc);
    begun_ = true;
    return {};
}

Status MediaOutput::write(AVPacket* packet, int streamIndex, AVRational packetTimeBase) {
    packet->stream_index = streamIndex;
    av_packet_rescale_ts(packet, packetTimeBase, format_->streams[streamIndex]->time_base);
    const int rc = av_interleaved_write_frame(format_.get(), packet);
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot write packet"), rc);
    return {};
}

Status MediaOutput::finish() {
    if (!begun_) return mediaError(path_, QStringLiteral("nothing was written"));
    int rc = av_write_trailer(format_.get());
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot finish the container"), rc);
    if (!(format_->oformat->flags & AVFMT_NOFILE)) {
        rc = avio_closep(&format_->pb);
        if (rc < 0) return mediaError(path_, QStringLiteral("cannot close the file"), rc);
    }
    format_.reset();
    // POSIX rename replaces an existing target atomically.
    if (std::rename(QFile::encodeName(partialPath_).constData(), QFile::encodeName(path_).constData()) != 0)
        return mediaError(path_, QStringLiteral("cannot rename %1 into place").arg(partialPath_));
    finished_ = true;
    return {};
}

}  // namespace motor::media
