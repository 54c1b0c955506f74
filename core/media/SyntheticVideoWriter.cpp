#include "core/media/SyntheticVideoWriter.h"

#include <vector>

#include "core/media/AudioEncoder.h"
#include "core/media/AvError.h"
#include "core/media/MediaOutput.h"
#include "core/media/SyntheticScene.h"

namespace motor::media {

Result<SyntheticVideoReport> SyntheticVideoWriter::write(const QString& path, const SyntheticVideoSpec& spec) {
    const bool withVideo = spec.tracks != SyntheticTracks::AudioOnly;
    const bool withAudio = spec.tracks != SyntheticTracks::VideoOnly;
    if (spec.durationMs <= 0) return mediaError(path, QStringLiteral("duration must be positive"));
    if (withVideo && (spec.width < 16 || spec.height < 16 || spec.fps <= 0))
        return mediaError(
            path, QStringLiteral("invalid video %1x%2 at %3 fps").arg(spec.width).arg(spec.height).arg(spec.fps));
    if (withAudio && (spec.audioSampleRate <= 0 || spec.audioChannels < 1 || spec.audioChannels > 2))
        return mediaError(
            path, QStringLiteral("invalid audio %1 Hz, %2 channels").arg(spec.audioSampleRate).arg(spec.audioChannels));

    auto created = MediaOutput::create(path);
    if (!created) return created.error();
    MediaOutput& output = **created;
    const int width = spec.width & ~1;
    const int height = spec.height & ~1;

    std::unique_ptr<VideoEncoder> video;
    if (withVideo) {
        VideoEncoderSettings settings;
        settings.width = width;
        settings.height = height;
        settings.frameRate = AVRational{spec.fps, 1};
        settings.timeBase = AVRational{1, spec.fps};
        settings.keyframeIntervalFrames = spec.keyframeIntervalFrames > 0 ? spec.keyframeIntervalFrames : 2 * spec.fps;
        settings.codec = spec.codec;
        auto opened = VideoEncoder::open(settings, output);
        if (!opened) return opened.error();
        video = std::move(*opened);
        if (spec.rotationDeg != 0) {
            if (Status rotated = output.setDisplayRotation(video->streamIndex(), spec.rotationDeg); !rotated)
                return rotated.error();
        }
    }
    std::unique_ptr<AudioEncoder> audio;
    if (withAudio) {
        auto opened = AudioEncoder::open(spec.audioSampleRate, spec.audioChannels, output);
        if (!opened) return opened.error();
        audio = std::move(*opened);
    }
    if (Status begun = output.begin(); !begun) return begun.error();

    const SyntheticScene scene(width, height, spec.seed);
    SyntheticVideoReport report;
    const int frameCount = withVideo ? static_cast<int>((spec.durationMs * spec.fps + 999) / 1000) : 0;
    const std::int64_t totalSamples = withAudio ? spec.durationMs * spec.audioSampleRate / 1000 : 0;
    std::int64_t samplesDone = 0;
    std::vector<std::vector<float>> planes(static_cast<std::size_t>(spec.audioChannels));
    std::vector<const float*> planePointers(planes.size());
    auto writeAudioUntil = [&](std::int64_t sampleEnd) -> Status {
        sampleEnd = std::min(sampleEnd, totalSamples);
        while (samplesDone < sampleEnd) {
            const int count = static_cast<int>(std::min<std::int64_t>(4096, sampleEnd - samplesDone));
            scene.renderAudio(samplesDone, count, spec.audioSampleRate, planes);
            for (std::size_t c = 0; c < planes.size(); ++c) planePointers[c] = planes[c].data();
            if (Status pushed = audio->push(planePointers.data(), count); !pushed) return pushed;
            samplesDone += count;
        }
        return {};
    };

    if (withVideo) {
        FramePtr yuv = makeFrame();
        if (!yuv) return mediaError(path, QStringLiteral("out of memory"));
        yuv->format = AV_PIX_FMT_YUV420P;
        yuv->width = width;
        yuv->height = height;
        if (int rc = av_frame_get_buffer(yuv.get(), 0); rc < 0)
            return mediaError(path, QStringLiteral("out of memory"), rc);
        SwsContextPtr sws(sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P,
                                         SWS_BILINEAR, nullptr, nullptr, nullptr));
        if (!sws) return mediaError(path, QStringLiteral("cannot create colour converter"));
        RgbFrame rgb;
        for (int i = 0; i < frameCount; ++i) {
            scene.renderFrame(i, rgb);
            if (int rc = av_frame_make_writable(yuv.get()); rc < 0)
                return mediaError(path, QStringLiteral("out of memory"), rc);
            const uint8_t* src[1] = {rgb.rgb.data()};
            const int srcStride[1] = {3 * width};
            sws_scale(sws.get(), src, srcStride, 0, height, yuv->data, yuv->linesize);
            yuv->pts = i;
            if (Status encoded = video->encode(yuv.get()); !encoded) return encoded.error();
            if (audio) {
                if (Status a = writeAudioUntil((i + 1) * static_cast<std::int64_t>(spec.audioSampleRate) / spec.fps);
                    !a)
                    return a.error();
            }
        }
        if (Status flushed = video->encode(nullptr); !flushed) return flushed.error();
        report.frameCount = frameCount;
        report.videoCodec = video->codecName();
    }
    if (audio) {
        if (Status a = writeAudioUntil(totalSamples); !a) return a.error();
        if (Status flushed = audio->finish(); !flushed) return flushed.error();
    }
    if (Status finished = output.finish(); !finished) return finished.error();
    return report;
}

}  // namespace motor::media
