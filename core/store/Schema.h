#pragma once
// The project schema, versioned with PRAGMA user_version and forward-only migrations.
#include "core/store/SqliteDatabase.h"

namespace motor::store {

// 'MOTR': marks an SQLite file as a MOTOR Studio project.
constexpr int kApplicationId = 0x4D4F5452;
constexpr int kSchemaVersion = 2;

// Creates the schema in an empty database.
Status createSchema(SqliteDatabase& db);
// The first schema, as projects made before version 2 have it: for migration tests.
Status createSchemaV1ForTesting(SqliteDatabase& db);
// Applies migrations from `fromVersion` up to kSchemaVersion, in one transaction.
Status migrate(SqliteDatabase& db, int fromVersion);

}  // namespace motor::store
