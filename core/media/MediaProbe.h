#pragma once
#include <QString>

#include "core/media/MediaInfo.h"
#include "core/util/Result.h"

namespace motor::media {

// Reads container and stream headers. An audio-only file probes fine (hasVideo == false);
// it is the frame functions that refuse it.
class MediaProbe {
public:
    static Result<MediaInfo> probe(const QString& path);
};

}  // namespace motor::media
