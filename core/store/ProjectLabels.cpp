// Project: labels, their audit log and the coding log (split from Project.cpp).
#include "core/store/Project.h"
#include "core/store/ProjectRows.h"

namespace motor {

using namespace store::rows;

Status Project::validateLabel(const LabelWrite& w) {
    const Dimension* dim = codebook_.dimension(w.dimension);
    if (!dim)
        return makeError(QStringLiteral("unknown dimension '%1' (codebook %2 has: %3)")
                             .arg(w.dimension, codebook_.name, codebook_.dimensionNames().join(", ")));
    if (!w.label.isEmpty() && dim->classIndex(w.label) < 0)
        return makeError(QStringLiteral("label '%1' is not a class of dimension '%2' (classes: %3)")
                             .arg(w.label, w.dimension, dim->classNames().join(", ")));
    return {};
}

Status Project::setLabel(const LabelWrite& w) {
    if (auto s = validateLabel(w); !s) return s;
    return transaction([&]() -> Status {
        auto old = annotation(w.clipId, w.annotatorId, w.dimension);
        if (!old) return old.error();
        const QString oldLabel = old->has_value() ? (*old)->label : QString();
        const QString oldNote = old->has_value() ? (*old)->note : QString();
        const qint64 now = nowMs();
        if (w.label.isEmpty()) {
            auto del = cached("DELETE FROM annotations WHERE annotator_id = ? AND clip_id = ? AND dimension = ?");
            if (!del) return del.error();
            (*del)->bind(1, w.annotatorId).bind(2, w.clipId).bind(3, w.dimension);
            if (auto s = (*del)->run(); !s) return s;
        } else {
            auto up = cached(
                "INSERT INTO annotations(annotator_id, clip_id, dimension, label, note, rationale, confidence, "
                "created_at_ms, updated_at_ms) "
                "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(annotator_id, clip_id, dimension) DO UPDATE SET "
                "label = excluded.label, note = excluded.note, rationale = excluded.rationale, "
                "confidence = excluded.confidence, updated_at_ms = excluded.updated_at_ms");
            if (!up) return up.error();
            (*up)
                ->bind(1, w.annotatorId)
                .bind(2, w.clipId)
                .bind(3, w.dimension)
                .bind(4, w.label)
                .bind(5, w.note)
                .bind(6, w.rationale)
                .bindOptional(7, w.confidence)
                .bind(8, int64_t(now))
                .bind(9, int64_t(now));
            if (auto s = (*up)->run(); !s)
                return makeError(QStringLiteral("label of clip %1, dimension '%2': %3")
                                     .arg(w.clipId)
                                     .arg(w.dimension, s.error().message));
        }
        if (oldLabel == w.label && oldNote == w.note) return {};
        auto audit = cached(
            "INSERT INTO audit_log(at_ms, annotator_id, clip_id, dimension, old_label, new_label, old_note, "
            "new_note, clip_time_ms, source) VALUES(?,?,?,?,?,?,?,?,?,?)");
        if (!audit) return audit.error();
        (*audit)
            ->bind(1, int64_t(now))
            .bind(2, w.annotatorId)
            .bind(3, w.clipId)
            .bind(4, w.dimension)
            .bind(5, oldLabel)
            .bind(6, w.label)
            .bind(7, oldNote)
            .bind(8, w.note)
            .bind(10, QString::fromLatin1(labelSourceName(w.source)));
        if (w.clipTimeMs >= 0)
            (*audit)->bind(9, w.clipTimeMs);
        else
            (*audit)->bindNull(9);
        return (*audit)->run();
    });
}

Result<QVector<Annotation>> Project::annotations() {
    auto st = db_.prepare(
        QStringLiteral("SELECT %1 FROM annotations ORDER BY clip_id, annotator_id, dimension").arg(kAnnotationCols));
    if (!st) return st.error();
    return collect<Annotation>(st.value(), readAnnotation);
}

Result<QVector<CodedLabel>> Project::codedLabels() {
    // The metrics redo this after every label change: compare raw UTF-8 against the
    // few dimension and class names, so no string is allocated per row.
    struct DimBytes {
        std::string name;
        std::vector<std::string> classes;
    };
    std::vector<DimBytes> dims;
    for (const auto& d : codebook_.dimensions) {
        DimBytes db{d.name.toStdString(), {}};
        for (const auto& c : d.classes) db.classes.push_back(c.name.toStdString());
        dims.push_back(std::move(db));
    }
    auto st = cached("SELECT annotator_id, clip_id, dimension, label FROM annotations");
    if (!st) return st.error();
    QVector<CodedLabel> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!row.value()) break;
        const std::string_view dim = (*st)->rawText(2);
        const std::string_view label = (*st)->rawText(3);
        for (size_t d = 0; d < dims.size(); ++d) {
            if (dims[d].name != dim) continue;
            for (size_t c = 0; c < dims[d].classes.size(); ++c)
                if (dims[d].classes[c] == label) out.push_back({(*st)->int64(0), (*st)->int64(1), int(d), int(c)});
            break;
        }
    }
    (*st)->reset();
    return out;
}

Result<QVector<Annotation>> Project::annotationsForClip(int64_t clipId) {
    auto st = cached(
        "SELECT id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms "
        "FROM annotations WHERE clip_id = ? ORDER BY annotator_id, dimension");
    if (!st) return st.error();
    (*st)->bind(1, clipId);
    return collect<Annotation>(**st, readAnnotation);
}

Result<std::optional<Annotation>> Project::annotation(int64_t clipId, int64_t annotatorId, const QString& dimension) {
    auto st = cached(
        "SELECT id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms "
        "FROM annotations WHERE clip_id = ? AND annotator_id = ? AND dimension = ?");
    if (!st) return st.error();
    (*st)->bind(1, clipId).bind(2, annotatorId).bind(3, dimension);
    auto rows = collect<Annotation>(**st, readAnnotation);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return std::optional<Annotation>();
    return std::optional<Annotation>(rows->front());
}

Result<QVector<AuditEntry>> Project::auditLog(int64_t clipId) {
    auto st = db_.prepare(
        QStringLiteral("SELECT id, at_ms, annotator_id, clip_id, dimension, old_label, new_label, old_note, "
                       "new_note, IFNULL(clip_time_ms, -1), source FROM audit_log %1 ORDER BY id")
            .arg(clipId ? QStringLiteral("WHERE clip_id = ?") : QString()));
    if (!st) return st.error();
    if (clipId) st->bind(1, clipId);
    return collect<AuditEntry>(st.value(), [](const store::SqliteStatement& s) {
        return AuditEntry{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.text(4), s.text(5),
                          s.text(6),  s.text(7),  s.text(8),  s.int64(9), s.text(10)};
    });
}

Result<QVector<CodingLogEntry>> Project::codingLog() {
    auto st = db_.prepare(QStringLiteral(
        "SELECT l.at_ms, a.name, a.kind, c.key, IFNULL(l.clip_time_ms, -1), l.dimension, l.old_label, l.new_label, "
        "l.old_note, l.new_note, l.source FROM audit_log l JOIN annotators a ON a.id = l.annotator_id "
        "JOIN clips c ON c.id = l.clip_id ORDER BY l.at_ms, l.id"));
    if (!st) return st.error();
    return collect<CodingLogEntry>(st.value(), [](const store::SqliteStatement& s) {
        CodingLogEntry e;
        e.atMs = s.int64(0);
        e.coder = s.text(1);
        parseAnnotatorKind(s.text(2), &e.coderKind);
        e.clipKey = s.text(3);
        e.clipTimeMs = s.int64(4);
        e.dimension = s.text(5);
        e.oldLabel = s.text(6);
        e.newLabel = s.text(7);
        e.oldNote = s.text(8);
        e.newNote = s.text(9);
        e.source = s.text(10);
        return e;
    });
}

const char* labelSourceName(LabelSource source) {
    switch (source) {
        case LabelSource::Unknown:
            return "";
        case LabelSource::Gui:
            return "gui";
        case LabelSource::Cli:
            return "cli";
        case LabelSource::Import:
            return "import";
        case LabelSource::Merge:
            return "merge";
        case LabelSource::Run:
            return "run";
    }
    return "";
}

}  // namespace motor
