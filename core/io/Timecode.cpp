#include "core/io/Timecode.h"

#include <QRegularExpression>

namespace motor::io {
namespace {

// "5" -> 500, "05" -> 50, "005" -> 5: a decimal fraction of a second.
int64_t fractionMs(QStringView digits) {
    if (digits.isEmpty()) return 0;
    QString d = digits.left(3).toString();
    while (d.size() < 3) d.append(QLatin1Char('0'));
    return d.toLongLong();
}

std::optional<int64_t> fromParts(const QRegularExpressionMatch& m, int hourGroup, int minuteGroup, int secondGroup,
                                 int fractionGroup) {
    if (!m.hasMatch()) return std::nullopt;
    const int64_t hours = hourGroup > 0 && m.capturedLength(hourGroup) > 0 ? m.captured(hourGroup).toLongLong() : 0;
    const int64_t minutes = m.captured(minuteGroup).toLongLong();
    const int64_t seconds = m.captured(secondGroup).toLongLong();
    if (minutes > 59 || seconds > 59) return std::nullopt;
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs(m.capturedView(fractionGroup));
}

}  // namespace

std::optional<int64_t> Timecode::parseSrt(QStringView text) {
    static const QRegularExpression re(QStringLiteral(R"(^(\d{1,3}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})$)"));
    return fromParts(re.match(text.trimmed()), 1, 2, 3, 4);
}

std::optional<int64_t> Timecode::parseVtt(QStringView text) {
    static const QRegularExpression re(QStringLiteral(R"(^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$)"));
    return fromParts(re.match(text.trimmed()), 1, 2, 3, 4);
}

std::optional<int64_t> Timecode::parseFlexible(QStringView text) {
    const QStringView t = text.trimmed();
    static const QRegularExpression seconds(QStringLiteral(R"(^(\d+)(?:\.(\d+))?$)"));
    if (auto m = seconds.match(t); m.hasMatch())
        return m.captured(1).toLongLong() * 1000 + fractionMs(m.capturedView(2));
    static const QRegularExpression clock(QStringLiteral(R"(^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$)"));
    return fromParts(clock.match(t), 1, 2, 3, 4);
}

QString Timecode::format(int64_t ms, QChar fractionSeparator) {
    const bool negative = ms < 0;
    if (negative) ms = -ms;
    return QStringLiteral("%1%2:%3:%4%5%6")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(fractionSeparator)
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

}  // namespace motor::io
