#include "core/io/TranscriptImporter.h"

#include <algorithm>

#include "core/io/MediaImporter.h"

namespace motor::io {

Result<int> TranscriptImporter::importTranscripts(Project& project, const QString& mediaPath, const QStringList& files,
                                                  const TranscriptReadOptions& options) {
    if (files.isEmpty()) return makeError(mediaPath + QStringLiteral(": no transcript files given"));
    auto media = MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    QVector<Utterance> all;
    for (const QString& file : files) {
        auto u = TranscriptReader::readFile(file, options);
        if (!u) return u.error();
        all += *u;
    }
    std::stable_sort(all.begin(), all.end(), [](const Utterance& a, const Utterance& b) { return a.startMs < b.startMs; });
    const Status s = project.transaction([&]() -> Status {
        if (auto d = project.deleteUtterances(media->id); !d) return d;
        for (Utterance u : all) {
            u.mediaId = media->id;
            if (auto id = project.addUtterance(u); !id) return id.error();
        }
        return {};
    });
    if (!s) return s.error();
    return int(all.size());
}

}  // namespace motor::io
