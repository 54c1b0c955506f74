#include "core/io/CueText.h"

#include <QRegularExpression>

namespace motor::io {
namespace {

QString joinTrimmed(const QStringList& lines) {
    QStringList kept;
    for (const QString& l : lines) {
        const QString t = l.trimmed();
        if (!t.isEmpty()) kept.append(t);
    }
    return kept.join(QLatin1Char('\n'));
}

QString decodeVttEntities(QString s) {
    // &amp; last, so "&amp;lt;" becomes the literal "&lt;" and not "<".
    s.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&nbsp;"), QString(QChar(0x00A0)))
        .replace(QLatin1String("&lrm;"), QString(QChar(0x200E)))
        .replace(QLatin1String("&rlm;"), QString(QChar(0x200F)))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    return s;
}

}  // namespace

QString CueText::fromSrt(const QStringList& lines) {
    static const QRegularExpression tag(QStringLiteral(R"(</?[A-Za-z][A-Za-z0-9_]*(?:\s[^<>]*)?>)"));
    static const QRegularExpression assOverride(QStringLiteral(R"(\{\\[^}]*\})"));
    QStringList out;
    for (QString l : lines) {
        l.remove(assOverride).remove(tag);
        l.replace(QLatin1String("\\N"), QLatin1String("\n")).replace(QLatin1String("\\n"), QLatin1String("\n"));
        l.replace(QLatin1String("\\h"), QLatin1String(" "));
        out.append(l.split(QLatin1Char('\n')));
    }
    return joinTrimmed(out);
}

QString CueText::fromVtt(const QStringList& lines, QString* speaker) {
    static const QRegularExpression voice(QStringLiteral(R"(<v(?:\.[^\s>]*)?[ \t]+([^>]*)>)"));
    static const QRegularExpression tag(QStringLiteral(R"(<[^>]*>)"));
    QStringList out;
    for (QString l : lines) {
        if (speaker && speaker->isEmpty()) {
            if (auto m = voice.match(l); m.hasMatch()) *speaker = decodeVttEntities(m.captured(1).trimmed());
        }
        l.remove(tag);
        out.append(decodeVttEntities(l));
    }
    return joinTrimmed(out);
}

}  // namespace motor::io
