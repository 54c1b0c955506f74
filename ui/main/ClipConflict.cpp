#include "ui/main/ClipConflict.h"

#include <QSet>

#include <algorithm>

namespace motor {
namespace ui {

ClipConflict computeClipConflict(const Codebook& codebook,
                                 const QHash<int64_t, QHash<QString, Annotation>>& labels,
                                 const QHash<int64_t, AnnotatorKind>& kinds) {
    ClipConflict out;
    for (const Dimension& dim : codebook.dimensions) {
        QHash<QString, int> votes;
        QSet<QString> expertLabels;
        QSet<QString> modelLabels;
        int coders = 0;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
            const auto found = it.value().constFind(dim.name);
            if (found == it.value().cend() || found->label.isEmpty()) continue;
            ++coders;
            ++votes[found->label];
            if (kinds.value(it.key(), AnnotatorKind::Human) == AnnotatorKind::Human)
                expertLabels.insert(found->label);
            else
                modelLabels.insert(found->label);
        }
        if (votes.size() > 1) ++out.conflictingDimensions;
        if (expertLabels.size() > 1) ++out.expertConflictDimensions;
        int majority = 0;
        for (int v : votes) majority = std::max(majority, v);
        out.dissentingCoders += coders - majority;
        // A model "differs" when it gave a label no expert gave, or experts are split.
        if (!modelLabels.isEmpty() && !expertLabels.isEmpty() &&
            (modelLabels != expertLabels || expertLabels.size() > 1))
            out.modelDiffersFromExpert = true;
    }
    return out;
}

}  // namespace ui
}  // namespace motor
