// Project: segmenting (clip ranges, split, merge, the review flag) and settings (split
// from Project.cpp). Clip ids stay stable when a neighbour changes; labels are never
// dropped by an edit: a labelled clip whose range changes is flagged needsReview; a range
// change never makes two clips of a recording overlap that did not.
#include "core/store/Project.h"
#include "core/store/ProjectRows.h"

namespace motor {

using namespace store::rows;

namespace {

Result<bool> hasLabels(Project& p, int64_t clipId) {
    auto labels = p.annotationsForClip(clipId);
    if (!labels) return labels.error();
    return !labels->isEmpty();
}

}  // namespace

Status Project::setClipRange(int64_t clipId, int64_t startMs, int64_t endMs) {
    return transaction([&]() -> Status {
        auto clip = clipById(clipId);
        if (!clip) return clip.error();
        if (startMs < 0 || endMs <= startMs)
            return makeError(
                QStringLiteral("clip '%1': end %2 ms is not after start %3 ms").arg(clip->key).arg(endMs).arg(startMs));
        auto media = mediaById(clip->mediaId);
        if (!media) return media.error();
        if (media->durationMs > 0 && endMs > media->durationMs)
            return makeError(QStringLiteral("clip '%1': end %2 ms is past the end of the recording (%3 ms)")
                                 .arg(clip->key)
                                 .arg(endMs)
                                 .arg(media->durationMs));
        if (startMs == clip->startMs && endMs == clip->endMs) return {};
        // A new range may not run into another clip of the recording. Clips that overlap
        // already (a whole-recording clip kept for its labels, segments imported so) stay
        // editable: only an overlap the change would add is refused.
        auto overlap = cached(
            "SELECT key, start_ms, end_ms FROM clips WHERE media_id = ? AND id <> ? AND start_ms < ? AND end_ms > ? "
            "AND NOT (start_ms < ? AND end_ms > ?) ORDER BY start_ms LIMIT 1");
        if (!overlap) return overlap.error();
        (*overlap)
            ->bind(1, clip->mediaId)
            .bind(2, clipId)
            .bind(3, endMs)
            .bind(4, startMs)
            .bind(5, clip->endMs)
            .bind(6, clip->startMs);
        auto hit = (*overlap)->step();
        if (!hit) return hit.error();
        if (hit.value()) {
            const QString other = (*overlap)->text(0);
            const int64_t otherStart = (*overlap)->int64(1);
            const int64_t otherEnd = (*overlap)->int64(2);
            (*overlap)->reset();
            return makeError(QStringLiteral("clip '%1': %2-%3 ms would overlap clip '%4' (%5-%6 ms)")
                                 .arg(clip->key)
                                 .arg(startMs)
                                 .arg(endMs)
                                 .arg(other)
                                 .arg(otherStart)
                                 .arg(otherEnd));
        }
        (*overlap)->reset();
        auto labelled = hasLabels(*this, clipId);
        if (!labelled) return labelled.error();
        auto st = cached("UPDATE clips SET start_ms = ?, end_ms = ?, needs_review = needs_review OR ? WHERE id = ?");
        if (!st) return st.error();
        (*st)->bind(1, startMs).bind(2, endMs).bind(3, int64_t(labelled.value() ? 1 : 0)).bind(4, clipId);
        return (*st)->run();
    });
}

Result<int64_t> Project::splitClip(int64_t clipId, int64_t atMs) {
    int64_t created = 0;
    const Status s = transaction([&]() -> Status {
        auto clip = clipById(clipId);
        if (!clip) return clip.error();
        if (atMs <= clip->startMs || atMs >= clip->endMs)
            return makeError(QStringLiteral("clip '%1': %2 ms is not inside %3-%4 ms")
                                 .arg(clip->key)
                                 .arg(atMs)
                                 .arg(clip->startMs)
                                 .arg(clip->endMs));
        QString key;
        for (int n = 2;; ++n) {
            key = QStringLiteral("%1.%2").arg(clip->key).arg(n);
            auto taken = clipByKey(key);
            if (!taken) return taken.error();
            if (!taken->has_value()) break;
        }
        Clip second = clip.value();
        second.id = 0;
        second.key = key;
        second.startMs = atMs;
        second.needsReview = false;
        if (auto r = setClipRange(clipId, clip->startMs, atMs); !r) return r;
        auto id = addClip(second);
        if (!id) return id.error();
        created = id.value();
        return {};
    });
    if (!s) return s.error();
    return created;
}

Status Project::mergeClips(int64_t clipId, int64_t next) {
    return transaction([&]() -> Status {
        auto a = clipById(clipId);
        if (!a) return a.error();
        auto b = clipById(next);
        if (!b) return b.error();
        if (a->mediaId != b->mediaId)
            return makeError(QStringLiteral("clips '%1' and '%2' are on different recordings").arg(a->key, b->key));
        if (b->startMs < a->startMs)
            return makeError(QStringLiteral("clip '%1' comes before '%2'").arg(b->key, a->key));
        auto labelled = hasLabels(*this, next);
        if (!labelled) return labelled.error();
        if (labelled.value())
            return makeError(
                QStringLiteral("clip '%1' has labels: merging it into '%2' would lose them; clear them first")
                    .arg(b->key, a->key));
        if (auto d = deleteClip(next); !d) return d;
        return setClipRange(clipId, a->startMs, std::max(a->endMs, b->endMs));
    });
}

Status Project::restoreClip(const Clip& c) {
    if (c.id <= 0) return makeError(QStringLiteral("clip '%1': no id to restore it under").arg(c.key));
    if (c.key.trimmed().isEmpty()) return makeError(QStringLiteral("clip: empty id"));
    if (c.startMs < 0 || c.endMs <= c.startMs)
        return makeError(
            QStringLiteral("clip '%1': end %2 ms is not after start %3 ms").arg(c.key).arg(c.endMs).arg(c.startMs));
    auto st = cached(
        "INSERT INTO clips(id, key, media_id, start_ms, end_ms, group_name, session_name, needs_review) "
        "VALUES(?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    (*st)
        ->bind(1, c.id)
        .bind(2, c.key)
        .bind(3, c.mediaId)
        .bind(4, c.startMs)
        .bind(5, c.endMs)
        .bind(6, c.group)
        .bind(7, c.session)
        .bind(8, int64_t(c.needsReview ? 1 : 0));
    if (auto s = (*st)->run(); !s) return makeError(QStringLiteral("clip '%1': %2").arg(c.key, s.error().message));
    return {};
}

Status Project::setClipNeedsReview(int64_t clipId, bool needsReview) {
    auto st = cached("UPDATE clips SET needs_review = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, int64_t(needsReview ? 1 : 0)).bind(2, clipId);
    return (*st)->run();
}

Result<int64_t> Project::dataVersion() {
    return db_.queryInt(QStringLiteral("PRAGMA data_version"));
}

Result<QString> Project::setting(const QString& key) {
    auto st = cached("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    (*st)->bind(1, key);
    auto row = (*st)->step();
    if (!row) return row.error();
    const QString value = row.value() ? (*st)->text(0) : QString();
    (*st)->reset();
    return value;
}

Status Project::setSetting(const QString& key, const QString& value) {
    auto st = cached("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!st) return st.error();
    (*st)->bind(1, key).bind(2, value);
    return (*st)->run();
}

}  // namespace motor
