#include "core/io/CsvReader.h"

#include "core/io/TextDecoder.h"

namespace motor::io {

Result<QVector<CsvRecord>> CsvReader::parse(const QString& text, const QString& sourceName) {
    const qsizetype firstEnd = text.indexOf(QLatin1Char('\n'));
    const QStringView firstLine = QStringView(text).left(firstEnd < 0 ? text.size() : firstEnd);
    const QChar delim = firstLine.contains(QLatin1Char('\t')) && !firstLine.contains(QLatin1Char(','))
                            ? QLatin1Char('\t')
                            : QLatin1Char(',');
    QVector<CsvRecord> out;
    CsvRecord rec;
    QString field;
    int line = 1;
    rec.line = 1;
    bool inQuotes = false, fieldWasQuoted = false, recordHasContent = false;
    int quoteLine = 0;
    auto endField = [&] {
        rec.fields.append(field);
        field.clear();
        fieldWasQuoted = false;
    };
    auto endRecord = [&] {
        endField();
        const bool blank = !recordHasContent;
        if (!blank) out.append(rec);
        rec = CsvRecord{};
        recordHasContent = false;
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else
                    inQuotes = false;
            } else {
                if (c == QLatin1Char('\n')) ++line;
                // CRLF inside a quoted field is one line break, stored as '\n'.
                if (c == QLatin1Char('\r')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) ++i;
                    ++line;
                    field.append(QLatin1Char('\n'));
                } else {
                    field.append(c);
                }
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.trimmed().isEmpty() || fieldWasQuoted)
                return makeError(QStringLiteral("%1:%2: field %3: a quote inside an unquoted field (quote the whole "
                                                "field and double inner quotes)")
                                     .arg(sourceName)
                                     .arg(line)
                                     .arg(rec.fields.size() + 1));
            field.clear();
            inQuotes = fieldWasQuoted = recordHasContent = true;
            quoteLine = line;
        } else if (c == delim) {
            recordHasContent = true;
            endField();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) ++i;
            endRecord();
            ++line;
            rec.line = line;
        } else {
            if (fieldWasQuoted && !c.isSpace())
                return makeError(QStringLiteral("%1:%2: field %3: text after the closing quote")
                                     .arg(sourceName)
                                     .arg(line)
                                     .arg(rec.fields.size() + 1));
            if (!c.isSpace()) recordHasContent = true;
            if (!fieldWasQuoted) field.append(c);
        }
    }
    if (inQuotes)
        return makeError(QStringLiteral("%1:%2: a quoted field is never closed").arg(sourceName).arg(quoteLine));
    endRecord();
    return out;
}

Result<CsvTable> CsvReader::parseTable(const QString& text, const QString& sourceName) {
    auto records = parse(text, sourceName);
    if (!records) return records.error();
    if (records->isEmpty()) return makeError(sourceName + QStringLiteral(":1: empty file, expected a header row"));
    CsvTable table;
    for (const QString& h : records->front().fields) table.header.append(h.trimmed().toLower());
    for (qsizetype i = 1; i < records->size(); ++i) {
        const CsvRecord& r = (*records)[i];
        if (r.fields.size() != table.header.size())
            return makeError(QStringLiteral("%1:%2: %3 fields, but the header has %4")
                                 .arg(sourceName)
                                 .arg(r.line)
                                 .arg(r.fields.size())
                                 .arg(table.header.size()));
        table.records.append(r);
    }
    return table;
}

Result<CsvTable> CsvReader::readTable(const QString& path, const QString& declaredEncoding) {
    auto text = TextDecoder::decodeFile(path, declaredEncoding);
    if (!text) return text.error();
    return parseTable(text->text, path);
}

}  // namespace motor::io
