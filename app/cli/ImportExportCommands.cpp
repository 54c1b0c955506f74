// motor import media|segments|transcripts|labels, motor relink, motor export
#include <QDir>

#include "Command.h"
#include "core/io/ClipExporter.h"
#include "core/io/CsvLabelExporter.h"
#include "core/io/EafExporter.h"
#include "core/io/JsonlExporter.h"
#include "core/io/LabelImporter.h"
#include "core/io/MediaImporter.h"
#include "core/io/MediaRelinker.h"
#include "core/io/SegmentImporter.h"
#include "core/io/TranscriptImporter.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

// Opens the project or prints why not; nullptr on failure.
std::unique_ptr<Project> openOrReport(const QString& path) {
    auto p = Project::open(path);
    if (!p) {
        printError(p.error().message);
        return nullptr;
    }
    return std::move(p.value());
}

int fail(const Error& e) {
    printError(e.message);
    return 1;
}

QCommandLineOption encodingOption() {
    return {QStringLiteral("encoding"), QStringLiteral("Declared text encoding of legacy files, e.g. windows-1252."),
            QStringLiteral("NAME")};
}

int cmdImportMedia(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("PATH..."), QStringLiteral("Media files or folders (searched recursively)."));
    parser.addOption({QStringLiteral("no-clips"), QStringLiteral("Add the media only; cut clips later with 'import segments'.")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Add media files; one clip per file unless --no-clips."), 2, -1); rc >= 0)
        return rc;
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    io::MediaImportOptions options;
    if (parser.isSet(QStringLiteral("no-clips"))) options.clips = io::ClipPolicy::NoClips;
    auto r = io::MediaImporter::importMedia(*p, parser.positionalArguments().mid(1), options);
    if (!r) return fail(r.error());
    QString out = QStringLiteral("added %1 media, %2 clips\n").arg(r->mediaAdded).arg(r->clipsAdded);
    for (const auto& s : r->alreadyInProject) out += QStringLiteral("already in project: %1\n").arg(s);
    printOut(out);
    for (const auto& w : r->warnings) printError(QStringLiteral("warning: ") + w);
    return 0;
}

int cmdImportSegments(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addOption({QStringLiteral("media"), QStringLiteral("The recording to cut (already imported)."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Segments as start,end[,id] rows."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("Fixed windows of this many seconds."), QStringLiteral("SECONDS")});
    parser.addOption(encodingOption());
    if (int rc = parseOrExit(parser, args, QStringLiteral("Cut a long recording into clips."), 1, 1); rc >= 0) return rc;
    const bool hasCsv = parser.isSet(QStringLiteral("csv")), hasWindow = parser.isSet(QStringLiteral("window"));
    if (!parser.isSet(QStringLiteral("media")) || hasCsv == hasWindow) {
        printError(QStringLiteral("give --media and exactly one of --csv or --window"));
        return 2;
    }
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    Result<int> r = 0;
    if (hasCsv) {
        r = io::SegmentImporter::importSegments(*p, parser.value(QStringLiteral("media")), parser.value(QStringLiteral("csv")),
                                               parser.value(QStringLiteral("encoding")));
    } else {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("window")).toDouble(&ok);
        if (!ok || seconds <= 0) {
            printError(QStringLiteral("--window must be a positive number of seconds"));
            return 2;
        }
        r = io::SegmentImporter::importWindows(*p, parser.value(QStringLiteral("media")), int64_t(seconds * 1000.0 + 0.5));
    }
    if (!r) return fail(r.error());
    printOut(QStringLiteral("added %1 clips\n").arg(r.value()));
    return 0;
}

int cmdImportTranscripts(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FILE..."), QStringLiteral("SRT, WebVTT, ELAN .eaf or CSV/TSV transcripts."));
    parser.addOption({QStringLiteral("media"), QStringLiteral("The media the transcript belongs to."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("Language code stored with each utterance, e.g. fi."),
                      QStringLiteral("CODE")});
    parser.addOption(encodingOption());
    if (int rc = parseOrExit(parser, args, QStringLiteral("Attach transcripts to a media timeline (replaces its utterances)."), 2, -1);
        rc >= 0)
        return rc;
    if (!parser.isSet(QStringLiteral("media"))) {
        printError(QStringLiteral("--media is required"));
        return 2;
    }
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    io::TranscriptReadOptions options;
    options.encoding = parser.value(QStringLiteral("encoding"));
    options.language = parser.value(QStringLiteral("language"));
    auto r = io::TranscriptImporter::importTranscripts(*p, parser.value(QStringLiteral("media")),
                                                       parser.positionalArguments().mid(1), options);
    if (!r) return fail(r.error());
    printOut(QStringLiteral("%1 utterances now on %2\n").arg(r.value()).arg(parser.value(QStringLiteral("media"))));
    return 0;
}

int cmdImportLabels(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), QStringLiteral("Rows clip,annotator,dimension,label."));
    parser.addOption(encodingOption());
    if (int rc = parseOrExit(parser, args, QStringLiteral("Import expert labels; all rows or none."), 2, 2); rc >= 0) return rc;
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    auto r = io::LabelImporter::importLabels(*p, parser.positionalArguments().at(1), parser.value(QStringLiteral("encoding")));
    if (!r) return fail(r.error());
    printOut(QStringLiteral("imported %1 labels (%2 new annotators)\n").arg(r->labelsWritten).arg(r->annotatorsCreated));
    return 0;
}

int cmdRelink(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FOLDER"), QStringLiteral("Where the moved media are now."));
    if (int rc = parseOrExit(parser, args, QStringLiteral("Find moved media by content fingerprint."), 2, 2); rc >= 0) return rc;
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    auto r = io::MediaRelinker::relink(*p, parser.positionalArguments().at(1));
    if (!r) return fail(r.error());
    printOut(QStringLiteral("relinked %1 media\n").arg(r->relinked));
    for (const auto& m : r->stillMissing) printError(QStringLiteral("still missing: ") + m);
    return r->stillMissing.isEmpty() ? 0 : 1;
}

int cmdExport(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Export folder (created if needed)."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("Comma-separated: csv, jsonl, eaf (default: all three)."),
                      QStringLiteral("LIST"), QStringLiteral("csv,jsonl,eaf")});
    parser.addOption({QStringLiteral("cut-clips"), QStringLiteral("Also write every clip as its own media file.")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Export the annotated dataset."), 2, 2); rc >= 0) return rc;
    const QStringList formats = parser.value(QStringLiteral("format")).split(',', Qt::SkipEmptyParts);
    for (const auto& f : formats)
        if (f != QLatin1String("csv") && f != QLatin1String("jsonl") && f != QLatin1String("eaf")) {
            printError(QStringLiteral("unknown export format '%1' (csv, jsonl, eaf)").arg(f));
            return 2;
        }
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    const QDir dir(parser.positionalArguments().at(1));
    if (!QDir().mkpath(dir.absolutePath())) {
        printError(dir.absolutePath() + QStringLiteral(": cannot create folder"));
        return 1;
    }
    QString out;
    if (formats.contains(QStringLiteral("csv"))) {
        auto r = io::CsvLabelExporter::exportCsv(*p, dir.filePath(QStringLiteral("labels.csv")));
        if (!r) return fail(r.error());
        out += QStringLiteral("labels.csv: %1 labels\n").arg(r.value());
    }
    if (formats.contains(QStringLiteral("jsonl"))) {
        auto r = io::JsonlExporter::exportJsonl(*p, dir.filePath(QStringLiteral("clips.jsonl")));
        if (!r) return fail(r.error());
        out += QStringLiteral("clips.jsonl: %1 clips\n").arg(r.value());
    }
    if (formats.contains(QStringLiteral("eaf"))) {
        auto r = io::EafExporter::exportEaf(*p, dir.filePath(QStringLiteral("elan")));
        if (!r) return fail(r.error());
        out += QStringLiteral("elan/: %1 documents\n").arg(r->size());
    }
    if (parser.isSet(QStringLiteral("cut-clips"))) {
        auto r = io::ClipExporter::exportClips(*p, dir.filePath(QStringLiteral("clips")));
        if (!r) return fail(r.error());
        out += QStringLiteral("clips/: %1 files\n").arg(r->size());
    }
    printOut(out);
    return 0;
}

const CommandRegistration regMedia(QStringLiteral("import media"), QStringLiteral("add media files or folders"), cmdImportMedia);
const CommandRegistration regSegments(QStringLiteral("import segments"), QStringLiteral("cut a recording into clips"), cmdImportSegments);
const CommandRegistration regTranscripts(QStringLiteral("import transcripts"), QStringLiteral("attach SRT/VTT/EAF/CSV transcripts"),
                                         cmdImportTranscripts);
const CommandRegistration regLabels(QStringLiteral("import labels"), QStringLiteral("import labels from CSV"), cmdImportLabels);
const CommandRegistration regRelink(QStringLiteral("relink"), QStringLiteral("find moved media"), cmdRelink);
const CommandRegistration regExport(QStringLiteral("export"), QStringLiteral("export CSV, JSONL, ELAN, clips"), cmdExport);

}  // namespace
}  // namespace motor::cli
