// "Never lose a label", through the GUI: the sequence a user reported. motor-studio has
// a project open, runs a prediction from the Predict tab (a second connection in the
// same process), `motor info` opens and closes the project from a terminal, then the
// expert labels a clip and the GUI is killed. The label must be in the file.
//
// The GUI runs in a child process (this test binary again, running the child test
// below), so that it can be SIGKILLed; the parent plays the terminal.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <iostream>
#include <string>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/main/ProjectSession.h"
#include "ui/predict/PredictorPanel.h"

namespace motor::testing {
namespace {

constexpr const char* kChildProjectVar = "MOTOR_LOCK_TEST_PROJECT";
const QString kExpert = QStringLiteral("Lock Tester");

class ProjectLockChild : public StudioFixture {};

// The GUI side; runs only when the parent test starts it.
TEST_F(ProjectLockChild, HoldsTheProjectRunsAPredictionAndLabels) {
    const QString path = qEnvironmentVariable(kChildProjectVar);
    if (path.isEmpty()) GTEST_SKIP() << "run by ProjectLockGuiTest in a child process";
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1400, 900);
    window_->show();
    ASSERT_TRUE(window_->openProject(path, kExpert, ui::MainWindow::Interaction::Unattended))
        << window_->lastError().toStdString();
    QApplication::setActiveWindow(window_.get());
    ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));

    window_->showView(ui::MainWindow::View::Predict);
    ui::PredictorPanel* panel = window_->predictor();
    panel->setBackend(agents::BackendKind::MajorityBaseline);
    panel->setReferenceExpert(QStringLiteral("Expert A"));
    panel->setClips(ui::PredictorPanel::Clips::All);
    panel->setRunName(QStringLiteral("lock-run"));
    QSignalSpy finished(panel, &ui::PredictorPanel::runFinished);
    panel->startRun();
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_TRUE(finished.first().at(0).toBool()) << panel->lastMessage().toStdString();

    std::cout << "LOCKTEST ready" << std::endl;
    std::string line;
    ASSERT_TRUE(std::getline(std::cin, line));
    ASSERT_EQ(line, "go");
    window_->showView(ui::MainWindow::View::Label);
    ui::ProjectSession* session = window_->session();
    const QString key = session->clip(session->currentClipId())->key;
    QTest::keyClick(window_.get(), Qt::Key_2);  // behavior: Controlling, committed at once
    ASSERT_EQ(session->label(session->currentClipId(), session->currentExpertId(), QStringLiteral("behavior")),
              QStringLiteral("Controlling"));
    std::cout << "LOCKTEST committed " << key.toStdString() << std::endl;
    for (;;) QThread::sleep(1);  // until killed
}

// The child's next protocol line ("LOCKTEST ..."); GoogleTest's own output is skipped.
bool waitForLine(QProcess& p, QByteArray* line, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    for (;;) {
        while (p.canReadLine()) {
            const QByteArray next = p.readLine().trimmed();
            if (next.startsWith("LOCKTEST ")) {
                *line = next.mid(9);
                return true;
            }
        }
        if (t.elapsed() > timeoutMs || p.state() == QProcess::NotRunning) return false;
        p.waitForReadyRead(200);
    }
}

TEST(ProjectLockGuiTest, LabelTypedAfterAPredictRunSurvivesAnotherProcessAndAKill) {
    QTemporaryDir dir;
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 6;
    auto path = createFixtureProject(dir.path(), QStringLiteral("demo"), options);
    ASSERT_TRUE(path.ok()) << path.error().message.toStdString();

    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildProjectVar), path.value());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui.setProcessEnvironment(env);
    gui.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    gui.start(QCoreApplication::applicationFilePath(),
              {QStringLiteral("--gtest_filter=ProjectLockChild.HoldsTheProjectRunsAPredictionAndLabels")});
    ASSERT_TRUE(gui.waitForStarted());
    QByteArray line;
    ASSERT_TRUE(waitForLine(gui, &line, 60000)) << "the GUI did not get through its prediction run";
    ASSERT_EQ(line, "ready");

    QProcess info;
    info.start(QStringLiteral(MOTOR_CLI), {QStringLiteral("info"), path.value()});
    ASSERT_TRUE(info.waitForFinished(30000));
    ASSERT_EQ(info.exitCode(), 0) << info.readAllStandardError().toStdString();

    gui.write("go\n");
    ASSERT_TRUE(waitForLine(gui, &line, 30000)) << "the GUI did not label";
    ASSERT_TRUE(line.startsWith("committed ")) << line.toStdString();
    const QString clipKey = QString::fromUtf8(line.mid(10));
    gui.kill();  // SIGKILL
    ASSERT_TRUE(gui.waitForFinished(10000));

    auto project = Project::open(path.value());
    ASSERT_TRUE(project.ok()) << project.error().message.toStdString();
    auto clip = project.value()->clipByKey(clipKey);
    auto expert = project.value()->annotatorByName(kExpert);
    ASSERT_TRUE(clip.ok() && clip.value().has_value());
    ASSERT_TRUE(expert.ok() && expert.value().has_value()) << "the expert the GUI created is lost";
    auto label = project.value()->annotation(clip.value()->id, expert.value()->id, QStringLiteral("behavior"));
    ASSERT_TRUE(label.ok());
    ASSERT_TRUE(label.value().has_value()) << "the label the GUI committed before it was killed is lost";
    EXPECT_EQ(label.value()->label, QStringLiteral("Controlling"));
    EXPECT_EQ(project.value()->integrityCheck().value(), QStringLiteral("ok"));
}

}  // namespace
}  // namespace motor::testing
