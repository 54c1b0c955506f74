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
#include "core/io/StatisticsExporter.h"
#include "core/io/TranscriptImporter.h"
#include "core/store/Project.h"

namespace motor::cli {
namespace {

// Opens the project or prints why not; nullptr on failure.
std::unique_ptr<Project> openOrReport(const QString& path, Project::Access access = Project::Access::Write) {
    auto p = Project::open(path, access);
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
    parser.addPositionalArgument(QStringLiteral("PATH..."),
                                 QStringLiteral("Media files or folders (searched recursively)."));
    parser.addOption(
        {QStringLiteral("no-clips"), QStringLiteral("Add the media only; cut clips later with 'import segments'.")});
    if (int rc =
            parseOrExit(parser, args, QStringLiteral("Add media files; one clip per file unless --no-clips."), 2, -1);
        rc >= 0)
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
    parser.addOption(
        {QStringLiteral("media"), QStringLiteral("The recording to cut (already imported)."), QStringLiteral("PATH")});
    parser.addOption(
        {QStringLiteral("csv"), QStringLiteral("Segments as start,end[,id] rows."), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("window"), QStringLiteral("Fixed windows of this many seconds."), QStringLiteral("SECONDS")});
    parser.addOption(
        {QStringLiteral("min-tail"),
         QStringLiteral(
             "With --window: a last window shorter than this joins the one before (default: half a window)."),
         QStringLiteral("SECONDS")});
    parser.addOption(encodingOption());
    if (int rc = parseOrExit(parser, args, QStringLiteral("Cut a long recording into clips."), 1, 1); rc >= 0)
        return rc;
    const bool hasCsv = parser.isSet(QStringLiteral("csv")), hasWindow = parser.isSet(QStringLiteral("window"));
    if (!parser.isSet(QStringLiteral("media")) || hasCsv == hasWindow) {
        printError(QStringLiteral("give --media and exactly one of --csv or --window"));
        return 2;
    }
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    Result<io::SegmentImportReport> r = io::SegmentImportReport{};
    if (hasCsv) {
        r = io::SegmentImporter::importSegments(*p, parser.value(QStringLiteral("media")),
                                                parser.value(QStringLiteral("csv")),
                                                parser.value(QStringLiteral("encoding")));
    } else {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("window")).toDouble(&ok);
        if (!ok || seconds <= 0) {
            printError(QStringLiteral("--window must be a positive number of seconds"));
            return 2;
        }
        int64_t minTailMs = -1;
        if (parser.isSet(QStringLiteral("min-tail"))) {
            const double tail = parser.value(QStringLiteral("min-tail")).toDouble(&ok);
            if (!ok || tail < 0) {
                printError(QStringLiteral("--min-tail must be a non-negative number of seconds"));
                return 2;
            }
            minTailMs = int64_t(tail * 1000.0 + 0.5);
        }
        r = io::SegmentImporter::importWindows(*p, parser.value(QStringLiteral("media")),
                                               int64_t(seconds * 1000.0 + 0.5), minTailMs);
    }
    if (!r) return fail(r.error());
    QString out = QStringLiteral("added %1 clips\n").arg(r->clipsAdded);
    if (!r->replacedWholeClip.isEmpty())
        out += QStringLiteral("replaced the whole-recording clip %1\n").arg(r->replacedWholeClip);
    for (const QString& n : r->notes) out += QStringLiteral("note: %1\n").arg(n);
    printOut(out);
    return 0;
}

int cmdImportTranscripts(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FILE..."),
                                 QStringLiteral("SRT, WebVTT, ELAN .eaf or CSV/TSV transcripts."));
    parser.addOption(
        {QStringLiteral("media"), QStringLiteral("The media the transcript belongs to."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("Language code stored with each utterance, e.g. fi."),
                      QStringLiteral("CODE")});
    parser.addOption(encodingOption());
    parser.addOption({QStringLiteral("replace"), QStringLiteral("Replace the recording's transcript, if it has one.")});
    parser.addOption({QStringLiteral("add"), QStringLiteral("Add the utterances beside the recording's transcript.")});
    if (int rc = parseOrExit(parser, args,
                             QStringLiteral("Attach transcripts to a media timeline. A recording that has a transcript "
                                            "already needs --replace or --add."),
                             2, -1);
        rc >= 0)
        return rc;
    if (!parser.isSet(QStringLiteral("media"))) {
        printError(QStringLiteral("--media is required"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("replace")) && parser.isSet(QStringLiteral("add"))) {
        printError(QStringLiteral("give --replace or --add, not both"));
        return 2;
    }
    const io::TranscriptMerge merge = parser.isSet(QStringLiteral("replace")) ? io::TranscriptMerge::Replace
                                      : parser.isSet(QStringLiteral("add"))   ? io::TranscriptMerge::Add
                                                                              : io::TranscriptMerge::IfEmpty;
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    io::TranscriptReadOptions options;
    options.encoding = parser.value(QStringLiteral("encoding"));
    options.language = parser.value(QStringLiteral("language"));
    auto r = io::TranscriptImporter::importTranscripts(*p, parser.value(QStringLiteral("media")),
                                                       parser.positionalArguments().mid(1), options, merge);
    if (!r) {
        printError(r.error().message + (merge == io::TranscriptMerge::IfEmpty &&
                                                r.error().message.contains(QLatin1String("has a transcript already"))
                                            ? QStringLiteral(" (--replace or --add)")
                                            : QString()));
        return 1;
    }
    QString out = QStringLiteral("%1 utterances now on %2\n").arg(r->total).arg(parser.value(QStringLiteral("media")));
    if (r->replaced > 0) out += QStringLiteral("replaced %1 earlier utterances\n").arg(r->replaced);
    printOut(out);
    for (const QString& w : r->warnings) printError(QStringLiteral("warning: ") + w);
    return 0;
}

int cmdImportLabels(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), QStringLiteral("Rows clip,annotator,dimension,label."));
    parser.addOption(encodingOption());
    parser.addOption(
        {QStringLiteral("dry-run"), QStringLiteral("Report what the import would change; write nothing.")});
    parser.addOption({QStringLiteral("overwrite"), QStringLiteral("Replace labels that differ from the file's.")});
    if (int rc = parseOrExit(parser, args,
                             QStringLiteral("Import expert labels; all rows or none. A file that would change labels "
                                            "the project has needs --overwrite."),
                             2, 2);
        rc >= 0)
        return rc;
    auto p = openOrReport(parser.positionalArguments().at(0));
    if (!p) return 1;
    io::LabelImportOptions options;
    options.dryRun = parser.isSet(QStringLiteral("dry-run"));
    options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    auto r = io::LabelImporter::importLabels(*p, parser.positionalArguments().at(1),
                                             parser.value(QStringLiteral("encoding")), options);
    if (!r) {
        printError(r.error().message +
                   (r.error().code == ErrorCode::Conflict ? QStringLiteral(" (--overwrite)") : QString()));
        return 1;
    }
    QString out = QStringLiteral("%1 %2 labels: %3 new, %4 changed, %5 already so (%6 new annotators)\n")
                      .arg(r->applied ? QStringLiteral("imported") : QStringLiteral("would import"))
                      .arg(r->labelsWritten)
                      .arg(r->labelsNew)
                      .arg(r->changes.size())
                      .arg(r->labelsUnchanged)
                      .arg(r->annotatorsCreated);
    for (const io::LabelChange& c : r->changes)
        out += QStringLiteral("%1 line %2: clip %3, %4, %5: %6 -> %7\n")
                   .arg(r->applied ? QStringLiteral("changed") : QStringLiteral("would change"))
                   .arg(c.line)
                   .arg(c.clip, c.annotator, c.dimension, c.oldLabel, c.newLabel);
    printOut(out);
    return 0;
}

int cmdRelink(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("Project file."));
    parser.addPositionalArgument(QStringLiteral("FOLDER"), QStringLiteral("Where the moved media are now."));
    if (int rc = parseOrExit(parser, args, QStringLiteral("Find moved media by content fingerprint."), 2, 2); rc >= 0)
        return rc;
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
    parser.addOption(
        {QStringLiteral("format"),
         QStringLiteral("Comma-separated: csv (labels.csv, one row per label), jsonl, eaf, wide (wide.csv, "
                        "one row per clip for R/SPSS), agreement (agreement.csv as 'motor eval --format csv', "
                        "per_class.csv, coefficients.csv: Fleiss, Krippendorff, Cohen), coding-log (coding_log.csv); "
                        "default csv,jsonl,eaf."),
         QStringLiteral("LIST"), QStringLiteral("csv,jsonl,eaf")});
    parser.addOption({QStringLiteral("cut-clips"), QStringLiteral("Also write every clip as its own media file.")});
    if (int rc = parseOrExit(parser, args, QStringLiteral("Export the annotated dataset."), 2, 2); rc >= 0) return rc;
    const QStringList formats = parser.value(QStringLiteral("format")).split(',', Qt::SkipEmptyParts);
    const QStringList known{QStringLiteral("csv"),  QStringLiteral("jsonl"),     QStringLiteral("eaf"),
                            QStringLiteral("wide"), QStringLiteral("agreement"), QStringLiteral("coding-log")};
    for (const auto& f : formats)
        if (!known.contains(f)) {
            printError(QStringLiteral("unknown export format '%1' (%2)").arg(f, known.join(QStringLiteral(", "))));
            return 2;
        }
    auto p = openOrReport(parser.positionalArguments().at(0), Project::Access::Read);
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
    if (formats.contains(QStringLiteral("wide"))) {
        auto r = io::StatisticsExporter::exportWide(*p, dir.filePath(QStringLiteral("wide.csv")));
        if (!r) return fail(r.error());
        out += QStringLiteral("wide.csv: %1 clips\n").arg(r.value());
    }
    if (formats.contains(QStringLiteral("agreement"))) {
        if (auto s = io::StatisticsExporter::exportAgreement(*p, dir.filePath(QStringLiteral("agreement.csv")),
                                                             dir.filePath(QStringLiteral("per_class.csv")),
                                                             dir.filePath(QStringLiteral("coefficients.csv")));
            !s)
            return fail(s.error());
        out += QStringLiteral("agreement.csv, per_class.csv, coefficients.csv\n");
    }
    if (formats.contains(QStringLiteral("coding-log"))) {
        auto r = io::StatisticsExporter::exportCodingLog(*p, dir.filePath(QStringLiteral("coding_log.csv")));
        if (!r) return fail(r.error());
        out += QStringLiteral("coding_log.csv: %1 changes\n").arg(r.value());
    }
    if (parser.isSet(QStringLiteral("cut-clips"))) {
        auto r = io::ClipExporter::exportClips(*p, dir.filePath(QStringLiteral("clips")));
        if (!r) return fail(r.error());
        out += QStringLiteral("clips/: %1 files\n").arg(r->size());
    }
    printOut(out);
    return 0;
}

const CommandRegistration regMedia(QStringLiteral("import media"), QStringLiteral("add media files or folders"),
                                   cmdImportMedia);
const CommandRegistration regSegments(QStringLiteral("import segments"), QStringLiteral("cut a recording into clips"),
                                      cmdImportSegments);
const CommandRegistration regTranscripts(QStringLiteral("import transcripts"),
                                         QStringLiteral("attach SRT/VTT/EAF/CSV transcripts"), cmdImportTranscripts);
const CommandRegistration regLabels(QStringLiteral("import labels"), QStringLiteral("import labels from CSV"),
                                    cmdImportLabels);
const CommandRegistration regRelink(QStringLiteral("relink"), QStringLiteral("find moved media"), cmdRelink);
const CommandRegistration regExport(QStringLiteral("export"), QStringLiteral("export CSV, JSONL, ELAN, clips"),
                                    cmdExport);

}  // namespace
}  // namespace motor::cli
