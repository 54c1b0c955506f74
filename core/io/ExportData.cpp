#include "core/io/ExportData.h"

#include <algorithm>

namespace motor::io {

Result<ExportData> ExportData::load(Project& project) {
    ExportData d;
    auto clips = project.clips();
    if (!clips) return clips.error();
    d.clips = *clips;
    auto media = project.media();
    if (!media) return media.error();
    d.media = *media;
    for (const Media& m : d.media) d.mediaById.insert(m.id, m);
    auto annotators = project.annotators();
    if (!annotators) return annotators.error();
    for (const Annotator& a : *annotators) d.annotatorById.insert(a.id, a);
    auto labels = project.annotations();
    if (!labels) return labels.error();
    for (const Annotation& a : *labels) d.labelsByClip[a.clipId].append(a);
    for (auto& list : d.labelsByClip) {
        std::sort(list.begin(), list.end(), [&](const Annotation& x, const Annotation& y) {
            const QString nx = d.annotatorById.value(x.annotatorId).name,
                          ny = d.annotatorById.value(y.annotatorId).name;
            return nx != ny ? nx < ny : x.dimension < y.dimension;
        });
    }
    return d;
}

}  // namespace motor::io
