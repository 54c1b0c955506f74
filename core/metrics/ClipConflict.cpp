#include "core/metrics/ClipConflict.h"

#include <QSet>
#include <algorithm>

namespace motor::metrics {

ClipConflict computeClipConflict(const Codebook& codebook, const QHash<int64_t, QHash<QString, Annotation>>& labels,
                                 const QHash<int64_t, AnnotatorKind>& kinds, ConflictScope scope) {
    ClipConflict out;
    for (const Dimension& dim : codebook.dimensions) {
        QHash<QString, int> votes;  // coders in scope
        QSet<QString> expertLabels;
        QSet<QString> modelLabels;
        int coders = 0;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
            const auto found = it.value().constFind(dim.name);
            if (found == it.value().cend() || found->label.isEmpty()) continue;
            const bool expert = kinds.value(it.key(), AnnotatorKind::Human) == AnnotatorKind::Human;
            if (expert)
                expertLabels.insert(found->label);
            else
                modelLabels.insert(found->label);
            if (!expert && scope == ConflictScope::Experts) continue;
            ++coders;
            ++votes[found->label];
        }
        if (votes.size() > 1) ++out.conflictingDimensions;
        if (expertLabels.size() > 1) ++out.expertConflictDimensions;
        int majority = 0;
        for (int v : votes) majority = std::max(majority, v);
        out.dissentingCoders += coders - majority;
        if (!modelLabels.isEmpty() && !expertLabels.isEmpty() &&
            (modelLabels != expertLabels || expertLabels.size() > 1))
            out.modelDiffersFromExpert = true;
    }
    return out;
}

}  // namespace motor::metrics
