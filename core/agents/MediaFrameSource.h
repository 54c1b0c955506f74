#pragma once
// The predictor's FrameSource backed by core/media's FrameSampler: the centres of N
// equal slices of the clip, letterboxed to size x size, or at the recording's own
// resolution when size is 0.
#include "core/agents/ClipContext.h"

namespace motor::agents {

FrameSource mediaFrameSource();

}  // namespace motor::agents
