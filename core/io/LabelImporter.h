#pragma once
// Brings in labels made elsewhere (a spreadsheet, another MOTOR project's CSV export).
// Every row is checked against the project (clip exists) and its codebook (dimension
// and class exist) before anything is written; one bad row rejects the whole file.
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

struct LabelImportReport {
    int labelsWritten = 0;
    int annotatorsCreated = 0;
};

class LabelImporter {
public:
    // Header with columns clip, annotator, dimension, label (any order; "clip_key" is
    // accepted for clip); optional note, rationale, confidence. Extra columns such as
    // media/start_ms/end_ms of MOTOR's own CSV export are ignored. Unknown annotators
    // are created as human coders; naming a model run's annotator is an error.
    static Result<LabelImportReport> importLabels(Project& project, const QString& csvPath,
                                                  const QString& declaredEncoding = {});
};

}  // namespace motor::io
