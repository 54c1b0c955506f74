#pragma once
// Bridges the store and the metrics: one RatingTable per codebook dimension, items are
// clip keys and coders are annotator names (experts and model runs alike).
#include <vector>

#include "core/metrics/Report.h"
#include "core/store/Project.h"

namespace motor::metrics {

Result<std::vector<DimensionTable>> ratingTablesFromProject(Project& project);

}  // namespace motor::metrics
