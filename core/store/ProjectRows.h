#pragma once
// Row readers and small helpers shared by the files that implement Project (one class,
// split by topic to keep files small). Internal to core/store.
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/model/Entities.h"
#include "core/store/SqliteStatement.h"
#include "core/util/Result.h"

namespace motor::store::rows {

inline qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

inline QString toJsonText(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
inline QJsonObject fromJsonText(const QString& s) {
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

inline Media readMedia(const store::SqliteStatement& st) {
    Media m;
    m.id = st.int64(0);
    m.path = st.text(1);
    m.sizeBytes = st.int64(2);
    m.contentHash = st.text(3);
    m.durationMs = st.int64(4);
    m.fps = st.real(5);
    m.width = int(st.int64(6));
    m.height = int(st.int64(7));
    m.rotationDeg = int(st.int64(8));
    m.hasAudio = st.int64(9) != 0;
    return m;
}
inline const char* const kMediaCols =
    "id, path, size_bytes, content_hash, duration_ms, fps, width, height, rotation_deg, has_audio";

inline Clip readClip(const store::SqliteStatement& st) {
    Clip c;
    c.id = st.int64(0);
    c.key = st.text(1);
    c.mediaId = st.int64(2);
    c.startMs = st.int64(3);
    c.endMs = st.int64(4);
    c.group = st.text(5);
    c.session = st.text(6);
    c.needsReview = st.int64(7) != 0;
    return c;
}
inline const char* const kClipCols = "id, key, media_id, start_ms, end_ms, group_name, session_name, needs_review";

inline Annotation readAnnotation(const store::SqliteStatement& st) {
    Annotation a;
    a.id = st.int64(0);
    a.annotatorId = st.int64(1);
    a.clipId = st.int64(2);
    a.dimension = st.text(3);
    a.label = st.text(4);
    a.note = st.text(5);
    a.rationale = st.text(6);
    a.confidence = st.real(7);
    a.updatedAtMs = st.int64(8);
    return a;
}
inline const char* const kAnnotationCols =
    "id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms";

inline Annotator readAnnotator(const store::SqliteStatement& st) {
    Annotator a;
    a.id = st.int64(0);
    a.name = st.text(1);
    parseAnnotatorKind(st.text(2), &a.kind);
    a.provenance = fromJsonText(st.text(3));
    return a;
}

template <class T, class Reader>
Result<QVector<T>> collect(store::SqliteStatement& st, Reader read) {
    QVector<T> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!row.value()) break;
        out.push_back(read(st));
    }
    st.reset();
    return out;
}

}  // namespace motor::store::rows
