#pragma once
// Brings in labels made elsewhere (a spreadsheet, another MOTOR project's CSV export).
// Every row is checked against the project (clip exists) and its codebook (dimension
// and class exist) before anything is written; one bad row rejects the whole file.
#include <QString>
#include <QVector>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

// A row that would replace a different label the project has already.
struct LabelChange {
    int line = 0;
    QString clip, annotator, dimension, oldLabel, newLabel;
};

struct LabelImportOptions {
    bool dryRun = false;     // check and report; write nothing
    bool overwrite = false;  // replace labels that differ (else: Conflict, nothing written)
};

struct LabelImportReport {
    bool applied = false;   // false: dry run
    int labelsWritten = 0;  // new or changed
    int labelsNew = 0;
    int labelsUnchanged = 0;  // the project has the same label already
    int annotatorsCreated = 0;
    QVector<LabelChange> changes;
};

class LabelImporter {
public:
    // Header with columns clip, annotator, dimension, label (any order; "clip_key" is
    // accepted for clip); optional note, rationale, confidence. Extra columns such as
    // media/start_ms/end_ms of MOTOR's own CSV export are ignored. Unknown annotators
    // are created as human coders; naming a model run's annotator is an error.
    // A file that would change labels the project has fails with ErrorCode::Conflict
    // (listing them) unless options.overwrite; a dry run reports without writing.
    static Result<LabelImportReport> importLabels(Project& project, const QString& csvPath,
                                                  const QString& declaredEncoding = {},
                                                  const LabelImportOptions& options = {});
    // "3 labels differ from the project's: clip c1, Anna, behavior: Monitoring -> Mixed
    // (line 2); ..." (at most `limit` listed).
    static QString describeChanges(const QVector<LabelChange>& changes, int limit = 5);
};

}  // namespace motor::io
