#include "core/io/CsvTranscriptReader.h"

#include "core/io/CsvReader.h"
#include "core/io/Timecode.h"

namespace motor::io {
namespace {

struct TimeColumn {
    int index = -1;
    bool milliseconds = false;
    QString name;
};

TimeColumn findTime(const CsvTable& t, const QString& base) {
    if (int c = t.column(base + QStringLiteral("_ms")); c >= 0) return {c, true, base + QStringLiteral("_ms")};
    return {t.column(base), false, base};
}

std::optional<int64_t> readTime(const QString& field, bool milliseconds) {
    if (!milliseconds) return Timecode::parseFlexible(field);
    bool ok = false;
    const qlonglong v = field.trimmed().toLongLong(&ok);
    return ok && v >= 0 ? std::optional<int64_t>(v) : std::nullopt;
}

}  // namespace

Result<QVector<Utterance>> CsvTranscriptReader::parse(const QString& text, const QString& sourceName) {
    auto table = CsvReader::parseTable(text, sourceName);
    if (!table) return table.error();
    const TimeColumn start = findTime(*table, QStringLiteral("start"));
    const TimeColumn end = findTime(*table, QStringLiteral("end"));
    const int speaker = table->column(QStringLiteral("speaker"));
    const int textCol = table->column(QStringLiteral("text"));
    if (start.index < 0 || end.index < 0 || textCol < 0)
        return makeError(sourceName + QStringLiteral(":1: header must name the columns start, end, text (and "
                                                     "optionally speaker); found: %1")
                                          .arg(table->header.join(", ")));
    if (table->records.isEmpty()) return makeError(sourceName + QStringLiteral(":1: no utterances after the header"));
    QVector<Utterance> out;
    for (const CsvRecord& r : table->records) {
        auto at = [&](const TimeColumn& c) {
            return QStringLiteral("%1:%2: field '%3': ").arg(sourceName).arg(r.line).arg(c.name);
        };
        const auto s = readTime(r.fields[start.index], start.milliseconds);
        if (!s)
            return makeError(at(start) +
                             QStringLiteral("'%1' is not a time (seconds or HH:MM:SS.mmm)").arg(r.fields[start.index]));
        const auto e = readTime(r.fields[end.index], end.milliseconds);
        if (!e)
            return makeError(at(end) +
                             QStringLiteral("'%1' is not a time (seconds or HH:MM:SS.mmm)").arg(r.fields[end.index]));
        if (*e < *s)
            return makeError(
                at(end) + QStringLiteral("end %1 is before start %2").arg(Timecode::format(*e), Timecode::format(*s)));
        Utterance u;
        u.startMs = *s;
        u.endMs = *e;
        u.speaker = speaker >= 0 ? r.fields[speaker].trimmed() : QString();
        u.text = r.fields[textCol].trimmed();
        if (!u.text.isEmpty()) out.append(u);
    }
    return out;
}

}  // namespace motor::io
