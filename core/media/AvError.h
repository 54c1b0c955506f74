#pragma once
// Error text for core/media. Every message starts with the file it is about so that a
// failure deep in a batch (sampling 1,440 clips) still says which clip broke.
#include <QString>
#include <cstdint>

#include "core/util/Result.h"

namespace motor::media {

// FFmpeg's description of an AVERROR code, e.g. "Invalid data found when processing input".
QString avErrorText(int averror);

// "<file>: <what>" and "<file>: <what> (<ffmpeg's reason>)".
Error mediaError(const QString& path, const QString& what);
Error mediaError(const QString& path, const QString& what, int averror);

// FFmpeg logs to stderr by default; our errors are values, and a batch over a folder of
// damaged clips must not flood the terminal. Called by every entry point that opens files.
void quietFfmpegLogging();

// "1234 ms" style helper so messages name times consistently.
QString msText(std::int64_t ms);

}  // namespace motor::media
