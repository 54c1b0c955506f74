#pragma once
// The project as exporters need it, read once: clips in key order with their media,
// annotators and labels.
#include <QHash>
#include <QVector>

#include "core/model/Entities.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

struct ExportData {
    QVector<Clip> clips;   // ordered by key
    QVector<Media> media;  // ordered by path
    QHash<int64_t, Media> mediaById;
    QHash<int64_t, Annotator> annotatorById;
    QHash<int64_t, QVector<Annotation>> labelsByClip;  // ordered by annotator name, dimension

    static Result<ExportData> load(Project& project);
};

}  // namespace motor::io
