#pragma once
// Transcripts as spreadsheets (.csv / .tsv): a header with start, end, speaker and text
// columns in any order (speaker may be missing). Times are seconds ("12.5") or clock
// times ("00:01:02.500"); columns named start_ms / end_ms hold milliseconds.
#include <QString>
#include <QVector>

#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor::io {

class CsvTranscriptReader {
public:
    static Result<QVector<Utterance>> parse(const QString& text, const QString& sourceName);
};

}  // namespace motor::io
