#pragma once
// The clockwise rotation (0/90/180/270) a player applies to a stream's pictures, read from
// its display matrix (phones store portrait video as rotated landscape).
extern "C" {
#include <libavformat/avformat.h>
}

namespace motor::media {

int displayRotationDeg(const AVStream* stream);

}  // namespace motor::media
