#pragma once
// Samples N frames uniformly over a time range, as the predictor's input (8 frames at
// 448x448). Frame i is the first frame at or after start + (i + 0.5) * (end - start) / N:
// the centres of N equal slices, so no frame sits on a clip boundary where a cut from the
// neighbouring clip may still show.
#include <QString>
#include <cstdint>
#include <vector>

#include "core/media/FitMode.h"
#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

namespace motor::media {

struct SampledFrames {
    int width = 0;
    int height = 0;
    std::vector<RgbFrame> frames;  // in time order; frames[i].ptsMs is the real frame time
};

struct SampleRequest {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;  // exclusive
    int count = 8;
    int width = 448;  // ignored with FitMode::Native
    int height = 448;
    FitMode fit = FitMode::Letterbox;
};

class FrameSampler {
public:
    static Result<SampledFrames> sample(const QString& path, const SampleRequest& request);

    // The target times, in microseconds of media time.
    static std::vector<std::int64_t> targetTimesUs(std::int64_t startMs, std::int64_t endMs, int count);
};

}  // namespace motor::media
