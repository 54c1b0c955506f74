#pragma once
// Exports for statistics programs (R, SPSS) and for reporting coding effort, beside the
// long labels.csv: all RFC 4180 UTF-8, written atomically.
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class StatisticsExporter {
public:
    // One row per clip: clip, media, start_ms, end_ms, group, session, needs_review, then
    // per coder (experts first, then model runs, each by name) and dimension a column
    // "CODER.DIMENSION" with the label (empty: not labelled), and for experts a column
    // "CODER.DIMENSION.note". Returns the number of clip rows.
    static Result<int> exportWide(Project& project, const QString& path);

    // Every label change in time order: at (ISO 8601, UTC), at_ms, coder, coder_kind,
    // clip, clip_time_ms (where in the clip the coder was; empty when unknown),
    // dimension, old_label, new_label, old_note, new_note, source (gui, cli, import,
    // merge, run), gap_ms (since the same coder's previous change; empty for the first).
    // Returns the number of rows.
    static Result<int> exportCodingLog(Project& project, const QString& path);

    // The tables `motor eval` prints (default reference, experts' agreement): the F1
    // table as `motor eval --format csv` prints it (summaryPath), the per-class table
    // and the agreement coefficients (Fleiss, Krippendorff, pairwise Cohen).
    static Status exportAgreement(Project& project, const QString& summaryPath, const QString& perClassPath,
                                  const QString& coefficientsPath);
};

}  // namespace motor::io
