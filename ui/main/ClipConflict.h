#pragma once
// How much the coders of one clip disagree. Computed from the session's in-memory
// labels, so the browser, the review queue and the status bar agree on one definition.
#include <QHash>
#include <QString>

#include "core/model/Codebook.h"
#include "core/model/Entities.h"

namespace motor {
namespace ui {

struct ClipConflict {
    int conflictingDimensions = 0;  // dimensions where two coders (any kind) differ
    int expertConflictDimensions = 0;  // ... where two human experts differ
    // Sum over dimensions of the coders outside the majority label: the queue's rank.
    int dissentingCoders = 0;
    bool modelDiffersFromExpert = false;

    bool any() const { return conflictingDimensions > 0; }
};

// labels: annotatorId -> dimension -> annotation; kinds: annotatorId -> kind.
ClipConflict computeClipConflict(const Codebook& codebook,
                                 const QHash<int64_t, QHash<QString, Annotation>>& labels,
                                 const QHash<int64_t, AnnotatorKind>& kinds);

}  // namespace ui
}  // namespace motor
