#include "core/media/AudioDecoder.h"

#include <algorithm>
#include <cstring>

#include "core/media/AvError.h"
#include "core/media/MediaInput.h"

namespace motor::media {

namespace {
constexpr int kMaxPackets = 2'000'000;
constexpr int kMaxDecodeErrorsInARow = 500;
// A range may end slightly past the last decoded sample (encoder padding, rounding of the
// container's duration); fill that much with silence, refuse more.
constexpr std::int64_t kTolerableShortfallMs = 100;

AVSampleFormat toAv(SampleFormat f) {
    return f == SampleFormat::Float32 ? AV_SAMPLE_FMT_FLT : AV_SAMPLE_FMT_S16;
}
}  // namespace

Result<PcmAudio> AudioDecoder::decode(const QString& path, std::int64_t startMs, std::int64_t endMs,
                                      const AudioFormat& format) {
    if (format.sampleRate < 1000 || format.sampleRate > 384'000 || format.channels < 1 || format.channels > 2)
        return mediaError(
            path, QStringLiteral("unsupported output %1 Hz, %2 channels").arg(format.sampleRate).arg(format.channels));
    if (startMs < 0 || endMs <= startMs)
        return mediaError(path, QStringLiteral("invalid time range %1-%2 ms").arg(startMs).arg(endMs));
    auto opened = MediaInput::open(path);
    if (!opened) return opened.error();
    MediaInput& input = **opened;
    input.restartBudget(MediaInput::kDefaultBudgetMs + (endMs - startMs) / 4);
    const int stream = input.audioStreamIndex();
    if (stream < 0) return mediaError(path, QStringLiteral("has no audio stream"));
    const std::int64_t durationMs = input.durationMs();
    if (durationMs > 0 && endMs > durationMs + 1)
        return mediaError(path, QStringLiteral("time range %1-%2 ms is outside the media (duration %3)")
                                    .arg(startMs)
                                    .arg(endMs)
                                    .arg(msText(durationMs)));
    auto decoder = input.openDecoder(stream);
    if (!decoder) return decoder.error();
    AVCodecContext* dec = decoder->get();

    const int rate = format.sampleRate;
    const AVSampleFormat outFormat = toAv(format.format);
    const int bytesPerFrame = av_get_bytes_per_sample(outFormat) * format.channels;
    const std::int64_t wantFirst = startMs * rate / 1000;
    const std::int64_t wantEnd = endMs * rate / 1000;

    if (startMs > 0) {
        const int rc = input.seekBefore(stream, startMs * 1000);
        if (rc < 0) return mediaError(path, QStringLiteral("cannot seek to %1").arg(msText(startMs)), rc);
    }

    SwrContextPtr swr;
    AVChannelLayout outLayout{};
    av_channel_layout_default(&outLayout, format.channels);
    std::vector<std::uint8_t> decoded;     // interleaved output from firstSample on
    std::int64_t firstSample = INT64_MIN;  // output-rate index of decoded[0]
    auto produced = [&] { return static_cast<std::int64_t>(decoded.size()) / bytesPerFrame; };

    auto appendConverted = [&](const AVFrame* frame) -> Status {
        const std::uint8_t** in = frame ? const_cast<const std::uint8_t**>(frame->extended_data) : nullptr;
        const int inCount = frame ? frame->nb_samples : 0;
        const int capacity = swr_get_out_samples(swr.get(), inCount);
        if (capacity <= 0) return {};
        const std::size_t old = decoded.size();
        decoded.resize(old + static_cast<std::size_t>(capacity) * bytesPerFrame);
        std::uint8_t* out[1] = {decoded.data() + old};
        const int got = swr_convert(swr.get(), out, capacity, in, inCount);
        if (got < 0) return mediaError(path, QStringLiteral("cannot resample audio"), got);
        decoded.resize(old + static_cast<std::size_t>(got) * bytesPerFrame);
        return {};
    };

    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    if (!packet || !frame) return mediaError(path, QStringLiteral("out of memory"));
    bool inputEnded = false;
    int packets = 0;
    int errorsInARow = 0;
    while (firstSample == INT64_MIN || firstSample + produced() < wantEnd) {
        int rc = avcodec_receive_frame(dec, frame.get());
        if (rc == 0) {
            if (!swr) {
                swr = makeResampler(*frame, outLayout, outFormat, rate, rc);
                if (!swr) return mediaError(path, QStringLiteral("cannot set up audio resampling"), rc);
                std::int64_t pts = frame->best_effort_timestamp;
                if (pts == AV_NOPTS_VALUE) pts = 0;
                // Later frames are taken as contiguous: audio has no gaps worth honouring here.
                firstSample = av_rescale(input.toMediaUs(pts, stream), rate, 1'000'000);
            }
            Status s = appendConverted(frame.get());
            av_frame_unref(frame.get());
            if (!s) return s.error();
            continue;
        }
        if (rc == AVERROR_EOF) break;
        if (rc != AVERROR(EAGAIN) && ++errorsInARow > kMaxDecodeErrorsInARow)
            return mediaError(path, QStringLiteral("audio does not decode near %1").arg(msText(startMs)), rc);
        if (inputEnded) break;  // flushed already and still no frame: nothing more will come
        if (input.timedOut())
            return mediaError(path, QStringLiteral("timed out decoding audio at %1").arg(msText(startMs)));
        if (++packets > kMaxPackets) return mediaError(path, QStringLiteral("gave up decoding audio"));
        rc = input.readPacket(packet.get());
        if (rc == AVERROR_EXIT) return mediaError(path, QStringLiteral("timed out reading audio"));
        if (rc < 0) {
            inputEnded = true;
            avcodec_send_packet(dec, nullptr);
            continue;
        }
        if (packet->stream_index == stream) {
            rc = avcodec_send_packet(dec, packet.get());
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                if (++errorsInARow > kMaxDecodeErrorsInARow)
                    return mediaError(path, QStringLiteral("audio does not decode near %1").arg(msText(startMs)), rc);
            } else {
                errorsInARow = 0;
            }
        }
        av_packet_unref(packet.get());
    }
    if (swr && inputEnded) {
        if (Status s = appendConverted(nullptr); !s) return s.error();  // resampler tail
    }
    if (firstSample == INT64_MIN)
        return mediaError(path, QStringLiteral("no decodable audio at %1").arg(msText(startMs)));

    const std::int64_t haveEnd = firstSample + produced();
    if (haveEnd < wantEnd && (wantEnd - haveEnd) * 1000 / rate > kTolerableShortfallMs)
        return mediaError(path, QStringLiteral("audio ends at %1, before the requested end %2 (file truncated?)")
                                    .arg(msText(haveEnd * 1000 / rate), msText(endMs)));

    PcmAudio pcm;
    pcm.format = format;
    pcm.startMs = startMs;
    pcm.bytes.assign(static_cast<std::size_t>(wantEnd - wantFirst) * bytesPerFrame,
                     0);  // silence where nothing decoded
    for (std::int64_t i = std::max(wantFirst, firstSample); i < std::min(wantEnd, haveEnd);) {
        const std::int64_t run = std::min(wantEnd, haveEnd) - i;
        std::memcpy(pcm.bytes.data() + (i - wantFirst) * bytesPerFrame,
                    decoded.data() + (i - firstSample) * bytesPerFrame, static_cast<std::size_t>(run) * bytesPerFrame);
        i += run;
    }
    av_channel_layout_uninit(&outLayout);
    return pcm;
}

}  // namespace motor::media
