#pragma once
// RGB frame -> JPEG bytes with FFmpeg's MJPEG encoder (core/ has no QtGui), for frames
// sent to an OpenAI-compatible server as data URLs.
#include <QByteArray>

#include "core/media/RgbFrame.h"
#include "core/util/Result.h"

namespace motor::agents {

// quality 1..100 (mapped onto MJPEG's qscale).
Result<QByteArray> encodeJpeg(const media::RgbFrame& frame, int quality = 85);

}  // namespace motor::agents
