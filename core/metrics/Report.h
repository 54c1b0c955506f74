#pragma once
// Everything `motor eval` prints, for any number of dimensions: per dimension the
// classes, agreement among annotators (Fleiss, Krippendorff, pairwise Cohen) and, when
// a reference coder is named, every other coder scored against it; then a summary of
// macro-F1 per annotator and dimension.
//
// build() is the interactive path (the review view recomputes it on every label
// change), so it does no bootstrap unless ReportOptions::bootstrap is set.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <span>
#include <vector>

#include "core/metrics/DimensionReport.h"
#include "core/metrics/RatingTable.h"
#include "core/util/Result.h"

namespace motor::metrics {

struct DimensionTable {
    QString name;
    RatingTable table;
};

struct ReportOptions {
    // Empty: no reference, so no vs_reference and no summary.
    QString reference;
    // Coders whose agreement is reported; empty means every coder of each table. Names
    // missing from a dimension's table are skipped there.
    QStringList agreementCoders;
    // Unset: no intervals (the fast path).
    std::optional<BootstrapOptions> bootstrap;
};

struct SummaryRow {
    QString annotator;
    std::vector<double> macroF1;  // one per dimension, NaN where not comparable
    std::vector<long long> n;     // per dimension: clips rated by this coder and the reference
    double average = 0.0;         // mean over dimensions; NaN if any is NaN
    // Fewer clips than the reference rated, in some dimension: not comparable with a
    // coder who did them all (a run that labelled 5 of 24 clips).
    bool partial = false;
};

class Report {
public:
    // Fails on an unnamed, repeated or reserved ("annotator", "average") dimension
    // name, on a dimension without classes, and on a reference coder that no
    // dimension's table has.
    static Result<Report> build(std::span<const DimensionTable> dimensions, const ReportOptions& options = {});

    const QString& reference() const { return reference_; }
    const std::vector<DimensionReport>& dimensions() const { return dimensions_; }
    const std::vector<SummaryRow>& summary() const { return summary_; }
    // Per dimension: clips the reference rated (the n a complete coder reaches).
    const std::vector<long long>& referenceRated() const { return referenceRated_; }
    const std::optional<BootstrapOptions>& bootstrap() const { return bootstrap_; }

    // {reference, dimensions: {NAME: {classes, reference_n, agreement: {annotators,
    //  fleiss_kappa, krippendorff_alpha, cohen_kappa: [{a, b, kappa, n}]}, vs_reference:
    //  [{annotator, n, accuracy, macro_f1, weighted_f1, per_class: {CLASS: {precision,
    //  recall, f1, support}}, confusion}]}}, summary: [{annotator, NAME: macro_f1, ...,
    //  average, n: {NAME: n}, partial}]}.
    // Undefined values are null. With bootstrap, "*_ci": [lower, upper] keys sit next
    // to their statistic and a top-level "bootstrap" object records the settings.
    QJsonObject toJson() const;

private:
    QString reference_;
    std::vector<DimensionReport> dimensions_;
    std::vector<SummaryRow> summary_;
    std::vector<long long> referenceRated_;
    std::optional<BootstrapOptions> bootstrap_;
};

}  // namespace motor::metrics
