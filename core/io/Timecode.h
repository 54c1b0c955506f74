#pragma once
// Clock times in the notations transcripts use. All parsers return milliseconds, or
// nothing when the text is not exactly a time in that notation (callers add file:line).
#include <QString>
#include <QStringView>
#include <cstdint>
#include <optional>

namespace motor::io {

class Timecode {
public:
    // SubRip: HH:MM:SS,mmm. A dot instead of the comma is accepted because many tools
    // write one; 1-3 fraction digits are read as a decimal fraction (",5" = 500 ms).
    static std::optional<int64_t> parseSrt(QStringView text);
    // WebVTT: [HH:]MM:SS.mmm, exactly as the spec writes it (two-digit minutes and
    // seconds, three-digit fraction, hours optional and of any width).
    static std::optional<int64_t> parseVtt(QStringView text);
    // Spreadsheet-friendly: plain seconds ("12", "12.345"), MM:SS[.fff] or
    // HH:MM:SS[.fff|,fff]. Negative values are rejected.
    static std::optional<int64_t> parseFlexible(QStringView text);
    // "HH:MM:SS.mmm", used in messages and the VTT/SRT-style outputs.
    static QString format(int64_t ms, QChar fractionSeparator = QLatin1Char('.'));
};

}  // namespace motor::io
