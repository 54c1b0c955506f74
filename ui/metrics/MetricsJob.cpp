#include "ui/metrics/MetricsJob.h"

#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

metrics::LabelSet labelSetOf(const ProjectSession& session) {
    metrics::LabelSet s;
    s.codebook = session.codebook();
    s.clips = session.clips();
    s.coders = session.annotators();
    s.orderCoders();
    for (const Clip& c : session.clips()) {
        const ClipLabels& labels = session.labelsOfClip(c.id);
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            for (const Annotation& a : it.value()) {
                for (int d = 0; d < s.codebook.dimensions.size(); ++d) {
                    if (s.codebook.dimensions[d].name != a.dimension) continue;
                    const int k = s.codebook.dimensions[d].classIndex(a.label);
                    if (k >= 0) s.labels.push_back({it.key(), c.id, d, k});
                    break;
                }
            }
    }
    return s;
}

MetricsResult computeDashboardMetrics(const metrics::LabelSet& labels, const metrics::MetricsOptions& options) {
    MetricsResult out;
    auto computed = metrics::computeMetrics(labels, options);
    if (!computed)
        out.error = computed.error().message;
    else
        out.metrics = std::move(computed.value());
    return out;
}

}  // namespace ui
}  // namespace motor
