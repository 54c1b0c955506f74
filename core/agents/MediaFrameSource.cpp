#include "core/agents/MediaFrameSource.h"

#include "core/media/FrameSampler.h"

namespace motor::agents {

FrameSource mediaFrameSource() {
    return [](const QString& path, int64_t startMs, int64_t endMs, int count,
              int size) -> Result<QVector<media::RgbFrame>> {
        media::SampleRequest request;
        request.startMs = startMs;
        request.endMs = endMs;
        request.count = count;
        // size 0: the recording's own resolution, for backends that resize frames
        // exactly as their model expects (the local engine).
        request.width = size;
        request.height = size;
        request.fit = size == 0 ? media::FitMode::Native : media::FitMode::Letterbox;
        auto sampled = media::FrameSampler::sample(path, request);
        if (!sampled) return sampled.error();
        QVector<media::RgbFrame> frames;
        for (auto& f : sampled.value().frames) frames.push_back(std::move(f));
        return frames;
    };
}

}  // namespace motor::agents
