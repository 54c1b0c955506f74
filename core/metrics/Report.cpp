#include "core/metrics/Report.h"

#include <QJsonArray>
#include <QSet>
#include <cmath>
#include <limits>

#include "core/metrics/CohenKappa.h"

namespace motor::metrics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<int> agreementCoders(const RatingTable& table, const QStringList& wanted) {
    std::vector<int> coders;
    for (int c = 0; c < table.coderCount(); ++c) {
        if (!wanted.isEmpty() && !wanted.contains(table.coderName(c))) continue;
        // A coder who rated nothing in this dimension would only turn Fleiss' kappa
        // undefined (no item rated by all) and add empty Cohen pairs.
        if (table.ratedCount(c) > 0) coders.push_back(c);
    }
    return coders;
}

Agreement agreementOf(const RatingTable& table, const QStringList& wanted, const std::optional<Bootstrap>& bootstrap) {
    Agreement agreement;
    const std::vector<int> coders = agreementCoders(table, wanted);
    for (int c : coders) agreement.annotators << table.coderName(c);
    agreement.fleiss = FleissKappa::fromTable(table, coders);
    agreement.alpha = KrippendorffAlpha::fromTable(table, coders);
    if (bootstrap) {
        agreement.fleissInterval = bootstrap->fleissKappa(table, coders);
        agreement.alphaInterval = bootstrap->krippendorffAlpha(table, coders);
    }
    for (size_t i = 0; i < coders.size(); ++i) {
        for (size_t j = i + 1; j < coders.size(); ++j) {
            const CohenKappa kappa = CohenKappa::fromTable(table, coders[i], coders[j]);
            PairKappa pair{table.coderName(coders[i]), table.coderName(coders[j]), kappa.kappa, kappa.n, {}};
            if (bootstrap) pair.interval = bootstrap->cohenKappa(table, coders[i], coders[j]);
            agreement.cohen.push_back(std::move(pair));
        }
    }
    return agreement;
}

std::vector<ReferenceComparison> comparisonsOf(const RatingTable& table, int reference,
                                               const std::optional<Bootstrap>& bootstrap) {
    std::vector<ReferenceComparison> comparisons;
    if (reference < 0) return comparisons;
    for (int c = 0; c < table.coderCount(); ++c) {
        // Project tables list every coder in every dimension; one who rated nothing
        // here has nothing to be scored on.
        if (c == reference || table.ratedCount(c) == 0) continue;
        ReferenceComparison comparison{table.coderName(c), ClassificationScores::fromTable(table, reference, c), {}};
        if (bootstrap) comparison.macroF1Interval = bootstrap->macroF1(table, reference, c);
        comparisons.push_back(std::move(comparison));
    }
    return comparisons;
}

std::vector<SummaryRow> summaryOf(const std::vector<DimensionReport>& dimensions,
                                  const std::vector<long long>& referenceRated) {
    // Annotators in order of first appearance, so the summary reads like the tables.
    std::vector<SummaryRow> rows;
    QHash<QString, int> rowOf;
    for (size_t d = 0; d < dimensions.size(); ++d) {
        for (const ReferenceComparison& comparison : dimensions[d].vsReference) {
            auto it = rowOf.constFind(comparison.annotator);
            if (it == rowOf.cend()) {
                it = rowOf.insert(comparison.annotator, static_cast<int>(rows.size()));
                rows.push_back({comparison.annotator, std::vector<double>(dimensions.size(), kNaN),
                                std::vector<long long>(dimensions.size(), 0), kNaN, false});
            }
            rows[it.value()].macroF1[d] = comparison.scores.macroF1;
            rows[it.value()].n[d] = comparison.scores.n;
        }
    }
    for (SummaryRow& row : rows)
        for (size_t d = 0; d < dimensions.size(); ++d)
            if (row.n[d] < referenceRated[d]) row.partial = true;
    // An average over a subset of dimensions would not be comparable with the others'
    // (or with the paper's "avg"), so one undefined dimension makes it undefined.
    for (SummaryRow& row : rows) {
        double sum = 0.0;
        for (double value : row.macroF1) sum += value;
        row.average = row.macroF1.empty() ? kNaN : sum / static_cast<double>(row.macroF1.size());
    }
    return rows;
}

QJsonValue number(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonValue number(long long value) {
    return QJsonValue(static_cast<qint64>(value));
}

QJsonValue interval(const Interval& interval) {
    if (!interval.defined()) return QJsonValue(QJsonValue::Null);
    return QJsonArray{interval.lower, interval.upper};
}

QJsonObject comparisonJson(const ReferenceComparison& comparison, const QStringList& classes, bool withIntervals) {
    const ClassificationScores& s = comparison.scores;
    QJsonObject perClass;
    for (int c = 0; c < classes.size(); ++c) {
        const ClassScore& score = s.perClass[c];
        const double undefined = kNaN;
        perClass.insert(
            classes[c],
            QJsonObject{{QStringLiteral("precision"), number(score.inAverage ? score.precision : undefined)},
                        {QStringLiteral("recall"), number(score.inAverage ? score.recall : undefined)},
                        {QStringLiteral("f1"), number(score.inAverage ? score.f1 : undefined)},
                        {QStringLiteral("support"), number(score.support)}});
    }
    QJsonArray confusion;
    for (int r = 0; r < s.confusion.classCount(); ++r) {
        QJsonArray row;
        for (int p = 0; p < s.confusion.classCount(); ++p) row.append(number(s.confusion.at(r, p)));
        confusion.append(row);
    }
    QJsonObject json{{QStringLiteral("annotator"), comparison.annotator},
                     {QStringLiteral("n"), number(s.n)},
                     {QStringLiteral("accuracy"), number(s.accuracy)},
                     {QStringLiteral("macro_f1"), number(s.macroF1)},
                     {QStringLiteral("weighted_f1"), number(s.weightedF1)},
                     {QStringLiteral("per_class"), perClass},
                     {QStringLiteral("confusion"), confusion}};
    if (withIntervals) json.insert(QStringLiteral("macro_f1_ci"), interval(comparison.macroF1Interval));
    return json;
}

QJsonObject agreementJson(const Agreement& agreement, bool withIntervals) {
    QJsonArray cohen;
    for (const PairKappa& pair : agreement.cohen) {
        QJsonObject json{{QStringLiteral("a"), pair.a},
                         {QStringLiteral("b"), pair.b},
                         {QStringLiteral("kappa"), number(pair.kappa)},
                         {QStringLiteral("n"), number(pair.n)}};
        if (withIntervals) json.insert(QStringLiteral("kappa_ci"), interval(pair.interval));
        cohen.append(json);
    }
    QJsonObject json{{QStringLiteral("annotators"), QJsonArray::fromStringList(agreement.annotators)},
                     {QStringLiteral("fleiss_kappa"), number(agreement.fleiss.kappa)},
                     {QStringLiteral("fleiss_n"), number(agreement.fleiss.n)},
                     {QStringLiteral("krippendorff_alpha"), number(agreement.alpha.alpha)},
                     {QStringLiteral("krippendorff_units"), number(agreement.alpha.units)},
                     {QStringLiteral("cohen_kappa"), cohen}};
    if (withIntervals) {
        json.insert(QStringLiteral("fleiss_kappa_ci"), interval(agreement.fleissInterval));
        json.insert(QStringLiteral("krippendorff_alpha_ci"), interval(agreement.alphaInterval));
    }
    return json;
}

}  // namespace

Result<Report> Report::build(std::span<const DimensionTable> dimensions, const ReportOptions& options) {
    QSet<QString> names;
    bool referenceFound = options.reference.isEmpty();
    for (const DimensionTable& dimension : dimensions) {
        if (dimension.name.isEmpty()) return makeError(QStringLiteral("metrics report: a dimension has no name"));
        if (dimension.name == QLatin1String("annotator") || dimension.name == QLatin1String("average"))
            return makeError(QStringLiteral("metrics report: dimension name '%1' is reserved for "
                                            "the summary")
                                 .arg(dimension.name));
        if (names.contains(dimension.name))
            return makeError(QStringLiteral("metrics report: dimension '%1' given twice").arg(dimension.name));
        names.insert(dimension.name);
        if (dimension.table.classCount() == 0)
            return makeError(QStringLiteral("metrics report: dimension '%1' has no classes").arg(dimension.name));
        if (dimension.table.coderIndex(options.reference) >= 0) referenceFound = true;
    }
    if (!referenceFound)
        return makeError(QStringLiteral("metrics report: reference coder '%1' is not a coder in any "
                                        "dimension's table")
                             .arg(options.reference));

    Report report;
    report.reference_ = options.reference;
    report.bootstrap_ = options.bootstrap;
    std::optional<Bootstrap> bootstrap;
    if (options.bootstrap) bootstrap.emplace(*options.bootstrap);
    report.dimensions_.reserve(dimensions.size());
    for (const DimensionTable& dimension : dimensions) {
        const RatingTable& table = dimension.table;
        const int ref = options.reference.isEmpty() ? -1 : table.coderIndex(options.reference);
        report.referenceRated_.push_back(ref < 0 ? 0 : table.ratedCount(ref));
        DimensionReport out;
        out.name = dimension.name;
        out.classes = table.classes();
        out.agreement = agreementOf(table, options.agreementCoders, bootstrap);
        const int reference = options.reference.isEmpty() ? -1 : table.coderIndex(options.reference);
        out.vsReference = comparisonsOf(table, reference, bootstrap);
        report.dimensions_.push_back(std::move(out));
    }
    report.summary_ = summaryOf(report.dimensions_, report.referenceRated_);
    return report;
}

QJsonObject Report::toJson() const {
    const bool withIntervals = bootstrap_.has_value();
    QJsonObject dimensions;
    for (const DimensionReport& dimension : dimensions_) {
        QJsonArray vsReference;
        for (const ReferenceComparison& comparison : dimension.vsReference)
            vsReference.append(comparisonJson(comparison, dimension.classes, withIntervals));
        const size_t d = size_t(&dimension - dimensions_.data());
        dimensions.insert(
            dimension.name,
            QJsonObject{{QStringLiteral("classes"), QJsonArray::fromStringList(dimension.classes)},
                        {QStringLiteral("reference_n"), number(d < referenceRated_.size() ? referenceRated_[d] : 0LL)},
                        {QStringLiteral("agreement"), agreementJson(dimension.agreement, withIntervals)},
                        {QStringLiteral("vs_reference"), vsReference}});
    }
    QJsonArray summary;
    for (const SummaryRow& row : summary_) {
        QJsonObject json{{QStringLiteral("annotator"), row.annotator}};
        QJsonObject n;
        for (size_t d = 0; d < dimensions_.size(); ++d) {
            json.insert(dimensions_[d].name, number(row.macroF1[d]));
            n.insert(dimensions_[d].name, number(row.n[d]));
        }
        json.insert(QStringLiteral("average"), number(row.average));
        json.insert(QStringLiteral("n"), n);
        json.insert(QStringLiteral("partial"), row.partial);
        summary.append(json);
    }
    QJsonObject json{
        {QStringLiteral("reference"), reference_.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reference_)},
        {QStringLiteral("dimensions"), dimensions},
        {QStringLiteral("summary"), summary}};
    if (bootstrap_) {
        json.insert(QStringLiteral("bootstrap"),
                    QJsonObject{{QStringLiteral("resamples"), bootstrap_->resamples},
                                {QStringLiteral("seed"), QString::number(bootstrap_->seed)},
                                {QStringLiteral("confidence"), bootstrap_->confidence}});
    }
    return json;
}

}  // namespace motor::metrics
