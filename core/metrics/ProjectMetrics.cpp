#include "core/metrics/ProjectMetrics.h"

#include <QHash>
#include <cmath>

#include "core/io/CsvWriter.h"

namespace motor::metrics {

namespace {

QString pct(double v) {
    return std::isnan(v) ? QStringLiteral("—") : QString::number(v * 100.0, 'f', 2);
}
QString num(double v) {
    return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 3);
}
QString csvNum(double v) {
    return std::isnan(v) ? QString() : QString::number(v, 'g', 10);
}

}  // namespace

QString defaultReference(const LabelSet& labels) {
    QHash<int64_t, int> count;
    for (const CodedLabel& l : labels.labels) ++count[l.annotatorId];
    QString best;
    int bestCount = 0;
    for (const Annotator& a : labels.coders) {
        if (a.kind != AnnotatorKind::Human) continue;
        const int n = count.value(a.id);
        if (n > bestCount || (n == bestCount && n > 0 && a.name < best)) {
            best = a.name;
            bestCount = n;
        }
    }
    return best;
}

std::vector<DimensionTable> ratingTables(const LabelSet& labels) {
    std::vector<DimensionTable> tables;
    for (const Dimension& d : labels.codebook.dimensions) {
        DimensionTable t{d.name, RatingTable(d.classNames())};
        for (const Annotator& a : labels.coders) t.table.addCoder(a.name);
        for (const Clip& c : labels.clips) t.table.addItem(c.key);
        tables.push_back(std::move(t));
    }
    QHash<int64_t, QString> clipKey;
    for (const Clip& c : labels.clips) clipKey.insert(c.id, c.key);
    QHash<int64_t, QString> coderName;
    for (const Annotator& a : labels.coders) coderName.insert(a.id, a.name);
    for (const CodedLabel& l : labels.labels) {
        if (l.dimension < 0 || size_t(l.dimension) >= tables.size()) continue;
        const auto key = clipKey.constFind(l.clipId);
        const auto coder = coderName.constFind(l.annotatorId);
        if (key == clipKey.cend() || coder == coderName.cend()) continue;
        (void)tables[size_t(l.dimension)].table.set(*coder, *key, l.label);
    }
    return tables;
}

Result<ProjectMetrics> computeMetrics(const LabelSet& labels, const MetricsOptions& options) {
    ReportOptions ro;
    ro.reference = options.reference.isEmpty() ? defaultReference(labels) : options.reference;
    // Inter-rater agreement is about the human coders; models are scored against the
    // reference (vs_reference, summary).
    if (options.agreement == AgreementCoders::Experts) ro.agreementCoders = labels.coderNames(true);
    if (options.bootstrapResamples > 0) ro.bootstrap = BootstrapOptions{options.bootstrapResamples};
    std::vector<DimensionTable> tables = ratingTables(labels);
    auto report = Report::build(tables, ro);
    if (!report) return report.error();
    return ProjectMetrics{std::move(tables), std::move(report.value())};
}

QString reportText(const Report& r) {
    QString out;
    bool anyCoder = !r.summary().empty();
    for (const auto& d : r.dimensions()) anyCoder = anyCoder || !d.agreement.annotators.isEmpty();
    if (!anyCoder)
        return QStringLiteral(
            "No labels yet: nothing to compare. Label clips (the Label tab, or motor label) or import labels "
            "(motor import labels), then run eval again.\n");
    if (!r.reference().isEmpty()) {  // the table against the reference (eval --reference)
        out += QStringLiteral("Macro-F1 (%) against %1 (n = clips rated by both)\n\n").arg(r.reference());
        QString header = QStringLiteral("%1").arg(QStringLiteral("annotator"), -28);
        for (const auto& d : r.dimensions()) header += QStringLiteral("%1").arg(d.name, 18);
        header += QStringLiteral("%1\n").arg(QStringLiteral("avg"), 9);
        out += header + QString(header.size() - 1, QChar('-')) + QLatin1Char('\n');
        bool anyPartial = false;
        for (const auto& row : r.summary()) {
            QString line =
                QStringLiteral("%1").arg(row.annotator + (row.partial ? QStringLiteral(" *") : QString()), -28);
            for (size_t d = 0; d < row.macroF1.size(); ++d)
                line +=
                    QStringLiteral("%1").arg(QStringLiteral("%1 (n=%2)").arg(pct(row.macroF1[d])).arg(row.n[d]), 18);
            line += QStringLiteral("%1\n").arg(pct(row.average), 9);
            out += line;
            anyPartial = anyPartial || row.partial;
        }
        if (anyPartial) {
            QStringList refN;
            for (size_t d = 0; d < r.dimensions().size(); ++d)
                refN << QStringLiteral("%1 %2").arg(r.dimensions()[d].name).arg(r.referenceRated()[d]);
            out += QStringLiteral(
                       "* covers fewer clips than the reference rated (%1): not comparable with complete coders\n")
                       .arg(refN.join(QStringLiteral(", ")));
        }
    }
    out += QStringLiteral("\nAgreement\n");
    auto interval = [](const Interval& i) {
        return i.defined() ? QStringLiteral(" [%1, %2]").arg(num(i.lower), num(i.upper)) : QString();
    };
    bool fleissOnFewer = false;
    for (const auto& d : r.dimensions()) {
        const Agreement& a = d.agreement;
        out += QStringLiteral("  %1: Fleiss kappa %2%3 (n=%4), Krippendorff alpha %5%6 (units=%7)\n")
                   .arg(d.name, -10)
                   .arg(num(a.fleiss.kappa), interval(a.fleissInterval))
                   .arg(a.fleiss.n)
                   .arg(num(a.alpha.alpha), interval(a.alphaInterval))
                   .arg(a.alpha.units);
        fleissOnFewer = fleissOnFewer || a.fleiss.n < a.alpha.units;
        for (const auto& pk : a.cohen)
            out += QStringLiteral("    Cohen kappa %1 / %2: %3%4 (n=%5)\n")
                       .arg(pk.a, pk.b, num(pk.kappa), interval(pk.interval))
                       .arg(pk.n);
    }
    if (fleissOnFewer)
        out += QStringLiteral(
            "Fleiss' kappa counts only the clips every coder rated (n); Krippendorff's alpha every clip two or more "
            "rated (units). A coder who rated few clips makes Fleiss' n small.\n");
    if (r.bootstrap())
        out += QStringLiteral("[lower, upper]: %1% percentile bootstrap interval over clips, %2 resamples, seed %3.\n")
                   .arg(r.bootstrap()->confidence * 100, 0, 'g', 3)
                   .arg(r.bootstrap()->resamples)
                   .arg(r.bootstrap()->seed);
    return out;
}

QString reportCsv(const Report& r) {
    io::CsvWriter csv;
    csv.addRow({QStringLiteral("dimension"), QStringLiteral("annotator"), QStringLiteral("reference"),
                QStringLiteral("n"), QStringLiteral("reference_n"), QStringLiteral("accuracy"),
                QStringLiteral("macro_f1"), QStringLiteral("weighted_f1")});
    for (size_t d = 0; d < r.dimensions().size(); ++d) {
        const DimensionReport& dim = r.dimensions()[d];
        for (const auto& c : dim.vsReference)
            csv.addRow({dim.name, c.annotator, r.reference(), QString::number(c.scores.n),
                        QString::number(r.referenceRated()[d]), csvNum(c.scores.accuracy), csvNum(c.scores.macroF1),
                        csvNum(c.scores.weightedF1)});
    }
    return QString::fromUtf8(csv.toUtf8());
}

QString perClassCsv(const Report& r) {
    io::CsvWriter csv;
    csv.addRow({QStringLiteral("dimension"), QStringLiteral("annotator"), QStringLiteral("class"),
                QStringLiteral("precision"), QStringLiteral("recall"), QStringLiteral("f1"),
                QStringLiteral("support")});
    for (const auto& d : r.dimensions())
        for (const auto& c : d.vsReference)
            for (int k = 0; k < d.classes.size(); ++k) {
                const ClassScore& s = c.scores.perClass[size_t(k)];
                csv.addRow({d.name, c.annotator, d.classes[k], s.inAverage ? csvNum(s.precision) : QString(),
                            s.inAverage ? csvNum(s.recall) : QString(), s.inAverage ? csvNum(s.f1) : QString(),
                            QString::number(s.support)});
            }
    return QString::fromUtf8(csv.toUtf8());
}

QString coefficientsCsv(const Report& r) {
    io::CsvWriter csv;
    csv.addRow({QStringLiteral("dimension"), QStringLiteral("statistic"), QStringLiteral("coder_a"),
                QStringLiteral("coder_b"), QStringLiteral("coders"), QStringLiteral("n"), QStringLiteral("value"),
                QStringLiteral("ci_lower"), QStringLiteral("ci_upper")});
    for (const auto& d : r.dimensions()) {
        const Agreement& a = d.agreement;
        auto row = [&](const QString& statistic, const QString& coderA, const QString& coderB, const QString& coders,
                       long long n, double value, const Interval& ci) {
            csv.addRow({d.name, statistic, coderA, coderB, coders, QString::number(n), csvNum(value),
                        ci.defined() ? csvNum(ci.lower) : QString(), ci.defined() ? csvNum(ci.upper) : QString()});
        };
        const QString all = a.annotators.join(QLatin1Char(';'));
        row(QStringLiteral("fleiss_kappa"), {}, {}, all, a.fleiss.n, a.fleiss.kappa, a.fleissInterval);
        row(QStringLiteral("krippendorff_alpha"), {}, {}, all, a.alpha.units, a.alpha.alpha, a.alphaInterval);
        for (const PairKappa& pk : a.cohen)
            row(QStringLiteral("cohen_kappa"), pk.a, pk.b, pk.a + QLatin1Char(';') + pk.b, pk.n, pk.kappa, pk.interval);
    }
    return QString::fromUtf8(csv.toUtf8());
}

QJsonObject reportJson(const Report& report) {
    return report.toJson();
}

}  // namespace motor::metrics
