#pragma once
// One row per label: clip,media,start_ms,end_ms,annotator,dimension,label (RFC 4180,
// UTF-8). LabelImporter reads this file back.
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class CsvLabelExporter {
public:
    // Returns the number of label rows written.
    static Result<int> exportCsv(Project& project, const QString& path);
};

}  // namespace motor::io
