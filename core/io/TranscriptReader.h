#pragma once
// Entry point for transcript files: picks the format from the extension (.srt, .vtt,
// .eaf, .csv, .tsv), decodes the text (see TextDecoder) and returns utterances on the
// media timeline (ms), sorted by start. mediaId is left 0 for the caller to fill.
#include <QString>
#include <QVector>

#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::io {

enum class TranscriptFormat { Auto, Srt, WebVtt, Eaf, Csv };

struct TranscriptReadOptions {
    TranscriptFormat format = TranscriptFormat::Auto;
    QString encoding;  // empty: detect (BOM, else UTF-8 or an error)
    QString language;  // stored on every utterance, e.g. "fi"
};

class TranscriptReader {
public:
    static Result<QVector<Utterance>> readFile(const QString& path, const TranscriptReadOptions& options = {});
    static TranscriptFormat formatForPath(const QString& path);  // Auto when unknown
};

}  // namespace motor::io
