#pragma once
// The project schema, versioned with PRAGMA user_version and forward-only migrations.
#include "core/store/SqliteDatabase.h"

namespace motor::store {

// 'MOTR': marks an SQLite file as a MOTOR Studio project.
constexpr int kApplicationId = 0x4D4F5452;
constexpr int kSchemaVersion = 1;

// Creates the schema in an empty database.
Status createSchema(SqliteDatabase& db);
// Applies migrations from `fromVersion` up to kSchemaVersion, in one transaction.
Status migrate(SqliteDatabase& db, int fromVersion);

}  // namespace motor::store
