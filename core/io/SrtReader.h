#pragma once
// SubRip (.srt) cues -> utterances. Blocks are separated by blank lines; the numeric
// index is optional (some tools drop it); timing "HH:MM:SS,mmm --> HH:MM:SS,mmm" may
// carry trailing position hints, which are ignored; text may span lines.
#include <QString>
#include <QVector>

#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::io {

class SrtReader {
public:
    // sourceName prefixes every error: "talk.srt:12: cue 3: end 00:00:01.000 is before start ...".
    // Cues whose text is empty after markup removal carry nothing for a transcript and
    // are dropped; a file without any cue is an error (see TranscriptReader).
    static Result<QVector<Utterance>> parse(const QString& text, const QString& sourceName);
};

}  // namespace motor::io
