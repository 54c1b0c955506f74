#pragma once
// Splits text into lines the way subtitle and CSV authors' tools write them: LF, CRLF
// or a lone CR all end a line. Line numbers in errors are 1-based indexes into this.
#include <QString>
#include <QStringList>

namespace motor::io {

class TextLines {
public:
    static QStringList split(const QString& text);
    // Blank for the purposes of block separation: empty or only whitespace. Some
    // exporters (Netflix) pad "empty" separator lines with spaces.
    static bool isBlank(const QString& line) { return line.trimmed().isEmpty(); }
};

}  // namespace motor::io
