// Labelling with the keyboard: keys commit through core at once, undo reverts the
// database, N moves to the next unlabelled clip, bad files are refused without a crash.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/browser/ClipFilterProxy.h"
#include "ui/browser/ClipTableModel.h"
#include "ui/labels/LabelPanel.h"
#include "ui/main/ExpertDialog.h"
#include "ui/main/ProjectSession.h"
#include "ui/transcript/TranscriptPane.h"

namespace motor::testing {
namespace {

class LabelingTest : public StudioFixture {
protected:
    // The labels of one annotator as stored in the file, read through a second connection.
    QHash<QString, QString> storedLabels(const QString& clipKey, const QString& annotatorName) {
        QHash<QString, QString> out;
        auto project = Project::open(projectPath_);
        EXPECT_TRUE(project.ok());
        if (!project) return out;
        auto clip = project.value()->clipByKey(clipKey);
        auto annotator = project.value()->annotatorByName(annotatorName);
        if (!clip || !clip.value() || !annotator || !annotator.value()) return out;
        auto annotations = project.value()->annotationsForClip(clip.value()->id);
        for (const Annotation& a : annotations.value())
            if (a.annotatorId == annotator.value()->id) out.insert(a.dimension, a.label);
        return out;
    }
    QString currentKey() { return window_->session()->clip(window_->session()->currentClipId())->key; }
};

TEST_F(LabelingTest, LabelSeveralClipsWithKeysThenUndoOne) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 6;
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    ASSERT_EQ(session->currentExpertName(), QStringLiteral("Tester"));
    QWidget* target = window_.get();

    // Clip 1: behavior Monitoring (1), cognition Negative (W), emotion Neutral (F).
    const QString first = currentKey();
    QTest::keyClick(target, Qt::Key_1);
    QTest::keyClick(target, Qt::Key_W);
    QTest::keyClick(target, Qt::Key_F);
    EXPECT_EQ(storedLabels(first, QStringLiteral("Tester")),
              (QHash<QString, QString>{{QStringLiteral("behavior"), QStringLiteral("Monitoring")},
                                       {QStringLiteral("cognition"), QStringLiteral("Negative")},
                                       {QStringLiteral("emotion"), QStringLiteral("Neutral")}}));

    // N: next unlabelled clip. Clip 2: Controlling (2), Positive (Q), Positive (A).
    QTest::keyClick(target, Qt::Key_N);
    const QString second = currentKey();
    ASSERT_NE(second, first);
    QTest::keyClick(target, Qt::Key_2);
    QTest::keyClick(target, Qt::Key_Q);
    QTest::keyClick(target, Qt::Key_A);

    // Clip 3: Mixed (3), then change cognition twice (E, then R) and emotion (S).
    QTest::keyClick(target, Qt::Key_N);
    const QString third = currentKey();
    QTest::keyClick(target, Qt::Key_3);
    QTest::keyClick(target, Qt::Key_E);
    QTest::keyClick(target, Qt::Key_R);
    QTest::keyClick(target, Qt::Key_S);
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")),
              QStringLiteral("Neutral"));
    EXPECT_EQ(session->completedClipCount(session->currentExpertId()), 3);
    EXPECT_TRUE(window_->windowTitle().contains(QStringLiteral("3 / 6")));

    // Undo the last change (emotion of clip 3), then one more (cognition back to Mixed).
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_FALSE(storedLabels(third, QStringLiteral("Tester")).contains(QStringLiteral("emotion")));
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")),
              QStringLiteral("Mixed"));
    // Redo brings cognition Neutral back.
    session->undoStack()->redo();
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")),
              QStringLiteral("Neutral"));

    // Undo across clips: go back to clip 1 and undo there; the undone change is clip 3's.
    session->setCurrentClip(session->clips().first().id);
    session->undoStack()->undo();
    EXPECT_EQ(currentKey(), third);  // undo shows the clip it changes
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")),
              QStringLiteral("Mixed"));

    // Pressing a chosen class again clears it.
    session->setCurrentClip(session->clips().first().id);
    QTest::keyClick(target, Qt::Key_1);
    EXPECT_FALSE(storedLabels(first, QStringLiteral("Tester")).contains(QStringLiteral("behavior")));
    // The other coders' labels were never touched.
    EXPECT_EQ(storedLabels(first, QStringLiteral("Expert A")).size(), 3);
}

TEST_F(LabelingTest, NoteIsStoredWithTheLabel) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 2;
    openStudio(options, QStringLiteral("Tester"));
    QTest::keyClick(window_.get(), Qt::Key_1);
    window_->labelPanel()->setNote(0, QStringLiteral("Opettaja keskeyttää."));
    auto project = Project::open(projectPath_);
    ASSERT_TRUE(project.ok());
    auto tester = project.value()->annotatorByName(QStringLiteral("Tester"));
    auto a = project.value()->annotation(window_->session()->currentClipId(), tester.value()->id,
                                         QStringLiteral("behavior"));
    ASSERT_TRUE(a.ok() && a.value().has_value());
    EXPECT_EQ(a.value()->note, QStringLiteral("Opettaja keskeyttää."));
    EXPECT_EQ(a.value()->label, QStringLiteral("Monitoring"));
}

TEST_F(LabelingTest, DamagedProjectShowsCoresErrorAndKeepsRunning) {
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("broken.motor"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("this is not a database at all");
    f.close();
    ui::MainWindow window;
    EXPECT_FALSE(window.openProject(bad, {}, ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(window.lastError().contains(QStringLiteral("not a MOTOR project"))) << window.lastError().toStdString();
    EXPECT_FALSE(window.session()->isOpen());
}

// Reported: on the Metrics tab, after reading the figures, "3" changed the coder's own
// label. Label keys act only where labelling is on screen.
TEST_F(LabelingTest, LabelKeysDoNothingOnTheMetricsAndPredictTabs) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 3;
    openStudio(options, QStringLiteral("Tester"));
    const QString key = currentKey();
    window_->showView(ui::MainWindow::View::Metrics);
    QTest::keyClick(window_.get(), Qt::Key_3);
    QTest::keyClick(window_.get(), Qt::Key_Q);
    EXPECT_TRUE(storedLabels(key, QStringLiteral("Tester")).isEmpty());
    EXPECT_FALSE(window_->labelPanel()->isVisible()) << "the label panel takes the metrics' width";
    window_->showView(ui::MainWindow::View::Predict);
    QTest::keyClick(window_.get(), Qt::Key_2);
    EXPECT_TRUE(storedLabels(key, QStringLiteral("Tester")).isEmpty());
    // Back on the Label and Review views the keys work again.
    window_->showView(ui::MainWindow::View::Review);
    EXPECT_TRUE(window_->labelPanel()->isVisible());
    QTest::keyClick(window_.get(), Qt::Key_3);
    EXPECT_EQ(storedLabels(key, QStringLiteral("Tester")).value(QStringLiteral("behavior")), QStringLiteral("Mixed"));
    window_->showView(ui::MainWindow::View::Label);
    QTest::keyClick(window_.get(), Qt::Key_1);
    EXPECT_EQ(storedLabels(key, QStringLiteral("Tester")).value(QStringLiteral("behavior")),
              QStringLiteral("Monitoring"));
}

// The coder is visible and switchable; on a shared computer the last one is not reused.
TEST_F(LabelingTest, CoderSwitchChangesWhoLabelsAndAskEveryOpenForgetsTheLastOne) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 3;
    openStudio(options, QStringLiteral("Tester"));
    QToolButton* coder = window_->coderButton();
    ASSERT_NE(coder, nullptr);
    EXPECT_TRUE(coder->isVisible());
    EXPECT_TRUE(coder->text().contains(QStringLiteral("Tester"))) << coder->text().toStdString();
    // The menu lists the experts; choosing one switches the coder.
    emit coder->menu()->aboutToShow();
    QAction* expertB = nullptr;
    for (QAction* a : coder->menu()->actions())
        if (a->text() == QStringLiteral("Expert B")) expertB = a;
    ASSERT_NE(expertB, nullptr);
    expertB->trigger();
    EXPECT_EQ(window_->session()->currentExpertName(), QStringLiteral("Expert B"));
    EXPECT_TRUE(coder->text().contains(QStringLiteral("Expert B")));

    // Reopening reuses the remembered coder...
    window_ = std::make_unique<ui::MainWindow>();
    ASSERT_TRUE(window_->openProject(projectPath_, {}, ui::MainWindow::Interaction::Unattended));
    EXPECT_EQ(window_->session()->currentExpertName(), QStringLiteral("Expert B"));
    // ...unless "ask every open" is set: then nobody labels until someone says who.
    ui::ExpertDialog::setAskEveryOpen(true);
    window_ = std::make_unique<ui::MainWindow>();
    ASSERT_TRUE(window_->openProject(projectPath_, {}, ui::MainWindow::Interaction::Unattended));
    ui::ExpertDialog::setAskEveryOpen(false);
    EXPECT_EQ(window_->session()->currentExpertId(), 0);
    EXPECT_TRUE(window_->coderButton()->text().contains(QStringLiteral("none")))
        << window_->coderButton()->text().toStdString();
    EXPECT_TRUE(window_->switchCoder(QStringLiteral("Expert A"), ui::MainWindow::Interaction::Unattended));
    EXPECT_EQ(window_->session()->currentExpertName(), QStringLiteral("Expert A"));
}

// Reported: after the coder was switched, Ctrl+Z undid the previous coder's last label,
// which the screen no longer showed. A switch starts a fresh undo history.
TEST_F(LabelingTest, UndoAfterACoderSwitchNeverChangesTheOtherCodersLabels) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 3;
    openStudio(options, QStringLiteral("Kira"));
    ui::ProjectSession* session = window_->session();
    QWidget* target = window_.get();
    const QString clip = currentKey();
    QTest::keyClick(target, Qt::Key_2);
    QTest::keyClick(target, Qt::Key_R);
    ASSERT_EQ(storedLabels(clip, QStringLiteral("Kira")).value(QStringLiteral("cognition")), QStringLiteral("Neutral"));
    EXPECT_EQ(session->undoStack()->undoText(), QStringLiteral("Set cognition = Neutral on ") + clip);
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Lotta"), ui::MainWindow::Interaction::Unattended));
    EXPECT_FALSE(session->undoStack()->canUndo());
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(storedLabels(clip, QStringLiteral("Kira")),
              (QHash<QString, QString>{{QStringLiteral("behavior"), QStringLiteral("Controlling")},
                                       {QStringLiteral("cognition"), QStringLiteral("Neutral")}}));
    // The new coder's own steps undo as before.
    QTest::keyClick(target, Qt::Key_1);
    EXPECT_EQ(storedLabels(clip, QStringLiteral("Lotta")).value(QStringLiteral("behavior")),
              QStringLiteral("Monitoring"));
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_FALSE(storedLabels(clip, QStringLiteral("Lotta")).contains(QStringLiteral("behavior")));
    EXPECT_EQ(storedLabels(clip, QStringLiteral("Kira")).size(), 2);
}

// Reported (third audit): the keyboard could get stuck or act on hidden clips. Tab leaves
// the clip list instead of walking its cells into the next clip; Return in the search goes
// to the first clip found and Esc leaves the search, so class keys label instead of typing
// there; Esc in a note drops what was typed; a filter that hides the current clip moves to
// the first clip it shows; N stays within the filters and "Unlabelled by me" drops the
// clips labelled once the coder moves on.
TEST_F(LabelingTest, TheKeyboardNeverGetsStuckNorLabelsAHiddenClip) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = 6;  // g1-c001, g2-c002, g3-c003, g1-c004, g2-c005, g3-c006
    options.experts = {};
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    QWidget* target = window_.get();
    ui::ClipBrowser* browser = window_->browser();
    QTableView* table = browser->view();
    window_->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));

    // Tab leaves the table; the clip stays.
    table->setFocus();
    const QString before = currentKey();
    QTest::keyClick(table, Qt::Key_Tab);
    EXPECT_FALSE(table->hasFocus());
    EXPECT_EQ(currentKey(), before);

    // Search, Return: the first clip found, and the keys label it.
    QLineEdit* search = browser->searchField();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("c003"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_EQ(currentKey(), QStringLiteral("g3-c003"));
    EXPECT_FALSE(search->hasFocus());
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : target, Qt::Key_1);
    EXPECT_EQ(search->text(), QStringLiteral("c003"));
    EXPECT_EQ(storedLabels(QStringLiteral("g3-c003"), QStringLiteral("Tester")).value(QStringLiteral("behavior")),
              QStringLiteral("Monitoring"));
    // Reported (fourth audit): a search that hides the clip being labelled highlighted
    // another row, which K / J then started from. No row is highlighted then.
    search->setFocus();
    search->selectAll();
    QTest::keyClicks(search, QStringLiteral("g1-"));
    EXPECT_EQ(currentKey(), QStringLiteral("g3-c003"));
    EXPECT_FALSE(table->selectionModel()->currentIndex().isValid());
    EXPECT_TRUE(table->selectionModel()->selectedRows().isEmpty());
    search->selectAll();
    QTest::keyClicks(search, QStringLiteral("c003"));
    // Esc leaves the search too.
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Escape);
    EXPECT_FALSE(search->hasFocus());
    search->clear();

    // Esc in a note: what was typed goes, the keys are the labels' again.
    window_->labelPanel()->focusNote(0);
    QLineEdit* note = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    ASSERT_NE(note, nullptr);
    QTest::keyClicks(note, QStringLiteral("half a thought"));
    QTest::keyClick(note, Qt::Key_Escape);
    EXPECT_TRUE(note->text().isEmpty()) << note->text().toStdString();
    EXPECT_FALSE(note->hasFocus());
    EXPECT_TRUE(
        session->note(session->currentClipId(), session->currentExpertId(), QStringLiteral("behavior")).isEmpty());

    // Group 2 hides g3-c003: its first clip becomes current.
    QComboBox* group = nullptr;
    for (QComboBox* c : browser->findChildren<QComboBox*>())
        if (c->findData(QStringLiteral("Group 2")) >= 0) group = c;
    ASSERT_NE(group, nullptr);
    group->setCurrentIndex(group->findData(QStringLiteral("Group 2")));
    EXPECT_EQ(currentKey(), QStringLiteral("g2-c002"));
    for (Qt::Key k : {Qt::Key_1, Qt::Key_Q, Qt::Key_A}) QTest::keyClick(target, k);
    // N: the next unlabelled clip the list shows, not g3-c003 or g1-c004.
    QTest::keyClick(target, Qt::Key_N);
    EXPECT_EQ(currentKey(), QStringLiteral("g2-c005"));
    for (Qt::Key k : {Qt::Key_2, Qt::Key_W, Qt::Key_S}) QTest::keyClick(target, k);
    QTest::keyClick(target, Qt::Key_N);
    EXPECT_EQ(currentKey(), QStringLiteral("g2-c005"));
    EXPECT_TRUE(window_->statusBar()->currentMessage().contains(QStringLiteral("clear its filters")))
        << window_->statusBar()->currentMessage().toStdString();

    // Unlabelled by me, all groups: g2-c005 is hidden, so the first unlabelled is current.
    group->setCurrentIndex(0);
    QComboBox* state = nullptr;
    for (QComboBox* c : browser->findChildren<QComboBox*>())
        if (c->findData(int(ui::ClipFilterProxy::StateFilter::UnlabeledByMe)) >= 0) state = c;
    ASSERT_NE(state, nullptr);
    state->setCurrentIndex(state->findData(int(ui::ClipFilterProxy::StateFilter::UnlabeledByMe)));
    EXPECT_EQ(browser->visibleClipCount(), 4);  // g2-c002 and g2-c005 are complete
    EXPECT_EQ(currentKey(), QStringLiteral("g1-c001"));
    for (Qt::Key k : {Qt::Key_3, Qt::Key_E, Qt::Key_D}) QTest::keyClick(target, k);
    EXPECT_EQ(browser->visibleClipCount(), 4);  // not while it is being labelled
    QTest::keyClick(target, Qt::Key_K);
    EXPECT_EQ(currentKey(), QStringLiteral("g1-c004"));
    EXPECT_EQ(browser->visibleClipCount(), 3);
    EXPECT_FALSE(browser->visibleClipIds().contains(session->clips().first().id));
}

// Reported (third audit): two windows on one project never saw each other's labels or
// transcript edits until reopened. What another connection commits is shown within
// seconds, but never while the user is typing into a field.
TEST_F(LabelingTest, ChangesMadeElsewhereAreShownButNotUnderTheUsersTyping) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = 3;
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    const Clip clip = session->clips().first();
    const Clip second = session->clips()[1];  // labelled elsewhere; not the one shown
    session->setCurrentClip(clip.id);
    EXPECT_FALSE(session->checkForOutsideChanges());  // nothing new yet

    // Another window, as another coder, labels the second clip; and edits the first
    // utterance of the clip shown here.
    auto other = Project::open(projectPath_);
    ASSERT_TRUE(other.ok());
    auto coder = other.value()->ensureAnnotator(QStringLiteral("Remote coder"), AnnotatorKind::Human);
    ASSERT_TRUE(coder.ok());
    const int64_t b = coder.value();
    LabelWrite w;
    w.clipId = second.id;
    w.annotatorId = b;
    w.dimension = QStringLiteral("emotion");
    w.label = QStringLiteral("Mixed");
    w.source = LabelSource::Gui;
    ASSERT_TRUE(other.value()->setLabel(w).ok());
    auto utterances = other.value()->utterances(clip.mediaId, clip.startMs, clip.endMs);
    ASSERT_TRUE(utterances.ok() && !utterances->isEmpty());
    Utterance u = utterances->first();
    u.text = QStringLiteral("Changed in the other window");
    ASSERT_TRUE(other.value()->updateUtterance(u).ok());

    // While a note is being typed, nothing is re-read, and the typing stays.
    QTest::keyClick(window_.get(), Qt::Key_1);
    window_->labelPanel()->focusNote(0);
    QLineEdit* note = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    ASSERT_NE(note, nullptr);
    QTest::keyClicks(note, QStringLiteral("still typing"));
    EXPECT_FALSE(session->checkForOutsideChanges());
    EXPECT_NE(session->label(second.id, b, QStringLiteral("emotion")), QStringLiteral("Mixed"));
    EXPECT_EQ(note->text(), QStringLiteral("still typing"));
    QTest::keyClick(note, Qt::Key_Return);

    // Then the watch (every 2 s) brings both in.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 6000 &&
           session->label(second.id, b, QStringLiteral("emotion")) != QStringLiteral("Mixed"))
        QTest::qWait(50);
    EXPECT_EQ(session->label(second.id, b, QStringLiteral("emotion")), QStringLiteral("Mixed"));
    EXPECT_EQ(window_->transcript()->table()->item(0, ui::TranscriptPane::TextColumn)->text(),
              QStringLiteral("Changed in the other window"));
    // The note typed meanwhile was saved, not overwritten.
    EXPECT_EQ(session->note(clip.id, session->currentExpertId(), QStringLiteral("behavior")),
              QStringLiteral("still typing"));
    // Reported (fourth audit): label undo overwrote a newer label from another window as
    // the same coder. Undo of a label changed since in the file is refused and says so.
    QTest::keyClick(window_.get(), Qt::Key_2);  // behavior Controlling, over Monitoring
    ASSERT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")),
              QStringLiteral("Controlling"));
    LabelWrite mine;
    mine.clipId = clip.id;
    mine.annotatorId = session->currentExpertId();
    mine.dimension = QStringLiteral("behavior");
    mine.label = QStringLiteral("Mixed");
    mine.source = LabelSource::Gui;
    ASSERT_TRUE(other.value()->setLabel(mine).ok());  // the same coder, in another window
    session->undoStack()->undo();
    auto stored = other.value()->annotation(clip.id, session->currentExpertId(), QStringLiteral("behavior"));
    ASSERT_TRUE(stored.ok() && stored.value());
    EXPECT_EQ(stored.value()->label, QStringLiteral("Mixed"));
    EXPECT_TRUE(window_->lastError().contains(QStringLiteral("changed since"))) << window_->lastError().toStdString();
    if (auto* box = window_->findChild<QMessageBox*>(QStringLiteral("LabelNotSaved"))) box->close();
    EXPECT_TRUE(session->checkForOutsideChanges());  // the other window's label comes in
    EXPECT_EQ(session->label(clip.id, session->currentExpertId(), QStringLiteral("behavior")), QStringLiteral("Mixed"));
    // This window's own background job (a prediction run, an import) commits through its
    // own connection: not re-read while it runs, re-read at its end, and not called a change
    // made elsewhere.
    QSignalSpy elsewhere(session, &ui::ProjectSession::changedElsewhere);
    session->beginLocalWrites();
    w.dimension = QStringLiteral("cognition");
    w.label = QStringLiteral("Neutral");
    ASSERT_TRUE(other.value()->setLabel(w).ok());
    EXPECT_FALSE(session->checkForOutsideChanges());
    EXPECT_NE(session->label(second.id, b, QStringLiteral("cognition")), QStringLiteral("Neutral"));
    session->endLocalWrites();
    EXPECT_EQ(session->label(second.id, b, QStringLiteral("cognition")), QStringLiteral("Neutral"));
    EXPECT_EQ(elsewhere.count(), 0);
    // A commit elsewhere that changes nothing shown (a setting) resets no view.
    QSignalSpy reloaded(session, &ui::ProjectSession::labelsReloaded);
    ASSERT_TRUE(other.value()->setSetting(QStringLiteral("test-only"), QStringLiteral("x")).ok());
    EXPECT_FALSE(session->checkForOutsideChanges());
    EXPECT_EQ(reloaded.count(), 0);
}

// Reported (third audit): reopening a project always started at the first clip, not where
// the coder had stopped.
TEST_F(LabelingTest, ReopeningComesBackToTheClipLeft) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = 5;
    openStudio(options, QStringLiteral("Tester"));
    const Clip fourth = window_->session()->clips()[3];
    window_->session()->setCurrentClip(fourth.id);
    window_ = std::make_unique<ui::MainWindow>();
    ASSERT_TRUE(window_->openProject(projectPath_, QStringLiteral("Tester"), ui::MainWindow::Interaction::Unattended));
    EXPECT_EQ(currentKey(), fourth.key);
}

// Reported: the first "Who is labelling?" on a computer offered the project's first expert
// ("Expert A"), so Enter labelled as her. Nothing is filled in until this computer has a
// name of its own for the project, and with "ask every open" not even then.
TEST_F(LabelingTest, WhoIsLabellingNeverOffersAnotherExpertsName) {
    openStudio({});
    QSettings().clear();  // this computer has never chosen a coder for the project
    bool shown = false, okEnabled = true;
    QString offered, answer;
    QTimer timer;
    timer.setInterval(20);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<ui::ExpertDialog*>(QApplication::activeModalWidget());
        if (!dialog || shown) return;
        shown = true;
        offered = dialog->expertName();
        okEnabled = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled();
        if (answer.isEmpty()) {
            dialog->reject();
        } else {
            dialog->findChild<QComboBox*>()->setCurrentText(answer);
            dialog->accept();
        }
    });
    timer.start();

    // First open here: the field is empty and OK is off until a name is picked or typed.
    answer = QStringLiteral("New Coder");
    window_ = std::make_unique<ui::MainWindow>();
    window_->show();
    ASSERT_TRUE(window_->openProject(projectPath_, {}, ui::MainWindow::Interaction::Interactive));
    ASSERT_TRUE(shown);
    EXPECT_TRUE(offered.isEmpty()) << offered.toStdString();
    EXPECT_FALSE(okEnabled);
    EXPECT_EQ(window_->session()->currentExpertName(), QStringLiteral("New Coder"));

    // On a shared computer ("ask every open") the last coder is not offered either.
    ui::ExpertDialog::setAskEveryOpen(true);
    shown = false;
    answer.clear();
    window_ = std::make_unique<ui::MainWindow>();
    window_->show();
    ASSERT_TRUE(window_->openProject(projectPath_, {}, ui::MainWindow::Interaction::Interactive));
    ui::ExpertDialog::setAskEveryOpen(false);
    ASSERT_TRUE(shown);
    EXPECT_TRUE(offered.isEmpty()) << offered.toStdString();
    EXPECT_EQ(window_->session()->currentExpertId(), 0);  // cancelled: nobody labels
    timer.stop();
}

// Reported: View ▸ Clips and Labels were checked but greyed out. The clip browser can be
// hidden and shown from there; the label panel, whose actions are the label keys, stays.
TEST_F(LabelingTest, ViewMenuHidesAndShowsTheClipBrowser) {
    openStudio({});
    QAction* clips = nullptr;
    for (QAction* menu : window_->menuBar()->actions())
        if (menu->menu())
            for (QAction* a : menu->menu()->actions())
                if (a->text() == QStringLiteral("Clips")) clips = a;
    ASSERT_NE(clips, nullptr);
    EXPECT_TRUE(clips->isEnabled());
    auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("ClipsDock"));
    ASSERT_NE(dock, nullptr);
    clips->trigger();
    EXPECT_FALSE(dock->isVisible());
    clips->trigger();
    EXPECT_TRUE(dock->isVisible());
    for (QAction* menu : window_->menuBar()->actions()) {
        if (!menu->menu()) continue;
        for (QAction* a : menu->menu()->actions()) EXPECT_NE(a->text(), QStringLiteral("Labels"));
    }
}

// Reported: a new coder's own column sat past the other experts', off screen. The current
// coder's column comes first and follows a switch.
TEST_F(LabelingTest, TheCurrentCodersColumnComesFirst) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options, QStringLiteral("Expert B"));
    auto* table = window_->browser()->findChild<QTableView*>();
    ASSERT_NE(table, nullptr);
    auto firstExpert = [&] {
        return table->model()
            ->headerData(ui::ClipTableModel::FirstExpertColumn, Qt::Horizontal, Qt::DisplayRole)
            .toString();
    };
    EXPECT_TRUE(firstExpert().contains(QStringLiteral("Expert B"))) << firstExpert().toStdString();
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Expert A"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(firstExpert().contains(QStringLiteral("Expert A"))) << firstExpert().toStdString();
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Newcomer"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(firstExpert().contains(QStringLiteral("Newcomer"))) << firstExpert().toStdString();
}

// Codebook names follow the interface language; what is stored stays the id.
TEST_F(LabelingTest, FinnishInterfaceShowsFinnishCodebookNamesAndStoresIds) {
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::Finnish, QLocale::Finland));
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 2;
    openStudio(options, QStringLiteral("Tester"));
    QStringList captions;
    for (QPushButton* b : window_->labelPanel()->findChildren<QPushButton*>()) captions << b->text();
    const QString key = currentKey();
    QTest::keyClick(window_.get(), Qt::Key_1);
    QLocale::setDefault(previous);
    EXPECT_TRUE(captions.contains(QStringLiteral("1  Tarkkailu")))
        << captions.join(QStringLiteral(" | ")).toStdString();
    EXPECT_TRUE(captions.contains(QStringLiteral("F  Neutraali")))
        << captions.join(QStringLiteral(" | ")).toStdString();
    EXPECT_EQ(storedLabels(key, QStringLiteral("Tester")).value(QStringLiteral("behavior")),
              QStringLiteral("Monitoring"));
}

}  // namespace
}  // namespace motor::testing
