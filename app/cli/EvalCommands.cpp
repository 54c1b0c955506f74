// motor eval | motor demo
#include <QDir>
#include <QJsonDocument>

#include "Command.h"
#include "core/demo/DemoProject.h"
#include "core/metrics/ProjectMetrics.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

int cmdEval(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addOption({QStringLiteral("reference"),
                      QStringLiteral("Annotator to score the others against (default: the expert with most labels)."),
                      QStringLiteral("ANNOTATOR")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default), json or csv."),
                      QStringLiteral("text|json|csv"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("agreement"),
                      QStringLiteral("Coders in the agreement statistics: experts (default) or all (models too)."),
                      QStringLiteral("experts|all"), QStringLiteral("experts")});
    parser.addOption({QStringLiteral("bootstrap"), QStringLiteral("Bootstrap resamples for 95% intervals (0: none)."),
                      QStringLiteral("N"), QStringLiteral("0")});
    if (int rc =
            parseOrExit(parser, args, QStringLiteral("Agreement and F1 of every coder, experts and model runs."), 1, 1);
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
    auto opened = Project::open(parser.positionalArguments().at(0), Project::Access::Read);
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    auto& p = *opened.value();
    auto labels = metrics::LabelSet::fromProject(p);
    if (!labels) {
        printError(labels.error().message);
        return 1;
    }
    metrics::MetricsOptions options;
    options.reference = parser.value(QStringLiteral("reference"));
    options.agreement =
        agreement == QLatin1String("all") ? metrics::AgreementCoders::All : metrics::AgreementCoders::Experts;
    options.bootstrapResamples = resamples;
    auto computed = metrics::computeMetrics(labels.value(), options);
    if (!computed) {
        printError(QStringLiteral("%1: %2").arg(p.path(), computed.error().message));
        return 1;
    }
    const metrics::Report& report = computed->report;
    if (format == QLatin1String("json"))
        printOut(QString::fromUtf8(QJsonDocument(metrics::reportJson(report)).toJson(QJsonDocument::Indented)));
    else if (format == QLatin1String("csv"))
        printOut(metrics::reportCsv(report));
    else
        printOut(metrics::reportText(report));
    return 0;
}

int cmdDemo(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Folder to write demo.motor and its media into."));
    parser.addOption({QStringLiteral("clips"), QStringLiteral("Number of clips (default 24)."), QStringLiteral("N"),
                      QStringLiteral("24")});
    if (int rc =
            parseOrExit(parser, args,
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
    bool lineOpen = false;
    auto path = demo::createDemoProject(parser.positionalArguments().at(0), options, [&](int done, int total) {
        std::fprintf(stderr, "\rgenerating media %d/%d", done, total);
        lineOpen = done != total;
        if (!lineOpen) std::fputc('\n', stderr);
    });
    if (!path) {
        if (lineOpen) std::fputc('\n', stderr);
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
