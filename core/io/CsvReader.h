#pragma once
// RFC 4180 records with the line each starts on, so that errors point at the right
// spreadsheet row even when a quoted field holds line breaks.
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/util/Result.h"

namespace motor::io {

struct CsvRecord {
    int line = 0;  // 1-based line of the record's first character
    QStringList fields;
};

struct CsvTable {
    QStringList header;  // trimmed, lower-cased
    QVector<CsvRecord> records;
    int column(const QString& name) const { return int(header.indexOf(name)); }  // -1 when absent
};

class CsvReader {
public:
    // The delimiter is ',' or, when the first line has tabs and no commas, '\t' (TSV).
    // Blank lines are skipped. Unterminated quotes are an error at the opening line.
    static Result<QVector<CsvRecord>> parse(const QString& text, const QString& sourceName);
    // First record as a header; every record must have as many fields as the header.
    static Result<CsvTable> parseTable(const QString& text, const QString& sourceName);
    // Reads, decodes (see TextDecoder) and parses a file with a header.
    static Result<CsvTable> readTable(const QString& path, const QString& declaredEncoding = {});
};

}  // namespace motor::io
