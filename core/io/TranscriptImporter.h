#pragma once
// Replaces a recording's transcript with the utterances of one or more files (several
// files: one per speaker, as some transcription tools write). All files are read
// before anything is written; then delete + insert happen in one transaction.
#include <QString>
#include <QStringList>

#include "core/io/TranscriptReader.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class TranscriptImporter {
public:
    // Returns the number of utterances now stored for the media.
    static Result<int> importTranscripts(Project& project, const QString& mediaPath, const QStringList& files,
                                         const TranscriptReadOptions& options = {});
};

}  // namespace motor::io
