#include "core/media/MediaProbe.h"

#include <QFileInfo>
#include <algorithm>

#include "core/media/DisplayRotation.h"
#include "core/media/MediaInput.h"

namespace motor::media {

namespace {

// A gap this long between the last sample present and the stated duration is a
// truncation, not rounding of the last frame's duration.
constexpr std::int64_t kTruncationToleranceMs = 500;

// From the demuxer's index (MP4/MOV list every sample's byte position): the media time
// of the first sample whose bytes lie past the end of the file, or -1 when every sample
// is there. Files without an index report -1 and are checked by reading instead.
std::int64_t firstMissingSampleMs(const MediaInput& input, int streamIndex, std::int64_t fileBytes, bool* hadIndex) {
    AVStream* st = input.format()->streams[streamIndex];
    const int n = avformat_index_get_entries_count(st);
    *hadIndex = n > 0;
    std::int64_t firstMissing = -1;
    for (int i = 0; i < n; ++i) {
        const AVIndexEntry* e = avformat_index_get_entry(st, i);
        if (!e || e->pos < 0 || e->pos + e->size <= fileBytes) continue;
        const std::int64_t ms = input.toMediaUs(e->timestamp, streamIndex) / 1000;
        firstMissing = firstMissing < 0 ? ms : std::min(firstMissing, ms);
    }
    return firstMissing;
}

// Without an index: seek near the stated end and read; the latest packet time found
// there, or -1 when the end is reachable.
std::int64_t readableEndMs(MediaInput& input, int streamIndex, std::int64_t durationMs) {
    const std::int64_t probeFromUs = std::max<std::int64_t>(0, durationMs - 2000) * 1000;
    if (input.seekBefore(streamIndex, probeFromUs) < 0) return -1;  // cannot tell
    PacketPtr packet = makePacket();
    std::int64_t lastMs = -1;
    for (int guard = 0; guard < 4096; ++guard) {
        if (input.readPacket(packet.get()) < 0) break;
        if (packet->stream_index == streamIndex && packet->pts != AV_NOPTS_VALUE)
            lastMs = std::max(
                lastMs, input.toMediaUs(packet->pts + std::max<std::int64_t>(0, packet->duration), streamIndex) / 1000);
        av_packet_unref(packet.get());
    }
    if (lastMs < 0 || lastMs + kTruncationToleranceMs >= durationMs) return -1;
    return lastMs;
}

}  // namespace

Result<MediaInfo> MediaProbe::probe(const QString& path) {
    auto opened = MediaInput::open(path);
    if (!opened) return opened.error();
    MediaInput& input = **opened;

    MediaInfo info;
    info.durationMs = input.durationMs();
    info.sizeBytes = QFileInfo(path).size();
    if (const AVStream* video = input.videoStream()) {
        info.hasVideo = true;
        info.width = video->codecpar->width;
        info.height = video->codecpar->height;
        if (video->avg_frame_rate.num > 0 && video->avg_frame_rate.den > 0) info.fps = av_q2d(video->avg_frame_rate);
        info.rotationDeg = displayRotationDeg(video);
        info.videoCodec = QString::fromUtf8(avcodec_get_name(video->codecpar->codec_id));
    }
    if (const AVStream* audio = input.audioStream()) {
        info.hasAudio = true;
        info.audioSampleRate = audio->codecpar->sample_rate;
        info.audioChannels = audio->codecpar->ch_layout.nb_channels;
        info.audioCodec = QString::fromUtf8(avcodec_get_name(audio->codecpar->codec_id));
    }
    const int main = input.videoStreamIndex() >= 0 ? input.videoStreamIndex() : input.audioStreamIndex();
    if (main >= 0 && info.durationMs > 0) {
        bool hadIndex = false;
        const std::int64_t missing = firstMissingSampleMs(input, main, info.sizeBytes, &hadIndex);
        if (missing >= 0 && missing + kTruncationToleranceMs < info.durationMs)
            info.dataEndMs = missing;
        else if (!hadIndex)
            info.dataEndMs = readableEndMs(input, main, info.durationMs);
    }
    return info;
}

}  // namespace motor::media
