#pragma once
// The predictor's FrameSource backed by core/media's FrameSampler (letterboxed, the
// centres of N equal slices of the clip).
#include "core/agents/ClipContext.h"

namespace motor::agents {

FrameSource mediaFrameSource();

}  // namespace motor::agents
