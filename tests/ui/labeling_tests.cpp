// Labelling with the keyboard: keys commit through core at once, undo reverts the
// database, N moves to the next unlabelled clip, bad files are refused without a crash.
#include <gtest/gtest.h>

#include <QFile>
#include <QTest>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/labels/LabelPanel.h"
#include "ui/main/ProjectSession.h"

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
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")), QStringLiteral("Neutral"));
    EXPECT_EQ(session->completedClipCount(session->currentExpertId()), 3);
    EXPECT_TRUE(window_->windowTitle().contains(QStringLiteral("3 / 6")));

    // Undo the last change (emotion of clip 3), then one more (cognition back to Mixed).
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_FALSE(storedLabels(third, QStringLiteral("Tester")).contains(QStringLiteral("emotion")));
    QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")), QStringLiteral("Mixed"));
    // Redo brings cognition Neutral back.
    session->undoStack()->redo();
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")), QStringLiteral("Neutral"));

    // Undo across clips: go back to clip 1 and undo there; the undone change is clip 3's.
    session->setCurrentClip(session->clips().first().id);
    session->undoStack()->undo();
    EXPECT_EQ(currentKey(), third);  // undo shows the clip it changes
    EXPECT_EQ(storedLabels(third, QStringLiteral("Tester")).value(QStringLiteral("cognition")), QStringLiteral("Mixed"));

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
    auto a = project.value()->annotation(window_->session()->currentClipId(), tester.value()->id, QStringLiteral("behavior"));
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

}  // namespace
}  // namespace motor::testing
