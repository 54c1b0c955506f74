#include "core/store/Schema.h"

namespace motor::store {
namespace {

const char* const kSchemaV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE codebooks(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  json TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at_ms INTEGER NOT NULL);
CREATE TABLE media(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  size_bytes INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  fps REAL NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  rotation_deg INTEGER NOT NULL DEFAULT 0,
  has_audio INTEGER NOT NULL DEFAULT 0);
CREATE TABLE clips(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  start_ms INTEGER NOT NULL CHECK(start_ms >= 0),
  end_ms INTEGER NOT NULL,
  group_name TEXT NOT NULL DEFAULT '',
  session_name TEXT NOT NULL DEFAULT '',
  CHECK(end_ms > start_ms));
CREATE INDEX clips_by_media ON clips(media_id, start_ms);
CREATE TABLE utterances(
  id INTEGER PRIMARY KEY,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  CHECK(end_ms >= start_ms));
CREATE INDEX utterances_by_media ON utterances(media_id, start_ms);
CREATE TABLE annotators(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK(kind IN ('human', 'model', 'baseline')),
  provenance TEXT NOT NULL DEFAULT '{}',
  created_at_ms INTEGER NOT NULL);
CREATE TABLE annotations(
  id INTEGER PRIMARY KEY,
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  label TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  rationale TEXT NOT NULL DEFAULT '',
  confidence REAL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  UNIQUE(annotator_id, clip_id, dimension));
CREATE INDEX annotations_by_clip ON annotations(clip_id);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  annotator_id INTEGER NOT NULL,
  clip_id INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  old_label TEXT NOT NULL DEFAULT '',
  new_label TEXT NOT NULL DEFAULT '',
  old_note TEXT NOT NULL DEFAULT '',
  new_note TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_by_clip ON audit_log(clip_id, at_ms);
CREATE TABLE run_items(
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  latency_ms REAL NOT NULL,
  finished_at_ms INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY(annotator_id, clip_id));
)SQL";

// Version 2: the research team's workflow.
// - clips.needs_review: a clip whose range changed after it was labelled is flagged for
//   a second look (the labels stay);
// - audit_log.clip_time_ms and .source: where in the clip the coder was when labelling
//   (the GUI's player position; NULL elsewhere) and what wrote the change (gui, cli,
//   import, merge, run), for the coding log.
const char* const kToV2 = R"SQL(
ALTER TABLE clips ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN clip_time_ms INTEGER;
ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_by_annotator ON audit_log(annotator_id, at_ms);
)SQL";

// Each step takes the database from version N to N+1; index = N - 1.
const char* const kSteps[] = {kToV2};

Status stamp(SqliteDatabase& db, int version) {
    if (auto s = db.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)); !s) return s;
    return db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
}

}  // namespace

Status createSchema(SqliteDatabase& db) {
    SqliteTransaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    if (auto s = db.exec(QString::fromUtf8(kSchemaV1)); !s) return s;
    for (const char* step : kSteps)
        if (auto s = db.exec(QString::fromUtf8(step)); !s) return s;
    if (auto s = stamp(db, kSchemaVersion); !s) return s;
    return tx.commit();
}

Status createSchemaV1ForTesting(SqliteDatabase& db) {
    SqliteTransaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    if (auto s = db.exec(QString::fromUtf8(kSchemaV1)); !s) return s;
    if (auto s = stamp(db, 1); !s) return s;
    return tx.commit();
}

Status migrate(SqliteDatabase& db, int fromVersion) {
    if (fromVersion == kSchemaVersion) return {};
    if (fromVersion < 1 || fromVersion > kSchemaVersion)
        return makeError(QStringLiteral("%1: no migration from schema version %2 to %3")
                             .arg(db.path())
                             .arg(fromVersion)
                             .arg(kSchemaVersion));
    // All steps in one transaction: a failed migration leaves the file at its version
    // (and Project::open wrote a backup copy before).
    SqliteTransaction tx(db);
    if (auto s = tx.begin(); !s) return s;
    for (int v = fromVersion; v < kSchemaVersion; ++v)
        if (auto s = db.exec(QString::fromUtf8(kSteps[v - 1])); !s)
            return makeError(QStringLiteral("%1: migrating from schema version %2: %3")
                                 .arg(db.path())
                                 .arg(v)
                                 .arg(s.error().message));
    if (auto s = stamp(db, kSchemaVersion); !s) return s;
    return tx.commit();
}

}  // namespace motor::store
