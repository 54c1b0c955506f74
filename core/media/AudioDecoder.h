#pragma once
// Decodes [startMs, endMs) of a file's audio to PCM at a chosen rate, channel count and
// sample format (libswresample). The result has exactly
// (endMs - startMs) * sampleRate / 1000 samples per channel, aligned to startMs.
#include <QString>
#include <cstdint>

#include "core/media/PcmAudio.h"
#include "core/util/Result.h"

namespace motor::media {

class AudioDecoder {
public:
    static Result<PcmAudio> decode(const QString& path, std::int64_t startMs, std::int64_t endMs,
                                   const AudioFormat& format);
};

}  // namespace motor::media
