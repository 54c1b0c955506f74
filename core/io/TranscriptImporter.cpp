#include "core/io/TranscriptImporter.h"

#include <algorithm>
#include <limits>

#include "core/io/MediaImporter.h"
#include "core/io/Timecode.h"

namespace motor::io {

Result<int> TranscriptImporter::existingUtterances(Project& project, const QString& mediaPath) {
    auto media = MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    auto existing = project.utterances(media->id, 0, std::numeric_limits<int64_t>::max());
    if (!existing) return existing.error();
    return int(existing->size());
}

Result<TranscriptImportReport> TranscriptImporter::importTranscripts(Project& project, const QString& mediaPath,
                                                                     const QStringList& files,
                                                                     const TranscriptReadOptions& options,
                                                                     TranscriptMerge merge) {
    if (files.isEmpty()) return makeError(mediaPath + QStringLiteral(": no transcript files given"));
    if (auto media = MediaImporter::findMedia(project, mediaPath); !media) return media.error();
    QVector<Utterance> all;
    for (const QString& file : files) {
        auto u = TranscriptReader::readFile(file, options);
        if (!u) return u.error();
        all += *u;
    }
    return attachUtterances(project, mediaPath, std::move(all), merge);
}

Result<TranscriptImportReport> TranscriptImporter::attachUtterances(Project& project, const QString& mediaPath,
                                                                    QVector<Utterance> all, TranscriptMerge merge) {
    auto media = MediaImporter::findMedia(project, mediaPath);
    if (!media) return media.error();
    std::stable_sort(all.begin(), all.end(),
                     [](const Utterance& a, const Utterance& b) { return a.startMs < b.startMs; });

    TranscriptImportReport report;
    if (media->durationMs > 0) {
        int past = 0;
        int64_t firstPastMs = 0;
        for (const Utterance& u : all)
            if (u.startMs >= media->durationMs) {
                if (past++ == 0) firstPastMs = u.startMs;
            }
        if (past > 0)
            report.warnings << QStringLiteral(
                                   "%1 cues start after the end of the recording (%2), the first at %3; "
                                   "check that the transcript belongs to this recording")
                                   .arg(past)
                                   .arg(Timecode::format(media->durationMs), Timecode::format(firstPastMs));
    }
    auto existing = project.utterances(media->id, 0, std::numeric_limits<int64_t>::max());
    if (!existing) return existing.error();
    if (!existing->isEmpty() && merge == TranscriptMerge::IfEmpty)
        return makeError(
            QStringLiteral("%1: has a transcript already (%2 utterances, %3-%4); choose to replace it or to "
                           "add the new utterances beside it")
                .arg(mediaPath)
                .arg(existing->size())
                .arg(Timecode::format(existing->front().startMs), Timecode::format(existing->back().endMs)));
    const Status s = project.transaction([&]() -> Status {
        if (merge == TranscriptMerge::Replace && !existing->isEmpty()) {
            if (auto d = project.deleteUtterances(media->id); !d) return d;
            report.replaced = int(existing->size());
            report.replacedFromMs = existing->front().startMs;
            for (const Utterance& u : existing.value()) report.replacedToMs = std::max(report.replacedToMs, u.endMs);
        }
        for (Utterance u : all) {
            u.mediaId = media->id;
            if (auto id = project.addUtterance(u); !id) return id.error();
        }
        return {};
    });
    if (!s) return s.error();
    report.added = int(all.size());
    report.total = report.added + (merge == TranscriptMerge::Replace ? 0 : int(existing->size()));
    return report;
}

}  // namespace motor::io
