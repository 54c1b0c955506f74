// motor eval | motor demo
#include <QDir>
#include <QHash>
#include <QJsonDocument>

#include <cmath>

#include "Command.h"
#include "core/demo/DemoProject.h"
#include "core/metrics/ProjectTables.h"
#include "core/metrics/Report.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

QString pct(double v) { return std::isnan(v) ? QStringLiteral("—") : QString::number(v * 100.0, 'f', 2); }
QString num(double v) { return std::isnan(v) ? QStringLiteral("—") : QString::number(v, 'f', 3); }
QString csvNum(double v) { return std::isnan(v) ? QString() : QString::number(v, 'g', 10); }

// Default reference: the expert with the most labels (ties: first by name), the usual
// gold standard when nobody says otherwise.
Result<QString> defaultReference(Project& p) {
    auto annotators = p.annotators();
    if (!annotators) return annotators.error();
    auto annotations = p.annotations();
    if (!annotations) return annotations.error();
    QHash<int64_t, int> labelsOf;
    for (const auto& x : annotations.value()) labelsOf[x.annotatorId]++;
    QString best;
    int bestCount = 0;
    for (const auto& a : annotators.value()) {
        if (a.kind != AnnotatorKind::Human) continue;
        const int n = labelsOf.value(a.id);
        if (n > bestCount || (n == bestCount && n > 0 && a.name < best)) {
            best = a.name;
            bestCount = n;
        }
    }
    return best;
}

QString textReport(const metrics::Report& r) {
    QString out;
    out += QStringLiteral("Macro-F1 (%) against %1\n\n").arg(r.reference());
    QString header = QStringLiteral("%1").arg(QStringLiteral("annotator"), -28);
    for (const auto& d : r.dimensions()) header += QStringLiteral("%1").arg(d.name, 11);
    header += QStringLiteral("%1\n").arg(QStringLiteral("avg"), 9);
    out += header + QString(header.size() - 1, QChar('-')) + QLatin1Char('\n');
    for (const auto& row : r.summary()) {
        QString line = QStringLiteral("%1").arg(row.annotator, -28);
        for (double v : row.macroF1) line += QStringLiteral("%1").arg(pct(v), 11);
        line += QStringLiteral("%1\n").arg(pct(row.average), 9);
        out += line;
    }
    out += QStringLiteral("\nAgreement\n");
    for (const auto& d : r.dimensions()) {
        out += QStringLiteral("  %1: Fleiss kappa %2, Krippendorff alpha %3")
                   .arg(d.name, -10).arg(num(d.agreement.fleiss.kappa), num(d.agreement.alpha.alpha));
        if (d.agreement.alphaInterval.defined())
            out += QStringLiteral(" [%1, %2]").arg(num(d.agreement.alphaInterval.lower), num(d.agreement.alphaInterval.upper));
        out += QLatin1Char('\n');
        for (const auto& pk : d.agreement.cohen)
            out += QStringLiteral("    Cohen kappa %1 / %2: %3 (n=%4)\n").arg(pk.a, pk.b, num(pk.kappa)).arg(pk.n);
    }
    return out;
}

QString csvReport(const metrics::Report& r) {
    QString out = QStringLiteral("dimension,annotator,reference,n,accuracy,macro_f1,weighted_f1\n");
    for (const auto& d : r.dimensions())
        for (const auto& c : d.vsReference)
            out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                       .arg(d.name, c.annotator, r.reference())
                       .arg(c.scores.n)
                       .arg(csvNum(c.scores.accuracy), csvNum(c.scores.macroF1), csvNum(c.scores.weightedF1));
    return out;
}

int cmdEval(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addOption({QStringLiteral("reference"), QStringLiteral("Annotator to score the others against (default: the expert with most labels)."),
                      QStringLiteral("ANNOTATOR")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default), json or csv."), QStringLiteral("text|json|csv"),
                      QStringLiteral("text")});
    parser.addOption({QStringLiteral("agreement"),
                      QStringLiteral("Coders in the agreement statistics: experts (default) or all (models too)."),
                      QStringLiteral("experts|all"), QStringLiteral("experts")});
    parser.addOption({QStringLiteral("bootstrap"), QStringLiteral("Bootstrap resamples for 95% intervals (0: none)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Agreement and F1 of every coder, experts and model runs."), 1, 1);
        rc >= 0)
        return rc;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("csv")) {
        printError(QStringLiteral("--format must be text, json or csv"));
        return 2;
    }
    const QString agreement = parser.value(QStringLiteral("agreement"));
    if (agreement != QLatin1String("experts") && agreement != QLatin1String("all")) {
        printError(QStringLiteral("--agreement must be experts or all"));
        return 2;
    }
    bool okN = false;
    const int resamples = parser.value(QStringLiteral("bootstrap")).toInt(&okN);
    if (!okN || resamples < 0) {
        printError(QStringLiteral("--bootstrap must be a non-negative number"));
        return 2;
    }
    auto opened = Project::open(parser.positionalArguments().at(0));
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    auto& p = *opened.value();
    QString reference = parser.value(QStringLiteral("reference"));
    if (reference.isEmpty()) {
        auto def = defaultReference(p);
        if (!def) {
            printError(def.error().message);
            return 1;
        }
        reference = def.value();
    }
    auto tables = metrics::ratingTablesFromProject(p);
    if (!tables) {
        printError(tables.error().message);
        return 1;
    }
    metrics::ReportOptions options;
    options.reference = reference;
    // Inter-rater agreement is about the human coders; models are scored against the
    // reference in vs_reference and the summary.
    if (agreement == QLatin1String("experts")) {
        auto annotators = p.annotators();
        if (!annotators) {
            printError(annotators.error().message);
            return 1;
        }
        for (const auto& a : annotators.value())
            if (a.kind == AnnotatorKind::Human) options.agreementCoders << a.name;
    }
    if (resamples > 0) options.bootstrap = metrics::BootstrapOptions{resamples};
    auto report = metrics::Report::build(tables.value(), options);
    if (!report) {
        printError(QStringLiteral("%1: %2").arg(p.path(), report.error().message));
        return 1;
    }
    if (format == QLatin1String("json"))
        printOut(QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented)));
    else if (format == QLatin1String("csv"))
        printOut(csvReport(report.value()));
    else
        printOut(textReport(report.value()));
    return 0;
}

int cmdDemo(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Folder to write demo.motor and its media into."));
    parser.addOption({QStringLiteral("clips"), QStringLiteral("Number of clips (default 24)."), QStringLiteral("N"),
                      QStringLiteral("24")});
    if (int rc = parseOrExit(parser, args,
                             QStringLiteral("Write a demo project: generated classroom-like clips, Finnish transcripts, "
                                            "the MOTOR codebook, two experts' labels and a transcript-cue baseline run."),
                             1, 1);
        rc >= 0)
        return rc;
    demo::DemoOptions options;
    bool ok = false;
    options.clipCount = parser.value(QStringLiteral("clips")).toInt(&ok);
    if (!ok || options.clipCount < 1 || options.clipCount > 2000) {
        printError(QStringLiteral("--clips must be between 1 and 2000"));
        return 2;
    }
    auto path = demo::createDemoProject(parser.positionalArguments().at(0), options, [](int done, int total) {
        std::fprintf(stderr, "\rgenerating media %d/%d", done, total);
        if (done == total) std::fputc('\n', stderr);
    });
    if (!path) {
        printError(path.error().message);
        return 1;
    }
    printOut(QStringLiteral("wrote %1\n").arg(path.value()));
    return 0;
}

const CommandRegistration regEval(QStringLiteral("eval"), QStringLiteral("agreement and F1 of every coder"), cmdEval);
const CommandRegistration regDemo(QStringLiteral("demo"), QStringLiteral("write a demo project"), cmdDemo);

}  // namespace
}  // namespace motor::cli
