#include "core/store/SqliteDatabase.h"

#include <sqlite3.h>

#include <QFileInfo>
#include <QUrl>
#include <utility>

namespace motor::store {

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      fileId_(std::exchange(other.fileId_, {})) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
    if (this != &other) {
        release();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        fileId_ = std::exchange(other.fileId_, {});
    }
    return *this;
}

SqliteDatabase::~SqliteDatabase() {
    release();
}

void SqliteDatabase::release() {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
    util::LiveDatabaseFiles::remove(std::exchange(fileId_, {}));
}

Result<SqliteDatabase> SqliteDatabase::open(const QString& path, OpenMode mode) {
    int flags = SQLITE_OPEN_FULLMUTEX;
    switch (mode) {
        case OpenMode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case OpenMode::ReadWriteCreate:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
        case OpenMode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case OpenMode::ReadOnlyImmutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
            break;
    }
    SqliteDatabase db;
    db.path_ = path;
    const QByteArray name = mode == OpenMode::ReadOnlyImmutable
                                ? QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1"
                                : path.toUtf8();
    const int rc = sqlite3_open_v2(name.constData(), &db.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db.db_ ? QString::fromUtf8(sqlite3_errmsg(db.db_)) : QString::fromUtf8(sqlite3_errstr(rc));
        return makeError(QStringLiteral("%1: cannot open database: %2").arg(path, msg));
    }
    db.fileId_ = util::LiveDatabaseFiles::idOf(path);
    util::LiveDatabaseFiles::add(db.fileId_);
    sqlite3_extended_result_codes(db.db_, 1);
    // The predictor writes while an expert labels: wait for the other writer.
    sqlite3_busy_timeout(db.db_, 5000);
    return db;
}

Status SqliteDatabase::exec(const QString& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.toUtf8().constData(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const QString msg = err ? QString::fromUtf8(err) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_free(err);
        return makeError(QStringLiteral("%1: %2 (in: %3)").arg(path_, msg, sql.left(80)));
    }
    return {};
}

Result<SqliteStatement> SqliteDatabase::prepare(const QString& sql) {
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc =
        sqlite3_prepare_v3(db_, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return makeError(
            QStringLiteral("%1: %2 (in: %3)").arg(path_, QString::fromUtf8(sqlite3_errmsg(db_)), sql.left(80)));
    return SqliteStatement(db_, stmt, path_);
}

Result<int64_t> SqliteDatabase::queryInt(const QString& sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return makeError(QStringLiteral("%1: no result for %2").arg(path_, sql));
    return st->int64(0);
}

Result<QString> SqliteDatabase::queryText(const QString& sql) {
    auto st = prepare(sql);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return makeError(QStringLiteral("%1: no result for %2").arg(path_, sql));
    return st->text(0);
}

Result<QByteArray> SqliteDatabase::readFileHeader(int bytes) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods)
        return makeError(QStringLiteral("%1: cannot read the file header").arg(path_));
    QByteArray header(bytes, '\0');
    const int rc = file->pMethods->xRead(file, header.data(), bytes, 0);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        return makeError(
            QStringLiteral("%1: cannot read the file header: %2").arg(path_, QString::fromUtf8(sqlite3_errstr(rc))));
    return header;
}

int64_t SqliteDatabase::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}
int SqliteDatabase::changes() const {
    return sqlite3_changes(db_);
}

SqliteTransaction::~SqliteTransaction() {
    if (active_) (void)db_.exec(QStringLiteral("ROLLBACK"));
}

Status SqliteTransaction::begin() {
    auto s = db_.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (s) active_ = true;
    return s;
}

Status SqliteTransaction::commit() {
    auto s = db_.exec(QStringLiteral("COMMIT"));
    if (s) active_ = false;
    return s;
}

}  // namespace motor::store
