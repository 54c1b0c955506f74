#include "ui/metrics/MetricsJob.h"

#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

MetricsSnapshot MetricsSnapshot::take(const ProjectSession& session) {
    MetricsSnapshot s;
    s.codebook = session.codebook();
    QHash<int64_t, QString> names;
    for (AnnotatorKind kind : {AnnotatorKind::Human, AnnotatorKind::Model, AnnotatorKind::Baseline}) {
        for (const Annotator& a : session.annotatorsOfKind(kind)) {
            names.insert(a.id, a.name);
            s.coders << a.name;
            if (kind == AnnotatorKind::Human) s.agreementCoders << a.name;
        }
    }
    for (const Clip& c : session.clips()) {
        const ClipLabels& labels = session.labelsOfClip(c.id);
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            for (const Annotation& a : it.value())
                if (!a.label.isEmpty()) s.ratings.push_back({c.id, names.value(it.key()), a.dimension, a.label});
    }
    return s;
}

MetricsResult computeMetrics(const MetricsSnapshot& snapshot, const QString& reference, int bootstrapResamples) {
    MetricsResult out;
    QHash<QString, int> dimIndex;
    for (const Dimension& d : snapshot.codebook.dimensions) {
        dimIndex.insert(d.name, int(out.tables.size()));
        metrics::DimensionTable t{d.name, metrics::RatingTable(d.classNames())};
        // Every coder is a row even without ratings, so coder indices match across dimensions.
        for (const QString& coder : snapshot.coders) t.table.addCoder(coder);
        out.tables.push_back(std::move(t));
    }
    for (const MetricsSnapshot::Rating& r : snapshot.ratings) {
        const auto it = dimIndex.constFind(r.dimension);
        if (it == dimIndex.cend()) continue;
        const Status s = out.tables[*it].table.set(r.coder, QString::number(r.clipId), r.label);
        if (!s) {
            out.error = s.error().message;
            return out;
        }
    }
    metrics::ReportOptions options;
    options.reference = reference;
    options.agreementCoders = snapshot.agreementCoders;
    if (bootstrapResamples > 0) {
        metrics::BootstrapOptions b;
        b.resamples = bootstrapResamples;
        options.bootstrap = b;
    }
    auto report = metrics::Report::build(out.tables, options);
    if (!report) {
        out.error = report.error().message;
        return out;
    }
    out.report = std::move(report.value());
    return out;
}

}  // namespace ui
}  // namespace motor
