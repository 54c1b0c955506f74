#pragma once
// Everything an agent may see of one clip: X = frames + transcript (+ metadata).
#include <QVector>
#include <functional>

#include "core/media/RgbFrame.h"
#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor {
class Project;
}

namespace motor::agents {

struct ClipContext {
    Clip clip;
    QVector<Utterance> transcript;    // overlapping the clip, in time order
    QVector<media::RgbFrame> frames;  // empty when frames are not used
    bool framesUsed = false;
};

// Samples `count` RGB frames of size x size uniformly over [startMs, endMs) of a file.
using FrameSource = std::function<Result<QVector<media::RgbFrame>>(const QString& mediaPath, int64_t startMs,
                                                                   int64_t endMs, int count, int size)>;

struct ClipContextOptions {
    bool withFrames = true;
    int frameCount = 8;
    int frameSize = 448;  // 0: the recording's resolution (the backend resizes)
};

// Reads the transcript from the project and, when options.withFrames and frames is set,
// samples the frames. Errors name the clip.
Result<ClipContext> loadClipContext(Project& project, const Clip& clip, const ClipContextOptions& options,
                                    const FrameSource& frames);

}  // namespace motor::agents
