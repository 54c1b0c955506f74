#include "core/io/LabelImporter.h"

#include <QHash>
#include <cmath>

#include "core/io/CsvReader.h"

namespace motor::io {
namespace {

struct Row {
    int line = 0;
    QString clip, annotator, dimension, label, note, rationale;
    double confidence = std::nan("");
};

}  // namespace

Result<LabelImportReport> LabelImporter::importLabels(Project& project, const QString& csvPath,
                                                      const QString& declaredEncoding,
                                                      const LabelImportOptions& options) {
    auto table = CsvReader::readTable(csvPath, declaredEncoding);
    if (!table) return table.error();
    int clipCol = table->column(QStringLiteral("clip"));
    if (clipCol < 0) clipCol = table->column(QStringLiteral("clip_key"));
    const int annotatorCol = table->column(QStringLiteral("annotator"));
    const int dimensionCol = table->column(QStringLiteral("dimension"));
    const int labelCol = table->column(QStringLiteral("label"));
    const int noteCol = table->column(QStringLiteral("note"));
    const int rationaleCol = table->column(QStringLiteral("rationale"));
    const int confidenceCol = table->column(QStringLiteral("confidence"));
    if (clipCol < 0 || annotatorCol < 0 || dimensionCol < 0 || labelCol < 0)
        return makeError(csvPath + QStringLiteral(":1: header must name the columns clip, annotator, dimension, "
                                                  "label; found: %1")
                                       .arg(table->header.join(", ")));

    const Codebook& codebook = project.codebook();
    QHash<QString, int64_t> clipIds;
    QHash<QString, int> seen;  // clip|annotator|dimension -> line
    QVector<Row> rows;
    for (const CsvRecord& r : table->records) {
        auto at = [&](const QString& field) {
            return QStringLiteral("%1:%2: %3: ").arg(csvPath).arg(r.line).arg(field);
        };
        Row row;
        row.line = r.line;
        row.clip = r.fields[clipCol].trimmed();
        row.annotator = r.fields[annotatorCol].trimmed();
        row.dimension = r.fields[dimensionCol].trimmed();
        row.label = r.fields[labelCol].trimmed();
        if (noteCol >= 0) row.note = r.fields[noteCol];
        if (rationaleCol >= 0) row.rationale = r.fields[rationaleCol];
        if (confidenceCol >= 0 && !r.fields[confidenceCol].trimmed().isEmpty()) {
            bool ok = false;
            row.confidence = r.fields[confidenceCol].trimmed().toDouble(&ok);
            if (!ok || row.confidence < 0.0 || row.confidence > 1.0)
                return makeError(at(QStringLiteral("confidence")) +
                                 QStringLiteral("'%1' is not a number from 0 to 1").arg(r.fields[confidenceCol]));
        }
        if (row.clip.isEmpty()) return makeError(at(QStringLiteral("clip")) + QStringLiteral("empty"));
        if (row.annotator.isEmpty()) return makeError(at(QStringLiteral("annotator")) + QStringLiteral("empty"));
        if (!clipIds.contains(row.clip)) {
            auto clip = project.clipByKey(row.clip);
            if (!clip) return clip.error();
            if (!clip->has_value())
                return makeError(at(QStringLiteral("clip")) +
                                 QStringLiteral("no clip '%1' in the project").arg(row.clip));
            clipIds.insert(row.clip, (*clip)->id);
        }
        const Dimension* dim = codebook.dimension(row.dimension);
        if (!dim)
            return makeError(at(QStringLiteral("dimension")) +
                             QStringLiteral("'%1' is not a dimension of codebook %2 (%3)")
                                 .arg(row.dimension, codebook.name, codebook.dimensionNames().join(", ")));
        if (row.label.isEmpty()) return makeError(at(QStringLiteral("label")) + QStringLiteral("empty"));
        if (dim->classIndex(row.label) < 0)
            return makeError(at(QStringLiteral("label")) +
                             QStringLiteral("'%1' is not a class of '%2' (%3)")
                                 .arg(row.label, row.dimension, dim->classNames().join(", ")));
        const QString cell = row.clip + QLatin1Char('\x1f') + row.annotator + QLatin1Char('\x1f') + row.dimension;
        if (auto it = seen.constFind(cell); it != seen.constEnd())
            return makeError(at(QStringLiteral("label")) + QStringLiteral("clip '%1', annotator '%2', dimension '%3' "
                                                                          "already labelled on line %4")
                                                               .arg(row.clip, row.annotator, row.dimension)
                                                               .arg(*it));
        seen.insert(cell, r.line);
        rows.append(row);
    }

    LabelImportReport report;
    const QString kRollback = QStringLiteral("\x01dry run");
    const Status s = project.transaction([&]() -> Status {
        QHash<QString, int64_t> annotatorIds;
        for (const Row& row : rows) {
            if (!annotatorIds.contains(row.annotator)) {
                auto existing = project.annotatorByName(row.annotator);
                if (!existing) return existing.error();
                auto id = project.ensureAnnotator(row.annotator, AnnotatorKind::Human);
                if (!id)
                    return makeError(
                        QStringLiteral("%1:%2: annotator: %3").arg(csvPath).arg(row.line).arg(id.error().message));
                if (!existing->has_value()) ++report.annotatorsCreated;
                annotatorIds.insert(row.annotator, *id);
            }
            LabelWrite w;
            w.clipId = clipIds.value(row.clip);
            w.annotatorId = annotatorIds.value(row.annotator);
            w.dimension = row.dimension;
            w.label = row.label;
            w.note = row.note;
            w.source = LabelSource::Import;
            w.rationale = row.rationale;
            w.confidence = row.confidence;
            auto before = project.annotation(w.clipId, w.annotatorId, w.dimension);
            if (!before) return before.error();
            if (before->has_value()) {
                const Annotation& b = **before;
                if (b.label == w.label && b.note == w.note && b.rationale == w.rationale) {
                    ++report.labelsUnchanged;
                    continue;
                }
                if (b.label != w.label)
                    report.changes.push_back({row.line, row.clip, row.annotator, w.dimension, b.label, w.label});
            } else {
                ++report.labelsNew;
            }
            if (auto set = project.setLabel(w); !set)
                return makeError(QStringLiteral("%1:%2: %3").arg(csvPath).arg(row.line).arg(set.error().message));
            ++report.labelsWritten;
        }
        if (!report.changes.isEmpty() && !options.overwrite && !options.dryRun)
            return Error{csvPath + QStringLiteral(": ") + describeChanges(report.changes) +
                             QStringLiteral(". Nothing was imported; import again with overwrite to replace them."),
                         ErrorCode::Conflict};
        if (options.dryRun) return makeError(kRollback);
        return {};
    });
    if (!s && s.error().message == kRollback) return report;
    if (!s) return s.error();
    report.applied = true;
    return report;
}

QString LabelImporter::describeChanges(const QVector<LabelChange>& changes, int limit) {
    QStringList shown;
    for (const LabelChange& c : changes) {
        if (shown.size() == limit) break;
        shown << QStringLiteral("clip %1, %2, %3: %4 -> %5 (line %6)")
                     .arg(c.clip, c.annotator, c.dimension, c.oldLabel, c.newLabel)
                     .arg(c.line);
    }
    QString text = QStringLiteral("%1 label(s) differ from the project's: %2")
                       .arg(changes.size())
                       .arg(shown.join(QStringLiteral("; ")));
    if (changes.size() > limit) text += QStringLiteral("; ...");
    return text;
}

}  // namespace motor::io
