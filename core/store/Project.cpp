#include "core/store/Project.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

#include "core/store/Schema.h"
#include "core/util/NaturalOrder.h"

namespace motor {
namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString toJsonText(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
QJsonObject fromJsonText(const QString& s) { return QJsonDocument::fromJson(s.toUtf8()).object(); }

// The 16-byte SQLite header, checked before any query: SQLite accepts any file lazily,
// and a file that is not a project must be rejected before anything can touch it. Read
// through the read-only connection's own file handle, never by opening the file again
// (see util::LiveDatabaseFiles: that would drop the locks of this process's other
// connections to the same project).
Status checkSqliteHeader(store::SqliteDatabase& db, const QString& path) {
    auto header = db.readFileHeader(16);
    if (!header) return header.error();
    if (header.value() != QByteArray("SQLite format 3\0", 16))
        return makeError(path + QStringLiteral(": not a MOTOR project (not an SQLite database)"));
    return {};
}

Media readMedia(const store::SqliteStatement& st) {
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
const char* const kMediaCols = "id, path, size_bytes, content_hash, duration_ms, fps, width, height, rotation_deg, has_audio";

Clip readClip(const store::SqliteStatement& st) {
    Clip c;
    c.id = st.int64(0);
    c.key = st.text(1);
    c.mediaId = st.int64(2);
    c.startMs = st.int64(3);
    c.endMs = st.int64(4);
    c.group = st.text(5);
    c.session = st.text(6);
    return c;
}
const char* const kClipCols = "id, key, media_id, start_ms, end_ms, group_name, session_name";

Annotation readAnnotation(const store::SqliteStatement& st) {
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
const char* const kAnnotationCols =
    "id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms";

Annotator readAnnotator(const store::SqliteStatement& st) {
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

}  // namespace

Project::~Project() {
    stmtCache_.clear();  // statements before the connection
}

Result<std::unique_ptr<Project>> Project::create(const QString& path, const Codebook& codebook) {
    if (QFileInfo::exists(path)) return makeError(path + QStringLiteral(": already exists"));
    auto db = store::SqliteDatabase::open(path, store::SqliteDatabase::OpenMode::ReadWriteCreate);
    if (!db) return db.error();
    std::unique_ptr<Project> p(new Project);
    p->db_ = std::move(db.value());
    p->path_ = QFileInfo(path).absoluteFilePath();
    auto fail = [&](const Error& e) -> Result<std::unique_ptr<Project>> {
        p.reset();
        QFile::remove(path);
        return e;
    };
    if (auto s = p->db_.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON")); !s)
        return fail(s.error());
    if (auto s = store::createSchema(p->db_); !s) return fail(s.error());
    if (auto s = p->setCodebook(codebook); !s) return fail(s.error());
    return p;
}

Result<std::unique_ptr<Project>> Project::open(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return makeError(path + QStringLiteral(": no such file"));
    if (info.isDir()) return makeError(path + QStringLiteral(": is a folder, not a MOTOR project file"));
    {
        // Inspect read-only first: nothing about a bad or newer file may change.
        auto ro = store::SqliteDatabase::open(path, store::SqliteDatabase::OpenMode::ReadOnly);
        if (!ro) return ro.error();
        if (auto s = checkSqliteHeader(ro.value(), path); !s) return s.error();
        auto check = ro->queryText(QStringLiteral("PRAGMA quick_check"));
        if (!check) return makeError(path + QStringLiteral(": damaged project: ") + check.error().message);
        if (check.value() != QLatin1String("ok"))
            return makeError(path + QStringLiteral(": damaged project (quick_check: %1)").arg(check.value()));
        auto appId = ro->queryInt(QStringLiteral("PRAGMA application_id"));
        if (!appId) return appId.error();
        if (appId.value() != store::kApplicationId)
            return makeError(path + QStringLiteral(": not a MOTOR project (SQLite database of another application)"));
        auto version = ro->queryInt(QStringLiteral("PRAGMA user_version"));
        if (!version) return version.error();
        if (version.value() > store::kSchemaVersion)
            return makeError(path + QStringLiteral(": made by a newer MOTOR Studio (schema %1; this version reads up to %2)")
                                        .arg(version.value()).arg(store::kSchemaVersion));
        if (version.value() < 1) return makeError(path + QStringLiteral(": not a MOTOR project (no schema version)"));
        if (version.value() < store::kSchemaVersion) {
            const QString backup = path + QStringLiteral(".bak-v%1").arg(version.value());
            QFile::remove(backup);
            if (auto s = ro->exec(QStringLiteral("VACUUM INTO '%1'").arg(QString(backup).replace('\'', "''"))); !s)
                return makeError(path + QStringLiteral(": cannot write backup before migrating: ") + s.error().message);
        }
    }
    auto db = store::SqliteDatabase::open(path, store::SqliteDatabase::OpenMode::ReadWrite);
    if (!db) return db.error();
    std::unique_ptr<Project> p(new Project);
    p->db_ = std::move(db.value());
    p->path_ = QFileInfo(path).absoluteFilePath();
    if (auto s = p->db_.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON")); !s)
        return s.error();
    auto version = p->db_.queryInt(QStringLiteral("PRAGMA user_version"));
    if (!version) return version.error();
    if (auto s = store::migrate(p->db_, int(version.value())); !s) return s.error();
    if (auto s = p->loadCodebook(); !s) return s.error();
    return p;
}

QString Project::name() const { return QFileInfo(path_).completeBaseName(); }
QDir Project::baseDir() const { return QFileInfo(path_).absoluteDir(); }

QString Project::relativeMediaPath(const QString& absolutePath) const {
    const QString abs = QFileInfo(absolutePath).absoluteFilePath();
    const QString rel = baseDir().relativeFilePath(abs);
    return rel.startsWith(QLatin1String("../")) ? abs : rel;
}

QString Project::absoluteMediaPath(const Media& m) const {
    return QDir::isAbsolutePath(m.path) ? m.path : QDir::cleanPath(baseDir().absoluteFilePath(m.path));
}

Result<store::SqliteStatement*> Project::cached(const char* sql) {
    for (auto& [key, st] : stmtCache_)
        if (key == sql) return st.get();
    auto st = db_.prepare(QString::fromUtf8(sql));
    if (!st) return st.error();
    stmtCache_.emplace_back(sql, std::make_unique<store::SqliteStatement>(std::move(st.value())));
    return stmtCache_.back().second.get();
}

Status Project::transaction(const std::function<Status()>& fn) {
    if (txDepth_ > 0) return fn();
    store::SqliteTransaction tx(db_);
    if (auto s = tx.begin(); !s) return s;
    ++txDepth_;
    Status s = fn();
    --txDepth_;
    if (!s) return s;  // tx rolls back in its destructor
    return tx.commit();
}

Status Project::loadCodebook() {
    auto json = db_.queryText(QStringLiteral("SELECT json FROM codebooks WHERE active = 1 ORDER BY id DESC LIMIT 1"));
    if (!json) return makeError(path_ + QStringLiteral(": project has no codebook: ") + json.error().message);
    auto cb = Codebook::fromJson(json.value().toUtf8(), path_ + QStringLiteral(" (codebook)"));
    if (!cb) return cb.error();
    codebook_ = cb.value();
    return {};
}

Status Project::setCodebook(const Codebook& codebook) {
    return transaction([&]() -> Status {
        if (auto s = db_.exec(QStringLiteral("UPDATE codebooks SET active = 0")); !s) return s;
        auto st = db_.prepare(QStringLiteral(
            "INSERT INTO codebooks(name, version, json, active, created_at_ms) VALUES(?, ?, ?, 1, ?)"));
        if (!st) return st.error();
        st->bind(1, codebook.name).bind(2, codebook.version).bind(3, QString::fromUtf8(QJsonDocument(codebook.toJson()).toJson(QJsonDocument::Compact))).bind(4, int64_t(nowMs()));
        if (auto s = st->run(); !s) return s;
        codebook_ = codebook;
        return {};
    });
}

Result<int64_t> Project::addMedia(const Media& m) {
    auto st = cached("INSERT INTO media(path, size_bytes, content_hash, duration_ms, fps, width, height, rotation_deg, has_audio) VALUES(?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    (*st)->bind(1, m.path).bind(2, m.sizeBytes).bind(3, m.contentHash).bind(4, m.durationMs).bind(5, m.fps)
        .bind(6, m.width).bind(7, m.height).bind(8, m.rotationDeg).bind(9, int64_t(m.hasAudio));
    if (auto s = (*st)->run(); !s) return makeError(QStringLiteral("media '%1': %2").arg(m.path, s.error().message));
    return db_.lastInsertRowId();
}

Status Project::updateMediaPath(int64_t mediaId, const QString& newPath) {
    auto st = cached("UPDATE media SET path = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, newPath).bind(2, mediaId);
    return (*st)->run();
}

Result<QVector<Media>> Project::media() {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM media ORDER BY path").arg(kMediaCols));
    if (!st) return st.error();
    return collect<Media>(st.value(), readMedia);
}

Result<Media> Project::mediaById(int64_t id) {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM media WHERE id = ?").arg(kMediaCols));
    if (!st) return st.error();
    st->bind(1, id);
    auto rows = collect<Media>(st.value(), readMedia);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return makeError(path_ + QStringLiteral(": no media with id %1").arg(id));
    return rows->front();
}

Result<std::optional<Media>> Project::mediaByPath(const QString& mediaPath) {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM media WHERE path = ?").arg(kMediaCols));
    if (!st) return st.error();
    st->bind(1, mediaPath);
    auto rows = collect<Media>(st.value(), readMedia);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return std::optional<Media>();
    return std::optional<Media>(rows->front());
}

Result<int64_t> Project::addClip(const Clip& c) {
    if (c.key.trimmed().isEmpty()) return makeError(QStringLiteral("clip: empty id"));
    if (c.endMs <= c.startMs)
        return makeError(QStringLiteral("clip '%1': end %2 ms is not after start %3 ms").arg(c.key).arg(c.endMs).arg(c.startMs));
    auto st = cached("INSERT INTO clips(key, media_id, start_ms, end_ms, group_name, session_name) VALUES(?,?,?,?,?,?)");
    if (!st) return st.error();
    (*st)->bind(1, c.key).bind(2, c.mediaId).bind(3, c.startMs).bind(4, c.endMs).bind(5, c.group).bind(6, c.session);
    if (auto s = (*st)->run(); !s) return makeError(QStringLiteral("clip '%1': %2").arg(c.key, s.error().message));
    return db_.lastInsertRowId();
}

Result<QVector<Clip>> Project::clips() {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM clips").arg(kClipCols));
    if (!st) return st.error();
    auto rows = collect<Clip>(st.value(), readClip);
    if (!rows) return rows;
    std::sort(rows->begin(), rows->end(), [](const Clip& a, const Clip& b) { return util::naturalLess(a.key, b.key); });
    return rows;
}

Status Project::deleteClip(int64_t clipId) {
    auto labelled = db_.prepare(QStringLiteral("SELECT COUNT(*) FROM annotations WHERE clip_id = ?"));
    if (!labelled) return labelled.error();
    labelled->bind(1, clipId);
    auto row = labelled->step();
    if (!row) return row.error();
    if (labelled->int64(0) > 0) return makeError(QStringLiteral("clip %1 has labels and is not deleted").arg(clipId));
    auto st = cached("DELETE FROM clips WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, clipId);
    return (*st)->run();
}

Result<std::optional<Clip>> Project::clipByKey(const QString& key) {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM clips WHERE key = ?").arg(kClipCols));
    if (!st) return st.error();
    st->bind(1, key);
    auto rows = collect<Clip>(st.value(), readClip);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return std::optional<Clip>();
    return std::optional<Clip>(rows->front());
}

Result<Clip> Project::clipById(int64_t id) {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM clips WHERE id = ?").arg(kClipCols));
    if (!st) return st.error();
    st->bind(1, id);
    auto rows = collect<Clip>(st.value(), readClip);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return makeError(path_ + QStringLiteral(": no clip with id %1").arg(id));
    return rows->front();
}

Result<int64_t> Project::addUtterance(const Utterance& u) {
    auto st = cached("INSERT INTO utterances(media_id, start_ms, end_ms, speaker, text, language) VALUES(?,?,?,?,?,?)");
    if (!st) return st.error();
    (*st)->bind(1, u.mediaId).bind(2, u.startMs).bind(3, u.endMs).bind(4, u.speaker).bind(5, u.text).bind(6, u.language);
    if (auto s = (*st)->run(); !s) return s.error();
    return db_.lastInsertRowId();
}

Result<QVector<Utterance>> Project::utterances(int64_t mediaId, int64_t startMs, int64_t endMs) {
    auto st = cached("SELECT id, media_id, start_ms, end_ms, speaker, text, language FROM utterances "
                     "WHERE media_id = ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms, id");
    if (!st) return st.error();
    (*st)->bind(1, mediaId).bind(2, startMs).bind(3, endMs);
    return collect<Utterance>(**st, [](const store::SqliteStatement& s) {
        return Utterance{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.text(4), s.text(5), s.text(6)};
    });
}

Status Project::deleteUtterances(int64_t mediaId) {
    auto st = cached("DELETE FROM utterances WHERE media_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, mediaId);
    return (*st)->run();
}

Result<int64_t> Project::ensureAnnotator(const QString& annotatorName, AnnotatorKind kind, const QJsonObject& provenance) {
    if (annotatorName.trimmed().isEmpty()) return makeError(QStringLiteral("annotator: empty name"));
    auto existing = annotatorByName(annotatorName);
    if (!existing) return existing.error();
    if (existing->has_value()) {
        if ((*existing)->kind != kind)
            return makeError(QStringLiteral("annotator '%1' exists as %2, not %3")
                                 .arg(annotatorName, annotatorKindName((*existing)->kind), annotatorKindName(kind)));
        return (*existing)->id;
    }
    auto st = cached("INSERT INTO annotators(name, kind, provenance, created_at_ms) VALUES(?,?,?,?)");
    if (!st) return st.error();
    (*st)->bind(1, annotatorName).bind(2, annotatorKindName(kind)).bind(3, toJsonText(provenance)).bind(4, int64_t(nowMs()));
    if (auto s = (*st)->run(); !s) return s.error();
    return db_.lastInsertRowId();
}

Status Project::updateAnnotatorProvenance(int64_t annotatorId, const QJsonObject& provenance) {
    auto st = cached("UPDATE annotators SET provenance = ? WHERE id = ?");
    if (!st) return st.error();
    (*st)->bind(1, toJsonText(provenance)).bind(2, annotatorId);
    return (*st)->run();
}

Result<QVector<Annotator>> Project::annotators() {
    auto st = cached("SELECT id, name, kind, provenance FROM annotators ORDER BY kind, name");
    if (!st) return st.error();
    return collect<Annotator>(**st, readAnnotator);
}

Result<std::optional<Annotator>> Project::annotatorByName(const QString& annotatorName) {
    auto st = cached("SELECT id, name, kind, provenance FROM annotators WHERE name = ?");
    if (!st) return st.error();
    (*st)->bind(1, annotatorName);
    auto rows = collect<Annotator>(**st, readAnnotator);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return std::optional<Annotator>();
    return std::optional<Annotator>(rows->front());
}

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
            auto up = cached("INSERT INTO annotations(annotator_id, clip_id, dimension, label, note, rationale, confidence, created_at_ms, updated_at_ms) "
                             "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(annotator_id, clip_id, dimension) DO UPDATE SET "
                             "label = excluded.label, note = excluded.note, rationale = excluded.rationale, "
                             "confidence = excluded.confidence, updated_at_ms = excluded.updated_at_ms");
            if (!up) return up.error();
            (*up)->bind(1, w.annotatorId).bind(2, w.clipId).bind(3, w.dimension).bind(4, w.label).bind(5, w.note)
                .bind(6, w.rationale).bindOptional(7, w.confidence).bind(8, int64_t(now)).bind(9, int64_t(now));
            if (auto s = (*up)->run(); !s)
                return makeError(QStringLiteral("label of clip %1, dimension '%2': %3").arg(w.clipId).arg(w.dimension, s.error().message));
        }
        if (oldLabel == w.label && oldNote == w.note) return {};
        auto audit = cached("INSERT INTO audit_log(at_ms, annotator_id, clip_id, dimension, old_label, new_label, old_note, new_note) VALUES(?,?,?,?,?,?,?,?)");
        if (!audit) return audit.error();
        (*audit)->bind(1, int64_t(now)).bind(2, w.annotatorId).bind(3, w.clipId).bind(4, w.dimension)
            .bind(5, oldLabel).bind(6, w.label).bind(7, oldNote).bind(8, w.note);
        return (*audit)->run();
    });
}

Result<QVector<Annotation>> Project::annotations() {
    auto st = db_.prepare(QStringLiteral("SELECT %1 FROM annotations ORDER BY clip_id, annotator_id, dimension").arg(kAnnotationCols));
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
    auto st = cached("SELECT id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms "
                     "FROM annotations WHERE clip_id = ? ORDER BY annotator_id, dimension");
    if (!st) return st.error();
    (*st)->bind(1, clipId);
    return collect<Annotation>(**st, readAnnotation);
}

Result<std::optional<Annotation>> Project::annotation(int64_t clipId, int64_t annotatorId, const QString& dimension) {
    auto st = cached("SELECT id, annotator_id, clip_id, dimension, label, note, rationale, confidence, updated_at_ms "
                     "FROM annotations WHERE clip_id = ? AND annotator_id = ? AND dimension = ?");
    if (!st) return st.error();
    (*st)->bind(1, clipId).bind(2, annotatorId).bind(3, dimension);
    auto rows = collect<Annotation>(**st, readAnnotation);
    if (!rows) return rows.error();
    if (rows->isEmpty()) return std::optional<Annotation>();
    return std::optional<Annotation>(rows->front());
}

Result<QVector<AuditEntry>> Project::auditLog(int64_t clipId) {
    auto st = db_.prepare(QStringLiteral(
        "SELECT id, at_ms, annotator_id, clip_id, dimension, old_label, new_label, old_note, new_note FROM audit_log %1 ORDER BY id")
                              .arg(clipId ? QStringLiteral("WHERE clip_id = ?") : QString()));
    if (!st) return st.error();
    if (clipId) st->bind(1, clipId);
    return collect<AuditEntry>(st.value(), [](const store::SqliteStatement& s) {
        return AuditEntry{s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)};
    });
}

Status Project::markRunItem(int64_t annotatorId, int64_t clipId, double latencyMs, const QJsonObject& detail) {
    auto st = cached("INSERT OR REPLACE INTO run_items(annotator_id, clip_id, latency_ms, finished_at_ms, detail) VALUES(?,?,?,?,?)");
    if (!st) return st.error();
    (*st)->bind(1, annotatorId).bind(2, clipId).bind(3, latencyMs).bind(4, int64_t(nowMs())).bind(5, toJsonText(detail));
    return (*st)->run();
}

Result<QVector<int64_t>> Project::finishedRunClips(int64_t annotatorId) {
    auto st = cached("SELECT clip_id FROM run_items WHERE annotator_id = ? ORDER BY clip_id");
    if (!st) return st.error();
    (*st)->bind(1, annotatorId);
    return collect<int64_t>(**st, [](const store::SqliteStatement& s) { return s.int64(0); });
}

Result<std::optional<QJsonObject>> Project::runItemDetail(int64_t annotatorId, int64_t clipId) {
    auto st = cached("SELECT detail FROM run_items WHERE annotator_id = ? AND clip_id = ?");
    if (!st) return st.error();
    (*st)->bind(1, annotatorId).bind(2, clipId);
    auto row = (*st)->step();
    if (!row) return row.error();
    std::optional<QJsonObject> out;
    if (row.value()) out = fromJsonText((*st)->text(0));
    (*st)->reset();
    return out;
}

Result<ProjectCounts> Project::counts() {
    ProjectCounts c;
    const std::pair<int64_t*, const char*> queries[] = {
        {&c.media, "SELECT COUNT(*) FROM media"},       {&c.clips, "SELECT COUNT(*) FROM clips"},
        {&c.utterances, "SELECT COUNT(*) FROM utterances"}, {&c.annotators, "SELECT COUNT(*) FROM annotators"},
        {&c.annotations, "SELECT COUNT(*) FROM annotations"}};
    for (const auto& [out, sql] : queries) {
        auto v = db_.queryInt(QString::fromUtf8(sql));
        if (!v) return v.error();
        *out = v.value();
    }
    return c;
}

Result<QString> Project::integrityCheck() { return db_.queryText(QStringLiteral("PRAGMA integrity_check")); }

}  // namespace motor
