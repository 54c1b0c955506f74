#pragma once
// The dashboard's numbers come from core's metrics service (ProjectMetrics), like
// `motor eval`'s: the GUI thread copies the session's labels into a LabelSet (plain
// values, no Project access) and a worker computes the tables and the report.
#include <QString>
#include <optional>

#include "core/metrics/ProjectMetrics.h"

namespace motor {
namespace ui {

class ProjectSession;

// The session's labels as the metrics read them (the store's, as of the last change).
metrics::LabelSet labelSetOf(const ProjectSession& session);

struct MetricsResult {
    QString error;  // empty when ok
    std::optional<metrics::ProjectMetrics> metrics;
};

MetricsResult computeDashboardMetrics(const metrics::LabelSet& labels, const metrics::MetricsOptions& options);

}  // namespace ui
}  // namespace motor
