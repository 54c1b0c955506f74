#include "core/agents/MajorityBaseline.h"

#include <QJsonArray>

#include "core/store/Project.h"

namespace motor::agents {

namespace {

class MajoritySession final : public LmSession {
public:
    explicit MajoritySession(const MajorityBaseline* model) : model_(model) {}
    Status prefill(const LmContent&, const CancelFlag*) override { return {}; }
    Result<std::unique_ptr<LmSession>> fork() const override {
        return std::unique_ptr<LmSession>(std::make_unique<MajoritySession>(model_));
    }
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override {
        if (cancelled(cancel)) return cancelledError();
        LmOutput out;
        out.constrained = true;
        QStringList parts;
        for (const auto& f : request.constraint.fields) {
            LmFieldResult r;
            double share = 0.0;
            r.label = model_->majority(f.name, &share);
            if (!f.labels.contains(r.label)) r.label = f.labels.value(0);
            r.confidence = share;
            out.fields.insert(f.name, r);
            parts << QStringLiteral("%1 = %2 (%3% of the reference's labels)")
                         .arg(f.name, r.label, QString::number(share * 100.0, 'f', 0));
        }
        out.rationale = QStringLiteral("Majority class: ") + parts.join(QStringLiteral("; "));
        out.raw = out.rationale;
        return out;
    }

private:
    const MajorityBaseline* model_;
};

}  // namespace

MajorityBaseline::MajorityBaseline(QString reference, QMap<QString, QMap<QString, int>> counts,
                                   const Codebook& codebook)
    : reference_(std::move(reference)), counts_(std::move(counts)), codebook_(codebook) {}

Result<std::unique_ptr<MajorityBaseline>> MajorityBaseline::fromProject(Project& project,
                                                                        const QString& referenceAnnotator) {
    auto annotator = project.annotatorByName(referenceAnnotator);
    if (!annotator) return annotator.error();
    if (!annotator.value())
        return makeError(QStringLiteral("reference annotator '%1' not in the project").arg(referenceAnnotator));
    auto all = project.annotations();
    if (!all) return all.error();
    QMap<QString, QMap<QString, int>> counts;
    int n = 0;
    for (const auto& a : all.value()) {
        if (a.annotatorId != annotator.value()->id || a.label.isEmpty()) continue;
        counts[a.dimension][a.label] += 1;
        ++n;
    }
    if (n == 0) return makeError(QStringLiteral("reference annotator '%1' has no labels").arg(referenceAnnotator));
    return std::make_unique<MajorityBaseline>(referenceAnnotator, counts, project.codebook());
}

QString MajorityBaseline::majority(const QString& dimension, double* share) const {
    const QMap<QString, int> c = counts_.value(dimension);
    QStringList order;
    if (const Dimension* d = codebook_.dimension(dimension)) order = d->classNames();
    for (auto it = c.begin(); it != c.end(); ++it)
        if (!order.contains(it.key())) order << it.key();
    QString best;
    int bestCount = -1, total = 0;
    for (const auto& label : order) {
        const int k = c.value(label);
        total += k;
        if (k > bestCount) {
            bestCount = k;
            best = label;
        }
    }
    if (share) *share = total > 0 ? double(bestCount) / total : 0.0;
    return best;
}

QJsonObject MajorityBaseline::identity() const {
    QJsonObject counts;
    for (auto it = counts_.begin(); it != counts_.end(); ++it) {
        QJsonObject c;
        for (auto jt = it.value().begin(); jt != it.value().end(); ++jt) c.insert(jt.key(), jt.value());
        counts.insert(it.key(), c);
    }
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("majority")},
                       {QStringLiteral("reference"), reference_},
                       {QStringLiteral("reference_counts"), counts}};
}

LmCapabilities MajorityBaseline::capabilities() const {
    LmCapabilities c;
    c.constrainedDecoding = true;
    c.prefixSharing = true;
    c.preferredBatch = 16;
    return c;
}

Result<std::unique_ptr<LmSession>> MajorityBaseline::newSession(const SessionInfo&) {
    return std::unique_ptr<LmSession>(std::make_unique<MajoritySession>(this));
}

}  // namespace motor::agents
