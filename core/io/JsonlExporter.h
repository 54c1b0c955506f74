#pragma once
// One JSON object per clip and line, for training and analysis scripts:
// {"clip_id", "key", "media", "media_id", "start_ms", "end_ms", "group", "session",
//  "transcript": [{"start_ms", "end_ms", "speaker", "text", "language"}],
//  "labels": [{"annotator", "annotator_kind", "dimension", "label", "note",
//              "rationale", "confidence" (null when none)}]}
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class JsonlExporter {
public:
    // Returns the number of clips (lines) written.
    static Result<int> exportJsonl(Project& project, const QString& path);
};

}  // namespace motor::io
