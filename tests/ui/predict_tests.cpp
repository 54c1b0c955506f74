// The Predict tab: a majority-baseline run from the panel lands in the database and in
// Review like any coder, its clips are listed as they finish, and Cancel stops a slow
// run within a second, keeping the clips already done.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QThread>
#include <QTranslator>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/main/Docs.h"
#include "ui/main/ProjectSession.h"
#include "ui/predict/PredictorPanel.h"
#include "ui/review/ReviewPane.h"

namespace motor::testing {
namespace {

using agents::CancelFlag;

// A backend that takes 150 ms per reply (checking the cancel flag every 10 ms, as the
// real backends do between tokens) and always answers each dimension's first class.
class SlowSession final : public agents::LmSession {
public:
    Status prefill(const agents::LmContent&, const CancelFlag*) override { return {}; }
    Result<std::unique_ptr<agents::LmSession>> fork() const override {
        return std::unique_ptr<agents::LmSession>(std::make_unique<SlowSession>());
    }
    Result<agents::LmOutput> generate(const agents::LmRequest& request, const CancelFlag* cancel) override {
        for (int i = 0; i < 15; ++i) {
            if (agents::cancelled(cancel)) return makeError(QStringLiteral("cancelled"));
            QThread::msleep(10);
        }
        agents::LmOutput out;
        out.constrained = true;
        for (const auto& f : request.constraint.fields) {
            agents::LmFieldResult r;
            r.label = f.labels.value(0);
            r.confidence = 0.5;
            out.fields.insert(f.name, r);
        }
        out.rationale = QStringLiteral("slow");
        return out;
    }
};

class SlowModel final : public agents::LanguageModel {
public:
    QString backendName() const override { return QStringLiteral("baseline"); }
    QJsonObject identity() const override { return QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")}}; }
    agents::LmCapabilities capabilities() const override { return {}; }
    Result<std::unique_ptr<agents::LmSession>> newSession(const agents::SessionInfo&) override {
        return std::unique_ptr<agents::LmSession>(std::make_unique<SlowSession>());
    }
};

class PredictTest : public StudioFixture {};

TEST_F(PredictTest, MajorityBaselineRunAppearsInTheDatabaseAndInReview) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 10;
    openStudio(options);
    QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
    ui::PredictorPanel* panel = window_->predictor();
    ASSERT_TRUE(panel->isVisible());
    panel->setBackend(agents::BackendKind::MajorityBaseline);
    panel->setReferenceExpert(QStringLiteral("Expert A"));
    panel->setClips(ui::PredictorPanel::Clips::All);
    panel->setRunName(QStringLiteral("majority-test"));
    QSignalSpy finished(panel, &ui::PredictorPanel::runFinished);
    // Reported (fourth audit): after this window's own run the status bar said "changes made
    // elsewhere". The run's commits are this window's own.
    QSignalSpy elsewhere(window_->session(), &ui::ProjectSession::changedElsewhere);
    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_TRUE(finished.first().at(0).toBool()) << panel->lastMessage().toStdString();
    EXPECT_FALSE(finished.first().at(1).toBool());
    EXPECT_FALSE(window_->session()->checkForOutsideChanges());
    EXPECT_EQ(elsewhere.count(), 0);

    ui::ProjectSession* session = window_->session();
    const int clips = int(session->clips().size());
    EXPECT_EQ(panel->resultsTable()->rowCount(), clips);
    EXPECT_EQ(panel->progressBar()->value(), clips);
    EXPECT_FALSE(panel->resultsTable()->item(0, 1)->text().isEmpty());
    EXPECT_EQ(panel->whereLabel()->text(), QStringLiteral("Running on: cpu (a baseline: counts Expert A's labels)"));

    // In the database, through a connection of our own.
    auto project = Project::open(projectPath_);
    ASSERT_TRUE(project.ok());
    auto run = project.value()->annotatorByName(QStringLiteral("majority-test"));
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(run.value().has_value());
    EXPECT_EQ(run.value()->kind, AnnotatorKind::Baseline);
    auto done = project.value()->finishedRunClips(run.value()->id);
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(int(done.value().size()), clips);

    // In the session and the review pane, like any coder.
    const Annotator* coder = session->annotator(run.value()->id);
    ASSERT_NE(coder, nullptr);
    const qint64 clipId = session->clips().at(1).id;
    EXPECT_FALSE(session->label(clipId, coder->id, QStringLiteral("behavior")).isEmpty());
    window_->showView(ui::MainWindow::View::Review);
    session->setCurrentClip(session->clips().first().id);
    session->setCurrentClip(clipId);
    QTableWidget* coders = window_->review()->codersTable();
    bool found = false;
    for (int r = 0; r < coders->rowCount(); ++r)
        if (coders->verticalHeaderItem(r) &&
            coders->verticalHeaderItem(r)->text().contains(QStringLiteral("majority-test")))
            found = true;
    EXPECT_TRUE(found);
}

TEST_F(PredictTest, CancelStopsASlowRunWithinASecond) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.clipCount = 40;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Predict);
    ui::PredictorPanel* panel = window_->predictor();
    panel->job()->setModelFactoryForTesting([](Project&) -> Result<std::unique_ptr<agents::LanguageModel>> {
        return std::unique_ptr<agents::LanguageModel>(std::make_unique<SlowModel>());
    });
    panel->setRunName(QStringLiteral("slow-run"));
    QSignalSpy clipDone(panel->job(), &ui::PredictionJob::clipsFinished);
    QSignalSpy finished(panel, &ui::PredictorPanel::runFinished);
    panel->startRun();
    EXPECT_TRUE(panel->isRunning());
    EXPECT_FALSE(panel->startButton()->isEnabled());
    ASSERT_TRUE(clipDone.wait(20000));  // live results arrive while the run goes on
    ASSERT_TRUE(panel->cancelButton()->isEnabled());
    QElapsedTimer t;
    t.start();
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(5000));
    EXPECT_LT(t.elapsed(), 1500);
    EXPECT_TRUE(finished.first().at(0).toBool()) << panel->lastMessage().toStdString();
    EXPECT_TRUE(finished.first().at(1).toBool());  // cancelled
    EXPECT_TRUE(panel->startButton()->isEnabled());

    auto project = Project::open(projectPath_);
    ASSERT_TRUE(project.ok());
    auto run = project.value()->annotatorByName(QStringLiteral("slow-run"));
    ASSERT_TRUE(run.ok() && run.value().has_value());
    auto done = project.value()->finishedRunClips(run.value()->id);
    ASSERT_TRUE(done.ok());
    EXPECT_GE(done.value().size(), 1);
    EXPECT_LT(done.value().size(), 40);
}

TEST_F(PredictTest, RemoteServerAsksBeforeSendingFrames) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    ui::PredictorPanel* panel = window_->predictor();
    window_->showView(ui::MainWindow::View::Predict);
    panel->setBackend(agents::BackendKind::OpenAi);
    QCheckBox* confirm = nullptr;
    for (QCheckBox* box : panel->findChildren<QCheckBox*>())
        if (box->text().contains(QStringLiteral("Send frames"))) confirm = box;
    ASSERT_NE(confirm, nullptr);
    auto* url = panel->findChild<QLineEdit*>(QStringLiteral("PredictUrl"));
    ASSERT_NE(url, nullptr);
    EXPECT_FALSE(confirm->isVisible());  // loopback by default
    url->setText(QStringLiteral("https://models.example.org/v1"));
    EXPECT_TRUE(confirm->isVisible());
    EXPECT_FALSE(panel->config().backend.allowRemoteFrames);
    confirm->setChecked(true);
    EXPECT_TRUE(panel->config().backend.allowRemoteFrames);
    panel->setMode(agents::PredictorMode::TextOnly);  // no frames, nothing to confirm
    EXPECT_FALSE(confirm->isVisible());

    // Several servers, separated by commas: the run spreads its clips over them, and one
    // yes covers every one that is not this computer, each named.
    panel->setMode(agents::PredictorMode::MotorMas);
    url->setText(QStringLiteral("http://127.0.0.1:8000/v1, http://gpu2:8000/v1,http://gpu3:8000/v1"));
    EXPECT_EQ(panel->config().backend.urls,
              (QStringList{"http://127.0.0.1:8000/v1", "http://gpu2:8000/v1", "http://gpu3:8000/v1"}));
    EXPECT_TRUE(confirm->isVisible());
    EXPECT_TRUE(confirm->toolTip().contains(QStringLiteral("gpu2, gpu3"))) << confirm->toolTip().toStdString();
    EXPECT_FALSE(confirm->toolTip().contains(QStringLiteral("127.0.0.1"))) << confirm->toolTip().toStdString();
}

// Every `motor predict` option is in the GUI (Advanced), and the run name suggestion
// follows the backend and the model.
TEST_F(PredictTest, AdvancedHoldsEveryCliOptionAndTheRunNameFollowsTheBackend) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Predict);
    ui::PredictorPanel* panel = window_->predictor();
    panel->setBackend(agents::BackendKind::MajorityBaseline);
    EXPECT_TRUE(panel->runNameField()->placeholderText().contains(QStringLiteral("baseline:majority")));
    panel->setBackend(agents::BackendKind::CueBaseline);
    EXPECT_TRUE(panel->runNameField()->placeholderText().contains(QStringLiteral("baseline:transcript-cues")));
    panel->setBackend(agents::BackendKind::Local);
    panel->setModelPath(QStringLiteral("/models/qwen3-0.6b-q8_0.gguf"));
    panel->setMode(agents::PredictorMode::TextOnly);
    EXPECT_TRUE(
        panel->runNameField()->placeholderText().contains(QStringLiteral("local:qwen3-0.6b-q8_0.gguf:text-only")))
        << panel->runNameField()->placeholderText().toStdString();
    EXPECT_TRUE(panel->modelInfo()->text().contains(QStringLiteral("missing")) ||
                panel->modelInfo()->text().contains(QStringLiteral("Cannot use")))
        << panel->modelInfo()->text().toStdString();

    // Advanced: device, threads, batch, timeout, retries, rationale, prefix sharing, prompts.
    QWidget* advanced = panel->advancedBox();
    ASSERT_NE(advanced, nullptr);
    const auto spins = advanced->findChildren<QSpinBox*>();
    ASSERT_EQ(spins.size(), 5);
    spins[0]->setValue(3);                                  // threads
    spins[1]->setValue(6);                                  // batch
    spins[2]->setValue(30);                                 // timeout
    spins[3]->setValue(0);                                  // retries
    spins[4]->setValue(120);                                // rationale
    advanced->findChild<QComboBox*>()->setCurrentIndex(1);  // cpu
    advanced->findChild<QCheckBox*>()->setChecked(false);   // prefix sharing off
    advanced->findChild<QLineEdit*>()->setText(QStringLiteral("/prompts"));
    const ui::PredictConfig c = panel->config();
    EXPECT_EQ(c.backend.threads, 3);
    EXPECT_EQ(c.backend.batch, 6);
    EXPECT_EQ(c.backend.timeoutS, 30);
    EXPECT_EQ(c.backend.retries, 0);
    EXPECT_EQ(c.backend.device, QStringLiteral("cpu"));
    EXPECT_EQ(c.maxRationaleChars, 120);
    EXPECT_EQ(c.prefixSharing, agents::PrefixSharing::Off);
    EXPECT_EQ(c.promptDir, QStringLiteral("/prompts"));
}

// The Predict tab's help opens docs/MODELS.md inside the application (built into the
// resources, so it works installed too).
TEST_F(PredictTest, LocalModelHelpOpensTheModelGuide) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Predict);
    ui::PredictorPanel* panel = window_->predictor();
    panel->setBackend(agents::BackendKind::Local);
    EXPECT_TRUE(ui::docsText(QStringLiteral("MODELS.md")).contains(QStringLiteral("InternVL3.5")));
    QLabel* help = nullptr;
    for (QLabel* l : panel->findChildren<QLabel*>())
        if (l->text().contains(QStringLiteral("help:MODELS.md"))) help = l;
    ASSERT_NE(help, nullptr);
    emit help->linkActivated(QStringLiteral("help:MODELS.md"));
    auto* dialog = panel->findChild<QDialog*>(QStringLiteral("HelpDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    dialog->close();
}

// A local model from the panel on a machine without a GPU: the device is auto, the run
// goes on the CPU, and the panel says where it runs and why not on the GPU.
TEST_F(PredictTest, ALocalRunSaysWhereTheModelRuns) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 2;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Predict);
    ui::PredictorPanel* panel = window_->predictor();
    panel->setBackend(agents::BackendKind::Local);
    panel->setModelPath(QStringLiteral(MOTOR_SHARED_TESTDATA "/models/stories260K.gguf"));
    panel->setMode(agents::PredictorMode::TextOnly);
    panel->setClips(ui::PredictorPanel::Clips::All);
    panel->setRunName(QStringLiteral("local-where"));
    EXPECT_EQ(panel->config().backend.device, QStringLiteral("auto"));
    QSignalSpy finished(panel, &ui::PredictorPanel::runFinished);
    QTest::mouseClick(panel->startButton(), Qt::LeftButton);
    ASSERT_TRUE(finished.wait(120000));
    ASSERT_TRUE(finished.first().at(0).toBool()) << panel->lastMessage().toStdString();
    const QString where = panel->whereLabel()->text();
    EXPECT_TRUE(panel->whereLabel()->isVisibleTo(panel));
    if (where.contains(QStringLiteral("Running on: cuda: "))) GTEST_SKIP() << "a GPU ran it: " << where.toStdString();
    EXPECT_TRUE(where.startsWith(QStringLiteral("Running on: cpu ("))) << where.toStdString();
    EXPECT_TRUE(where.contains(QStringLiteral("the GPU was not used: cuda: "))) << where.toStdString();
    // Review's row of the run says the same (from the run's provenance in the project).
    ui::ProjectSession* session = window_->session();
    window_->showView(ui::MainWindow::View::Review);
    session->setCurrentClip(session->clips().first().id);
    QTableWidget* coders = window_->review()->codersTable();
    QString tip;
    for (int r = 0; r < coders->rowCount(); ++r)
        if (coders->verticalHeaderItem(r) &&
            coders->verticalHeaderItem(r)->text().contains(QStringLiteral("local-where")))
            tip = coders->verticalHeaderItem(r)->toolTip();
    EXPECT_TRUE(tip.contains(QStringLiteral("Backend: local · stories260K.gguf"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Ran on: cpu ("))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("Not on the GPU: cuda: "))) << tip.toStdString();
}

TEST(PredictTranslations, NewPanelsAreInFinnish) {
    QTranslator fi;
    ASSERT_TRUE(fi.load(QStringLiteral(":/i18n/motor_fi.qm")));
    EXPECT_EQ(fi.translate("motor::ui::MainWindow", "&Predict"), QStringLiteral("&Ennusta"));
    EXPECT_EQ(fi.translate("motor::ui::PredictorPanel", "Send frames to this server"),
              QStringLiteral("Lähetä kuvat tälle palvelimelle"));
    EXPECT_EQ(fi.translate("motor::ui::DataTransfer", "&Export dataset…"), QStringLiteral("Vie a&ineisto…"));
    EXPECT_EQ(fi.translate("motor::ui::ExportDialog", "Export folder"), QStringLiteral("Vientikansio"));
}

}  // namespace
}  // namespace motor::testing
