#pragma once
// The one metrics service: `motor eval` and the Metrics tab both call it, with the same
// default reference, the same rating tables and the same report, and print it with the
// same renderings (text in the paper's table form, CSV through core/io's writer, JSON).
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/metrics/LabelSet.h"
#include "core/metrics/Report.h"

namespace motor::metrics {

enum class AgreementCoders { Experts, All };

struct MetricsOptions {
    QString reference;  // empty: defaultReference()
    AgreementCoders agreement = AgreementCoders::Experts;
    int bootstrapResamples = 0;  // 0: no intervals
};

struct ProjectMetrics {
    std::vector<DimensionTable> tables;  // items are clip keys, coders annotator names
    Report report;
};

// The expert with the most labels (ties: the first by name): the gold standard when
// nobody names one. Empty when no expert has labelled anything.
QString defaultReference(const LabelSet& labels);

// One table per codebook dimension; every coder and clip appears in every table, so
// absent ratings stay visible as missing.
std::vector<DimensionTable> ratingTables(const LabelSet& labels);

Result<ProjectMetrics> computeMetrics(const LabelSet& labels, const MetricsOptions& options);

// The renderings `motor eval --format text|csv|json` prints.
QString reportText(const Report& report);
QString reportCsv(const Report& report);
// Per class: dimension, annotator, class, precision, recall, f1, support.
QString perClassCsv(const Report& report);
// The agreement coefficients of the text report's "Agreement" part, one per row:
// dimension, statistic (fleiss_kappa, krippendorff_alpha, cohen_kappa), coder_a, coder_b
// (Cohen's pair; empty for the others), coders (the coders counted, ";"-separated), n
// (Fleiss: clips every coder rated; alpha: pairable clips; Cohen: clips both rated),
// value, ci_lower, ci_upper (empty without a bootstrap). Undefined values are empty.
QString coefficientsCsv(const Report& report);
QJsonObject reportJson(const Report& report);

}  // namespace motor::metrics
