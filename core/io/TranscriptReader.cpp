#include "core/io/TranscriptReader.h"

#include <QFileInfo>
#include <algorithm>

#include "core/io/CsvTranscriptReader.h"
#include "core/io/EafReader.h"
#include "core/io/SrtReader.h"
#include "core/io/TextDecoder.h"
#include "core/io/VttReader.h"
#include "core/util/ReadFile.h"

namespace motor::io {

TranscriptFormat TranscriptReader::formatForPath(const QString& path) {
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("srt")) return TranscriptFormat::Srt;
    if (ext == QLatin1String("vtt")) return TranscriptFormat::WebVtt;
    if (ext == QLatin1String("eaf")) return TranscriptFormat::Eaf;
    if (ext == QLatin1String("csv") || ext == QLatin1String("tsv")) return TranscriptFormat::Csv;
    return TranscriptFormat::Auto;
}

Result<QVector<Utterance>> TranscriptReader::readFile(const QString& path, const TranscriptReadOptions& options) {
    TranscriptFormat format = options.format == TranscriptFormat::Auto ? formatForPath(path) : options.format;
    if (format == TranscriptFormat::Auto)
        return makeError(path +
                         QStringLiteral(": unknown transcript format (expected .srt, .vtt, .eaf, .csv or .tsv)"));
    auto read = util::readFile(path, QStringLiteral("a transcript"));
    if (!read) return read.error();
    const QByteArray bytes = read.value();
    if (bytes.isEmpty())
        // An empty file would replace a transcript with nothing: almost always the wrong
        // file or a failed download, so it is refused rather than imported.
        return makeError(path + QStringLiteral(":1: empty file, no cues"));

    Result<QVector<Utterance>> parsed = QVector<Utterance>{};
    if (format == TranscriptFormat::Eaf) {
        // XML declares its own encoding; QXmlStreamReader honours it.
        auto doc = EafReader::parse(bytes, path);
        if (!doc) return doc.error();
        parsed = EafReader::utterances(*doc);
        if (parsed->isEmpty()) return makeError(path + QStringLiteral(": no annotations with text"));
    } else {
        auto text = TextDecoder::decode(bytes, path, options.encoding);
        if (!text) return text.error();
        if (format == TranscriptFormat::Srt)
            parsed = SrtReader::parse(text->text, path);
        else if (format == TranscriptFormat::WebVtt)
            parsed = VttReader::parse(text->text, path);
        else
            parsed = CsvTranscriptReader::parse(text->text, path);
        if (!parsed) return parsed.error();
    }
    QVector<Utterance> out = std::move(parsed.value());
    std::stable_sort(out.begin(), out.end(),
                     [](const Utterance& a, const Utterance& b) { return a.startMs < b.startMs; });
    for (Utterance& u : out) u.language = options.language;
    return out;
}

}  // namespace motor::io
