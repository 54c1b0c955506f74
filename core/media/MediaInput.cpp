#include "core/media/MediaInput.h"

#include <QFileInfo>

#include "core/media/AvError.h"
#include "core/util/LiveDatabaseFiles.h"

namespace motor::media {

namespace {
constexpr AVRational kMicroseconds{1, 1'000'000};

}  // namespace

MediaInput::MediaInput(QString path, std::unique_ptr<Deadline> deadline)
    : path_(std::move(path)), deadline_(std::move(deadline)) {}

Result<std::unique_ptr<MediaInput>> MediaInput::open(const QString& path, std::int64_t budgetMs) {
    quietFfmpegLogging();
    const QFileInfo info(path);
    if (!info.exists()) return mediaError(path, QStringLiteral("file does not exist"));
    if (!info.isFile()) return mediaError(path, QStringLiteral("not a regular file"));
    if (info.size() == 0) return mediaError(path, QStringLiteral("file is empty (0 bytes)"));
    if (auto refused = util::LiveDatabaseFiles::refuse(path, QStringLiteral("a recording")); !refused)
        return refused.error();

    std::unique_ptr<MediaInput> input(new MediaInput(path, std::make_unique<Deadline>(budgetMs)));
    AVFormatContext* raw = avformat_alloc_context();
    if (raw == nullptr) return mediaError(path, QStringLiteral("out of memory"));
    raw->interrupt_callback.callback = &Deadline::interruptCallback;
    raw->interrupt_callback.opaque = input->deadline_.get();
    // avformat_open_input frees `raw` itself on failure.
    int rc = avformat_open_input(&raw, path.toUtf8().constData(), nullptr, nullptr);
    if (rc < 0) {
        if (rc == AVERROR_INVALIDDATA) return mediaError(path, QStringLiteral("not a media file FFmpeg can read"), rc);
        return mediaError(path, QStringLiteral("cannot open"), rc);
    }
    input->format_.reset(raw);
    rc = avformat_find_stream_info(raw, nullptr);
    if (rc < 0) return mediaError(path, QStringLiteral("cannot read stream information"), rc);

    // Attached pictures (cover art in audio files) are not video.
    input->videoStream_ = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (input->videoStream_ >= 0 && (raw->streams[input->videoStream_]->disposition & AV_DISPOSITION_ATTACHED_PIC))
        input->videoStream_ = -1;
    if (input->videoStream_ < 0) input->videoStream_ = -1;
    input->audioStream_ = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (input->audioStream_ < 0) input->audioStream_ = -1;
    if (input->videoStream_ < 0 && input->audioStream_ < 0)
        return mediaError(path, QStringLiteral("contains neither video nor audio"));
    input->originUs_ = raw->start_time == AV_NOPTS_VALUE ? 0 : raw->start_time;
    return input;
}

std::int64_t MediaInput::durationMs() const {
    if (format_->duration != AV_NOPTS_VALUE && format_->duration > 0) return format_->duration / 1000;
    // Some containers only know stream durations.
    std::int64_t best = 0;
    for (unsigned i = 0; i < format_->nb_streams; ++i) {
        const AVStream* st = format_->streams[i];
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
            best = std::max(best, av_rescale_q(st->duration, st->time_base, AVRational{1, 1000}));
    }
    return best;
}

Result<CodecContextPtr> MediaInput::openDecoder(int streamIndex) const {
    if (streamIndex < 0 || streamIndex >= static_cast<int>(format_->nb_streams))
        return mediaError(path_, QStringLiteral("no such stream %1").arg(streamIndex));
    const AVStream* st = format_->streams[streamIndex];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (codec == nullptr)
        return mediaError(path_, QStringLiteral("no decoder for codec '%1' (stream %2)")
                                     .arg(QString::fromUtf8(avcodec_get_name(st->codecpar->codec_id)))
                                     .arg(streamIndex));
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return mediaError(path_, QStringLiteral("out of memory"));
    int rc = avcodec_parameters_to_context(ctx.get(), st->codecpar);
    if (rc < 0) return mediaError(path_, QStringLiteral("bad codec parameters"), rc);
    ctx->pkt_timebase = st->time_base;
    // Two threads: sampling runs beside the UI and other jobs on shared cores.
    ctx->thread_count = 2;
    rc = avcodec_open2(ctx.get(), codec, nullptr);
    if (rc < 0) return mediaError(path_, QStringLiteral("cannot open decoder"), rc);
    return ctx;
}

int MediaInput::readPacket(AVPacket* packet) {
    if (deadline_->expired()) return AVERROR_EXIT;
    return av_read_frame(format_.get(), packet);
}

int MediaInput::seekBefore(int streamIndex, std::int64_t mediaUs) {
    if (deadline_->expired()) return AVERROR_EXIT;
    const int rc = av_seek_frame(format_.get(), streamIndex, fromMediaUs(mediaUs, streamIndex), AVSEEK_FLAG_BACKWARD);
    // No keyframe before the target (or no usable index): start from the beginning, which
    // is before any target, so callers decoding forward still reach it.
    return rc >= 0 || rc == AVERROR_EXIT ? rc : seekToStart();
}

int MediaInput::seekToStart() {
    if (deadline_->expired()) return AVERROR_EXIT;
    return avformat_seek_file(format_.get(), -1, INT64_MIN, originUs_, INT64_MAX, 0);
}

std::int64_t MediaInput::toMediaUs(std::int64_t pts, int streamIndex) const {
    return av_rescale_q(pts, format_->streams[streamIndex]->time_base, kMicroseconds) - originUs_;
}

std::int64_t MediaInput::fromMediaUs(std::int64_t mediaUs, int streamIndex) const {
    return av_rescale_q(mediaUs + originUs_, kMicroseconds, format_->streams[streamIndex]->time_base);
}

}  // namespace motor::media
