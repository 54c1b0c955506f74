#include "core/metrics/LabelSet.h"

#include <algorithm>

namespace motor::metrics {

Result<LabelSet> LabelSet::fromProject(Project& project) {
    LabelSet s;
    s.codebook = project.codebook();
    auto clips = project.clips();
    if (!clips) return clips.error();
    s.clips = std::move(clips.value());
    auto annotators = project.annotators();
    if (!annotators) return annotators.error();
    s.coders = std::move(annotators.value());
    auto labels = project.codedLabels();
    if (!labels) return labels.error();
    s.labels = std::move(labels.value());
    s.orderCoders();
    return s;
}

void LabelSet::orderCoders() {
    auto rank = [](AnnotatorKind k) { return k == AnnotatorKind::Human ? 0 : k == AnnotatorKind::Model ? 1 : 2; };
    std::stable_sort(coders.begin(), coders.end(),
                     [&](const Annotator& a, const Annotator& b) { return rank(a.kind) < rank(b.kind); });
}

QStringList LabelSet::coderNames(bool expertsOnly) const {
    QStringList out;
    for (const Annotator& a : coders)
        if (!expertsOnly || a.kind == AnnotatorKind::Human) out << a.name;
    return out;
}

}  // namespace motor::metrics
