// motor init | info | label
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include "Command.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

Result<std::unique_ptr<Project>> openProject(const QString& path, Project::Access access = Project::Access::Write) {
    return Project::open(path, access);
}

int cmdInit(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file to create (.motor)."));
    parser.addOption({QStringLiteral("codebook"), QStringLiteral("'motor' (default) or a codebook JSON file."),
                      QStringLiteral("motor|FILE.json"), QStringLiteral("motor")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Create a new, empty MOTOR project."), 1, 1); rc >= 0)
        return rc;
    const QString path = parser.positionalArguments().at(0);
    const QString cbArg = parser.value(QStringLiteral("codebook"));
    Codebook codebook;
    if (cbArg == QLatin1String("motor")) {
        codebook = Codebook::motorDefault();
    } else {
        auto cb = Codebook::fromFile(cbArg);
        if (!cb) {
            printError(cb.error().message);
            return 1;
        }
        codebook = cb.value();
    }
    auto p = Project::create(path, codebook);
    if (!p) {
        printError(p.error().message);
        return 1;
    }
    printOut(QStringLiteral("created %1 (codebook %2 v%3: %4)\n")
                 .arg(path, codebook.name)
                 .arg(codebook.version)
                 .arg(codebook.dimensionNames().join(", ")));
    return 0;
}

int cmdInfo(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
                      QStringLiteral("text")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Show what a project holds."), 1, 1); rc >= 0) return rc;
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        printError(QStringLiteral("--format must be text or json"));
        return 2;
    }
    auto opened = openProject(parser.positionalArguments().at(0), Project::Access::Read);
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    auto& p = *opened.value();
    auto counts = p.counts();
    auto annotators = p.annotators();
    auto annotations = p.annotations();
    if (!counts || !annotators || !annotations) {
        printError(!counts       ? counts.error().message
                   : !annotators ? annotators.error().message
                                 : annotations.error().message);
        return 1;
    }
    QMap<int64_t, int> perAnnotator;
    for (const auto& a : annotations.value()) perAnnotator[a.annotatorId]++;
    if (format == QLatin1String("json")) {
        QJsonArray list;
        for (const auto& a : annotators.value())
            list.append(QJsonObject{
                {"name", a.name}, {"kind", annotatorKindName(a.kind)}, {"annotations", perAnnotator.value(a.id)}});
        QJsonObject o{{"media", qint64(counts->media)},
                      {"clips", qint64(counts->clips)},
                      {"utterances", qint64(counts->utterances)},
                      {"annotators", list},
                      {"codebook", p.codebook().toJson()}};
        printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
        return 0;
    }
    QString out;
    out += QStringLiteral("project     %1\n").arg(p.path());
    out += QStringLiteral("codebook    %1 v%2 (%3)\n")
               .arg(p.codebook().name)
               .arg(p.codebook().version)
               .arg(p.codebook().dimensionNames().join(", "));
    out += QStringLiteral("media       %1\nclips       %2\nutterances  %3\n")
               .arg(counts->media)
               .arg(counts->clips)
               .arg(counts->utterances);
    out += QStringLiteral("annotators  %1\n").arg(counts->annotators);
    for (const auto& a : annotators.value())
        out += QStringLiteral("  %1 %2 %3 labels\n")
                   .arg(a.name, -24)
                   .arg(annotatorKindName(a.kind), -9)
                   .arg(perAnnotator.value(a.id));
    printOut(out);
    return 0;
}

int cmdLabel(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("CLIP"), QStringLiteral("Clip id."));
    parser.addPositionalArgument(QStringLiteral("ANNOTATOR"), QStringLiteral("Expert name (created if new)."));
    parser.addPositionalArgument(QStringLiteral("DIMENSION"), QStringLiteral("Codebook dimension, e.g. behavior."));
    parser.addPositionalArgument(QStringLiteral("LABEL"),
                                 QStringLiteral("Class name; an empty string removes the label."));
    parser.addOption({QStringLiteral("note"), QStringLiteral("Free-text note."), QStringLiteral("TEXT")});
    if (int rc = parseOrExit(
            parser, args, QStringLiteral("Set one label. Prints 'committed' once the label is durable on disk."), 5, 5);
        rc >= 0)
        return rc;
    const QStringList pos = parser.positionalArguments();
    auto opened = openProject(pos[0]);
    if (!opened) {
        printError(opened.error().message);
        return 1;
    }
    auto& p = *opened.value();
    auto clip = p.clipByKey(pos[1]);
    if (!clip) {
        printError(clip.error().message);
        return 1;
    }
    if (!clip->has_value()) {
        printError(QStringLiteral("%1: no clip '%2'").arg(pos[0], pos[1]));
        return 1;
    }
    const QString annotatorName = pos[2];
    LabelWrite w;
    w.clipId = (*clip)->id;
    w.dimension = pos[3];
    w.label = pos[4];
    w.note = parser.value(QStringLiteral("note"));
    w.source = LabelSource::Cli;
    Status s = p.transaction([&]() -> Status {
        auto existing = p.annotatorByName(annotatorName);
        if (!existing) return existing.error();
        if (existing->has_value() && (*existing)->kind != AnnotatorKind::Human)
            return makeError(QStringLiteral("annotator '%1' is a %2, not an expert")
                                 .arg(annotatorName, annotatorKindName((*existing)->kind)));
        auto id = p.ensureAnnotator(annotatorName, AnnotatorKind::Human);
        if (!id) return id.error();
        w.annotatorId = id.value();
        return p.setLabel(w);
    });
    if (!s) {
        printError(QStringLiteral("%1: %2").arg(pos[0], s.error().message));
        return 1;
    }
    printOut(QStringLiteral("committed\n"));
    return 0;
}

const CommandRegistration regInit(QStringLiteral("init"), QStringLiteral("create a project"), cmdInit);
const CommandRegistration regInfo(QStringLiteral("info"), QStringLiteral("show what a project holds"), cmdInfo);
const CommandRegistration regLabel(QStringLiteral("label"), QStringLiteral("set one label"), cmdLabel);

}  // namespace
}  // namespace motor::cli
