// Issue 16: coders on separate laptops (Project::mergeFrom), label import that asks
// before overwriting, and the exports for statistics programs.
#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/io/CsvReader.h"
#include "core/io/LabelImporter.h"
#include "core/io/StatisticsExporter.h"
#include "core/metrics/ProjectMetrics.h"
#include "core/store/Project.h"
#include "core/support/TestProject.h"

using namespace motor;

namespace {

struct MergeTest : ::testing::Test {
    QTemporaryDir dir;
    QString path(const QString& name) const { return dir.filePath(name); }

    void SetUp() override { test::makeProject(path(QStringLiteral("base.motor")), 6); }
    QString copyOfBase(const QString& name) {
        EXPECT_TRUE(QFile::copy(path(QStringLiteral("base.motor")), path(name)));
        return path(name);
    }
};

std::unique_ptr<Project> openProject(const QString& path) {
    auto p = Project::open(path);
    EXPECT_TRUE(p.ok()) << qPrintable(p.error().message);
    return p.ok() ? std::move(p.value()) : nullptr;
}

void label(Project& p, const QString& coder, int clipIndex, const QString& dim, const QString& value,
           const QString& note = {}, int64_t clipTimeMs = -1) {
    const int64_t coderId = p.ensureAnnotator(coder, AnnotatorKind::Human).value();
    LabelWrite w;
    w.clipId = p.clips().value().at(clipIndex).id;
    w.annotatorId = coderId;
    w.dimension = dim;
    w.label = value;
    w.note = note;
    w.clipTimeMs = clipTimeMs;
    w.source = LabelSource::Gui;
    ASSERT_TRUE(p.setLabel(w).ok());
}

// What labelling left in a project, independent of row ids and wall-clock times.
struct Snapshot {
    QStringList labels;
    QStringList history;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(Project& p) {
    Snapshot s;
    QHash<int64_t, QString> coder, clip;
    for (const Annotator& a : p.annotators().value()) coder.insert(a.id, a.name);
    for (const Clip& c : p.clips().value()) clip.insert(c.id, c.key);
    for (const Annotation& a : p.annotations().value())
        s.labels << QStringList{clip[a.clipId], coder[a.annotatorId], a.dimension, a.label, a.note}.join('|');
    for (const AuditEntry& e : p.auditLog().value())
        s.history << QStringList{clip[e.clipId], coder[e.annotatorId],
                                 e.dimension,    e.oldLabel,
                                 e.newLabel,     e.oldNote,
                                 e.newNote,      QString::number(e.clipTimeMs),
                                 e.source}
                         .join('|');
    s.labels.sort();
    s.history.sort();
    return s;
}

// Each coder's work, done the same way in a copy and in the one shared file.
void annaWork(Project& p) {
    label(p, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Monitoring"), {}, 1200);
    label(p, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Mixed"), QStringLiteral("both"),
          4100);
    label(p, QStringLiteral("Anna"), 1, QStringLiteral("emotion"), QStringLiteral("Positive"));
    label(p, QStringLiteral("Anna"), 5, QStringLiteral("cognition"), QStringLiteral("Neutral"));
}
void benWork(Project& p) {
    label(p, QStringLiteral("Ben"), 0, QStringLiteral("behavior"), QStringLiteral("Controlling"));
    label(p, QStringLiteral("Ben"), 2, QStringLiteral("emotion"), QStringLiteral("Negative"), QStringLiteral("frowns"));
    label(p, QStringLiteral("Ben"), 2, QStringLiteral("emotion"), {});  // removed again
    label(p, QStringLiteral("Ben"), 3, QStringLiteral("emotion"), QStringLiteral("Mixed"));
}
void caiWork(Project& p) {
    for (int i = 0; i < 6; ++i)
        label(p, QStringLiteral("Cai"), i, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
}

}  // namespace

TEST_F(MergeTest, ThreeCopiesLabelledApartMergeToWhatOneFileWouldHold) {
    const QString a = copyOfBase(QStringLiteral("anna.motor"));
    const QString b = copyOfBase(QStringLiteral("ben.motor"));
    const QString c = copyOfBase(QStringLiteral("cai.motor"));
    const QString one = copyOfBase(QStringLiteral("one.motor"));
    {
        auto pa = openProject(a), pb = openProject(b), pc = openProject(c), po = openProject(one);
        ASSERT_TRUE(pa && pb && pc && po);
        annaWork(*pa);
        annaWork(*po);
        benWork(*pb);
        benWork(*po);
        caiWork(*pc);
        caiWork(*po);
    }
    auto target = openProject(a);
    ASSERT_TRUE(target);
    auto rb = target->mergeFrom(b, MergeResolution::Report);
    ASSERT_TRUE(rb.ok()) << qPrintable(rb.error().message);
    EXPECT_TRUE(rb->applied);
    EXPECT_TRUE(rb->conflicts.isEmpty());
    EXPECT_EQ(rb->labelsAdded, 2);
    EXPECT_EQ(rb->historyAdded, 4);
    EXPECT_EQ(rb->annotatorsAdded, 1);
    auto rc = target->mergeFrom(c, MergeResolution::Report);
    ASSERT_TRUE(rc.ok()) << qPrintable(rc.error().message);
    EXPECT_EQ(rc->labelsAdded, 6);

    auto reference = openProject(one);
    const Snapshot merged = snapshot(*target), expected = snapshot(*reference);
    EXPECT_EQ(merged.labels, expected.labels);
    EXPECT_EQ(merged.history, expected.history);
    EXPECT_EQ(merged.labels.size(), 3 + 2 + 6);

    // Merging the same copy again changes nothing.
    auto again = target->mergeFrom(b, MergeResolution::Report);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->labelsAdded, 0);
    EXPECT_EQ(again->historyAdded, 0);
    EXPECT_EQ(again->labelsSame, 2);
    EXPECT_TRUE(snapshot(*target) == merged);
}

TEST_F(MergeTest, OneCoderDisagreeingWithHerselfIsAConflictNeverOverwrittenSilently) {
    const QString x = copyOfBase(QStringLiteral("x.motor"));
    const QString y = copyOfBase(QStringLiteral("y.motor"));
    {
        auto px = openProject(x);
        label(*px, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
        label(*px, QStringLiteral("Anna"), 1, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // the copy in y is the later change
    {
        auto py = openProject(y);
        label(*py, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Mixed"),
              QStringLiteral("changed my mind"));
        label(*py, QStringLiteral("Anna"), 2, QStringLiteral("behavior"), QStringLiteral("Controlling"));
    }
    auto target = openProject(x);
    const Snapshot before = snapshot(*target);

    // Report (the default): the conflict is listed and nothing at all is written.
    auto report = target->mergeFrom(y, MergeResolution::Report);
    ASSERT_TRUE(report.ok()) << qPrintable(report.error().message);
    EXPECT_FALSE(report->applied);
    ASSERT_EQ(report->conflicts.size(), 1);
    EXPECT_EQ(report->unresolved(), 1);
    const MergeConflict& c = report->conflicts.front();
    EXPECT_EQ(c.clipKey, QStringLiteral("c001"));
    EXPECT_EQ(c.coder, QStringLiteral("Anna"));
    EXPECT_EQ(c.targetLabel, QStringLiteral("Monitoring"));
    EXPECT_EQ(c.sourceLabel, QStringLiteral("Mixed"));
    EXPECT_EQ(c.sourceNote, QStringLiteral("changed my mind"));
    EXPECT_TRUE(snapshot(*target) == before);

    // A dry run settles on paper only.
    auto dry = target->mergeFrom(y, MergeResolution::TakeSource, true);
    ASSERT_TRUE(dry.ok());
    EXPECT_FALSE(dry->applied);
    EXPECT_EQ(dry->labelsReplaced, 1);
    EXPECT_TRUE(snapshot(*target) == before);

    // Keep: the target's label stays, the rest comes in.
    {
        const QString keep = copyOfBase(QStringLiteral("keep.motor"));
        ASSERT_TRUE(QFile::remove(keep));
        ASSERT_TRUE(QFile::copy(x, keep));
        auto pk = openProject(keep);
        auto r = pk->mergeFrom(y, MergeResolution::KeepTarget);
        ASSERT_TRUE(r.ok());
        EXPECT_TRUE(r->applied);
        EXPECT_EQ(r->conflicts.front().resolvedTo, QStringLiteral("target"));
        EXPECT_EQ(pk->annotation(pk->clips().value().at(0).id, pk->annotatorByName("Anna").value()->id, "behavior")
                      .value()
                      ->label,
                  QStringLiteral("Monitoring"));
        EXPECT_EQ(pk->annotations().value().size(), 3);
    }

    // Newer: y's later change wins, and the log says the merge made it.
    auto newer = target->mergeFrom(y, MergeResolution::Newer);
    ASSERT_TRUE(newer.ok());
    EXPECT_TRUE(newer->applied);
    EXPECT_EQ(newer->conflicts.front().resolvedTo, QStringLiteral("source"));
    const int64_t anna = target->annotatorByName(QStringLiteral("Anna")).value()->id;
    auto now = target->annotation(target->clips().value().at(0).id, anna, QStringLiteral("behavior"));
    EXPECT_EQ(now.value()->label, QStringLiteral("Mixed"));
    EXPECT_EQ(now.value()->note, QStringLiteral("changed my mind"));
    const auto log = target->codingLog().value();
    ASSERT_FALSE(log.isEmpty());
    EXPECT_EQ(log.back().source, QStringLiteral("merge"));
    EXPECT_EQ(log.back().oldLabel, QStringLiteral("Monitoring"));
    EXPECT_EQ(log.back().newLabel, QStringLiteral("Mixed"));
}

TEST_F(MergeTest, CopiesThatCannotBeJoinedAreRefusedUnchanged) {
    const QString x = copyOfBase(QStringLiteral("x.motor"));
    const QString y = copyOfBase(QStringLiteral("y.motor"));
    {
        auto px = openProject(x);
        label(*px, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
        auto py = openProject(y);
        ASSERT_TRUE(py->ensureAnnotator(QStringLiteral("Anna"), AnnotatorKind::Model).ok());
        label(*py, QStringLiteral("Ben"), 1, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
    }
    auto target = openProject(x);
    const Snapshot before = snapshot(*target);
    auto r = target->mergeFrom(y, MergeResolution::Newer);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("y.motor"))) << qPrintable(r.error().message);
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("Anna"))) << qPrintable(r.error().message);
    EXPECT_TRUE(snapshot(*target) == before);
    EXPECT_FALSE(target->annotatorByName(QStringLiteral("Ben")).value().has_value());

    auto self = target->mergeFrom(x, MergeResolution::Report);
    ASSERT_FALSE(self.ok());
    auto missing = target->mergeFrom(path(QStringLiteral("nope.motor")), MergeResolution::Report);
    ASSERT_FALSE(missing.ok());
    EXPECT_TRUE(missing.error().message.contains(QStringLiteral("nope.motor")));
}

TEST_F(MergeTest, LabelImportThatWouldOverwriteAsksFirst) {
    auto p = openProject(copyOfBase(QStringLiteral("p.motor")));
    label(*p, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
    const QString csv = path(QStringLiteral("labels.csv"));
    QFile f(csv);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(
        "clip,annotator,dimension,label\nc001,Anna,behavior,Mixed\nc002,Anna,behavior,Monitoring\n"
        "c003,Anna,behavior,Controlling\n");
    f.close();
    const Snapshot before = snapshot(*p);

    auto refused = io::LabelImporter::importLabels(*p, csv);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_TRUE(
        refused.error().message.contains(QStringLiteral("clip c001, Anna, behavior: Monitoring -> Mixed (line 2)")))
        << qPrintable(refused.error().message);
    EXPECT_TRUE(snapshot(*p) == before);

    io::LabelImportOptions dry;
    dry.dryRun = true;
    auto report = io::LabelImporter::importLabels(*p, csv, {}, dry);
    ASSERT_TRUE(report.ok()) << qPrintable(report.error().message);
    EXPECT_FALSE(report->applied);
    EXPECT_EQ(report->labelsNew, 2);
    ASSERT_EQ(report->changes.size(), 1);
    EXPECT_EQ(report->changes.front().line, 2);
    EXPECT_TRUE(snapshot(*p) == before);

    io::LabelImportOptions overwrite;
    overwrite.overwrite = true;
    auto done = io::LabelImporter::importLabels(*p, csv, {}, overwrite);
    ASSERT_TRUE(done.ok());
    EXPECT_TRUE(done->applied);
    EXPECT_EQ(done->labelsWritten, 3);
    EXPECT_EQ(p->codingLog().value().back().source, QStringLiteral("import"));
    // The same file again: everything is already so, nothing to ask.
    auto again = io::LabelImporter::importLabels(*p, csv);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->labelsUnchanged, 3);
    EXPECT_EQ(again->labelsWritten, 0);
}

TEST_F(MergeTest, WideTableCodingLogAndAgreementExports) {
    auto p = openProject(copyOfBase(QStringLiteral("p.motor")));
    label(*p, QStringLiteral("Ben"), 0, QStringLiteral("behavior"), QStringLiteral("Controlling"),
          QStringLiteral("leads, \"clearly\""), 2500);
    label(*p, QStringLiteral("Anna"), 0, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    label(*p, QStringLiteral("Anna"), 1, QStringLiteral("emotion"), QStringLiteral("Neutral"));
    for (int i = 2; i < 6; ++i) {
        label(*p, QStringLiteral("Anna"), i, QStringLiteral("behavior"),
              i % 2 ? QStringLiteral("Mixed") : QStringLiteral("Monitoring"));
        label(*p, QStringLiteral("Ben"), i, QStringLiteral("behavior"), QStringLiteral("Monitoring"));
    }

    auto rows = io::StatisticsExporter::exportWide(*p, path(QStringLiteral("wide.csv")));
    ASSERT_TRUE(rows.ok()) << qPrintable(rows.error().message);
    EXPECT_EQ(rows.value(), 6);
    auto wide = io::CsvReader::readTable(path(QStringLiteral("wide.csv")));
    ASSERT_TRUE(wide.ok());
    ASSERT_EQ(wide->records.size(), 6);
    // Per coder (by name) and dimension, a label column and a note column.
    // (CsvReader folds header names to lower case.)
    EXPECT_EQ(wide->header.mid(7, 3), (QStringList{"anna.behavior", "anna.behavior.note", "anna.cognition"}));
    EXPECT_EQ(wide->header.size(), 7 + 2 * 3 * 2);
    const auto& first = wide->records.front().fields;
    EXPECT_EQ(first[wide->column("clip")], QStringLiteral("c001"));
    EXPECT_EQ(first[wide->column("anna.behavior")], QStringLiteral("Monitoring"));
    EXPECT_EQ(first[wide->column("ben.behavior")], QStringLiteral("Controlling"));
    EXPECT_EQ(first[wide->column("ben.behavior.note")], QStringLiteral("leads, \"clearly\""));
    EXPECT_EQ(first[wide->column("anna.emotion")], QString());
    EXPECT_EQ(wide->records.at(1).fields[wide->column("anna.emotion")], QStringLiteral("Neutral"));

    auto n = io::StatisticsExporter::exportCodingLog(*p, path(QStringLiteral("log.csv")));
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n.value(), 11);
    auto log = io::CsvReader::readTable(path(QStringLiteral("log.csv")));
    ASSERT_TRUE(log.ok());
    const auto& l0 = log->records.at(0).fields;
    EXPECT_EQ(l0[log->column("coder")], QStringLiteral("Ben"));
    EXPECT_EQ(l0[log->column("clip_time_ms")], QStringLiteral("2500"));
    EXPECT_EQ(l0[log->column("source")], QStringLiteral("gui"));
    EXPECT_EQ(l0[log->column("gap_ms")], QString());
    EXPECT_TRUE(l0[log->column("at")].endsWith('Z'));
    const auto& l2 = log->records.at(2).fields;  // Anna's second change
    EXPECT_EQ(l2[log->column("coder")], QStringLiteral("Anna"));
    const qint64 gap = l2[log->column("gap_ms")].toLongLong();
    EXPECT_EQ(gap,
              l2[log->column("at_ms")].toLongLong() - log->records.at(1).fields[log->column("at_ms")].toLongLong());
    EXPECT_GE(gap, 3);

    ASSERT_TRUE(io::StatisticsExporter::exportAgreement(*p, path(QStringLiteral("agreement.csv")),
                                                        path(QStringLiteral("per_class.csv")),
                                                        path(QStringLiteral("coefficients.csv")))
                    .ok());
    auto labels = metrics::LabelSet::fromProject(*p);
    auto computed = metrics::computeMetrics(labels.value(), {});
    QFile agreement(path(QStringLiteral("agreement.csv")));
    ASSERT_TRUE(agreement.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(agreement.readAll()), metrics::reportCsv(computed->report));
    // The coefficients of the report's Agreement part, one row each, read back as CSV.
    auto coefficients = io::CsvReader::readTable(path(QStringLiteral("coefficients.csv")));
    ASSERT_TRUE(coefficients.ok()) << qPrintable(coefficients.error().message);
    size_t coefficientRows = 0;
    for (const auto& d : computed->report.dimensions()) {
        const auto& a = d.agreement;
        auto find = [&](const QString& statistic, const QString& coderA) -> const QStringList* {
            for (const auto& r : coefficients->records)
                if (r.fields[coefficients->column("dimension")] == d.name &&
                    r.fields[coefficients->column("statistic")] == statistic &&
                    r.fields[coefficients->column("coder_a")] == coderA)
                    return &r.fields;
            return nullptr;
        };
        const QStringList* fleiss = find(QStringLiteral("fleiss_kappa"), {});
        ASSERT_NE(fleiss, nullptr) << qPrintable(d.name);
        // An undefined statistic (NaN: fewer than two experts here) is an empty cell.
        auto expectValue = [&](const QStringList& row, double expected) {
            const QString cell = row[coefficients->column("value")];
            if (std::isnan(expected))
                EXPECT_TRUE(cell.isEmpty()) << qPrintable(cell);
            else
                EXPECT_NEAR(cell.toDouble(), expected, 1e-9);
        };
        expectValue(*fleiss, a.fleiss.kappa);
        EXPECT_EQ((*fleiss)[coefficients->column("n")].toLongLong(), a.fleiss.n);
        EXPECT_EQ((*fleiss)[coefficients->column("coders")], a.annotators.join(QLatin1Char(';')));
        const QStringList* alpha = find(QStringLiteral("krippendorff_alpha"), {});
        ASSERT_NE(alpha, nullptr);
        expectValue(*alpha, a.alpha.alpha);
        for (const auto& pk : a.cohen) {
            const QStringList* cohen = find(QStringLiteral("cohen_kappa"), pk.a);
            ASSERT_NE(cohen, nullptr) << qPrintable(pk.a);
            EXPECT_EQ((*cohen)[coefficients->column("coder_b")], pk.b);
            expectValue(*cohen, pk.kappa);
            EXPECT_EQ((*cohen)[coefficients->column("n")].toLongLong(), pk.n);
        }
        coefficientRows += 2 + a.cohen.size();
    }
    EXPECT_EQ(size_t(coefficients->records.size()), coefficientRows);
}
