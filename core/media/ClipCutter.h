#pragma once
// Cuts [startMs, endMs) of a media file into a new file (for exporting labelled clips).
// Stream copy is lossless and fast but can only start on a keyframe; re-encoding (H.264
// via libx264, else mpeg4; AAC audio) starts exactly at startMs. Auto copies when startMs
// falls on a keyframe and re-encodes otherwise. Output appears under its name only when
// complete (MediaOutput writes "<dst>.partial" and renames).
#include <QString>
#include <cstdint>

#include "core/util/Result.h"

namespace motor::media {

enum class CutMode { Auto, StreamCopy, Reencode };

struct CutResult {
    CutMode usedMode = CutMode::Auto;  // StreamCopy or Reencode
    std::int64_t startMs = 0;          // where the output starts in the source: the keyframe
                                       // at or before startMs when stream-copying
    std::int64_t endMs = 0;
};

class ClipCutter {
public:
    static Result<CutResult> cut(const QString& sourcePath, const QString& targetPath, std::int64_t startMs,
                                 std::int64_t endMs, CutMode mode = CutMode::Auto);
};

}  // namespace motor::media
