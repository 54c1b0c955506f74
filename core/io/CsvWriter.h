#pragma once
// RFC 4180 output: fields quoted only when they must be, CRLF between records (what
// the RFC says and what spreadsheet programs expect).
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace motor::io {

class CsvWriter {
public:
    static QString quote(const QString& field);
    void addRow(const QStringList& fields);
    QByteArray toUtf8() const { return text_.toUtf8(); }

private:
    QString text_;
};

}  // namespace motor::io
