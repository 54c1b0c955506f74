#pragma once
// Cuts a project's recording into clips: from a segment list or in fixed windows.
// Everything is validated before the one transaction that writes the clips.
#include <QString>
#include <QStringList>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

struct SegmentImportReport {
    int clipsAdded = 0;
    // The clip that covered the whole recording (made by `import media`), removed in the
    // same transaction because the segments replace it. Empty when there was none.
    QString replacedWholeClip;
    // Said when a whole-recording clip had to stay (it has labels) or a tail was joined.
    QStringList notes;
};

class SegmentImporter {
public:
    // csvPath: rows "start,end[,id]" with or without a header (a header is recognised by
    // its first field not being a time). Times as in CsvTranscriptReader. Without an id
    // the key is "<media base name>-NNN" (made unique). A given id that already exists
    // is an error: silently renaming it would break the researcher's references.
    // Returns the number of clips added.
    // Generated keys are padded to the number of segments (lesson-0001 .. lesson-1440),
    // so they sort the same as text and naturally.
    static Result<SegmentImportReport> importSegments(Project& project, const QString& mediaPath,
                                                      const QString& csvPath, const QString& declaredEncoding = {});
    // Consecutive windows of windowMs from 0 to the media's duration. A last window
    // shorter than minTailMs (default: half a window) joins the one before it instead
    // of becoming a sliver of a clip.
    static Result<SegmentImportReport> importWindows(Project& project, const QString& mediaPath, int64_t windowMs,
                                                     int64_t minTailMs = -1);
};

}  // namespace motor::io
