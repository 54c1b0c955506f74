// motor merge TARGET SOURCE...: coders' copies of a project brought together.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "Command.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

QString reportText(const MergeReport& r) {
    QString out = QStringLiteral(
                      "%1 %2: %3 labels added, %4 already the same, %5 replaced; %6 history entries; "
                      "%7 clips, %8 recordings, %9 coders added")
                      .arg(r.applied ? QStringLiteral("merged") : QStringLiteral("would merge"), r.source)
                      .arg(r.labelsAdded)
                      .arg(r.labelsSame)
                      .arg(r.labelsReplaced)
                      .arg(r.historyAdded)
                      .arg(r.clipsAdded)
                      .arg(r.mediaAdded)
                      .arg(r.annotatorsAdded);
    if (r.runItemsAdded) out += QStringLiteral("; %1 model-run items").arg(r.runItemsAdded);
    if (r.utterancesAdded) out += QStringLiteral("; %1 utterances").arg(r.utterancesAdded);
    out += QLatin1Char('\n');
    for (const MergeConflict& c : r.conflicts)
        out +=
            QStringLiteral("conflict: clip %1, %2, %3: here %4%5, there %6%7%8\n")
                .arg(c.clipKey, c.coder, c.dimension, c.targetLabel,
                     c.targetNote.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(c.targetNote), c.sourceLabel,
                     c.sourceNote.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(c.sourceNote),
                     c.resolvedTo.isEmpty() ? QString() : QStringLiteral(" -> kept %1's").arg(c.resolvedTo));
    for (const QString& w : r.warnings) out += QStringLiteral("warning: %1\n").arg(w);
    return out;
}

QJsonObject reportJson(const MergeReport& r) {
    QJsonArray conflicts;
    for (const MergeConflict& c : r.conflicts)
        conflicts.append(QJsonObject{{QStringLiteral("clip"), c.clipKey},
                                     {QStringLiteral("coder"), c.coder},
                                     {QStringLiteral("dimension"), c.dimension},
                                     {QStringLiteral("target_label"), c.targetLabel},
                                     {QStringLiteral("target_note"), c.targetNote},
                                     {QStringLiteral("source_label"), c.sourceLabel},
                                     {QStringLiteral("source_note"), c.sourceNote},
                                     {QStringLiteral("target_updated_ms"), c.targetUpdatedMs},
                                     {QStringLiteral("source_updated_ms"), c.sourceUpdatedMs},
                                     {QStringLiteral("resolved_to"), c.resolvedTo}});
    return QJsonObject{{QStringLiteral("source"), r.source},
                       {QStringLiteral("applied"), r.applied},
                       {QStringLiteral("labels_added"), r.labelsAdded},
                       {QStringLiteral("labels_same"), r.labelsSame},
                       {QStringLiteral("labels_replaced"), r.labelsReplaced},
                       {QStringLiteral("history_added"), r.historyAdded},
                       {QStringLiteral("clips_added"), r.clipsAdded},
                       {QStringLiteral("media_added"), r.mediaAdded},
                       {QStringLiteral("coders_added"), r.annotatorsAdded},
                       {QStringLiteral("run_items_added"), r.runItemsAdded},
                       {QStringLiteral("utterances_added"), r.utterancesAdded},
                       {QStringLiteral("conflicts"), conflicts},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}};
}

int cmdMerge(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("TARGET"), QStringLiteral("The project to merge into."));
    parser.addPositionalArgument(QStringLiteral("SOURCE..."),
                                 QStringLiteral("Other copies of the project (coders' laptops)."));
    parser.addOption({QStringLiteral("resolve"),
                      QStringLiteral("A label one coder set differently in two copies: report (default: list the "
                                     "conflicts and write nothing), keep (the target's), take (the source's), newer "
                                     "(the later change)."),
                      QStringLiteral("report|keep|take|newer"), QStringLiteral("report")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("Report what would be merged; write nothing.")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
                      QStringLiteral("text")});
    if (int rc =
            parseOrExit(parser, args,
                        QStringLiteral("Bring coders' copies of a project together: clips matched by id, recordings "
                                       "by content, coders by name; labels, notes and history carried over. Each "
                                       "source is merged in one transaction, in the order given."),
                        2, -1);
        rc >= 0)
        return rc;
    MergeResolution resolution;
    if (!parseMergeResolution(parser.value(QStringLiteral("resolve")), &resolution)) {
        printError(QStringLiteral("--resolve must be report, keep, take or newer"));
        return 2;
    }
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        printError(QStringLiteral("--format must be text or json"));
        return 2;
    }
    auto opened = Project::open(parser.positionalArguments().at(0));
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    Project& target = *opened.value();
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    QJsonArray reports;
    int rc = 0;
    for (const QString& source : parser.positionalArguments().mid(1)) {
        auto r = target.mergeFrom(source, resolution, dryRun);
        if (!r) {
            printError(r.error().message);
            rc = 1;
            break;
        }
        if (format == QLatin1String("json"))
            reports.append(reportJson(r.value()));
        else
            printOut(reportText(r.value()));
        if (r->unresolved() > 0) {
            printError(QStringLiteral("%1: %2 conflicting label(s); nothing of it was merged. Choose with --resolve "
                                      "keep|take|newer, or change the labels in one copy.")
                           .arg(source)
                           .arg(r->unresolved()));
            rc = 1;
            break;
        }
    }
    if (format == QLatin1String("json"))
        printOut(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("merges"), reports}}).toJson(QJsonDocument::Indented)));
    return rc;
}

const CommandRegistration regMerge(QStringLiteral("merge"), QStringLiteral("merge coders' copies of a project"),
                                   cmdMerge);

}  // namespace
}  // namespace motor::cli
