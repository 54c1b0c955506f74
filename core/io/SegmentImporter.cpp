#include "core/io/SegmentImporter.h"

#include <QFileInfo>
#include <optional>

#include "core/io/ClipKeys.h"
#include "core/io/CsvReader.h"
#include "core/io/MediaImporter.h"
#include "core/io/TextDecoder.h"
#include "core/io/Timecode.h"

namespace motor::io {
namespace {

struct Segment {
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString key;
    int line = 0;
};

// The recording's whole-file clip (what `import media` makes), if it exists.
Result<std::optional<Clip>> wholeRecordingClip(Project& project, const Media& media) {
    auto clips = project.clips();
    if (!clips) return clips.error();
    for (const Clip& c : clips.value())
        if (c.mediaId == media.id && c.startMs == 0 && c.endMs >= media.durationMs) return std::optional<Clip>(c);
    return std::optional<Clip>();
}

Result<SegmentImportReport> writeSegments(Project& project, const Media& media, const QVector<Segment>& segments,
                                          const QString& sourceName) {
    const QString base = QFileInfo(media.path).completeBaseName();
    // Padded to the segment count: with 1,440 windows, lesson-1000 must not sort
    // between lesson-100 and lesson-101 in tools that compare text.
    const int width = std::max(3, int(QString::number(segments.size()).size()));
    SegmentImportReport report;
    auto whole = wholeRecordingClip(project, media);
    if (!whole) return whole.error();
    ClipKeys keys(project);
    const Status s = project.transaction([&]() -> Status {
        if (whole.value()) {
            const Clip& w = *whole.value();
            auto labels = project.annotationsForClip(w.id);
            if (!labels) return labels.error();
            if (labels->isEmpty()) {
                keys.reserve(w.key);
                if (auto d = project.deleteClip(w.id); !d) return d;
                report.replacedWholeClip = w.key;
            } else {
                report.notes << QStringLiteral(
                                    "the whole-recording clip '%1' has %2 labels and was kept beside the new clips")
                                    .arg(w.key)
                                    .arg(labels->size());
            }
        }
        int counter = 0;
        for (const Segment& seg : segments) {
            QString key = seg.key;
            if (key.isEmpty()) {
                auto k = keys.unique(QStringLiteral("%1-%2").arg(base).arg(++counter, width, 10, QLatin1Char('0')));
                if (!k) return k.error();
                key = *k;
            } else {
                auto free = keys.claim(key);
                if (!free) return free.error();
                if (!*free)
                    return makeError(
                        QStringLiteral("%1:%2: clip id '%3' already exists").arg(sourceName).arg(seg.line).arg(key));
            }
            Clip c;
            c.key = key;
            c.mediaId = media.id;
            c.startMs = seg.startMs;
            c.endMs = seg.endMs;
            if (auto id = project.addClip(c); !id)
                return makeError(QStringLiteral("%1:%2: %3").arg(sourceName).arg(seg.line).arg(id.error().message));
            ++report.clipsAdded;
        }
        return {};
    });
    if (!s) return s.error();
    return report;
}

}  // namespace

Result<SegmentImportReport> SegmentImporter::importSegments(Project& project, const QString& mediaPath,
                                                            const QString& csvPath, const QString& declaredEncoding) {
    auto media = MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    auto text = TextDecoder::decodeFile(csvPath, declaredEncoding);
    if (!text) return text.error();
    auto records = CsvReader::parse(text->text, csvPath);
    if (!records) return records.error();
    if (records->isEmpty()) return makeError(csvPath + QStringLiteral(":1: no segments"));

    int startCol = 0, endCol = 1, idCol = 2;
    qsizetype first = 0;
    const QStringList& head = records->front().fields;
    if (!Timecode::parseFlexible(head.value(0))) {
        QStringList lower;
        for (const QString& h : head) lower.append(h.trimmed().toLower());
        startCol = int(lower.indexOf(QStringLiteral("start")));
        endCol = int(lower.indexOf(QStringLiteral("end")));
        idCol = int(lower.indexOf(QStringLiteral("id")));
        if (idCol < 0) idCol = int(lower.indexOf(QStringLiteral("key")));
        if (idCol < 0) idCol = int(lower.indexOf(QStringLiteral("clip")));
        if (startCol < 0 || endCol < 0)
            return makeError(csvPath + QStringLiteral(":1: header must name the columns start and end (and optionally "
                                                      "id); found: %1")
                                           .arg(head.join(", ")));
        first = 1;
    }
    QVector<Segment> segments;
    for (qsizetype i = first; i < records->size(); ++i) {
        const CsvRecord& r = (*records)[i];
        auto at = [&](const char* field) {
            return QStringLiteral("%1:%2: field '%3': ").arg(csvPath).arg(r.line).arg(QLatin1String(field));
        };
        if (r.fields.size() <= std::max(startCol, endCol))
            return makeError(QStringLiteral("%1:%2: expected start,end[,id]").arg(csvPath).arg(r.line));
        const auto s = Timecode::parseFlexible(r.fields[startCol]);
        if (!s) return makeError(at("start") + QStringLiteral("'%1' is not a time").arg(r.fields[startCol]));
        const auto e = Timecode::parseFlexible(r.fields[endCol]);
        if (!e) return makeError(at("end") + QStringLiteral("'%1' is not a time").arg(r.fields[endCol]));
        if (*e <= *s)
            return makeError(
                at("end") +
                QStringLiteral("end %1 is not after start %2").arg(Timecode::format(*e), Timecode::format(*s)));
        if (media->durationMs > 0 && *e > media->durationMs)
            return makeError(at("end") + QStringLiteral("end %1 is past the end of the media (%2)")
                                             .arg(Timecode::format(*e), Timecode::format(media->durationMs)));
        segments.append(Segment{*s, *e, idCol >= 0 ? r.fields.value(idCol).trimmed() : QString(), r.line});
    }
    if (segments.isEmpty()) return makeError(csvPath + QStringLiteral(":1: no segments after the header"));
    return writeSegments(project, *media, segments, csvPath);
}

Result<SegmentImportReport> SegmentImporter::importWindows(Project& project, const QString& mediaPath, int64_t windowMs,
                                                           int64_t minTailMs) {
    if (windowMs <= 0) return makeError(QStringLiteral("window length must be positive (got %1 ms)").arg(windowMs));
    if (minTailMs < 0) minTailMs = windowMs / 2;
    auto media = MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    if (media->durationMs <= 0)
        return makeError(mediaPath + QStringLiteral(": unknown duration, cannot cut into windows"));
    QVector<Segment> segments;
    for (int64_t t = 0; t < media->durationMs; t += windowMs)
        segments.append(Segment{t, std::min(t + windowMs, media->durationMs), QString(), 0});
    QString joined;
    if (segments.size() > 1 && segments.back().endMs - segments.back().startMs < minTailMs) {
        const int64_t tail = segments.back().endMs - segments.back().startMs;
        segments.removeLast();
        segments.back().endMs = media->durationMs;
        joined = QStringLiteral("the last %1 s (shorter than %2 s) joined the window before it")
                     .arg(double(tail) / 1000.0, 0, 'f', 2)
                     .arg(double(minTailMs) / 1000.0, 0, 'f', 2);
    }
    auto report = writeSegments(project, *media, segments, mediaPath);
    if (report && !joined.isEmpty()) report->notes << joined;
    return report;
}

}  // namespace motor::io
