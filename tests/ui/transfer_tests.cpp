// File ▸ Import / Export through the GUI: the jobs run off the GUI thread on their own
// connection; an export writes the chosen files, a failing label import shows core's
// error and leaves the project exactly as it was.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <cmath>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/io/DataTransfer.h"
#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor::testing {
namespace {

class TransferTest : public StudioFixture {
protected:
    int annotationCount() const {
        auto project = Project::open(projectPath_);
        EXPECT_TRUE(project.ok());
        if (!project) return -1;
        auto all = project.value()->annotations();
        return all ? int(all.value().size()) : -1;
    }
    void writeFile(const QString& path, const QByteArray& text) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
};

TEST_F(TransferTest, ExportWritesTheChosenFilesOffTheGuiThread) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::DataTransfer* transfer = window_->transfer();
    ASSERT_NE(transfer, nullptr);
    EXPECT_TRUE(transfer->exportAction()->isEnabled());
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    ui::ExportChoice choice;
    choice.folder = dir_.filePath(QStringLiteral("export"));
    choice.csv = true;
    choice.jsonl = true;
    transfer->exportDataset(choice);
    EXPECT_TRUE(transfer->isBusy());
    EXPECT_FALSE(transfer->exportAction()->isEnabled());  // one job at a time
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << transfer->lastError().toStdString();

    QFile csv(choice.folder + QStringLiteral("/labels.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csv.readAll().split('\n');
    EXPECT_GT(rows.size(), 10);
    EXPECT_TRUE(rows.first().startsWith("clip,"));
    QFile jsonl(choice.folder + QStringLiteral("/clips.jsonl"));
    ASSERT_TRUE(jsonl.open(QIODevice::ReadOnly));
    EXPECT_EQ(jsonl.readAll().count('\n'), window_->session()->clips().size());
    EXPECT_FALSE(QFileInfo::exists(choice.folder + QStringLiteral("/elan")));  // not chosen
    EXPECT_TRUE(transfer->exportAction()->isEnabled());
}

TEST_F(TransferTest, FailingLabelImportShowsTheErrorAndChangesNothing) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    const int before = annotationCount();
    const int annotatorsBefore = int(window_->session()->annotators().size());
    const QString key = window_->session()->clips().first().key;
    // Row 2 is fine, row 3 names a clip the project does not have: the whole file is refused.
    const QString csv = dir_.filePath(QStringLiteral("bad.csv"));
    writeFile(csv, QStringLiteral("clip,annotator,dimension,label\n%1,New Coder,behavior,Monitoring\n"
                                  "no-such-clip,New Coder,behavior,Monitoring\n")
                       .arg(key)
                       .toUtf8());
    ui::DataTransfer* transfer = window_->transfer();
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    transfer->importLabels(csv);
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_FALSE(transfer->lastError().isEmpty());

    // Waited for by hand: a failed QTRY_ macro returns without telling GoogleTest.
    QMessageBox* box = nullptr;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 5000 && !(box && box->isVisible())) {
        QTest::qWait(20);
        box = window_->findChild<QMessageBox*>(QStringLiteral("TransferError"));
    }
    ASSERT_NE(box, nullptr);
    ASSERT_TRUE(box->isVisible());
    EXPECT_TRUE(box->text().contains(QStringLiteral("Nothing was changed"))) << box->text().toStdString();
    EXPECT_EQ(box->informativeText(), transfer->lastError());
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("bad.csv"))) << box->informativeText().toStdString();
    box->accept();

    EXPECT_EQ(annotationCount(), before);
    EXPECT_EQ(int(window_->session()->annotators().size()), annotatorsBefore);
    EXPECT_EQ(window_->session()->annotator(0), nullptr);
}

TEST_F(TransferTest, LabelImportReloadsTheSession) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::ProjectSession* session = window_->session();
    const qint64 clipId = session->clips().first().id;
    const QString csv = dir_.filePath(QStringLiteral("good.csv"));
    writeFile(csv, QStringLiteral("clip,annotator,dimension,label\n%1,New Coder,behavior,Monitoring\n")
                       .arg(session->clips().first().key)
                       .toUtf8());
    QSignalSpy done(window_->transfer(), &ui::DataTransfer::finished);
    window_->transfer()->importLabels(csv);
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << window_->transfer()->lastError().toStdString();
    int64_t coder = 0;
    for (const Annotator& a : session->annotators())
        if (a.name == QLatin1String("New Coder")) coder = a.id;
    ASSERT_NE(coder, 0);
    EXPECT_EQ(session->label(clipId, coder, QStringLiteral("behavior")), QStringLiteral("Monitoring"));
}

TEST_F(TransferTest, TranscriptImportReplacesTheRecordingsTranscript) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::ProjectSession* session = window_->session();
    const Clip first = session->clips().first();
    const QString mediaPath = session->mediaPath(first.mediaId);
    const QString srt = dir_.filePath(QStringLiteral("lesson.srt"));
    writeFile(srt, QByteArrayLiteral("1\n00:00:00,500 --> 00:00:02,000\nMitä meidän pitää tehdä seuraavaksi?\n\n"
                                     "2\n00:00:02,500 --> 00:00:03,500\nTarkistetaan ensin ohjeet.\n"));
    QSignalSpy done(window_->transfer(), &ui::DataTransfer::finished);
    // The fixture recording has a transcript: the user is asked, and says Replace.
    QTimer::singleShot(0, window_.get(), [this] {
        auto* box = window_->findChild<QMessageBox*>(QStringLiteral("TranscriptMergeQuestion"));
        ASSERT_NE(box, nullptr);
        EXPECT_TRUE(box->text().contains(QStringLiteral("already has a transcript"))) << box->text().toStdString();
        box->findChild<QPushButton*>(QStringLiteral("ReplaceButton"))->click();
    });
    const auto merge = window_->transfer()->askTranscriptMerge(mediaPath);
    ASSERT_TRUE(merge.has_value());
    ASSERT_EQ(*merge, io::TranscriptMerge::Replace);
    window_->transfer()->importTranscripts(mediaPath, {srt}, QStringLiteral("fi"), *merge);
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << window_->transfer()->lastError().toStdString();
    EXPECT_TRUE(done.first().at(1).toString().contains(QStringLiteral("Replaced")))
        << done.first().at(1).toString().toStdString();
    auto project = Project::open(projectPath_);
    ASSERT_TRUE(project.ok());
    auto utterances = project.value()->utterances(first.mediaId, 0, 10000);
    ASSERT_TRUE(utterances.ok());
    ASSERT_EQ(utterances.value().size(), 2);
    EXPECT_EQ(utterances.value().first().text, QStringLiteral("Mitä meidän pitää tehdä seuraavaksi?"));
}

TEST_F(TransferTest, FailingMediaImportAddsNoClips) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    const int clipsBefore = int(window_->session()->clips().size());
    const QString notVideo = dir_.filePath(QStringLiteral("notes.mp4"));
    writeFile(notVideo, QByteArrayLiteral("this is not a video"));
    QSignalSpy done(window_->transfer(), &ui::DataTransfer::finished);
    window_->transfer()->importMedia({notVideo});
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_FALSE(window_->transfer()->lastError().isEmpty());
    EXPECT_EQ(int(window_->session()->clips().size()), clipsBefore);
    if (auto* box = window_->findChild<QMessageBox*>(QStringLiteral("TransferError"))) box->accept();
}

}  // namespace
}  // namespace motor::testing

namespace motor::testing {
namespace {

QMessageBox* waitForBox(QWidget* window, const QString& name) {
    QMessageBox* box = nullptr;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 10000 && !(box && box->isVisible())) {
        QTest::qWait(20);
        box = window->findChild<QMessageBox*>(name);
    }
    return box && box->isVisible() ? box : nullptr;
}

QPushButton* buttonWithText(QMessageBox* box, const QString& text) {
    for (QAbstractButton* b : box->buttons())
        if (b->text() == text) return qobject_cast<QPushButton*>(b);
    return nullptr;
}

// File ▸ Merge: a coder's laptop copy comes in; the same coder's differing label is a
// conflict the user settles in a dialog, never overwritten silently.
TEST_F(TransferTest, MergeACodersCopyAsksHowToSettleConflicts) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    // The laptop copy: the same project (same seed), where Expert A changed one label
    // later and Expert C labelled a clip.
    auto laptop = createFixtureProject(dir_.path(), QStringLiteral("laptop"), options);
    ASSERT_TRUE(laptop.ok()) << laptop.error().message.toStdString();
    openStudio(options);
    ui::ProjectSession* session = window_->session();
    const Clip clip = session->clips().first();
    const int64_t expertA = session->currentExpertId();
    const QString mine = session->label(clip.id, expertA, QStringLiteral("behavior"));
    ASSERT_FALSE(mine.isEmpty());
    const QString theirs = mine == QLatin1String("Mixed") ? QStringLiteral("Monitoring") : QStringLiteral("Mixed");
    QTest::qWait(5);
    {
        auto p = Project::open(laptop.value());
        ASSERT_TRUE(p.ok());
        const int64_t a = p.value()->annotatorByName(QStringLiteral("Expert A")).value()->id;
        const int64_t c = p.value()->ensureAnnotator(QStringLiteral("Expert C"), AnnotatorKind::Human).value();
        ASSERT_TRUE(
            p.value()
                ->setLabel(
                    {clip.id, a, QStringLiteral("behavior"), theirs, QStringLiteral("laughing"), {}, std::nan("")})
                .ok());
        ASSERT_TRUE(
            p.value()
                ->setLabel({clip.id, c, QStringLiteral("emotion"), QStringLiteral("Neutral"), {}, {}, std::nan("")})
                .ok());
    }
    const int before = annotationCount();

    ui::DataTransfer* transfer = window_->transfer();
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    transfer->mergeProjects({laptop.value()});
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_EQ(annotationCount(), before);  // nothing written yet

    QMessageBox* box = waitForBox(window_.get(), QStringLiteral("ConflictQuestion"));
    ASSERT_NE(box, nullptr);
    // The interface's names, each side's note, and which side is newer (the laptop's).
    const Codebook& cb = session->codebook();
    EXPECT_TRUE(box->informativeText().contains(QStringLiteral("%1: here %2, there %3 (\"laughing\") (newer)")
                                                    .arg(ui::dimensionTitle(cb, QStringLiteral("behavior")),
                                                         ui::classTitle(cb, QStringLiteral("behavior"), mine),
                                                         ui::classTitle(cb, QStringLiteral("behavior"), theirs))))
        << box->informativeText().toStdString();
    QPushButton* newer = buttonWithText(box, QStringLiteral("The &newer change wins"));
    ASSERT_NE(newer, nullptr);
    done.clear();
    newer->click();
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << transfer->lastError().toStdString();

    EXPECT_EQ(session->label(clip.id, expertA, QStringLiteral("behavior")), theirs);
    int64_t expertC = 0;
    for (const Annotator& a : session->annotators())
        if (a.name == QLatin1String("Expert C")) expertC = a.id;
    ASSERT_NE(expertC, 0);
    EXPECT_EQ(session->label(clip.id, expertC, QStringLiteral("emotion")), QStringLiteral("Neutral"));
    EXPECT_EQ(annotationCount(), before + 1);
}

// Import labels: a file that would change an expert's labels asks first.
// Reported: Merge ▸ Cancel left nothing in the status bar; a user could not tell that
// cancelling was safe.
TEST_F(TransferTest, CancellingTheMergeSaysNothingChanged) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    openStudio(options);
    const int before = annotationCount();
    QTimer cancel;
    cancel.setInterval(20);
    QObject::connect(&cancel, &QTimer::timeout, [] {
        if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) dialog->reject();
    });
    cancel.start();
    window_->transfer()->mergeProjectsDialog();
    cancel.stop();
    EXPECT_TRUE(window_->statusBar()->currentMessage().contains(QStringLiteral("Merge cancelled: nothing changed")))
        << window_->statusBar()->currentMessage().toStdString();
    EXPECT_EQ(annotationCount(), before);
}

TEST_F(TransferTest, LabelImportThatWouldOverwriteAsksFirst) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::ProjectSession* session = window_->session();
    const Clip clip = session->clips().first();
    const QString mine = session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior"));
    ASSERT_FALSE(mine.isEmpty());
    const QString theirs = mine == QLatin1String("Mixed") ? QStringLiteral("Monitoring") : QStringLiteral("Mixed");
    const QString csv = dir_.filePath(QStringLiteral("change.csv"));
    writeFile(
        csv,
        QStringLiteral("clip,annotator,dimension,label\n%1,Expert A,behavior,%2\n").arg(clip.key, theirs).toUtf8());
    ui::DataTransfer* transfer = window_->transfer();
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    transfer->importLabels(csv);
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")), mine);
    QMessageBox* box = waitForBox(window_.get(), QStringLiteral("ConflictQuestion"));
    ASSERT_NE(box, nullptr);
    QPushButton* overwrite = buttonWithText(box, QStringLiteral("&Overwrite them"));
    ASSERT_NE(overwrite, nullptr);
    done.clear();
    overwrite->click();
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << transfer->lastError().toStdString();
    EXPECT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")), theirs);
}

TEST_F(TransferTest, StatisticsExportsFromTheDialogChoice) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::DataTransfer* transfer = window_->transfer();
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    ui::ExportChoice choice;
    choice.folder = dir_.filePath(QStringLiteral("stats"));
    choice.csv = choice.jsonl = false;
    choice.wide = choice.agreement = choice.codingLog = true;
    transfer->exportDataset(choice);
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << transfer->lastError().toStdString();
    for (const char* name : {"wide.csv", "agreement.csv", "per_class.csv", "coefficients.csv", "coding_log.csv"})
        EXPECT_TRUE(QFileInfo(choice.folder + QLatin1Char('/') + QLatin1String(name)).size() > 0) << name;
    EXPECT_FALSE(QFileInfo::exists(choice.folder + QStringLiteral("/labels.csv")));
    QFile wide(choice.folder + QStringLiteral("/wide.csv"));
    ASSERT_TRUE(wide.open(QIODevice::ReadOnly));
    EXPECT_EQ(wide.readAll().count('\n'), window_->session()->clips().size() + 1);
}

// Reported: after a failed export the folder typed was forgotten, and the dialog came back
// with "<project>-export" and its default files. It starts with the last export of this
// project, failed or not, in this session and the next.
TEST_F(TransferTest, TheExportDialogStartsWithTheLastExportEvenAFailedOne) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::DataTransfer* transfer = window_->transfer();
    const ui::ExportChoice first = transfer->exportChoice();
    EXPECT_EQ(first.folder, QFileInfo(projectPath_).absolutePath() + QLatin1Char('/') +
                                QFileInfo(projectPath_).completeBaseName() + QStringLiteral("-export"));
    EXPECT_TRUE(first.csv && first.jsonl && !first.wide);

    // A folder that cannot be made: under a file.
    writeFile(dir_.filePath(QStringLiteral("a-file")), "x");
    ui::ExportChoice choice;
    choice.folder = dir_.filePath(QStringLiteral("a-file/stats"));
    choice.csv = choice.jsonl = false;
    choice.wide = choice.codingLog = true;
    QSignalSpy done(transfer, &ui::DataTransfer::finished);
    transfer->exportDataset(choice);
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_TRUE(transfer->lastError().contains(choice.folder)) << transfer->lastError().toStdString();

    // File ▸ Export dataset… comes back with them.
    QString folderShown;
    bool wideShown = false, csvShown = true;
    QTimer::singleShot(0, [&] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (auto* folder = dialog ? dialog->findChild<QLineEdit*>(QStringLiteral("ExportFolder")) : nullptr)
            folderShown = folder->text();
        if (auto* wide = dialog ? dialog->findChild<QCheckBox*>(QStringLiteral("ExportWide")) : nullptr)
            wideShown = wide->isChecked();
        if (auto* csv = dialog ? dialog->findChild<QCheckBox*>(QStringLiteral("ExportCsv")) : nullptr)
            csvShown = csv->isChecked();
        if (dialog) dialog->close();
    });
    transfer->exportAction()->trigger();
    EXPECT_EQ(folderShown, choice.folder);
    EXPECT_TRUE(wideShown);
    EXPECT_FALSE(csvShown);

    // And after the studio is closed and opened again; another project keeps its own.
    window_.reset();
    window_ = std::make_unique<ui::MainWindow>();
    ASSERT_TRUE(window_->openProject(projectPath_, QStringLiteral("Expert A")));
    const ui::ExportChoice again = window_->transfer()->exportChoice();
    EXPECT_EQ(again.folder, choice.folder);
    EXPECT_TRUE(again.wide && again.codingLog && !again.csv && !again.jsonl && !again.agreement);
}

}  // namespace
}  // namespace motor::testing
