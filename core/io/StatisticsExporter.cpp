#include "core/io/StatisticsExporter.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>
#include <algorithm>

#include "core/io/AtomicFile.h"
#include "core/io/CsvWriter.h"
#include "core/io/ExportData.h"
#include "core/metrics/ProjectMetrics.h"

namespace motor::io {

Result<int> StatisticsExporter::exportWide(Project& project, const QString& path) {
    auto data = ExportData::load(project);
    if (!data) return data.error();
    QVector<Annotator> coders = data->annotatorById.values().toVector();
    std::sort(coders.begin(), coders.end(), [](const Annotator& a, const Annotator& b) {
        const bool ah = a.kind == AnnotatorKind::Human, bh = b.kind == AnnotatorKind::Human;
        if (ah != bh) return ah;
        return a.name < b.name;
    });
    const QStringList dims = project.codebook().dimensionNames();
    QStringList header{QStringLiteral("clip"),        QStringLiteral("media"), QStringLiteral("start_ms"),
                       QStringLiteral("end_ms"),      QStringLiteral("group"), QStringLiteral("session"),
                       QStringLiteral("needs_review")};
    struct Column {
        int64_t coderId;
        QString dimension;
        bool note;
    };
    QVector<Column> columns;
    for (const Annotator& a : coders)
        for (const QString& d : dims) {
            header << a.name + QLatin1Char('.') + d;
            columns.push_back({a.id, d, false});
            if (a.kind == AnnotatorKind::Human) {
                header << a.name + QLatin1Char('.') + d + QStringLiteral(".note");
                columns.push_back({a.id, d, true});
            }
        }
    CsvWriter csv;
    csv.addRow(header);
    for (const Clip& c : data->clips) {
        QHash<QString, const Annotation*> byKey;
        const auto labels = data->labelsByClip.constFind(c.id);
        if (labels != data->labelsByClip.cend())
            for (const Annotation& a : *labels)
                byKey.insert(QString::number(a.annotatorId) + QLatin1Char('\x1f') + a.dimension, &a);
        QStringList row{c.key,
                        data->mediaById.value(c.mediaId).path,
                        QString::number(c.startMs),
                        QString::number(c.endMs),
                        c.group,
                        c.session,
                        c.needsReview ? QStringLiteral("1") : QStringLiteral("0")};
        for (const Column& col : columns) {
            const Annotation* a =
                byKey.value(QString::number(col.coderId) + QLatin1Char('\x1f') + col.dimension, nullptr);
            row << (a ? (col.note ? a->note : a->label) : QString());
        }
        csv.addRow(row);
    }
    if (auto s = AtomicFile::write(path, csv.toUtf8()); !s) return s.error();
    return int(data->clips.size());
}

Result<int> StatisticsExporter::exportCodingLog(Project& project, const QString& path) {
    auto log = project.codingLog();
    if (!log) return log.error();
    CsvWriter csv;
    csv.addRow({QStringLiteral("at"), QStringLiteral("at_ms"), QStringLiteral("coder"), QStringLiteral("coder_kind"),
                QStringLiteral("clip"), QStringLiteral("clip_time_ms"), QStringLiteral("dimension"),
                QStringLiteral("old_label"), QStringLiteral("new_label"), QStringLiteral("old_note"),
                QStringLiteral("new_note"), QStringLiteral("source"), QStringLiteral("gap_ms")});
    QHash<QString, qint64> previous;
    for (const CodingLogEntry& e : log.value()) {
        const auto prev = previous.constFind(e.coder);
        const QString gap = prev == previous.cend() ? QString() : QString::number(e.atMs - *prev);
        previous.insert(e.coder, e.atMs);
        csv.addRow({QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC).toString(Qt::ISODateWithMs),
                    QString::number(e.atMs), e.coder, annotatorKindName(e.coderKind), e.clipKey,
                    e.clipTimeMs >= 0 ? QString::number(e.clipTimeMs) : QString(), e.dimension, e.oldLabel, e.newLabel,
                    e.oldNote, e.newNote, e.source, gap});
    }
    if (auto s = AtomicFile::write(path, csv.toUtf8()); !s) return s.error();
    return int(log->size());
}

Status StatisticsExporter::exportAgreement(Project& project, const QString& summaryPath, const QString& perClassPath,
                                           const QString& coefficientsPath) {
    auto labels = metrics::LabelSet::fromProject(project);
    if (!labels) return labels.error();
    auto computed = metrics::computeMetrics(labels.value(), metrics::MetricsOptions{});
    if (!computed) return makeError(QStringLiteral("%1: %2").arg(project.path(), computed.error().message));
    if (auto s = AtomicFile::write(summaryPath, metrics::reportCsv(computed->report).toUtf8()); !s) return s;
    if (auto s = AtomicFile::write(perClassPath, metrics::perClassCsv(computed->report).toUtf8()); !s) return s;
    return AtomicFile::write(coefficientsPath, metrics::coefficientsCsv(computed->report).toUtf8());
}

}  // namespace motor::io
