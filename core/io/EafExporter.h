#pragma once
// One ELAN document per recording: a tier per annotator x dimension whose annotations
// span the labelled clips (values from a controlled vocabulary made of the codebook's
// classes), and a tier per transcript speaker. EafReader reads these files back.
#include <QString>
#include <QStringList>

#include "core/io/EafDocument.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class EafExporter {
public:
    // Builds the document for one media; exportFolder makes RELATIVE_MEDIA_URL.
    static Result<EafDocument> buildDocument(Project& project, const Media& media, const QString& exportFolder);
    // Writes "<media base name>.eaf" (made safe and unique) for every media file into
    // folder, creating it if needed. Returns the written paths.
    static Result<QStringList> exportEaf(Project& project, const QString& folder);
    // Tier id of an annotator's labels on a dimension: "behavior (Expert A)".
    static QString labelTierId(const QString& dimension, const QString& annotator);
};

}  // namespace motor::io
