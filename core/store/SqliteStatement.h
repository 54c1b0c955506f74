#pragma once
// RAII over sqlite3_stmt with typed binding. Errors carry the database path and SQL.
#include <QByteArray>
#include <QString>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/util/Result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace motor::store {

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, QString context);
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    SqliteStatement& bind(int index, int64_t value);
    SqliteStatement& bind(int index, int value) { return bind(index, int64_t(value)); }
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, const QString& value);
    SqliteStatement& bindNull(int index);
    // NaN binds NULL: optional numbers (a confidence) round-trip as absent.
    SqliteStatement& bindOptional(int index, double value);

    // Steps once. true: a row is available; false: done. Error on failure.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();
    void reset();

    int64_t int64(int col) const;
    double real(int col) const;  // NaN for NULL
    QString text(int col) const;
    // UTF-8 bytes valid until the next step(); for hot loops that only compare.
    std::string_view rawText(int col) const;
    bool isNull(int col) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    QString context_;
};

}  // namespace motor::store
