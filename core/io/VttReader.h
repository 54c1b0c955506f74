#pragma once
// WebVTT (.vtt) cues -> utterances, following the W3C parser's structure: a "WEBVTT"
// signature line, header lines up to the first blank line, then NOTE / STYLE / REGION
// blocks (skipped) and cues ([identifier] timing [settings], text). "<v Name>" voice
// spans give the speaker; other markup is removed.
#include <QString>
#include <QVector>

#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::io {

class VttReader {
public:
    // Stricter than browsers in one place: a timing line directly after a timing line
    // (a cue with no text and no blank line) is reported instead of silently producing
    // an empty cue, because it means the file was cut or merged by hand.
    static Result<QVector<Utterance>> parse(const QString& text, const QString& sourceName);
};

}  // namespace motor::io
