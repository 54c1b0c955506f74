// The `motor` CLI as users and scripts call it: real processes, real project files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <limits>

#include "core/io/MediaImporter.h"
#include "core/media/SyntheticVideoWriter.h"
#include "core/metrics/CohenKappa.h"
#include "core/metrics/ProjectMetrics.h"
#include "core/speech/Transcriber.h"
#include "core/store/Project.h"
#include "core/support/ChatServer.h"
#include "motor/gpu/model_writer.h"

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun motorCli(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.start(QStringLiteral(MOTOR_CLI), args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// One demo project shared by the tests of this file: generating media takes seconds.
class CliTest : public ::testing::Test {
protected:
    // ctest runs each test in its own process: generate the demo once per build tree
    // (under a lock, ctest runs in parallel) and give each test a private copy.
    static void SetUpTestSuite() {
        const QString cache = QStringLiteral(MOTOR_TEST_CACHE "/demo");
        {
            QLockFile lock(QStringLiteral(MOTOR_TEST_CACHE "/demo.lock"));
            QDir().mkpath(QStringLiteral(MOTOR_TEST_CACHE));
            ASSERT_TRUE(lock.lock());
            // A demo made by an older build of `motor` may lack what the tests expect.
            const QFileInfo cached(cache + "/demo.motor");
            if (!cached.exists() || cached.lastModified() < QFileInfo(QStringLiteral(MOTOR_CLI)).lastModified()) {
                QDir(cache).removeRecursively();
                const CliRun r = motorCli({"demo", cache});
                ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
            }
        }
        dir_ = new QTemporaryDir;
        QDirIterator it(cache, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString src = it.next();
            const QString dst = dir_->filePath("demo/" + QDir(cache).relativeFilePath(src));
            QDir().mkpath(QFileInfo(dst).absolutePath());
            ASSERT_TRUE(QFile::copy(src, dst));
        }
        demo_ = dir_->filePath("demo/demo.motor");
    }
    static void TearDownTestSuite() { delete dir_; }
    static QTemporaryDir* dir_;
    static QString demo_;
};
QTemporaryDir* CliTest::dir_ = nullptr;
QString CliTest::demo_;

}  // namespace

// Reported: `motor demo DIR --clips 1` to 4 failed ("could not draw realistic expert
// labels") after writing part of the project, and a rerun then said "already exists". Any
// count in the range works, and a demo that fails half-way leaves no project behind.
TEST(CliDemo, AFewClipsWorkAndAFailedDemoLeavesNothing) {
    QTemporaryDir dir;
    for (int clips : {1, 3}) {
        const QString folder = dir.filePath(QStringLiteral("demo%1").arg(clips));
        const CliRun r = motorCli({"demo", folder, "--clips", QString::number(clips)});
        ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
        const CliRun info = motorCli({"info", folder + "/demo.motor", "--format", "json"});
        ASSERT_EQ(info.exitCode, 0) << qPrintable(info.err);
        EXPECT_EQ(QJsonDocument::fromJson(info.out.toUtf8()).object()["clips"].toInt(), clips);
    }
    // The second recording's file cannot be written (a folder stands in its place).
    const QString folder = dir.filePath(QStringLiteral("broken"));
    ASSERT_TRUE(QDir().mkpath(folder + "/media/ryhma2.mp4"));
    const CliRun bad = motorCli({"demo", folder, "--clips", "6"});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(bad.err.contains("ryhma2.mp4")) << qPrintable(bad.err);
    EXPECT_FALSE(QFileInfo::exists(folder + "/demo.motor"));
    EXPECT_FALSE(QFileInfo::exists(folder + "/media/ryhma1.mp4"));
    // With the obstacle gone, the same command makes the demo.
    ASSERT_TRUE(QDir(folder + "/media/ryhma2.mp4").removeRecursively());
    EXPECT_EQ(motorCli({"demo", folder, "--clips", "6"}).exitCode, 0);
}

TEST_F(CliTest, DemoHasWhatEveryViewNeeds) {
    const CliRun r = motorCli({"info", demo_, "--format", "json"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_GE(o["clips"].toInt(), 24);
    EXPECT_GE(o["media"].toInt(), 1);
    EXPECT_GT(o["utterances"].toInt(), o["clips"].toInt());
    const QJsonArray annotators = o["annotators"].toArray();
    ASSERT_EQ(annotators.size(), 3);
    int humans = 0, baselines = 0;
    for (const auto& a : annotators) {
        const QString kind = a.toObject()["kind"].toString();
        humans += kind == "human";
        baselines += kind == "baseline";
        EXPECT_EQ(a.toObject()["annotations"].toInt(), o["clips"].toInt() * 3)
            << qPrintable(a.toObject()["name"].toString());
    }
    EXPECT_EQ(humans, 2);
    EXPECT_EQ(baselines, 1);
    EXPECT_EQ(o["codebook"].toObject()["name"].toString(), "MOTOR");

    auto project = motor::Project::open(demo_);
    ASSERT_TRUE(project.ok());
    for (const auto& c : project.value()->clips().value()) {
        EXPECT_GE(c.durationMs(), 3000);
        EXPECT_LE(c.durationMs(), 8000);
        auto utt = project.value()->utterances(c.mediaId, c.startMs, c.endMs);
        ASSERT_TRUE(utt.ok());
        EXPECT_FALSE(utt->isEmpty()) << qPrintable(c.key);
    }
    // Realistic disagreement: kappa between 0.5 and 0.8 on every dimension.
    auto labels = motor::metrics::LabelSet::fromProject(*project.value());
    ASSERT_TRUE(labels.ok());
    for (const auto& t : motor::metrics::ratingTables(labels.value())) {
        const double k =
            motor::metrics::CohenKappa::fromTable(t.table, t.table.coderIndex("Anna"), t.table.coderIndex("Mikko"))
                .kappa;
        EXPECT_GT(k, 0.5) << qPrintable(t.name);
        EXPECT_LT(k, 0.8) << qPrintable(t.name);
    }
}

TEST_F(CliTest, LabelCommitsAndIsVisibleToInfoAndEval) {
    const CliRun r =
        motorCli({"label", demo_, "g1-c01", "Liisa", "behavior", "Controlling", "--note", "selkeä ohjaus"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    EXPECT_EQ(r.out, "committed\n");
    auto project = motor::Project::open(demo_);
    ASSERT_TRUE(project.ok());
    auto liisa = project.value()->annotatorByName("Liisa");
    ASSERT_TRUE(liisa.ok() && liisa->has_value());
    auto clip = project.value()->clipByKey("g1-c01").value();
    auto a = project.value()->annotation(clip->id, (*liisa)->id, "behavior");
    ASSERT_TRUE(a.ok() && a->has_value());
    EXPECT_EQ((*a)->label, "Controlling");
    EXPECT_EQ((*a)->note, QStringLiteral("selkeä ohjaus"));
}

TEST_F(CliTest, LabelRejectsBadInputOnStderr) {
    const CliRun badLabel = motorCli({"label", demo_, "g1-c01", "Liisa", "behavior", "Happy"});
    EXPECT_NE(badLabel.exitCode, 0);
    EXPECT_TRUE(badLabel.out.isEmpty());
    EXPECT_TRUE(badLabel.err.contains("Happy")) << qPrintable(badLabel.err);
    const CliRun badClip = motorCli({"label", demo_, "nope", "Liisa", "behavior", "Mixed"});
    EXPECT_NE(badClip.exitCode, 0);
    EXPECT_TRUE(badClip.err.contains("nope"));
    const CliRun missing = motorCli({"info", dir_->filePath("missing.motor")});
    EXPECT_NE(missing.exitCode, 0);
    EXPECT_TRUE(missing.err.contains("missing.motor"));
    const CliRun usage = motorCli({"label", demo_});
    EXPECT_EQ(usage.exitCode, 2);
}

TEST_F(CliTest, EvalJsonHasTheDocumentedShape) {
    const CliRun r = motorCli({"eval", demo_, "--reference", "Anna", "--format", "json"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject dims = o["dimensions"].toObject();
    ASSERT_EQ(dims.keys(), (QStringList{"behavior", "cognition", "emotion"}));
    const QJsonObject behavior = dims["behavior"].toObject();
    EXPECT_EQ(behavior["classes"].toArray().size(), 3);
    const QJsonObject agreement = behavior["agreement"].toObject();
    EXPECT_TRUE(agreement.contains("fleiss_kappa"));
    EXPECT_TRUE(agreement.contains("krippendorff_alpha"));
    // Agreement is among the experts by default; the baseline run is scored, not pooled.
    EXPECT_EQ(agreement["annotators"].toArray().size(), 2);
    const QJsonArray cohen = agreement["cohen_kappa"].toArray();
    ASSERT_EQ(cohen.size(), 1);
    for (const char* key : {"a", "b", "kappa", "n"}) EXPECT_TRUE(cohen[0].toObject().contains(key)) << key;
    const QJsonArray vs = behavior["vs_reference"].toArray();
    ASSERT_FALSE(vs.isEmpty());
    const QJsonObject mikko = vs[0].toObject();
    for (const char* key : {"annotator", "n", "accuracy", "macro_f1", "weighted_f1", "per_class", "confusion"})
        EXPECT_TRUE(mikko.contains(key)) << key;
    EXPECT_TRUE(mikko["per_class"].toObject()["Monitoring"].toObject().contains("support"));
    const QJsonArray summary = o["summary"].toArray();
    ASSERT_EQ(summary.size(), 2);  // Mikko and the demo's baseline run, against Anna
    const CliRun all = motorCli({"eval", demo_, "--reference", "Anna", "--format", "json", "--agreement", "all"});
    ASSERT_EQ(all.exitCode, 0) << qPrintable(all.err);
    EXPECT_EQ(QJsonDocument::fromJson(all.out.toUtf8())
                  .object()["dimensions"]
                  .toObject()["behavior"]
                  .toObject()["agreement"]
                  .toObject()["annotators"]
                  .toArray()
                  .size(),
              3);
    const QJsonObject row = summary[0].toObject();
    for (const char* key : {"annotator", "behavior", "cognition", "emotion", "average"})
        EXPECT_TRUE(row.contains(key)) << key;
    const double avg = (row["behavior"].toDouble() + row["cognition"].toDouble() + row["emotion"].toDouble()) / 3.0;
    EXPECT_NEAR(row["average"].toDouble(), avg, 1e-12);
}

TEST_F(CliTest, EvalTextPrintsThePaperTable) {
    const CliRun r = motorCli({"eval", demo_, "--reference", "Anna"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    EXPECT_TRUE(r.out.contains("behavior"));
    EXPECT_TRUE(r.out.contains("cognition"));
    EXPECT_TRUE(r.out.contains("emotion"));
    EXPECT_TRUE(r.out.contains("avg"));
    EXPECT_TRUE(r.out.contains("Mikko"));
    const CliRun bad = motorCli({"eval", demo_, "--reference", "Nobody"});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_TRUE(bad.err.contains("Nobody")) << qPrintable(bad.err);
}

TEST(CliBasics, HelpEverywhereAndUnknownCommands) {
    for (const QStringList& args : {QStringList{"--help"}, QStringList{"init", "--help"}, QStringList{"eval", "--help"},
                                    QStringList{"label", "--help"}, QStringList{"demo", "--help"}}) {
        const CliRun r = motorCli(args);
        EXPECT_EQ(r.exitCode, 0) << qPrintable(args.join(' '));
        EXPECT_TRUE(r.out.contains("sage")) << qPrintable(args.join(' '));
    }
    const CliRun unknown = motorCli({"frobnicate"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains("frobnicate"));
    // A command's usage line is the command to type (not the binary's path), without Qt's
    // own --help-all.
    const CliRun media = motorCli({"import", "media", "--help"});
    EXPECT_EQ(media.exitCode, 0);
    EXPECT_TRUE(media.out.startsWith("Usage: motor import media [options] PROJECT PATH...")) << qPrintable(media.out);
    EXPECT_FALSE(media.out.contains("--help-all")) << qPrintable(media.out);
    EXPECT_FALSE(media.out.contains(QStringLiteral(MOTOR_CLI))) << qPrintable(media.out);
    // A group's name alone lists its commands.
    const CliRun group = motorCli({"import"});
    EXPECT_EQ(group.exitCode, 2);
    EXPECT_TRUE(group.err.contains("'import' needs one of: media, segments, transcripts, labels"))
        << qPrintable(group.err);
}

// Reported: `--device gpu` was taken silently by the baseline, `--device foo` and a local
// run without --model failed only after the project was opened (exit 1). Usage errors
// are exit 2, said before anything is opened.
TEST(CliBasics, PredictUsageErrorsAreSaidFirst) {
    const QString missing = QStringLiteral("/nonexistent/never-opened.motor");
    const std::vector<std::pair<QStringList, QString>> cases = {
        {{"--backend", "baseline", "--device", "gpu"}, "--device is for --backend local"},
        {{"--backend", "baseline", "--url", "http://localhost:1"}, "--url is for --backend openai"},
        {{"--backend", "local", "--model", "m.gguf", "--device", "foo"}, "--device: auto, cpu or cuda, got 'foo'"},
        {{"--backend", "local"}, "--backend local needs --model"},
        {{"--backend", "openai", "--url", "http://localhost:1", "--threads", "2"}, "--threads is for --backend local"},
    };
    for (const auto& [options, message] : cases) {
        const CliRun r = motorCli(QStringList{"predict", missing} + options);
        EXPECT_EQ(r.exitCode, 2) << qPrintable(options.join(' '));
        EXPECT_TRUE(r.err.contains(message)) << qPrintable(r.err);
        EXPECT_FALSE(r.err.contains("never-opened")) << qPrintable(r.err);  // not opened
    }
}

// Reported: a healthy project in a read-only folder was called "damaged ... open a backup",
// and a read-only file opened as if writable, then refused every label with SQLite's words.
// Both say that the project is read-only here and what to do when a command would write; the
// commands that only read (info, eval, export) read it. The file is unchanged.
// Run as another user where the test runs as root (whom permissions do not stop).
TEST(CliBasics, AReadOnlyProjectIsSaidToBeReadOnlyNotDamaged) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                          QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                          QFileDevice::ExeGroup);
    const auto readOnly = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const auto readOnlyDir = readOnly | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    const bool root = ::geteuid() == 0;
    auto asUser = [&](const QStringList& args) {
        if (!root) return motorCli(args);
        QProcess p;
        p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("nobody"),
                                                       QStringLiteral("--"), QStringLiteral(MOTOR_CLI)} +
                                               args);
        p.waitForFinished(60000);
        return CliRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                      QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    };
    if (root && QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty())
        GTEST_SKIP() << "running as root without runuser: permissions cannot be tested";
    for (const bool folder : {true, false}) {
        const QString sub = dir.filePath(folder ? QStringLiteral("ro-folder") : QStringLiteral("ro-file"));
        ASSERT_TRUE(QDir().mkpath(sub));
        const QString project = sub + QStringLiteral("/lesson.motor");
        ASSERT_EQ(motorCli({"init", project}).exitCode, 0);
        QFile::setPermissions(project, readOnly);
        QFile::setPermissions(sub,
                              folder ? readOnlyDir : readOnlyDir | QFileDevice::WriteOwner | QFileDevice::WriteOther);
        QFile f(project);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        // A command that writes says so; one that reads (info, eval, export) works.
        const CliRun r = asUser({"label", project, "g1-c001", "Anna", "behavior", "Monitoring"});
        EXPECT_NE(r.exitCode, 0);
        EXPECT_TRUE(r.err.contains(project + QStringLiteral(": read-only here"))) << qPrintable(r.err);
        EXPECT_FALSE(r.err.contains(QStringLiteral("damaged"))) << qPrintable(r.err);
        const CliRun info = asUser({"info", project, "--format", "json"});
        EXPECT_EQ(info.exitCode, 0) << qPrintable(info.err);
        EXPECT_EQ(QJsonDocument::fromJson(info.out.toUtf8()).object()["codebook"].toObject()["name"].toString(),
                  QStringLiteral("MOTOR"))
            << qPrintable(info.out);
        const CliRun eval = asUser({"eval", project});
        EXPECT_FALSE(eval.err.contains(QStringLiteral("read-only"))) << qPrintable(eval.err);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        EXPECT_EQ(f.readAll(), before);
        f.close();
        QFile::setPermissions(sub, readOnlyDir | QFileDevice::WriteOwner);  // let QTemporaryDir clean up
    }
}

TEST(CliBasics, InitWithCustomCodebookAndBadCodebook) {
    QTemporaryDir dir;
    QFile cb(dir.filePath("cb.json"));
    ASSERT_TRUE(cb.open(QIODevice::WriteOnly));
    cb.write(R"({"name":"Tiny","version":3,"dimensions":[{"name":"focus","classes":[{"name":"On"},{"name":"Off"}]}]})");
    cb.close();
    const CliRun ok = motorCli({"init", dir.filePath("t.motor"), "--codebook", dir.filePath("cb.json")});
    ASSERT_EQ(ok.exitCode, 0) << qPrintable(ok.err);
    const CliRun info = motorCli({"info", dir.filePath("t.motor"), "--format", "json"});
    EXPECT_EQ(QJsonDocument::fromJson(info.out.toUtf8()).object()["codebook"].toObject()["version"].toInt(), 3);
    QFile bad(dir.filePath("bad.json"));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"name":"Bad","dimensions":[{"name":"x","classes":[{"name":"only"}]}]})");
    bad.close();
    const CliRun r = motorCli({"init", dir.filePath("b.motor"), "--codebook", dir.filePath("bad.json")});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains("bad.json: dimensions[0].classes")) << qPrintable(r.err);
    EXPECT_FALSE(QFile::exists(dir.filePath("b.motor")));
}

TEST_F(CliTest, ExportAllFormatsAndReimportLabels) {
    const QString out = dir_->filePath("export");
    const CliRun r = motorCli({"export", demo_, out, "--format", "csv,jsonl,eaf", "--cut-clips"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    EXPECT_TRUE(QFile::exists(out + "/labels.csv"));
    EXPECT_TRUE(QFile::exists(out + "/clips.jsonl"));
    EXPECT_EQ(QDir(out + "/elan").entryList({"*.eaf"}).size(), 6);
    EXPECT_EQ(QDir(out + "/clips").entryList(QDir::Files).size(), 24);
    QFile jsonl(out + "/clips.jsonl");
    ASSERT_TRUE(jsonl.open(QIODevice::ReadOnly));
    EXPECT_EQ(jsonl.readAll().count('\n'), 24);

    // The exported CSV imports into a fresh project with the same clips: same labels.
    QFile csv(out + "/labels.csv");
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QByteArray header = csv.readLine();
    EXPECT_EQ(header.trimmed(), "clip,media,start_ms,end_ms,annotator,dimension,label");
    // Model runs' labels are not importable as expert labels; the experts' rows are.
    QByteArray experts = header;
    int modelRows = 0;
    while (!csv.atEnd()) {
        const QByteArray line = csv.readLine();
        if (line.contains(",baseline:"))
            ++modelRows;
        else
            experts += line;
    }
    EXPECT_EQ(modelRows, 72);
    const int expertRows = int(experts.count('\n')) - 1;
    EXPECT_GE(expertRows, 144);
    QFile expertsCsv(out + "/experts.csv");
    ASSERT_TRUE(expertsCsv.open(QIODevice::WriteOnly));
    expertsCsv.write(experts);
    expertsCsv.close();
    const CliRun again = motorCli({"import", "labels", demo_, out + "/experts.csv"});
    ASSERT_EQ(again.exitCode, 0) << qPrintable(again.err);
    // The project has every one of them already: nothing to write, nothing to ask.
    EXPECT_TRUE(
        again.out.contains(QStringLiteral("imported 0 labels: 0 new, 0 changed, %1 already so").arg(expertRows)))
        << qPrintable(again.out);
    const CliRun models = motorCli({"import", "labels", demo_, out + "/labels.csv"});
    EXPECT_NE(models.exitCode, 0);
    EXPECT_TRUE(models.err.contains("baseline:transcript-cues")) << qPrintable(models.err);
}

// Issue 16: coders' copies merged, conflicts reported then settled; the statistics exports.
TEST_F(CliTest, MergeCopiesAndExportStatistics) {
    const QString a = dir_->filePath("a.motor"), b = dir_->filePath("b.motor");
    ASSERT_TRUE(QFile::copy(demo_, a));
    ASSERT_TRUE(QFile::copy(demo_, b));
    ASSERT_EQ(motorCli({"label", a, "g1-c01", "Dana", "behavior", "Monitoring"}).exitCode, 0);
    ASSERT_EQ(motorCli({"label", b, "g1-c01", "Dana", "behavior", "Mixed", "--note", "laptop"}).exitCode, 0);
    ASSERT_EQ(motorCli({"label", b, "g1-c02", "Dana", "emotion", "Neutral"}).exitCode, 0);

    const CliRun conflict = motorCli({"merge", a, b});
    EXPECT_EQ(conflict.exitCode, 1);
    EXPECT_TRUE(
        conflict.out.contains("conflict: clip g1-c01, Dana, behavior: here Monitoring, there Mixed (\"laptop\")"))
        << qPrintable(conflict.out);
    EXPECT_TRUE(conflict.err.contains("--resolve")) << qPrintable(conflict.err);
    const CliRun unchanged = motorCli({"export", a, dir_->filePath("x"), "--format", "wide"});
    ASSERT_EQ(unchanged.exitCode, 0) << qPrintable(unchanged.err);

    const CliRun merged = motorCli({"merge", a, b, "--resolve", "take", "--format", "json"});
    ASSERT_EQ(merged.exitCode, 0) << qPrintable(merged.err);
    const QJsonObject first =
        QJsonDocument::fromJson(merged.out.toUtf8()).object()["merges"].toArray().first().toObject();
    EXPECT_TRUE(first["applied"].toBool());
    EXPECT_EQ(first["labels_added"].toInt(), 1);
    EXPECT_EQ(first["labels_replaced"].toInt(), 1);

    const QString out = dir_->filePath("stats");
    const CliRun exported = motorCli({"export", a, out, "--format", "wide,agreement,coding-log"});
    ASSERT_EQ(exported.exitCode, 0) << qPrintable(exported.err);
    QFile wide(out + "/wide.csv");
    ASSERT_TRUE(wide.open(QIODevice::ReadOnly));
    const QByteArray wideText = wide.readAll();
    EXPECT_EQ(wideText.count('\n'), 25);
    EXPECT_TRUE(wideText.contains("Dana.behavior,Dana.behavior.note")) << wideText.left(400).constData();
    EXPECT_TRUE(wideText.contains(",Mixed,laptop,"));
    QFile agreement(out + "/agreement.csv");
    ASSERT_TRUE(agreement.open(QIODevice::ReadOnly));
    const CliRun eval = motorCli({"eval", a, "--format", "csv"});
    ASSERT_EQ(eval.exitCode, 0);
    EXPECT_EQ(QString::fromUtf8(agreement.readAll()), eval.out);
    // The coefficients that `motor eval` prints under "Agreement", as a table.
    QFile coefficients(out + "/coefficients.csv");
    ASSERT_TRUE(coefficients.open(QIODevice::ReadOnly));
    const QString coefficientsText = QString::fromUtf8(coefficients.readAll());
    EXPECT_TRUE(coefficientsText.startsWith("dimension,statistic,coder_a,coder_b,coders,n,value,ci_lower,ci_upper"));
    const CliRun evalText = motorCli({"eval", a});
    const QRegularExpressionMatch fleiss =
        QRegularExpression(QStringLiteral("behavior\\s*: Fleiss kappa ([-0-9.]+)")).match(evalText.out);
    ASSERT_TRUE(fleiss.hasMatch()) << qPrintable(evalText.out);
    const QRegularExpressionMatch row =
        QRegularExpression(QStringLiteral("\nbehavior,fleiss_kappa,,,[^,]*,\\d+,([-0-9.]+),")).match(coefficientsText);
    ASSERT_TRUE(row.hasMatch()) << qPrintable(coefficientsText);
    EXPECT_NEAR(row.captured(1).toDouble(), fleiss.captured(1).toDouble(), 0.0005);  // text prints 3 decimals
    QFile log(out + "/coding_log.csv");
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    const QByteArray logText = log.readAll();
    EXPECT_TRUE(logText.contains(",Dana,human,g1-c01,,behavior,Monitoring,Mixed,,laptop,merge,"))
        << logText.right(600).constData();
}

// Issue 15: a recording's transcript from its own audio. The model is the committed
// random-weight Whisper fixture (its text is noise; what is checked is the path from the
// recording to utterances in the project, the choices and the errors).
TEST_F(CliTest, TranscribeARecordingWithWhisper) {
    const QString project = dir_->filePath("demo/transcribe.motor");
    ASSERT_TRUE(QFile::copy(demo_, project));
    const QString model = QStringLiteral(MOTOR_TEST_DATA "/whisper/tiny80");
    auto utterances = [&](const QString& media) {
        auto p = motor::Project::open(project);
        EXPECT_TRUE(p.ok());
        auto m = motor::io::MediaImporter::findMedia(*p.value(), media);
        EXPECT_TRUE(m.ok());
        return p.value()->utterances(m->id, 0, std::numeric_limits<int64_t>::max()).value();
    };
    const auto before = utterances("media/ryhma1.mp4");
    ASSERT_FALSE(before.isEmpty());

    // A recording with a transcript is never replaced silently, and the check comes first.
    const CliRun asked = motorCli({"transcribe", project, "--media", "media/ryhma1.mp4", "--model", model});
    EXPECT_EQ(asked.exitCode, 1);
    EXPECT_TRUE(asked.err.contains("--replace or --add")) << qPrintable(asked.err);
    // A broken model is named; nothing changes.
    const QString broken = dir_->filePath("broken.bin");
    {
        QFile f(broken);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("lmgg\x01\x00\x00\x00 not a whisper model");
    }
    const CliRun bad = motorCli({"transcribe", project, "--media", "media/ryhma1.mp4", "--model", broken, "--replace"});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_TRUE(bad.err.contains("broken.bin")) << qPrintable(bad.err);
    EXPECT_EQ(utterances("media/ryhma1.mp4").size(), before.size());
    // --device: cuda on this machine (no GPU; and the fixture's head dim 8 no GPU kernel
    // takes) stops with the reason; an unknown word is refused; nothing changes.
    const CliRun cuda = motorCli(
        {"transcribe", project, "--media", "media/ryhma1.mp4", "--model", model, "--replace", "--device", "cuda"});
    EXPECT_EQ(cuda.exitCode, 1);
    EXPECT_TRUE(cuda.err.contains("local: device cuda: cuda: ")) << qPrintable(cuda.err);
    const CliRun tpu = motorCli(
        {"transcribe", project, "--media", "media/ryhma1.mp4", "--model", model, "--replace", "--device", "tpu"});
    EXPECT_EQ(tpu.exitCode, 1);
    EXPECT_TRUE(tpu.err.contains("--device must be auto, cpu or cuda")) << qPrintable(tpu.err);
    EXPECT_EQ(utterances("media/ryhma1.mp4").size(), before.size());

    const CliRun r = motorCli({"transcribe", project, "--media", "media/ryhma1.mp4", "--model", model, "--language",
                               "en", "--replace", "--beam", "1", "--threads", "2"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    EXPECT_TRUE(r.out.contains(QStringLiteral("replaced %1 earlier utterances").arg(before.size())))
        << qPrintable(r.out);
    const auto after = utterances("media/ryhma1.mp4");
    ASSERT_FALSE(after.isEmpty());
    EXPECT_TRUE(r.out.startsWith(QStringLiteral("%1 utterances written").arg(after.size()))) << qPrintable(r.out);
    // auto (the default) says where it ran and, here, why not on the GPU.
    EXPECT_TRUE(r.out.contains(QStringLiteral("ran on cpu ("))) << qPrintable(r.out);
    EXPECT_TRUE(r.out.contains(QStringLiteral("the GPU was not used: cuda: "))) << qPrintable(r.out);
    int64_t previousStart = -1;
    for (const motor::Utterance& u : after) {
        EXPECT_EQ(u.language, QStringLiteral("en"));
        EXPECT_FALSE(u.text.isEmpty());
        EXPECT_GE(u.startMs, previousStart);
        EXPECT_LE(u.startMs, u.endMs);
        EXPECT_LE(u.endMs, 33000);
        previousStart = u.startMs;
    }
    {
        auto p = motor::Project::open(project);
        auto provenance = motor::speech::transcriptProvenance(*p.value(), QStringLiteral("media/ryhma1.mp4"));
        ASSERT_TRUE(provenance.ok());
        EXPECT_TRUE(provenance->value("model").toString().endsWith("whisper/tiny80"));
        EXPECT_EQ(provenance->value("format").toString(), QStringLiteral("safetensors"));
        EXPECT_EQ(provenance->value("beam_size").toInt(), 1);
        EXPECT_TRUE(provenance->value("device").toString().startsWith(QStringLiteral("cpu (")));
    }
    // whisper.cpp's file format, added beside the transcript.
    const CliRun ggml = motorCli({"transcribe", project, "--media", "media/ryhma1.mp4", "--model",
                                  QStringLiteral(MOTOR_TEST_DATA "/whisper/ggml-tiny8.bin"), "--language", "en",
                                  "--add", "--beam", "1"});
    ASSERT_EQ(ggml.exitCode, 0) << qPrintable(ggml.err);
    EXPECT_GE(utterances("media/ryhma1.mp4").size(), after.size());
    // Other recordings are untouched.
    EXPECT_EQ(utterances("media/ryhma2.mp4").size(), 8);
}

void ensureCoreApp() {
    static int argc = 1;
    static char name[] = "motor_integration_tests";
    static char* argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);
}

// A process run while this one's event loop serves the test double server.
CliRun motorCliServing(const QStringList& args) {
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    p.start(QStringLiteral(MOTOR_CLI), args);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

TEST_F(CliTest, TranscribeOnAnOpenAiServer) {
    ensureCoreApp();  // before the server, whose socket needs the event loop
    const QString project = dir_->filePath("demo/transcribe-server.motor");
    ASSERT_TRUE(QFile::copy(demo_, project));
    auto utterances = [&] {
        auto p = motor::Project::open(project);
        EXPECT_TRUE(p.ok());
        auto m = motor::io::MediaImporter::findMedia(*p.value(), QStringLiteral("media/ryhma1.mp4"));
        EXPECT_TRUE(m.ok());
        return p.value()->utterances(m->id, 0, std::numeric_limits<int64_t>::max()).value();
    };
    const auto before = utterances();
    ASSERT_FALSE(before.isEmpty());
    const QStringList common{"transcribe", project, "--media", "media/ryhma1.mp4", "--backend", "openai"};

    const CliRun noUrl = motorCli(common);
    EXPECT_EQ(noUrl.exitCode, 2);
    EXPECT_TRUE(noUrl.err.contains("--url")) << qPrintable(noUrl.err);
    // Classroom audio leaves the machine only with --allow-remote-audio (TEST-NET: never reached).
    const CliRun remote = motorCli(common + QStringList{"--url", "http://192.0.2.7:8000/v1", "--replace"});
    EXPECT_EQ(remote.exitCode, 1);
    EXPECT_TRUE(remote.err.contains("192.0.2.7") && remote.err.contains("--allow-remote-audio"))
        << qPrintable(remote.err);
    EXPECT_EQ(utterances().size(), before.size());

    motor::test::ChatServer server;
    server.handler = [](const QJsonObject& form, const QByteArray&, int n) {
        if (n == 1) return motor::test::Reply{500, R"({"error":{"message":"decoder crashed"}})"};
        return motor::test::Reply{200, motor::test::verboseJson({{0.4, 2.2, " Katsotaan ohjeesta."},
                                                                 {2.5, 4.0, " " + form.value("model").toString()}},
                                                                "finnish")};
    };
    const QStringList local = common + QStringList{"--url", server.url().toString(), "--replace", "--retries", "0"};
    const CliRun failed = motorCliServing(local);
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.err.contains(server.url().toString() + "/audio/transcriptions") &&
                failed.err.contains("HTTP 500: decoder crashed"))
        << qPrintable(failed.err);
    EXPECT_EQ(utterances().size(), before.size());

    const CliRun ok = motorCliServing(local + QStringList{"--model", "large-v3-fi", "--language", "fi"});
    ASSERT_EQ(ok.exitCode, 0) << qPrintable(ok.err);
    EXPECT_TRUE(ok.out.startsWith("2 utterances written")) << qPrintable(ok.out);
    // The upload's progress on stderr, up to all of it, then the wait for the server.
    EXPECT_TRUE(ok.err.contains("uploading the audio") && ok.err.contains("(100%)") &&
                ok.err.contains("the server transcribes"))
        << qPrintable(ok.err);
    EXPECT_EQ(server.requests.last().value("language").toString(), QStringLiteral("fi"));
    const auto after = utterances();
    ASSERT_EQ(after.size(), 2);
    EXPECT_EQ(after[0].startMs, 400);
    EXPECT_EQ(after[0].text, QStringLiteral("Katsotaan ohjeesta."));
    EXPECT_EQ(after[1].text, QStringLiteral("large-v3-fi"));

    // A long recording over a slow link: the upload line gives the time left once enough
    // is measured. 4 minutes of audio are a 7.7 MB WAV; the first few MB vanish at once
    // into this machine's socket buffers (loopback), the rest goes at the link's pace.
    const QString longRecording = dir_->filePath("demo/media/lesson.mp4");
    motor::media::SyntheticVideoSpec spec;  // a recording needs its picture: a tiny one
    spec.width = 64;
    spec.height = 64;
    spec.fps = 1;
    spec.durationMs = 240'000;
    spec.audioSampleRate = 16000;
    spec.audioChannels = 1;
    ASSERT_TRUE(motor::media::SyntheticVideoWriter::write(longRecording, spec).ok());
    {
        auto p = motor::Project::open(project);
        ASSERT_TRUE(p.ok());
        auto imported =
            motor::io::MediaImporter::importMedia(*p.value(), {longRecording}, {motor::io::ClipPolicy::NoClips});
        ASSERT_TRUE(imported.ok()) << qPrintable(imported.error().message);
    }
    server.limitReadRate(2 * 1024 * 1024);
    const CliRun slow = motorCliServing({"transcribe", project, "--media", longRecording, "--backend", "openai",
                                         "--url", server.url().toString(), "--retries", "0"});
    ASSERT_EQ(slow.exitCode, 0) << qPrintable(slow.err);
    static const QRegularExpression leftRe(QStringLiteral(R"(\((\d+)%\), about (\d+):(\d\d) left)"));
    int longestLeft = -1;
    for (auto it = leftRe.globalMatch(slow.err); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        // Part-way only, and a plausible time: the rest goes at 2 MB/s, a few seconds.
        EXPECT_LT(m.captured(1).toInt(), 100) << qPrintable(m.captured(0));
        const int left = m.captured(2).toInt() * 60 + m.captured(3).toInt();
        EXPECT_LT(left, 60) << qPrintable(m.captured(0));
        longestLeft = std::max(longestLeft, left);
    }
    // Shown, and from the link's pace, not from the megabytes the socket took at once
    // (which would promise 0:00 all along).
    EXPECT_GE(longestLeft, 1) << qPrintable(slow.err);
}

TEST_F(CliTest, FailedImportChangesNothing) {
    const CliRun before = motorCli({"info", demo_, "--format", "json"});
    QFile bad(dir_->filePath("bad.csv"));
    ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
    bad.write("clip,annotator,dimension,label\ng1-c01,Liisa,behavior,Mixed\ng1-c02,Liisa,behavior,Nonsense\n");
    bad.close();
    const CliRun r = motorCli({"import", "labels", demo_, dir_->filePath("bad.csv")});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains("bad.csv:3")) << qPrintable(r.err);
    EXPECT_EQ(motorCli({"info", demo_, "--format", "json"}).out, before.out);

    const CliRun srt = motorCli({"import", "transcripts", demo_, "--media", "media/ryhma1.mp4",
                                 QStringLiteral(MOTOR_SHARED_TESTDATA "/real/subtitles/pysrt_invalid.srt")});
    if (QFile::exists(QStringLiteral(MOTOR_SHARED_TESTDATA))) {
        EXPECT_NE(srt.exitCode, 0);
        EXPECT_TRUE(srt.err.contains("pysrt_invalid.srt")) << qPrintable(srt.err);
        EXPECT_EQ(motorCli({"info", demo_, "--format", "json"}).out, before.out);
    }
}

TEST_F(CliTest, ImportTranscriptsAndSegments) {
    const QString testdata = QStringLiteral(MOTOR_SHARED_TESTDATA);
    if (!QFile::exists(testdata)) GTEST_SKIP() << "shared testdata not found at " << qPrintable(testdata);
    // The demo recording has a transcript: replacing it must be asked for.
    const CliRun before = motorCli({"info", demo_, "--format", "json"});
    const CliRun unasked = motorCli({"import", "transcripts", demo_, "--media", "media/ryhma2.mp4", "--language", "en",
                                     testdata + "/real/subtitles/pysrt_utf-8.srt"});
    EXPECT_EQ(unasked.exitCode, 1);
    EXPECT_TRUE(unasked.err.contains("has a transcript already")) << qPrintable(unasked.err);
    EXPECT_TRUE(unasked.err.contains("--replace or --add")) << qPrintable(unasked.err);
    EXPECT_EQ(motorCli({"info", demo_, "--format", "json"}).out, before.out);
    const CliRun r = motorCli({"import", "transcripts", demo_, "--media", "media/ryhma2.mp4", "--language", "en",
                               "--replace", testdata + "/real/subtitles/pysrt_utf-8.srt"});
    ASSERT_EQ(r.exitCode, 0) << qPrintable(r.err);
    EXPECT_TRUE(r.out.contains("utterances now on"));
    EXPECT_TRUE(r.out.contains("replaced ")) << qPrintable(r.out);
    const CliRun seg = motorCli({"import", "segments", demo_, "--media", "media/ryhma3.mp4", "--window", "5"});
    ASSERT_EQ(seg.exitCode, 0) << qPrintable(seg.err);
    EXPECT_TRUE(seg.out.startsWith("added ")) << qPrintable(seg.out);
    const CliRun both = motorCli({"import", "segments", demo_, "--media", "media/ryhma3.mp4"});
    EXPECT_EQ(both.exitCode, 2);
}

// Issue "MOTOR-MAS predictor": end to end on the demo project through the local engine
// with a small random-weight model. Every clip gets three valid labels with a
// confidence, the run is a model coder in `motor eval`, and prefix sharing gives exactly
// the labels of recomputing the context for each agent.
// Issue "The engine sees": the demo project end to end with a small random InternVL
// (vision tower + projector + Qwen3): every clip gets three valid labels from the
// frames and the transcript, the run says frames_used=true with each clip's frame
// times, and prefix sharing gives exactly the labels of recomputing.
TEST_F(CliTest, LocalInternVLSeesTheDemoClipsFrames) {
    motor::gpu::RandomInternVLSpec spec;
    spec.llm = motor::gpu::makeRandomModelConfig(motor::gpu::Architecture::Qwen3, 64, 2, 4, 2, 128, 520);
    spec.llm.contextLength = 8192;  // 8 frames x 256 rows + the prompts
    spec.visionDim = 32;
    spec.visionLayers = 1;
    spec.visionHeads = 2;
    spec.visionHiddenDim = 64;
    spec.seed = 11;
    const QString model = dir_->filePath("random-internvl");
    ASSERT_TRUE(motor::gpu::writeRandomInternVLHf(spec, model.toStdString()).ok());

    const CliRun shared = motorCli({"predict", demo_, "--backend", "local", "--model", model, "--run", "vl-shared",
                                    "--rationale-chars", "16", "--quiet"});
    ASSERT_EQ(shared.exitCode, 0) << qPrintable(shared.err);
    EXPECT_TRUE(shared.out.contains("frames_used=true")) << qPrintable(shared.out);
    // The time line shows the vision encoder apart from the rest of the prefill.
    const QRegularExpressionMatch timeLine =
        QRegularExpression(QStringLiteral("time: media \\d+ ms, vision (\\d+) ms, prefill (\\d+) ms, decode \\d+ ms"))
            .match(shared.out);
    ASSERT_TRUE(timeLine.hasMatch()) << qPrintable(shared.out);
    EXPECT_GT(timeLine.captured(1).toInt(), 0) << qPrintable(shared.out);
    const CliRun recomputed =
        motorCli({"predict", demo_, "--backend", "local", "--model", model, "--run", "vl-recomputed",
                  "--rationale-chars", "16", "--no-prefix-sharing", "--clips", "g1-c01,g3-c02", "--quiet"});
    ASSERT_EQ(recomputed.exitCode, 0) << qPrintable(recomputed.err);
    // The token line says what the time went to: recomputing puts each clip's context
    // through the engine once per agent, sharing once; the agents' own instructions and
    // replies are the same either way.
    const CliRun sharedTwo = motorCli({"predict", demo_, "--backend", "local", "--model", model, "--run",
                                       "vl-shared-two", "--rationale-chars", "16", "--clips", "g1-c01,g3-c02"});
    ASSERT_EQ(sharedTwo.exitCode, 0) << qPrintable(sharedTwo.err);
    const QRegularExpression tokensLine(
        QStringLiteral("tokens: contexts (\\d+), agents' instructions (\\d+), generated (\\d+)"));
    const QRegularExpressionMatch on = tokensLine.match(sharedTwo.out), off = tokensLine.match(recomputed.out);
    ASSERT_TRUE(on.hasMatch()) << qPrintable(sharedTwo.out);
    ASSERT_TRUE(off.hasMatch()) << qPrintable(recomputed.out);
    EXPECT_GE(on.captured(1).toLongLong(), 2 * 8 * 256) << qPrintable(sharedTwo.out);  // 8 frames x 256 per clip
    EXPECT_EQ(off.captured(1).toLongLong(), 3 * on.captured(1).toLongLong());
    EXPECT_EQ(off.captured(2).toLongLong(), on.captured(2).toLongLong());
    EXPECT_EQ(off.captured(3).toLongLong(), on.captured(3).toLongLong());
    EXPECT_GT(on.captured(3).toLongLong(), 0);

    auto project = motor::Project::open(demo_);
    ASSERT_TRUE(project.ok());
    auto& p = *project.value();
    const auto run = p.annotatorByName("vl-shared").value();
    const auto again = p.annotatorByName("vl-recomputed").value();
    ASSERT_TRUE(run.has_value() && again.has_value());
    EXPECT_TRUE(run->provenance["frames_used"].toBool());
    const QJsonObject vision = run->provenance["model"].toObject()["vision"].toObject();
    EXPECT_TRUE(vision["preprocessing"].toString().startsWith("pil-bicubic 448x448"))
        << qPrintable(vision["preprocessing"].toString());
    EXPECT_EQ(run->provenance["parameters"].toObject()["frame_fit"].toString(), "native");
    const QJsonObject timings = run->provenance["sessions"].toArray().last().toObject()["timings_ms"].toObject();
    EXPECT_GT(timings["vision"].toDouble(), 0.0);
    EXPECT_GT(timings["prefill"].toDouble(), timings["vision"].toDouble());  // vision is part of the prefill
    const QJsonObject tokens = run->provenance["sessions"].toArray().last().toObject()["tokens"].toObject();
    EXPECT_GE(tokens["context"].toDouble(), double(p.clips().value().size()) * 8 * 256);
    EXPECT_GT(tokens["instructions"].toDouble(), 0.0);
    EXPECT_GT(tokens["generated"].toDouble(), 0.0);
    for (const auto& c : p.clips().value()) {
        for (const auto& d : p.codebook().dimensions) {
            auto a = p.annotation(c.id, run->id, d.name);
            ASSERT_TRUE(a.ok() && a->has_value()) << qPrintable(c.key + " " + d.name);
            EXPECT_GE(d.classIndex((*a)->label), 0) << qPrintable((*a)->label);
            if (c.key == QLatin1String("g1-c01") || c.key == QLatin1String("g3-c02")) {
                auto b = p.annotation(c.id, again->id, d.name);
                ASSERT_TRUE(b.ok() && b->has_value());
                EXPECT_EQ((*a)->label, (*b)->label) << qPrintable(c.key + " " + d.name);
                EXPECT_EQ((*a)->rationale, (*b)->rationale) << qPrintable(c.key + " " + d.name);
                EXPECT_DOUBLE_EQ((*a)->confidence, (*b)->confidence);
            }
        }
    }
    // Each clip's run item records the eight frame times, inside the clip.
    for (const auto& c : p.clips().value()) {
        auto detail = p.runItemDetail(run->id, c.id);
        ASSERT_TRUE(detail.ok() && detail->has_value()) << qPrintable(c.key);
        const QJsonArray times = (**detail)["frame_times_ms"].toArray();
        ASSERT_EQ(times.size(), 8) << qPrintable(c.key);
        for (const QJsonValue& t : times) {
            EXPECT_GE(t.toDouble(), double(c.startMs)) << qPrintable(c.key);
            EXPECT_LT(t.toDouble(), double(c.endMs)) << qPrintable(c.key);
        }
    }
}

TEST_F(CliTest, LocalBackendLabelsTheWholeDemoAndIsEvaluable) {
    motor::gpu::RandomModelSpec spec;
    spec.config = motor::gpu::makeRandomModelConfig(motor::gpu::Architecture::Qwen3, 64, 2, 4, 2, 128, 512);
    spec.seed = 3;
    const QString model = dir_->filePath("random-qwen3.gguf");
    ASSERT_TRUE(motor::gpu::writeRandomModelGguf(spec, model.toStdString()).ok());

    const CliRun shared = motorCli({"predict", demo_, "--backend", "local", "--model", model, "--run", "shared",
                                    "--rationale-chars", "20", "--quiet"});
    ASSERT_EQ(shared.exitCode, 0) << qPrintable(shared.err);
    EXPECT_TRUE(shared.out.contains(QStringLiteral(", vision 0 ms, "))) << qPrintable(shared.out);  // no frames
    const CliRun recomputed = motorCli({"predict", demo_, "--backend", "local", "--model", model, "--run", "recomputed",
                                        "--rationale-chars", "20", "--no-prefix-sharing", "--quiet"});
    ASSERT_EQ(recomputed.exitCode, 0) << qPrintable(recomputed.err);

    auto project = motor::Project::open(demo_);
    ASSERT_TRUE(project.ok());
    auto& p = *project.value();
    const auto clips = p.clips().value();
    const auto sharedRun = p.annotatorByName("shared").value();
    const auto recomputedRun = p.annotatorByName("recomputed").value();
    ASSERT_TRUE(sharedRun.has_value() && recomputedRun.has_value());
    EXPECT_EQ(sharedRun->kind, motor::AnnotatorKind::Model);
    EXPECT_EQ(sharedRun->provenance["backend"].toString(), "local");
    for (const auto& c : clips)
        for (const auto& d : p.codebook().dimensions) {
            auto a = p.annotation(c.id, sharedRun->id, d.name);
            ASSERT_TRUE(a.ok() && a->has_value()) << qPrintable(c.key + " " + d.name);
            EXPECT_GE(d.classIndex((*a)->label), 0) << qPrintable((*a)->label);
            EXPECT_GE((*a)->confidence, 0.0);
            EXPECT_LE((*a)->confidence, 1.0);
            auto b = p.annotation(c.id, recomputedRun->id, d.name);
            ASSERT_TRUE(b.ok() && b->has_value());
            EXPECT_EQ((*a)->label, (*b)->label) << qPrintable(c.key + " " + d.name);
            EXPECT_DOUBLE_EQ((*a)->confidence, (*b)->confidence);
        }

    const CliRun eval = motorCli({"eval", demo_, "--reference", "Anna", "--format", "json"});
    ASSERT_EQ(eval.exitCode, 0) << qPrintable(eval.err);
    bool found = false;
    for (const auto& row : QJsonDocument::fromJson(eval.out.toUtf8()).object()["summary"].toArray())
        if (row.toObject()["annotator"].toString() == "shared") {
            found = true;
            EXPECT_TRUE(row.toObject()["average"].isDouble());
        }
    EXPECT_TRUE(found);
}
