#include "core/io/SrtReader.h"

#include <QRegularExpression>

#include "core/io/CueText.h"
#include "core/io/TextLines.h"
#include "core/io/Timecode.h"

namespace motor::io {
namespace {

bool isIndexLine(const QString& line) {
    static const QRegularExpression re(QStringLiteral(R"(^\s*\d+\s*$)"));
    return re.match(line).hasMatch();
}

}  // namespace

Result<QVector<Utterance>> SrtReader::parse(const QString& text, const QString& sourceName) {
    const QStringList lines = TextLines::split(text);
    const qsizetype n = lines.size();
    auto at = [&](qsizetype i) { return QStringLiteral("%1:%2: ").arg(sourceName).arg(i + 1); };
    // Timing: two clock times around "-->", optionally followed by position hints.
    static const QRegularExpression timing(QStringLiteral(R"(^\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?$)"));

    QVector<Utterance> out;
    int cueNumber = 0;
    qsizetype i = 0;
    while (i < n) {
        if (TextLines::isBlank(lines[i])) {
            ++i;
            continue;
        }
        ++cueNumber;
        QString cueName = QStringLiteral("cue %1").arg(cueNumber);
        if (isIndexLine(lines[i]) && !lines[i].contains(QLatin1String("-->"))) {
            cueName = QStringLiteral("cue %1").arg(lines[i].trimmed());
            ++i;
            if (i >= n || TextLines::isBlank(lines[i]))
                return makeError(at(i - 1) + cueName +
                                 QStringLiteral(": index without a timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm'"));
            if (!lines[i].contains(QLatin1String("-->")))
                return makeError(at(i) + cueName +
                                 QStringLiteral(": expected a timing line 'HH:MM:SS,mmm --> "
                                                "HH:MM:SS,mmm', found '%1'")
                                     .arg(lines[i].trimmed().left(60)));
        } else if (!lines[i].contains(QLatin1String("-->"))) {
            return makeError(at(i) + QStringLiteral("expected a cue index or a timing line 'HH:MM:SS,mmm --> "
                                                    "HH:MM:SS,mmm', found '%1'")
                                         .arg(lines[i].trimmed().left(60)));
        }
        const auto m = timing.match(lines[i]);
        const auto startMs = m.hasMatch() ? Timecode::parseSrt(m.capturedView(1)) : std::nullopt;
        const auto endMs = m.hasMatch() ? Timecode::parseSrt(m.capturedView(2)) : std::nullopt;
        if (!startMs || !endMs)
            return makeError(at(i) + cueName +
                             QStringLiteral(": bad timing line '%1' (expected HH:MM:SS,mmm --> "
                                            "HH:MM:SS,mmm)")
                                 .arg(lines[i].trimmed().left(80)));
        const int64_t cueStartMs = startMs.value_or(0), cueEndMs = endMs.value_or(0);
        if (cueEndMs < cueStartMs)
            return makeError(at(i) + cueName +
                             QStringLiteral(": end %1 is before start %2")
                                 .arg(Timecode::format(cueEndMs), Timecode::format(cueStartMs)));
        ++i;
        QStringList textLines;
        while (i < n && !TextLines::isBlank(lines[i])) textLines.append(lines[i++]);
        Utterance u;
        u.startMs = cueStartMs;
        u.endMs = cueEndMs;
        u.text = CueText::fromSrt(textLines);
        if (!u.text.isEmpty()) out.append(u);
    }
    if (cueNumber == 0) return makeError(sourceName + QStringLiteral(":1: no cues (empty subtitle file)"));
    return out;
}

}  // namespace motor::io
