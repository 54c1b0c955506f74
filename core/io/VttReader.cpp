#include "core/io/VttReader.h"

#include <QRegularExpression>

#include "core/io/CueText.h"
#include "core/io/TextLines.h"
#include "core/io/Timecode.h"

namespace motor::io {
namespace {

bool startsWithKeyword(const QString& line, QLatin1String keyword) {
    if (!line.startsWith(keyword)) return false;
    if (line.size() == keyword.size()) return true;
    const QChar next = line.at(keyword.size());
    return next == QLatin1Char(' ') || next == QLatin1Char('\t');
}

}  // namespace

Result<QVector<Utterance>> VttReader::parse(const QString& text, const QString& sourceName) {
    const QStringList lines = TextLines::split(text);
    const qsizetype n = lines.size();
    auto at = [&](qsizetype i) { return QStringLiteral("%1:%2: ").arg(sourceName).arg(i + 1); };
    if (n == 0) return makeError(sourceName + QStringLiteral(":1: empty file, no WEBVTT header and no cues"));
    if (!startsWithKeyword(lines[0], QLatin1String("WEBVTT")))
        return makeError(at(0) + QStringLiteral("missing the 'WEBVTT' header line (found '%1'); is this a SubRip file?")
                                     .arg(lines[0].trimmed().left(60)));
    static const QRegularExpression timing(QStringLiteral(R"(^\s*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+.*)?$)"));

    qsizetype i = 1;
    while (i < n && !TextLines::isBlank(lines[i])) ++i;  // header metadata ("Kind: captions")
    QVector<Utterance> out;
    int cueNumber = 0;
    while (i < n) {
        if (TextLines::isBlank(lines[i])) {
            ++i;
            continue;
        }
        const QString& first = lines[i];
        const bool hasArrow = first.contains(QLatin1String("-->"));
        if (startsWithKeyword(first, QLatin1String("NOTE")) ||
            (!hasArrow &&
             (startsWithKeyword(first, QLatin1String("STYLE")) || startsWithKeyword(first, QLatin1String("REGION"))))) {
            while (i < n && !TextLines::isBlank(lines[i])) ++i;
            continue;
        }
        ++cueNumber;
        QString cueName = QStringLiteral("cue %1").arg(cueNumber);
        if (!hasArrow) {
            cueName = QStringLiteral("cue '%1'").arg(first.trimmed().left(40));
            ++i;
            if (i >= n || !lines[i].contains(QLatin1String("-->")))
                return makeError(at(i < n && !TextLines::isBlank(lines[i]) ? i : i - 1) + cueName +
                                 QStringLiteral(": expected a timing line '[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm' "
                                                "after the cue identifier"));
        }
        const auto m = timing.match(lines[i]);
        const auto startMs = m.hasMatch() ? Timecode::parseVtt(m.capturedView(1)) : std::nullopt;
        const auto endMs = m.hasMatch() ? Timecode::parseVtt(m.capturedView(2)) : std::nullopt;
        if (!startMs || !endMs)
            return makeError(at(i) + cueName +
                             QStringLiteral(": bad timing line '%1' (expected [HH:]MM:SS.mmm --> "
                                            "[HH:]MM:SS.mmm [settings])")
                                 .arg(lines[i].trimmed().left(80)));
        const int64_t cueStartMs = startMs.value_or(0), cueEndMs = endMs.value_or(0);
        if (cueEndMs < cueStartMs)
            return makeError(at(i) + cueName +
                             QStringLiteral(": end %1 is before start %2")
                                 .arg(Timecode::format(cueEndMs), Timecode::format(cueStartMs)));
        ++i;
        QStringList textLines;
        while (i < n && !TextLines::isBlank(lines[i])) {
            if (lines[i].contains(QLatin1String("-->"))) {
                // The spec ends the cue here and starts the next one (YouTube writes
                // files like that); without any text in between it is damage.
                if (textLines.isEmpty())
                    return makeError(at(i) + cueName +
                                     QStringLiteral(": a second timing line where the cue text "
                                                    "should start (missing text or blank line?)"));
                break;
            }
            textLines.append(lines[i++]);
        }
        Utterance u;
        u.startMs = cueStartMs;
        u.endMs = cueEndMs;
        u.text = CueText::fromVtt(textLines, &u.speaker);
        if (!u.text.isEmpty()) out.append(u);
    }
    if (cueNumber == 0) return makeError(sourceName + QStringLiteral(":1: no cues (the file has only a header)"));
    return out;
}

}  // namespace motor::io
