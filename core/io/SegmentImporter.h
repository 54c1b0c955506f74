#pragma once
// Cuts a project's recording into clips: from a segment list or in fixed windows.
// Everything is validated before the one transaction that writes the clips.
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class SegmentImporter {
public:
    // csvPath: rows "start,end[,id]" with or without a header (a header is recognised by
    // its first field not being a time). Times as in CsvTranscriptReader. Without an id
    // the key is "<media base name>-NNN" (made unique). A given id that already exists
    // is an error: silently renaming it would break the researcher's references.
    // Returns the number of clips added.
    static Result<int> importSegments(Project& project, const QString& mediaPath, const QString& csvPath,
                                      const QString& declaredEncoding = {});
    // Consecutive windows of windowMs from 0 to the media's duration; the last one is
    // shorter when the duration is not a multiple of the window.
    static Result<int> importWindows(Project& project, const QString& mediaPath, int64_t windowMs);
};

}  // namespace motor::io
