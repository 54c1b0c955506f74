#pragma once
// How much the coders of one clip disagree: the one definition that the browser's
// Conflict column, the review queue and the status bar share.
//
// By default only the experts count: a baseline or a model run that labels differently
// from experts who agree is not a disagreement among coders, it is a model error (that
// is what modelDiffersFromExpert and the metrics report). ConflictScope::AllCoders makes
// model runs and baselines count as coders too.
#include <QHash>
#include <QString>

#include "core/model/Codebook.h"
#include "core/model/Entities.h"

namespace motor::metrics {

enum class ConflictScope { Experts, AllCoders };

struct ClipConflict {
    int conflictingDimensions = 0;     // dimensions where two coders in scope differ
    int expertConflictDimensions = 0;  // ... where two human experts differ
    // Sum over dimensions of the coders in scope outside the majority label: the
    // queue's rank.
    int dissentingCoders = 0;
    bool modelDiffersFromExpert = false;  // a model gave a label no expert gave, or experts are split

    bool any() const { return conflictingDimensions > 0; }
};

// labels: annotatorId -> dimension -> annotation; kinds: annotatorId -> kind.
ClipConflict computeClipConflict(const Codebook& codebook, const QHash<int64_t, QHash<QString, Annotation>>& labels,
                                 const QHash<int64_t, AnnotatorKind>& kinds,
                                 ConflictScope scope = ConflictScope::Experts);

}  // namespace motor::metrics
