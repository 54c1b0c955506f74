// Project::mergeFrom: coders' copies of a project brought together (issue 16).
#include <sqlite3.h>

#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <limits>

#include "core/store/Project.h"
#include "core/store/ProjectRows.h"

namespace motor {

using namespace store::rows;

const char* mergeResolutionName(MergeResolution r) {
    switch (r) {
        case MergeResolution::Report:
            return "report";
        case MergeResolution::KeepTarget:
            return "keep";
        case MergeResolution::TakeSource:
            return "take";
        case MergeResolution::Newer:
            return "newer";
    }
    return "report";
}

bool parseMergeResolution(const QString& text, MergeResolution* out) {
    for (MergeResolution r :
         {MergeResolution::Report, MergeResolution::KeepTarget, MergeResolution::TakeSource, MergeResolution::Newer}) {
        if (text == QLatin1String(mergeResolutionName(r))) {
            *out = r;
            return true;
        }
    }
    return false;
}

namespace {

// The identity of an audit entry across copies: a change made once and copied with the
// file is the same change in every copy.
QString auditIdentity(int64_t annotatorId, int64_t clipId, const AuditEntry& e) {
    return QStringLiteral("%1\x1f%2\x1f%3\x1f%4\x1f%5\x1f%6\x1f%7\x1f%8")
        .arg(e.atMs)
        .arg(annotatorId)
        .arg(clipId)
        .arg(e.dimension, e.oldLabel, e.newLabel, e.oldNote, e.newNote);
}

QString labelKey(int64_t clipId, int64_t annotatorId, const QString& dimension) {
    return QStringLiteral("%1\x1f%2\x1f%3").arg(clipId).arg(annotatorId).arg(dimension);
}

const QString kRollback = QStringLiteral("\x01merge: roll back");

}  // namespace

Result<MergeReport> Project::mergeFrom(const QString& sourcePath, MergeResolution resolution, bool dryRun) {
    const QFileInfo sourceInfo(sourcePath);
    if (sourceInfo.absoluteFilePath() == QFileInfo(path_).absoluteFilePath())
        return makeError(sourcePath + QStringLiteral(": is the project itself"));
    auto opened = Project::open(sourcePath);
    if (!opened) return opened.error();
    Project& src = *opened.value();

    MergeReport report;
    report.source = src.path();
    const auto fail = [&](const QString& what) { return makeError(src.path() + QStringLiteral(": ") + what); };

    auto srcMedia = src.media();
    auto srcClips = src.clips();
    auto srcCoders = src.annotators();
    auto srcLabels = src.annotations();
    auto srcAudit = src.auditLog();
    if (!srcMedia) return srcMedia.error();
    if (!srcClips) return srcClips.error();
    if (!srcCoders) return srcCoders.error();
    if (!srcLabels) return srcLabels.error();
    if (!srcAudit) return srcAudit.error();

    const Status st = transaction([&]() -> Status {
        // Recordings: by content hash, else by the same absolute path.
        auto media = this->media();
        if (!media) return media.error();
        QHash<QString, int64_t> byHash;
        QHash<QString, int64_t> byPath;
        for (const Media& m : media.value()) {
            if (!m.contentHash.isEmpty()) byHash.insert(m.contentHash, m.id);
            byPath.insert(QFileInfo(absoluteMediaPath(m)).absoluteFilePath(), m.id);
        }
        QHash<int64_t, int64_t> mediaMap;
        QVector<int64_t> newMedia;
        for (const Media& m : srcMedia.value()) {
            const QString abs = QFileInfo(src.absoluteMediaPath(m)).absoluteFilePath();
            int64_t id = m.contentHash.isEmpty() ? 0 : byHash.value(m.contentHash, 0);
            if (!id) id = byPath.value(abs, 0);
            if (!id) {
                Media copy = m;
                copy.path = relativeMediaPath(abs);
                auto added = addMedia(copy);
                if (!added) return fail(QStringLiteral("recording %1: %2").arg(m.path, added.error().message));
                id = added.value();
                ++report.mediaAdded;
                newMedia.push_back(id);
            }
            mediaMap.insert(m.id, id);
        }

        // Clips: by id (key); one id on two different recordings cannot be joined.
        QHash<int64_t, int64_t> clipMap;
        QHash<int64_t, QString> clipKeys;
        QSet<int64_t> rangeDiffers;
        for (const Clip& c : srcClips.value()) {
            auto mine = clipByKey(c.key);
            if (!mine) return mine.error();
            const int64_t mediaId = mediaMap.value(c.mediaId);
            if (mine->has_value()) {
                const Clip& t = **mine;
                if (t.mediaId != mediaId)
                    return fail(
                        QStringLiteral("clip %1 is on another recording than in %2; rename one of them before merging")
                            .arg(c.key, path_));
                if (t.startMs != c.startMs || t.endMs != c.endMs) {
                    rangeDiffers.insert(t.id);
                    report.warnings << QStringLiteral(
                                           "clip %1: range %2-%3 ms here, %4-%5 ms in the source; kept this range, "
                                           "the clip is flagged for a second look")
                                           .arg(c.key)
                                           .arg(t.startMs)
                                           .arg(t.endMs)
                                           .arg(c.startMs)
                                           .arg(c.endMs);
                }
                clipMap.insert(c.id, t.id);
            } else {
                Clip copy = c;
                copy.mediaId = mediaId;
                auto added = addClip(copy);
                if (!added) return fail(QStringLiteral("clip %1: %2").arg(c.key, added.error().message));
                clipMap.insert(c.id, added.value());
                ++report.clipsAdded;
                if (c.needsReview)
                    if (auto s = setClipNeedsReview(added.value(), true); !s) return s;
            }
            clipKeys.insert(clipMap.value(c.id), c.key);
        }

        // Coders: by name; an expert in one copy and a model in the other is an error.
        QHash<int64_t, int64_t> coderMap;
        QHash<int64_t, QString> coderNames;
        for (const Annotator& a : srcCoders.value()) {
            auto mine = annotatorByName(a.name);
            if (!mine) return mine.error();
            if (mine->has_value() && (*mine)->kind != a.kind)
                return fail(QStringLiteral("coder '%1' is a %2 here and a %3 in the source")
                                .arg(a.name, annotatorKindName((*mine)->kind), annotatorKindName(a.kind)));
            if (!mine->has_value()) ++report.annotatorsAdded;
            auto id = ensureAnnotator(a.name, a.kind, a.provenance);
            if (!id) return id.error();
            coderMap.insert(a.id, id.value());
            coderNames.insert(id.value(), a.name);
        }

        // Labels.
        auto mineLabels = annotations();
        if (!mineLabels) return mineLabels.error();
        QHash<QString, Annotation> targetLabels;
        for (const Annotation& a : mineLabels.value())
            targetLabels.insert(labelKey(a.clipId, a.annotatorId, a.dimension), a);
        QSet<int64_t> touchedClips;
        const auto write = [&](const Annotation& a, int64_t clipId, int64_t coderId, bool replacing) -> Status {
            auto up = cached(
                "INSERT INTO annotations(annotator_id, clip_id, dimension, label, note, rationale, confidence, "
                "created_at_ms, updated_at_ms) VALUES(?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(annotator_id, clip_id, dimension) DO UPDATE SET label = excluded.label, "
                "note = excluded.note, rationale = excluded.rationale, confidence = excluded.confidence, "
                "updated_at_ms = excluded.updated_at_ms");
            if (!up) return up.error();
            (*up)
                ->bind(1, coderId)
                .bind(2, clipId)
                .bind(3, a.dimension)
                .bind(4, a.label)
                .bind(5, a.note)
                .bind(6, a.rationale)
                .bindOptional(7, a.confidence)
                .bind(8, int64_t(a.updatedAtMs))
                .bind(9, int64_t(replacing ? nowMs() : a.updatedAtMs));
            return (*up)->run();
        };
        QVector<std::pair<Annotation, Annotation>> replaced;  // (target before, source)
        for (const Annotation& a : srcLabels.value()) {
            const int64_t clipId = clipMap.value(a.clipId);
            const int64_t coderId = coderMap.value(a.annotatorId);
            LabelWrite check;
            check.dimension = a.dimension;
            check.label = a.label;
            if (auto s = validateLabel(check); !s)
                return fail(QStringLiteral("clip %1, coder '%2': %3")
                                .arg(clipKeys.value(clipId), coderNames.value(coderId), s.error().message));
            const auto it = targetLabels.constFind(labelKey(clipId, coderId, a.dimension));
            if (it == targetLabels.cend()) {
                if (auto s = write(a, clipId, coderId, false); !s) return s;
                ++report.labelsAdded;
                touchedClips.insert(clipId);
                continue;
            }
            if (it->label == a.label && it->note == a.note) {
                ++report.labelsSame;
                continue;
            }
            MergeConflict c{clipKeys.value(clipId),
                            coderNames.value(coderId),
                            a.dimension,
                            it->label,
                            it->note,
                            a.label,
                            a.note,
                            it->updatedAtMs,
                            a.updatedAtMs,
                            {}};
            bool takeSource = false;
            switch (resolution) {
                case MergeResolution::Report:
                    break;
                case MergeResolution::KeepTarget:
                    c.resolvedTo = QStringLiteral("target");
                    break;
                case MergeResolution::TakeSource:
                    takeSource = true;
                    break;
                case MergeResolution::Newer:
                    takeSource = a.updatedAtMs > it->updatedAtMs;
                    break;
            }
            if (resolution != MergeResolution::Report && c.resolvedTo.isEmpty())
                c.resolvedTo = takeSource ? QStringLiteral("source") : QStringLiteral("target");
            report.conflicts.push_back(c);
            if (takeSource) {
                if (auto s = write(a, clipId, coderId, true); !s) return s;
                replaced.push_back({*it, a});
                ++report.labelsReplaced;
                touchedClips.insert(clipId);
            }
        }

        // History: every audit entry the target lacks, then one entry per settled conflict.
        auto mineAudit = auditLog();
        if (!mineAudit) return mineAudit.error();
        QSet<QString> known;
        for (const AuditEntry& e : mineAudit.value()) known.insert(auditIdentity(e.annotatorId, e.clipId, e));
        auto audit = cached(
            "INSERT INTO audit_log(at_ms, annotator_id, clip_id, dimension, old_label, new_label, old_note, "
            "new_note, clip_time_ms, source) VALUES(?,?,?,?,?,?,?,?,?,?)");
        if (!audit) return audit.error();
        const auto addAudit = [&](qint64 at, int64_t coderId, int64_t clipId, const QString& dim,
                                  const QString& oldLabel, const QString& newLabel, const QString& oldNote,
                                  const QString& newNote, int64_t clipTimeMs, const QString& source) -> Status {
            (*audit)
                ->bind(1, int64_t(at))
                .bind(2, coderId)
                .bind(3, clipId)
                .bind(4, dim)
                .bind(5, oldLabel)
                .bind(6, newLabel)
                .bind(7, oldNote)
                .bind(8, newNote)
                .bind(10, source);
            if (clipTimeMs >= 0)
                (*audit)->bind(9, clipTimeMs);
            else
                (*audit)->bindNull(9);
            return (*audit)->run();
        };
        for (const AuditEntry& e : srcAudit.value()) {
            const int64_t clipId = clipMap.value(e.clipId);
            const int64_t coderId = coderMap.value(e.annotatorId);
            if (!clipId || !coderId) continue;  // history of a clip or coder the source deleted
            const QString id = auditIdentity(coderId, clipId, e);
            if (known.contains(id)) continue;
            known.insert(id);
            if (auto s = addAudit(e.atMs, coderId, clipId, e.dimension, e.oldLabel, e.newLabel, e.oldNote, e.newNote,
                                  e.clipTimeMs, e.source);
                !s)
                return s;
            ++report.historyAdded;
        }
        for (const auto& [before, after] : replaced)
            if (auto s =
                    addAudit(nowMs(), before.annotatorId, before.clipId, after.dimension, before.label, after.label,
                             before.note, after.note, -1, QLatin1String(labelSourceName(LabelSource::Merge)));
                !s)
                return s;

        for (int64_t clipId : rangeDiffers)
            if (touchedClips.contains(clipId))
                if (auto s = setClipNeedsReview(clipId, true); !s) return s;

        // Model runs: which clips each run finished, so a merged run resumes correctly.
        auto items = src.db_.prepare(
            QStringLiteral("SELECT annotator_id, clip_id, latency_ms, finished_at_ms, detail FROM run_items"));
        if (!items) return items.error();
        auto insertItem = cached(
            "INSERT OR IGNORE INTO run_items(annotator_id, clip_id, latency_ms, finished_at_ms, detail) "
            "VALUES(?,?,?,?,?)");
        if (!insertItem) return insertItem.error();
        for (;;) {
            auto row = items->step();
            if (!row) return row.error();
            if (!row.value()) break;
            const int64_t coderId = coderMap.value(items->int64(0));
            const int64_t clipId = clipMap.value(items->int64(1));
            if (!coderId || !clipId) continue;
            (*insertItem)
                ->bind(1, coderId)
                .bind(2, clipId)
                .bind(3, items->real(2))
                .bind(4, items->int64(3))
                .bind(5, items->text(4));
            if (auto s = (*insertItem)->run(); !s) return s;
            report.runItemsAdded += int(sqlite3_changes(db_.handle()));
        }

        // Transcripts: a recording without one here takes the source's.
        for (const Media& m : srcMedia.value()) {
            const int64_t mediaId = mediaMap.value(m.id);
            auto mine = utterances(mediaId, 0, std::numeric_limits<int64_t>::max());
            if (!mine) return mine.error();
            auto theirs = src.utterances(m.id, 0, std::numeric_limits<int64_t>::max());
            if (!theirs) return theirs.error();
            if (theirs->isEmpty()) continue;
            if (!mine->isEmpty()) {
                if (mine->size() != theirs->size())
                    report.warnings
                        << QStringLiteral("recording %1: the transcripts differ; kept this project's").arg(m.path);
                continue;
            }
            for (Utterance u : theirs.value()) {
                u.mediaId = mediaId;
                if (auto added = addUtterance(u); !added) return added.error();
                ++report.utterancesAdded;
            }
        }

        if (dryRun || report.unresolved() > 0) return makeError(kRollback);
        return {};
    });
    if (!st) {
        if (st.error().message != kRollback) return st.error();
        report.applied = false;
        return report;
    }
    report.applied = true;
    return report;
}

}  // namespace motor
