#pragma once
// Everything the metrics read, as plain values: the codebook, the clips, the coders and
// their labels as codebook indices. `motor eval` takes it from the store; the Metrics
// tab builds it from the session's in-memory index (no store access on the GUI thread).
// Both then go through ProjectMetrics, so they cannot disagree.
#include <QVector>

#include "core/model/Codebook.h"
#include "core/model/Entities.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::metrics {

struct LabelSet {
    Codebook codebook;
    QVector<Clip> clips;        // natural order of their ids
    QVector<Annotator> coders;  // experts first, then model runs, then baselines
    QVector<CodedLabel> labels;

    static Result<LabelSet> fromProject(Project& project);
    // Orders coders as the reports list them (experts, models, baselines; each kind in
    // the order the project lists them).
    void orderCoders();
    QStringList coderNames(bool expertsOnly = false) const;
};

}  // namespace motor::metrics
