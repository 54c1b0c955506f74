// Project: transcript editing (split from Project.cpp). ASR needs correcting: an
// utterance's text, speaker and times, split and merge, the speaker of several at once.
// Each is one transaction and validated before anything is written.
#include "core/store/Project.h"
#include "core/store/ProjectRows.h"

namespace motor {

using namespace store::rows;

namespace {

// what names the utterance in the message ("utterance 12", "new utterance at 850 ms").
Status validTimes(const QString& what, int64_t startMs, int64_t endMs) {
    if (startMs < 0 || endMs < 0)
        return makeError(QStringLiteral("%1: a time is negative (%2-%3 ms)").arg(what).arg(startMs).arg(endMs));
    if (endMs <= startMs)
        return makeError(
            QStringLiteral("%1: the end (%2 ms) must come after the start (%3 ms)").arg(what).arg(endMs).arg(startMs));
    return {};
}

}  // namespace

Result<Utterance> Project::utteranceById(int64_t id) {
    auto st = cached("SELECT id, media_id, start_ms, end_ms, speaker, text, language FROM utterances WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, id);
    auto rows = collect<Utterance>(**st, [](const store::SqliteStatement& s) {
        return Utterance{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.text(4), s.text(5), s.text(6)};
    });
    if (!rows) return rows.error();
    if (rows->isEmpty()) return makeError(QStringLiteral("utterance %1: no such utterance").arg(id));
    return rows->first();
}

Status Project::updateUtterance(const Utterance& u) {
    if (Status v = validTimes(QStringLiteral("utterance %1").arg(u.id), u.startMs, u.endMs); !v) return v;
    return transaction([&]() -> Status {
        if (auto old = utteranceById(u.id); !old) return old.error();
        auto st = cached("UPDATE utterances SET start_ms = ?, end_ms = ?, speaker = ?, text = ? WHERE id = ?");
        if (!st) return st.error();
        (*st)->bind(1, u.startMs).bind(2, u.endMs).bind(3, u.speaker.trimmed()).bind(4, u.text).bind(5, u.id);
        return (*st)->run();
    });
}

Result<int64_t> Project::splitUtterance(int64_t id, int64_t atMs, int textOffset) {
    int64_t created = 0;
    const Status s = transaction([&]() -> Status {
        auto u = utteranceById(id);
        if (!u) return u.error();
        if (atMs <= u->startMs || atMs >= u->endMs)
            return makeError(QStringLiteral("utterance %1: %2 ms is not inside %3-%4 ms")
                                 .arg(id)
                                 .arg(atMs)
                                 .arg(u->startMs)
                                 .arg(u->endMs));
        if (textOffset < 0 || textOffset > u->text.size())
            return makeError(QStringLiteral("utterance %1: text position %2 is outside its %3 characters")
                                 .arg(id)
                                 .arg(textOffset)
                                 .arg(u->text.size()));
        Utterance first = u.value();
        Utterance second = u.value();
        first.endMs = atMs;
        first.text = u->text.left(textOffset).trimmed();
        second.id = 0;
        second.startMs = atMs;
        second.text = u->text.mid(textOffset).trimmed();
        if (Status up = updateUtterance(first); !up) return up;
        auto added = addUtterance(second);
        if (!added) return added.error();
        created = added.value();
        return {};
    });
    if (!s) return s.error();
    return created;
}

Result<int64_t> Project::mergeUtteranceWithNext(int64_t id) {
    const Status s = transaction([&]() -> Status {
        auto u = utteranceById(id);
        if (!u) return u.error();
        auto st = cached(
            "SELECT id FROM utterances WHERE media_id = ? AND (start_ms > ? OR (start_ms = ? AND id > ?)) "
            "ORDER BY start_ms, id LIMIT 1");
        if (!st) return st.error();
        (*st)->bind(1, u->mediaId).bind(2, u->startMs).bind(3, u->startMs).bind(4, id);
        auto next = collect<int64_t>(**st, [](const store::SqliteStatement& r) { return r.int64(0); });
        if (!next) return next.error();
        if (next->isEmpty())
            return makeError(QStringLiteral("utterance %1: it is the last one of its recording").arg(id));
        auto other = utteranceById(next->first());
        if (!other) return other.error();
        Utterance merged = u.value();
        merged.endMs = std::max(u->endMs, other->endMs);
        merged.text = (u->text.trimmed() + QLatin1Char(' ') + other->text.trimmed()).trimmed();
        if (Status up = updateUtterance(merged); !up) return up;
        return deleteUtterance(other->id);
    });
    if (!s) return s.error();
    return id;
}

Result<int64_t> Project::insertUtterance(const Utterance& u) {
    if (Status v = validTimes(QStringLiteral("new utterance at %1 ms").arg(u.startMs), u.startMs, u.endMs); !v)
        return v.error();
    int64_t created = 0;
    const Status s = transaction([&]() -> Status {
        if (auto m = mediaById(u.mediaId); !m) return m.error();
        auto added = addUtterance(u);
        if (!added) return added.error();
        created = added.value();
        return {};
    });
    if (!s) return s.error();
    return created;
}

Status Project::setUtteranceSpeaker(const QVector<int64_t>& ids, const QString& speaker) {
    return transaction([&]() -> Status {
        for (int64_t id : ids) {
            auto u = utteranceById(id);
            if (!u) return u.error();
            u->speaker = speaker;
            if (Status up = updateUtterance(u.value()); !up) return up;
        }
        return {};
    });
}

Status Project::restoreUtterances(const QVector<Utterance>& utterances) {
    return transaction([&]() -> Status {
        for (const Utterance& u : utterances) {
            if (Status v = validTimes(QStringLiteral("utterance %1").arg(u.id), u.startMs, u.endMs); !v) return v;
            auto st = cached(
                "INSERT OR REPLACE INTO utterances(id, media_id, start_ms, end_ms, speaker, text, language) "
                "VALUES(?,?,?,?,?,?,?)");
            if (!st) return st.error();
            (*st)
                ->bind(1, u.id)
                .bind(2, u.mediaId)
                .bind(3, u.startMs)
                .bind(4, u.endMs)
                .bind(5, u.speaker)
                .bind(6, u.text)
                .bind(7, u.language);
            if (Status r = (*st)->run(); !r) return r;
        }
        return {};
    });
}

Status Project::deleteUtterance(int64_t id) {
    return transaction([&]() -> Status {
        if (auto u = utteranceById(id); !u) return u.error();
        auto st = cached("DELETE FROM utterances WHERE id = ?");
        if (!st) return st.error();
        (*st)->bind(1, id);
        return (*st)->run();
    });
}

}  // namespace motor
