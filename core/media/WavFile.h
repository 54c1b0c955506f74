#pragma once
// PCM as a RIFF/WAVE file in memory (16-bit integer samples), the one audio container
// every transcription server reads.
#include <QByteArray>

#include "core/media/PcmAudio.h"
#include "core/util/Result.h"

namespace motor::media {

// Float32 samples are clipped to [-1, 1] and written as 16-bit; Int16 are copied.
QByteArray wavFile(const PcmAudio& pcm);

}  // namespace motor::media
