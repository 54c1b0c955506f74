#include "core/store/Project.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

#include "core/store/ProjectRows.h"
#include "core/store/Schema.h"
#include "core/util/NaturalOrder.h"

namespace motor {

using namespace store::rows;

namespace {

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
    if (auto s =
            p->db_.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"));
        !s)
        return fail(s.error());
    if (auto s = store::createSchema(p->db_); !s) return fail(s.error());
    if (auto s = p->setCodebook(codebook); !s) return fail(s.error());
    return p;
}

namespace {

// What a project file must be before anything else is done with it (opened read-only):
// a SQLite file that passes quick_check, of this application, of a schema this version
// reads. Returns its schema version.
Result<int64_t> inspect(store::SqliteDatabase& db, const QString& path) {
    if (auto s = checkSqliteHeader(db, path); !s) return s.error();
    auto check = db.queryText(QStringLiteral("PRAGMA quick_check"));
    // What SQLite found, without the path and the SQL its message carries, and what to do.
    auto damaged = [&](QString what) {
        if (what.startsWith(path + QStringLiteral(": "))) what = what.mid(path.size() + 2);
        what.remove(QRegularExpression(QStringLiteral("\\s*\\(in: [^)]*\\)$")));
        return makeError(path +
                         QStringLiteral(": damaged project (SQLite: %1). The file was not changed; open a backup or a "
                                        "coder's copy of it instead")
                             .arg(what));
    };
    if (!check) return damaged(check.error().message);
    if (check.value() != QLatin1String("ok")) return damaged(check.value());
    auto appId = db.queryInt(QStringLiteral("PRAGMA application_id"));
    if (!appId) return appId.error();
    if (appId.value() != store::kApplicationId)
        return makeError(path + QStringLiteral(": not a MOTOR project (SQLite database of another application)"));
    auto version = db.queryInt(QStringLiteral("PRAGMA user_version"));
    if (!version) return version.error();
    if (version.value() > store::kSchemaVersion)
        return makeError(path +
                         QStringLiteral(": made by a newer MOTOR Studio (schema %1; this version reads up to %2)")
                             .arg(version.value())
                             .arg(store::kSchemaVersion));
    if (version.value() < 1) return makeError(path + QStringLiteral(": not a MOTOR project (no schema version)"));
    return version.value();
}

}  // namespace

Result<std::unique_ptr<Project>> Project::open(const QString& path, Access access) {
    const QFileInfo info(path);
    if (!info.exists()) return makeError(path + QStringLiteral(": no such file"));
    if (info.isDir()) return makeError(path + QStringLiteral(": is a folder, not a MOTOR project file"));
    // Every label is written at once, and SQLite keeps its journal beside the file: a file
    // or folder this user cannot write is said as such, not reported as damage.
    const bool writable = info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
    if (!writable && access == Access::Read) return openForReading(path);
    if (!writable)
        return makeError(path +
                         QStringLiteral(": read-only here (%1 cannot be written). A project is written as it "
                                        "is labelled, so it opens only where it can be written: copy it to a "
                                        "folder you can write to")
                             .arg(info.isWritable() ? QStringLiteral("its folder") : QStringLiteral("the file")));
    {
        // Inspect read-only first: nothing about a bad or newer file may change.
        auto ro = store::SqliteDatabase::open(path, store::SqliteDatabase::OpenMode::ReadOnly);
        if (!ro) return ro.error();
        auto version = inspect(ro.value(), path);
        if (!version) return version.error();
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
    if (auto s =
            p->db_.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"));
        !s)
        return s.error();
    auto version = p->db_.queryInt(QStringLiteral("PRAGMA user_version"));
    if (!version) return version.error();
    if (auto s = store::migrate(p->db_, int(version.value())); !s) return s.error();
    if (auto s = p->loadCodebook(); !s) return s.error();
    return p;
}

Result<std::unique_ptr<Project>> Project::openForReading(const QString& path) {
    auto db = store::SqliteDatabase::open(path, store::SqliteDatabase::OpenMode::ReadOnlyImmutable);
    if (!db) return db.error();
    auto version = inspect(db.value(), path);
    if (!version) return version.error();
    if (version.value() != store::kSchemaVersion)
        return makeError(path + QStringLiteral(": read-only here, and made by an older MOTOR Studio (schema %1; this "
                                               "version reads %2 after upgrading it): copy it to a folder you can "
                                               "write to")
                                    .arg(version.value())
                                    .arg(store::kSchemaVersion));
    std::unique_ptr<Project> p(new Project);
    p->db_ = std::move(db.value());
    p->path_ = QFileInfo(path).absoluteFilePath();
    if (auto s = p->loadCodebook(); !s) return s.error();
    return p;
}

QString Project::name() const {
    return QFileInfo(path_).completeBaseName();
}
QDir Project::baseDir() const {
    return QFileInfo(path_).absoluteDir();
}

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
        auto st = db_.prepare(
            QStringLiteral("INSERT INTO codebooks(name, version, json, active, created_at_ms) VALUES(?, ?, ?, 1, ?)"));
        if (!st) return st.error();
        st->bind(1, codebook.name)
            .bind(2, codebook.version)
            .bind(3, QString::fromUtf8(QJsonDocument(codebook.toJson()).toJson(QJsonDocument::Compact)))
            .bind(4, int64_t(nowMs()));
        if (auto s = st->run(); !s) return s;
        codebook_ = codebook;
        return {};
    });
}

Result<int64_t> Project::addMedia(const Media& m) {
    auto st = cached(
        "INSERT INTO media(path, size_bytes, content_hash, duration_ms, fps, width, height, rotation_deg, has_audio) "
        "VALUES(?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    (*st)
        ->bind(1, m.path)
        .bind(2, m.sizeBytes)
        .bind(3, m.contentHash)
        .bind(4, m.durationMs)
        .bind(5, m.fps)
        .bind(6, m.width)
        .bind(7, m.height)
        .bind(8, m.rotationDeg)
        .bind(9, int64_t(m.hasAudio));
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
        return makeError(
            QStringLiteral("clip '%1': end %2 ms is not after start %3 ms").arg(c.key).arg(c.endMs).arg(c.startMs));
    auto st =
        cached("INSERT INTO clips(key, media_id, start_ms, end_ms, group_name, session_name) VALUES(?,?,?,?,?,?)");
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
    (*st)
        ->bind(1, u.mediaId)
        .bind(2, u.startMs)
        .bind(3, u.endMs)
        .bind(4, u.speaker)
        .bind(5, u.text)
        .bind(6, u.language);
    if (auto s = (*st)->run(); !s) return s.error();
    return db_.lastInsertRowId();
}

Result<QVector<Utterance>> Project::utterances(int64_t mediaId, int64_t startMs, int64_t endMs) {
    auto st = cached(
        "SELECT id, media_id, start_ms, end_ms, speaker, text, language FROM utterances "
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

Result<int64_t> Project::ensureAnnotator(const QString& annotatorName, AnnotatorKind kind,
                                         const QJsonObject& provenance) {
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
    (*st)
        ->bind(1, annotatorName)
        .bind(2, annotatorKindName(kind))
        .bind(3, toJsonText(provenance))
        .bind(4, int64_t(nowMs()));
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

Status Project::markRunItem(int64_t annotatorId, int64_t clipId, double latencyMs, const QJsonObject& detail) {
    auto st = cached(
        "INSERT OR REPLACE INTO run_items(annotator_id, clip_id, latency_ms, finished_at_ms, detail) "
        "VALUES(?,?,?,?,?)");
    if (!st) return st.error();
    (*st)
        ->bind(1, annotatorId)
        .bind(2, clipId)
        .bind(3, latencyMs)
        .bind(4, int64_t(nowMs()))
        .bind(5, toJsonText(detail));
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
    const std::pair<int64_t*, const char*> queries[] = {{&c.media, "SELECT COUNT(*) FROM media"},
                                                        {&c.clips, "SELECT COUNT(*) FROM clips"},
                                                        {&c.utterances, "SELECT COUNT(*) FROM utterances"},
                                                        {&c.annotators, "SELECT COUNT(*) FROM annotators"},
                                                        {&c.annotations, "SELECT COUNT(*) FROM annotations"}};
    for (const auto& [out, sql] : queries) {
        auto v = db_.queryInt(QString::fromUtf8(sql));
        if (!v) return v.error();
        *out = v.value();
    }
    return c;
}

Result<QString> Project::integrityCheck() {
    return db_.queryText(QStringLiteral("PRAGMA integrity_check"));
}

}  // namespace motor
