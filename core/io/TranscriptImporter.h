#pragma once
// Attaches the utterances of one or more files (several files: one per speaker, as some
// transcription tools write) to a recording. All files are read before anything is
// written; the change is one transaction. A recording that has a transcript already is
// never replaced silently: the caller says whether the new utterances replace it or are
// added beside it, and the report says what was replaced.
#include <QString>
#include <QStringList>

#include "core/io/TranscriptReader.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

enum class TranscriptMerge {
    IfEmpty,  // fail (naming what is there) when the recording has utterances already
    Replace,  // delete the recording's utterances, then add the new ones
    Add,      // keep them and add the new ones beside them
};

struct TranscriptImportReport {
    int added = 0;
    int replaced = 0;            // utterances deleted (Replace)
    int64_t replacedFromMs = 0;  // their time range, when replaced > 0
    int64_t replacedToMs = 0;
    int total = 0;  // utterances the recording has now
    // Cues past the end of the recording (kept, since a transcript's clock may run
    // ahead of a cut file, but said); empty when there are none.
    QStringList warnings;
};

class TranscriptImporter {
public:
    static Result<TranscriptImportReport> importTranscripts(Project& project, const QString& mediaPath,
                                                            const QStringList& files,
                                                            const TranscriptReadOptions& options = {},
                                                            TranscriptMerge merge = TranscriptMerge::IfEmpty);
    // The one path that writes a recording's transcript (files read above, speech
    // recognition): utterances sorted and attached in one transaction as `merge` says.
    static Result<TranscriptImportReport> attachUtterances(Project& project, const QString& mediaPath,
                                                           QVector<Utterance> utterances, TranscriptMerge merge);
    // Utterances the recording has now, for asking the user before an import.
    static Result<int> existingUtterances(Project& project, const QString& mediaPath);
};

}  // namespace motor::io
