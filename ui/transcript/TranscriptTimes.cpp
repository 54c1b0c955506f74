#include "ui/transcript/TranscriptTimes.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace motor {
namespace ui {

QString clipTime(int64_t ms) {
    ms = std::max<int64_t>(0, ms);
    return QStringLiteral("%1:%2.%3").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0')).arg(ms % 1000 / 100);
}

QString exactClipTime(int64_t ms) {
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    ms = std::abs(ms);
    return QStringLiteral("%1%2:%3.%4")
        .arg(sign)
        .arg(ms / 60000)
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

bool parseClipTime(const QString& text, int64_t* ms) {
    static const QRegularExpression re(QStringLiteral("^\\s*(-)?\\s*(?:(\\d+):)?(\\d+)(?:[.,](\\d{1,3}))?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) return false;
    const int64_t minutes = m.captured(2).isEmpty() ? 0 : m.captured(2).toLongLong();
    const int64_t seconds = m.captured(3).toLongLong();
    if (!m.captured(2).isEmpty() && seconds >= 60) return false;
    const QString fraction = m.captured(4);
    const int64_t millis = fraction.isEmpty() ? 0 : (fraction + QStringLiteral("00")).left(3).toLongLong();
    *ms = (minutes * 60 + seconds) * 1000 + millis;
    if (!m.captured(1).isEmpty()) *ms = -*ms;
    return true;
}

int wordOffsetAt(const Utterance& u, int64_t atMs) {
    const QString& text = u.text;
    if (text.isEmpty() || u.endMs <= u.startMs) return 0;
    const double share = std::clamp(double(atMs - u.startMs) / double(u.endMs - u.startMs), 0.0, 1.0);
    const int target = int(std::lround(share * text.size()));
    int best = 0;
    const auto consider = [&](int offset) {
        if (std::abs(offset - target) < std::abs(best - target)) best = offset;
    };
    consider(int(text.size()));
    for (int i = 1; i < text.size(); ++i)
        if (text[i].isSpace() && !text[i - 1].isSpace()) consider(i);
    return best;
}

}  // namespace ui
}  // namespace motor
