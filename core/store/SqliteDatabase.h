#pragma once
// RAII over an sqlite3 connection. Every error names the database file. Each open
// connection is registered in util::LiveDatabaseFiles, so that no other code of this
// process opens and closes the file raw (which would drop this connection's locks).
#include <QString>

#include "core/store/SqliteStatement.h"
#include "core/util/LiveDatabaseFiles.h"
#include "core/util/Result.h"

struct sqlite3;

namespace motor::store {

class SqliteDatabase {
public:
    // ReadOnlyImmutable: a file nobody can change while it is open (a read-only folder or
    // file): read without the -wal / -shm files SQLite could not create there.
    enum class OpenMode { ReadWrite, ReadWriteCreate, ReadOnly, ReadOnlyImmutable };

    SqliteDatabase() = default;
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;
    ~SqliteDatabase();

    static Result<SqliteDatabase> open(const QString& path, OpenMode mode);

    Status exec(const QString& sql);
    Result<SqliteStatement> prepare(const QString& sql);
    // Runs a single-value query (PRAGMA user_version, COUNT(*)...).
    Result<int64_t> queryInt(const QString& sql);
    Result<QString> queryText(const QString& sql);
    // The first bytes of the file, read through SQLite's own file handle: SQLite keeps
    // the descriptors of a file with locks open until its last connection closes, so
    // this read cannot drop another connection's locks as a plain open/close would.
    // Bytes past the end of the file read as zero.
    Result<QByteArray> readFileHeader(int bytes);
    int64_t lastInsertRowId() const;
    int changes() const;
    const QString& path() const { return path_; }
    sqlite3* handle() const { return db_; }

private:
    void release();

    sqlite3* db_ = nullptr;
    QString path_;
    util::FileId fileId_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed, so an
// early return on any error leaves the project as it was.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& db) : db_(db) {}
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    Status begin();
    Status commit();

private:
    SqliteDatabase& db_;
    bool active_ = false;
};

}  // namespace motor::store
