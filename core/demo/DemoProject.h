#pragma once
// `motor demo DIR`: a complete project to try every view on. Clips are generated with
// the FFmpeg libraries (moving picture + audio), transcripts are Finnish, two experts
// disagree realistically (Cohen's kappa between 0.5 and 0.8 per dimension), and a
// transcript-cue baseline run is the first model coder.
#include <QString>
#include <functional>

#include "core/util/Result.h"

namespace motor::demo {

struct DemoOptions {
    int clipCount = 24;
    int width = 640;
    int height = 360;
    int fps = 25;
    unsigned seed = 2026;
};

// Writes DIR/demo.motor and DIR/media/*.mp4; returns the project path. Fails if
// DIR/demo.motor exists. progress(done, total) may be empty.
Result<QString> createDemoProject(const QString& dir, const DemoOptions& options = {},
                                  const std::function<void(int, int)>& progress = {});

}  // namespace motor::demo
