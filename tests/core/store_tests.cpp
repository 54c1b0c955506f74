#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "core/store/Project.h"
#include "core/store/Schema.h"
#include "core/support/TestProject.h"

using namespace motor;

namespace {

struct StoreTest : ::testing::Test {
    QTemporaryDir dir;
    QString path(const QString& name = QStringLiteral("p.motor")) const { return dir.filePath(name); }
};

int64_t humanId(Project& p, const QString& name) {
    auto id = p.ensureAnnotator(name, AnnotatorKind::Human);
    EXPECT_TRUE(id.ok()) << qPrintable(id.error().message);
    return id.ok() ? id.value() : 0;
}

}  // namespace

TEST_F(StoreTest, CreateThenReopenKeepsEverything) {
    int64_t clipId = 0;
    {
        auto p = test::makeProject(path(), 5);
        auto clips = p->clips();
        ASSERT_TRUE(clips.ok());
        ASSERT_EQ(clips->size(), 5);
        clipId = clips->at(2).id;
        const int64_t a = humanId(*p, QStringLiteral("Expert Ä"));
        ASSERT_TRUE(
            p->setLabel({clipId, a, "behavior", "Monitoring", QStringLiteral("näkyy selvästi"), {}, std::nan("")})
                .ok());
    }
    auto reopened = Project::open(path());
    ASSERT_TRUE(reopened.ok()) << qPrintable(reopened.error().message);
    auto& p = *reopened.value();
    EXPECT_EQ(p.codebook().name, "MOTOR");
    EXPECT_EQ(p.codebook().dimensions.size(), 3);
    auto ann = p.annotationsForClip(clipId);
    ASSERT_TRUE(ann.ok());
    ASSERT_EQ(ann->size(), 1);
    EXPECT_EQ(ann->at(0).label, "Monitoring");
    EXPECT_EQ(ann->at(0).note, QStringLiteral("näkyy selvästi"));
    EXPECT_TRUE(std::isnan(ann->at(0).confidence));
    auto counts = p.counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->clips, 5);
    EXPECT_EQ(counts->annotators, 1);
    EXPECT_EQ(counts->annotations, 1);
}

TEST_F(StoreTest, CreateRefusesExistingFile) {
    QFile f(path());
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("keep me");
    f.close();
    auto p = Project::create(path(), Codebook::motorDefault());
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains("already exists"));
    QFile g(path());
    ASSERT_TRUE(g.open(QIODevice::ReadOnly));
    EXPECT_EQ(g.readAll(), QByteArray("keep me"));
}

TEST_F(StoreTest, LabelsAreValidatedAgainstTheCodebook) {
    auto p = test::makeProject(path(), 2);
    const int64_t clip = p->clips()->at(0).id;
    const int64_t a = humanId(*p, "A");
    auto bad = p->setLabel({clip, a, "behavior", "Happy", {}, {}, std::nan("")});
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains("Happy"));
    EXPECT_TRUE(bad.error().message.contains("Monitoring"));
    auto badDim = p->setLabel({clip, a, "mood", "Positive", {}, {}, std::nan("")});
    ASSERT_FALSE(badDim.ok());
    EXPECT_TRUE(badDim.error().message.contains("mood"));
    EXPECT_EQ(p->counts()->annotations, 0);
}

TEST_F(StoreTest, AuditLogRecordsEveryChange) {
    auto p = test::makeProject(path(), 1);
    const int64_t clip = p->clips()->at(0).id;
    const int64_t a = humanId(*p, "A");
    ASSERT_TRUE(p->setLabel({clip, a, "emotion", "Neutral", {}, {}, std::nan("")}).ok());
    ASSERT_TRUE(p->setLabel({clip, a, "emotion", "Positive", "laughs", {}, std::nan("")}).ok());
    ASSERT_TRUE(p->setLabel({clip, a, "emotion", "Positive", "laughs", {}, std::nan("")}).ok());  // no change
    ASSERT_TRUE(p->setLabel({clip, a, "emotion", "", {}, {}, std::nan("")}).ok());                // removal
    auto log = p->auditLog(clip);
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 3);
    EXPECT_EQ(log->at(0).oldLabel, "");
    EXPECT_EQ(log->at(0).newLabel, "Neutral");
    EXPECT_EQ(log->at(1).oldLabel, "Neutral");
    EXPECT_EQ(log->at(1).newLabel, "Positive");
    EXPECT_EQ(log->at(1).newNote, "laughs");
    EXPECT_EQ(log->at(2).oldLabel, "Positive");
    EXPECT_EQ(log->at(2).newLabel, "");
    EXPECT_EQ(p->counts()->annotations, 0);
}

TEST_F(StoreTest, FailedTransactionWritesNothing) {
    auto p = test::makeProject(path(), 3);
    const int64_t a = humanId(*p, "A");
    const auto clips = p->clips().value();
    auto s = p->transaction([&]() -> Status {
        if (auto r = p->setLabel({clips[0].id, a, "behavior", "Mixed", {}, {}, std::nan("")}); !r) return r;
        if (auto r = p->setLabel({clips[1].id, a, "behavior", "Controlling", {}, {}, std::nan("")}); !r) return r;
        return p->setLabel({clips[2].id, a, "behavior", "NotAClass", {}, {}, std::nan("")});
    });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(p->counts()->annotations, 0);
    EXPECT_EQ(p->auditLog()->size(), 0);
}

TEST_F(StoreTest, DuplicateClipKeyIsAnError) {
    auto p = test::makeProject(path(), 1);
    Clip c = p->clips()->at(0);
    c.startMs = 100;
    auto r = p->addClip(c);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("c001"));
}

TEST_F(StoreTest, NonProjectFileIsRejectedUnchanged) {
    QFile f(path("notes.motor"));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("This is a text file, not a database.\n");
    f.close();
    const QByteArray before = test::fileSha256(path("notes.motor"));
    auto p = Project::open(path("notes.motor"));
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains("notes.motor"));
    EXPECT_TRUE(p.error().message.contains("not a MOTOR project"));
    EXPECT_EQ(test::fileSha256(path("notes.motor")), before);
}

TEST_F(StoreTest, ForeignSqliteDatabaseIsRejectedUnchanged) {
    {
        auto db = store::SqliteDatabase::open(path("other.db"), store::SqliteDatabase::OpenMode::ReadWriteCreate);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1)").ok());
    }
    const QByteArray before = test::fileSha256(path("other.db"));
    auto p = Project::open(path("other.db"));
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains("another application")) << qPrintable(p.error().message);
    EXPECT_EQ(test::fileSha256(path("other.db")), before);
}

TEST_F(StoreTest, NewerProjectIsRejectedUnchanged) {
    { test::makeProject(path(), 2); }
    {
        auto db = store::SqliteDatabase::open(path(), store::SqliteDatabase::OpenMode::ReadWrite);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec(QStringLiteral("PRAGMA user_version = %1").arg(store::kSchemaVersion + 1)).ok());
    }
    const QByteArray before = test::fileSha256(path());
    auto p = Project::open(path());
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains("newer")) << qPrintable(p.error().message);
    EXPECT_EQ(test::fileSha256(path()), before);
}

// The first real migration: a version 1 project (as MOTOR Studio wrote them before the
// team workflow) opens, keeps every row, gets the new columns, and leaves a backup.
TEST_F(StoreTest, VersionOneProjectIsMigratedWithABackupAndKeepsItsData) {
    {
        auto db = store::SqliteDatabase::open(path(), store::SqliteDatabase::OpenMode::ReadWriteCreate);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec(QStringLiteral("PRAGMA journal_mode=WAL")).ok());
        ASSERT_TRUE(store::createSchemaV1ForTesting(db.value()).ok());
        QString codebook =
            QString::fromUtf8(QJsonDocument(Codebook::motorDefault().toJson()).toJson(QJsonDocument::Compact));
        ASSERT_TRUE(
            db->exec(QStringLiteral("INSERT INTO codebooks(name, version, json, active, created_at_ms) VALUES('MOTOR', "
                                    "1, '%1', 1, 1);"
                                    "INSERT INTO media(path, size_bytes, content_hash, duration_ms, fps, width, "
                                    "height) VALUES('a.mp4', 1, 'h', 6000, 25, 64, 64);"
                                    "INSERT INTO clips(key, media_id, start_ms, end_ms) VALUES('c1', 1, 0, 6000);"
                                    "INSERT INTO annotators(name, kind, created_at_ms) VALUES('Anna', 'human', 1);"
                                    "INSERT INTO annotations(annotator_id, clip_id, dimension, label, created_at_ms, "
                                    "updated_at_ms) VALUES(1, 1, 'behavior', 'Mixed', 1, 1);"
                                    "INSERT INTO audit_log(at_ms, annotator_id, clip_id, dimension, new_label) "
                                    "VALUES(1, 1, 1, 'behavior', 'Mixed');")
                         .arg(codebook.replace(QLatin1Char('\''), QStringLiteral("''"))))
                .ok());
    }
    auto p = Project::open(path());
    ASSERT_TRUE(p.ok()) << qPrintable(p.error().message);
    EXPECT_TRUE(QFile::exists(path() + QStringLiteral(".bak-v1")));
    auto annotations = p.value()->annotations();
    ASSERT_TRUE(annotations.ok());
    ASSERT_EQ(annotations->size(), 1);
    EXPECT_EQ(annotations->front().label, QStringLiteral("Mixed"));
    EXPECT_EQ(p.value()->auditLog().value().size(), 1);
    // The new columns work: a label written now records where and by what.
    const int64_t anna = p.value()->annotatorByName(QStringLiteral("Anna")).value()->id;
    LabelWrite w{1, anna, QStringLiteral("emotion"), QStringLiteral("Neutral"), {}, {}, std::nan("")};
    w.clipTimeMs = 2500;
    w.source = LabelSource::Gui;
    ASSERT_TRUE(p.value()->setLabel(w).ok());
    const auto log = p.value()->codingLog();
    ASSERT_TRUE(log.ok()) << qPrintable(log.error().message);
    ASSERT_EQ(log->size(), 2);
    EXPECT_EQ(log->back().clipTimeMs, 2500);
    EXPECT_EQ(log->back().source, QStringLiteral("gui"));
    EXPECT_EQ(log->front().clipTimeMs, -1);  // unknown for the old entry
    p.value().reset();
    // The backup is the version 1 file, untouched.
    auto backup =
        store::SqliteDatabase::open(path() + QStringLiteral(".bak-v1"), store::SqliteDatabase::OpenMode::ReadOnly);
    ASSERT_TRUE(backup.ok());
    EXPECT_EQ(backup->queryInt(QStringLiteral("PRAGMA user_version")).value(), 1);
}

TEST_F(StoreTest, DamagedDatabaseIsRejectedUnchanged) {
    {
        auto p = test::makeProject(path(), 400);
        const int64_t a = humanId(*p, "A");
        auto clips = p->clips().value();
        ASSERT_TRUE(
            p->transaction([&]() -> Status {
                 for (const auto& c : clips)
                     if (auto s = p->setLabel({c.id, a, "behavior", "Monitoring", QString(200, 'x'), {}, std::nan("")});
                         !s)
                         return s;
                 return {};
             }).ok());
    }
    QFile f(path());
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    ASSERT_GT(size, 64 * 1024);
    // Overwrite pages in the middle (b-tree pages of the tables) with garbage.
    f.seek(size / 2);
    f.write(QByteArray(8192, '\xA5'));
    f.close();
    const QByteArray before = test::fileSha256(path());
    auto p = Project::open(path());
    ASSERT_FALSE(p.ok());
    EXPECT_TRUE(p.error().message.contains("damaged")) << qPrintable(p.error().message);
    // Said once: the path at the start, SQLite's finding without the SQL, what to do.
    EXPECT_EQ(p.error().message.count(QFileInfo(path()).fileName()), 1) << qPrintable(p.error().message);
    EXPECT_FALSE(p.error().message.contains("PRAGMA")) << qPrintable(p.error().message);
    EXPECT_TRUE(p.error().message.contains("open a backup")) << qPrintable(p.error().message);
    EXPECT_EQ(test::fileSha256(path()), before);
}

TEST_F(StoreTest, TwoConnectionsWriteConcurrently) {
    auto p1 = test::makeProject(path(), 10);
    auto p2r = Project::open(path());
    ASSERT_TRUE(p2r.ok());
    auto& p2 = *p2r.value();
    const int64_t expert = humanId(*p1, "Expert");
    auto model = p2.ensureAnnotator("model-run", AnnotatorKind::Model, QJsonObject{{"backend", "baseline"}});
    ASSERT_TRUE(model.ok());
    const auto clips = p1->clips().value();
    for (const auto& c : clips) {
        ASSERT_TRUE(p1->setLabel({c.id, expert, "behavior", "Monitoring", {}, {}, std::nan("")}).ok());
        ASSERT_TRUE(p2.setLabel({c.id, model.value(), "behavior", "Controlling", {}, "because", 0.75}).ok());
    }
    auto all = p1->annotations();
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 20);
    auto mine = p1->annotation(clips[0].id, model.value(), "behavior");
    ASSERT_TRUE(mine.ok() && mine->has_value());
    EXPECT_DOUBLE_EQ((*mine)->confidence, 0.75);
    EXPECT_EQ((*mine)->rationale, "because");
}

TEST_F(StoreTest, RunItemsSupportResume) {
    auto p = test::makeProject(path(), 4);
    auto run = p->ensureAnnotator("run-1", AnnotatorKind::Model);
    ASSERT_TRUE(run.ok());
    const auto clips = p->clips().value();
    ASSERT_TRUE(p->markRunItem(run.value(), clips[1].id, 12.5, {}).ok());
    ASSERT_TRUE(p->markRunItem(run.value(), clips[3].id, 10.0, {}).ok());
    ASSERT_TRUE(p->markRunItem(run.value(), clips[3].id, 11.0, {}).ok());  // idempotent
    auto done = p->finishedRunClips(run.value());
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done.value(), (QVector<int64_t>{clips[1].id, clips[3].id}));
}

TEST_F(StoreTest, AnnotatorKindIsFixedOnceCreated) {
    auto p = test::makeProject(path(), 1);
    ASSERT_TRUE(p->ensureAnnotator("X", AnnotatorKind::Human).ok());
    auto again = p->ensureAnnotator("X", AnnotatorKind::Model);
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(again.error().message.contains("exists as human"));
}

TEST(CodebookTest, DefaultMatchesTheMotorCodebook) {
    const Codebook cb = Codebook::motorDefault();
    ASSERT_EQ(cb.dimensionNames(), (QStringList{"behavior", "cognition", "emotion"}));
    EXPECT_EQ(cb.dimension("behavior")->classNames(), (QStringList{"Monitoring", "Controlling", "Mixed"}));
    EXPECT_EQ(cb.dimension("emotion")->classNames(), (QStringList{"Positive", "Negative", "Mixed", "Neutral"}));
    for (const auto& d : cb.dimensions)
        for (const auto& c : d.classes) EXPECT_FALSE(c.definition.isEmpty()) << qPrintable(c.name);
}

TEST(CodebookTest, MalformedCodebooksNameTheField) {
    auto r = Codebook::fromJson(R"({"name":"X","dimensions":[{"name":"a","classes":[{"name":"p"},{"name":"p"}]}]})",
                                "cb.json");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains("cb.json: dimensions[0].classes[1]")) << qPrintable(r.error().message);
    auto r2 = Codebook::fromJson("{\"name\": ", "cb.json");
    ASSERT_FALSE(r2.ok());
    EXPECT_TRUE(r2.error().message.startsWith("cb.json: offset"));
    auto r3 = Codebook::fromJson(R"({"name":"X","dimensions":[]})", "cb.json");
    ASSERT_FALSE(r3.ok());
    EXPECT_TRUE(r3.error().message.contains("dimensions"));
    auto r4 = Codebook::fromJson(
        R"({"name":"X","dimensions":[{"name":"a","i18n":{"fi":3},"classes":[{"name":"p"},{"name":"q"}]}]})", "cb.json");
    ASSERT_FALSE(r4.ok());
    EXPECT_TRUE(r4.error().message.contains("cb.json: dimensions[0].i18n.fi")) << qPrintable(r4.error().message);
    auto r5 = Codebook::fromJson(R"({"name":"X","dimensions":[{"name":"a","classes":[
        {"name":"p","i18n":{"fi":{"name":"Sama"}}},{"name":"q","i18n":{"fi":{"name":"Sama"}}}]}]})",
                                 "cb.json");
    ASSERT_FALSE(r5.ok());
    EXPECT_TRUE(r5.error().message.contains("both shown as \"Sama\" in fi")) << qPrintable(r5.error().message);
}

// Labels are stored under stable ids; the MOTOR codebook shows Finnish names in a Finnish
// interface, and the translations survive the project's JSON round trip.
TEST(CodebookTest, DisplayNamesPerLanguageKeepIdsStable) {
    const Codebook cb = Codebook::motorDefault();
    const Dimension* behavior = cb.dimension("behavior");
    ASSERT_NE(behavior, nullptr);
    EXPECT_EQ(behavior->displayName("fi"), QStringLiteral("käyttäytyminen"));
    EXPECT_EQ(behavior->displayName("en"), QStringLiteral("behavior"));
    EXPECT_EQ(behavior->displayClass("Monitoring", "fi"), QStringLiteral("Tarkkailu"));
    EXPECT_EQ(behavior->displayClass("Monitoring", "sv"), QStringLiteral("Monitoring"));  // no Swedish: the id
    EXPECT_FALSE(behavior->classes[0].displayDefinition("fi").isEmpty());
    for (const auto& d : cb.dimensions)
        for (const auto& c : d.classes)
            EXPECT_NE(c.displayName("fi"), c.name) << qPrintable(c.name) << " has no Finnish name";
    auto again = Codebook::fromJson(QJsonDocument(cb.toJson()).toJson(), "round-trip");
    ASSERT_TRUE(again.ok()) << qPrintable(again.error().message);
    EXPECT_EQ(again->dimension("emotion")->displayClass("Neutral", "fi"), QStringLiteral("Neutraali"));
    EXPECT_EQ(again->dimension("emotion")->classNames(), cb.dimension("emotion")->classNames());
    // A codebook without translations serialises exactly as before (its hash is stable).
    Codebook plain = cb;
    for (auto& d : plain.dimensions) {
        d.i18n = {};
        for (auto& c : d.classes) c.i18n = {};
    }
    EXPECT_FALSE(QJsonDocument(plain.toJson()).toJson().contains("i18n"));
}

// Segmenting keeps ids stable and never drops a label: a labelled clip whose range
// changes is flagged for a second look; a split's new part has no labels; merging a
// labelled clip away is refused.
// A range change may not run into a neighbour (the Segment tab's drags and keys rely on
// core for this); clips that overlapped already stay editable.
TEST_F(StoreTest, ARangeChangeThatWouldOverlapANeighbourIsRefused) {
    auto p = test::makeProject(path(), 3);  // c001 0-6 s, c002 6-12 s, c003 12-18 s
    const auto clips = p->clips().value();
    const Status into = p->setClipRange(clips[1].id, 6000, 13000);
    ASSERT_FALSE(into.ok());
    EXPECT_TRUE(into.error().message.contains(QStringLiteral("overlap clip 'c003'")))
        << into.error().message.toStdString();
    EXPECT_EQ(p->clipById(clips[1].id)->endMs, 12000);
    EXPECT_FALSE(p->setClipRange(clips[1].id, 5000, 12000).ok());
    // Touching is not overlapping.
    ASSERT_TRUE(p->setClipRange(clips[1].id, 6000, 11000).ok());
    ASSERT_TRUE(p->setClipRange(clips[1].id, 6000, 12000).ok());
    // A clip over the whole recording (kept for its labels) overlaps every segment: they
    // can still be moved, as long as no new overlap appears.
    Clip whole = clips[0];
    whole.key = QStringLiteral("whole");
    whole.startMs = 0;
    whole.endMs = 18000;
    ASSERT_TRUE(p->addClip(whole).ok());
    EXPECT_TRUE(p->setClipRange(clips[1].id, 6500, 12000).ok());
    EXPECT_FALSE(p->setClipRange(clips[1].id, 5000, 12000).ok());
}

TEST_F(StoreTest, ClipEditsKeepIdsAndLabelsAndFlagChangedRanges) {
    auto p = test::makeProject(path(), 3);  // c001 0-6 s, c002 6-12 s, c003 12-18 s
    const auto clips = p->clips().value();
    const int64_t anna = p->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Human).value();
    ASSERT_TRUE(
        p->setLabel({clips[0].id, anna, QStringLiteral("behavior"), QStringLiteral("Mixed"), {}, {}, std::nan("")})
            .ok());

    // An unlabelled clip's range changes without a flag; a labelled one is flagged.
    ASSERT_TRUE(p->setClipRange(clips[1].id, 6500, 12000).ok());
    EXPECT_FALSE(p->clipById(clips[1].id)->needsReview);
    ASSERT_TRUE(p->setClipRange(clips[0].id, 0, 6500).ok());
    EXPECT_TRUE(p->clipById(clips[0].id)->needsReview);
    EXPECT_EQ(p->annotationsForClip(clips[0].id)->size(), 1);
    EXPECT_FALSE(p->setClipRange(clips[0].id, 3000, 3000).ok());

    // Split: the first part keeps id and labels, the second is c001.2.
    auto second = p->splitClip(clips[0].id, 3000);
    ASSERT_TRUE(second.ok()) << qPrintable(second.error().message);
    const Clip part = p->clipById(second.value()).value();
    EXPECT_EQ(part.key, QStringLiteral("c001.2"));
    EXPECT_EQ(part.startMs, 3000);
    EXPECT_EQ(part.endMs, 6500);
    EXPECT_TRUE(p->annotationsForClip(part.id)->isEmpty());
    EXPECT_EQ(p->clipById(clips[0].id)->endMs, 3000);
    EXPECT_FALSE(p->splitClip(clips[0].id, 3000).ok());  // not strictly inside

    // Merge: the labelled part cannot be merged away; the unlabelled one can.
    auto refused = p->mergeClips(part.id, clips[0].id);
    EXPECT_FALSE(refused.ok());
    ASSERT_TRUE(p->mergeClips(clips[0].id, part.id).ok());
    EXPECT_EQ(p->clipById(clips[0].id)->endMs, 6500);
    EXPECT_FALSE(p->clipByKey(QStringLiteral("c001.2"))->has_value());
    ASSERT_TRUE(p->setClipNeedsReview(clips[0].id, false).ok());
    EXPECT_FALSE(p->clipById(clips[0].id)->needsReview);

    // Settings round trip.
    EXPECT_EQ(p->setting(QStringLiteral("blind_coding")).value(), QString());
    ASSERT_TRUE(p->setSetting(QStringLiteral("blind_coding"), QStringLiteral("on")).ok());
    EXPECT_EQ(p->setting(QStringLiteral("blind_coding")).value(), QStringLiteral("on"));
}
