// File ▸ Transcribe recording… and the transcript pane's button: a recording transcribed
// in the background with the small random Whisper fixture (tests/data/whisper), the pane
// showing the new transcript; Cancel leaves the project as it was; the audio goes to a
// server that is not this machine only when the check box says so; a server's upload shows
// on the progress bar.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <limits>

#include "../core/support/ChatServer.h"
#include "core/speech/Transcriber.h"
#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/main/ProjectSession.h"
#include "ui/transcript/TranscribeDialog.h"
#include "ui/transcript/TranscriptPane.h"
#include "ui/transcript/TranscriptionJob.h"

namespace motor::testing {
namespace {

class TranscribeTest : public StudioFixture {
protected:
    void SetUp() override {
        FixtureOptions o;
        o.clipCount = 3;  // 12 s of audio
        o.withModels = false;
        openStudio(o);
    }
    QVector<Utterance> utterances() {
        auto p = Project::open(projectPath_);
        EXPECT_TRUE(p.ok());
        return p.value()
            ->utterances(window_->session()->clips().first().mediaId, 0, std::numeric_limits<int64_t>::max())
            .value();
    }
    // Answers the "Replace the transcript?" question of the next start: Replace, or Cancel.
    void answerReplace(bool replace) {
        answer_.disconnect();
        answer_.setInterval(20);
        QObject::connect(&answer_, &QTimer::timeout, [this, replace] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QStringLiteral("TranscribeConfirmReplace")) return;
            asked_ = box->text();
            for (QAbstractButton* b : box->buttons())
                if ((box->buttonRole(b) == QMessageBox::DestructiveRole) == replace) b->click();
            answer_.stop();
        });
        answer_.start();
    }
    QTimer answer_;
    QString asked_;
    ui::TranscribeDialog* dialogForTinyModel() {
        ui::TranscribeDialog* d = window_->openTranscribeDialog();
        EXPECT_NE(d, nullptr);
        d->findChild<QComboBox*>(QStringLiteral("TranscribeModel"))
            ->setCurrentText(QStringLiteral(MOTOR_TEST_DATA "/whisper/tiny80"));
        auto* language = d->findChild<QComboBox*>(QStringLiteral("TranscribeLanguage"));
        language->setCurrentIndex(language->findData(QStringLiteral("en")));
        return d;
    }
};

// The File menu's action (by name: the interface may be in Finnish).
QAction* fileMenuAction(QMenuBar* bar, const QString& name) {
    QMenu* file = bar->actions().value(0) ? bar->actions().value(0)->menu() : nullptr;
    if (!file) return nullptr;
    for (QAction* a : file->actions())
        if (a->objectName() == name) return a;
    return nullptr;
}

}  // namespace

TEST_F(TranscribeTest, FileMenuTranscribesTheRecordingInTheBackgroundAndThePaneShowsIt) {
    const auto before = utterances();
    ASSERT_FALSE(before.isEmpty());
    QAction* action = fileMenuAction(window_->menuBar(), QStringLiteral("TranscribeRecordingAction"));
    ASSERT_NE(action, nullptr);
    action->trigger();
    auto* shown = window_->findChild<ui::TranscribeDialog*>();
    ASSERT_NE(shown, nullptr);
    EXPECT_TRUE(shown->isVisible());
    // Opened again while idle, it is made afresh (recordings and transcripts may have changed).
    ui::TranscribeDialog* d = dialogForTinyModel();
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(window_->findChildren<ui::TranscribeDialog*>().size(), 1);
    // The recording has a transcript: the choice is shown, replace by default.
    auto* replace = d->findChild<QRadioButton*>(QStringLiteral("TranscribeReplace"));
    EXPECT_FALSE(replace->isHidden());
    EXPECT_TRUE(replace->isChecked());

    QSignalSpy progress(d->job(), &ui::TranscriptionJob::progressed);
    QSignalSpy done(d->job(), &ui::TranscriptionJob::finished);
    // No progress bar before a run: an empty bar says nothing.
    EXPECT_TRUE(d->findChild<QProgressBar*>(QStringLiteral("TranscribeProgress"))->isHidden());
    // Replacing a transcript is asked first; the default, Cancel, changes nothing.
    answerReplace(false);
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("TranscribeStart")), Qt::LeftButton);
    EXPECT_FALSE(d->isRunning());
    EXPECT_TRUE(asked_.contains(QString::number(before.size()))) << asked_.toStdString();
    EXPECT_EQ(utterances().size(), before.size());
    answerReplace(true);
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("TranscribeStart")), Qt::LeftButton);
    EXPECT_TRUE(d->isRunning());
    EXPECT_FALSE(d->findChild<QProgressBar*>(QStringLiteral("TranscribeProgress"))->isHidden());
    // The GUI thread is free meanwhile: the event loop runs the spy's wait.
    ASSERT_TRUE(done.wait(120000));
    EXPECT_TRUE(done.first().at(0).toBool()) << done.first().at(2).toString().toStdString();
    EXPECT_FALSE(progress.isEmpty());
    EXPECT_EQ(d->findChild<QProgressBar*>(QStringLiteral("TranscribeProgress"))->value(), 1000);
    // Device auto (the default): the result says where it ran; here, no GPU, so the CPU and why.
    EXPECT_EQ(d->findChild<QComboBox*>(QStringLiteral("TranscribeDevice"))->currentData().toString(),
              QStringLiteral("auto"));
    const QString message = done.first().at(2).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("Ran on: cpu (")) || message.contains(QStringLiteral("Ran on: cuda: ")))
        << message.toStdString();

    const auto after = utterances();
    ASSERT_FALSE(after.isEmpty());
    for (const Utterance& u : after) EXPECT_EQ(u.language, QStringLiteral("en"));
    EXPECT_NE(after.first().text, before.first().text);
    auto p = Project::open(projectPath_);
    auto provenance = speech::transcriptProvenance(*p.value(), QStringLiteral("media/lesson.mp4"));
    ASSERT_TRUE(provenance.ok());
    EXPECT_TRUE(provenance->value("model").toString().endsWith("whisper/tiny80"));
    // The pane re-read the clip's utterances from the project.
    QTest::qWait(50);
    const Clip* clip = window_->session()->clip(window_->session()->currentClipId());
    ASSERT_NE(clip, nullptr);
    int inClip = 0;
    for (const Utterance& u : after) inClip += u.startMs < clip->endMs && u.endMs > clip->startMs;
    EXPECT_EQ(window_->transcript()->utteranceCount(), inClip);
}

// GPU (CUDA) chosen on a machine without one: the reason, and the project unchanged.
TEST_F(TranscribeTest, TheGpuChosenWithoutOneSaysWhy) {
    const auto before = utterances();
    ui::TranscribeDialog* d = dialogForTinyModel();
    auto* device = d->findChild<QComboBox*>(QStringLiteral("TranscribeDevice"));
    ASSERT_NE(device, nullptr);
    device->setCurrentIndex(device->findData(QStringLiteral("cuda")));
    QSignalSpy done(d->job(), &ui::TranscriptionJob::finished);
    answerReplace(true);
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("TranscribeStart")), Qt::LeftButton);
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(done.first().at(0).toBool());
    const QString message = done.first().at(2).toString();
    EXPECT_TRUE(message.contains(QStringLiteral("device cuda: cuda: "))) << message.toStdString();
    EXPECT_EQ(d->findChild<QLabel*>(QStringLiteral("TranscribeStatus"))->text(), message);
    EXPECT_EQ(utterances().size(), before.size());
}

TEST_F(TranscribeTest, CancelLeavesTheProjectAsItWas) {
    const auto before = utterances();
    ui::TranscribeDialog* d = dialogForTinyModel();
    QSignalSpy done(d->job(), &ui::TranscriptionJob::finished);
    answerReplace(true);
    d->start();
    ASSERT_TRUE(d->isRunning());
    // Cancel, as the dialog's button does while a job runs.
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("TranscribeCancel")), Qt::LeftButton);
    ASSERT_TRUE(done.wait(60000));
    EXPECT_FALSE(done.first().at(0).toBool());
    EXPECT_TRUE(done.first().at(1).toBool()) << done.first().at(2).toString().toStdString();
    EXPECT_TRUE(d->isVisible());  // the first Cancel stops the job; the dialog stays to say so
    const auto after = utterances();
    ASSERT_EQ(after.size(), before.size());
    for (int i = 0; i < after.size(); ++i) EXPECT_EQ(after[i].text, before[i].text);
}

TEST_F(TranscribeTest, ThePaneButtonOpensItAndRemoteAudioNeedsTheCheckBox) {
    auto* button = window_->transcript()->findChild<QPushButton*>(QStringLiteral("TranscribeButton"));
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
    auto* d = window_->findChild<ui::TranscribeDialog*>();
    ASSERT_NE(d, nullptr);
    ASSERT_TRUE(d->isVisible());
    auto* backend = d->findChild<QComboBox*>(QStringLiteral("TranscribeBackend"));
    backend->setCurrentIndex(backend->findData(QStringLiteral("openai")));
    auto* url = d->findChild<QLineEdit*>(QStringLiteral("TranscribeUrl"));
    auto* send = d->findChild<QCheckBox*>(QStringLiteral("TranscribeSendAudio"));
    EXPECT_TRUE(send->isHidden());  // the default is this machine
    url->setText(QStringLiteral("http://192.0.2.7:8000/v1"));
    EXPECT_FALSE(send->isHidden());
    auto o = d->options();
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->backend, speech::SpeechBackend::OpenAi);
    EXPECT_FALSE(o->confirmRemoteAudio(QStringLiteral("192.0.2.7")));
    send->setChecked(true);
    EXPECT_TRUE(d->options()->confirmRemoteAudio(QStringLiteral("192.0.2.7")));

    // Refused without the yes, before anything is sent; the project is unchanged.
    send->setChecked(false);
    const auto before = utterances();
    QSignalSpy done(d->job(), &ui::TranscriptionJob::finished);
    answerReplace(true);
    d->start();
    ASSERT_TRUE(done.wait(30000));
    EXPECT_FALSE(done.first().at(0).toBool());
    const QString error = done.first().at(2).toString();
    EXPECT_TRUE(error.contains(QStringLiteral("192.0.2.7"))) << error.toStdString();
    // It says how to allow it in the app's terms: the check box, not the CLI's flags.
    EXPECT_TRUE(error.contains(send->text())) << error.toStdString();
    EXPECT_FALSE(error.contains(QStringLiteral("--allow-remote-audio"))) << error.toStdString();
    EXPECT_EQ(utterances().size(), before.size());
}

TEST_F(TranscribeTest, AServerTranscriptionShowsItsUploadThenABusyBar) {
    // The test server runs on this thread's event loop, which the spy's wait turns.
    motor::test::ChatServer server;
    server.handler = [](const QJsonObject&, const QByteArray&, int) {
        return motor::test::Reply{200, motor::test::verboseJson({{0.0, 1.0, QStringLiteral(" Hello.")}}), 200};
    };
    ui::TranscribeDialog* d = window_->openTranscribeDialog();
    ASSERT_NE(d, nullptr);
    auto* backend = d->findChild<QComboBox*>(QStringLiteral("TranscribeBackend"));
    backend->setCurrentIndex(backend->findData(QStringLiteral("openai")));
    d->findChild<QLineEdit*>(QStringLiteral("TranscribeUrl"))->setText(server.url().toString());
    auto* bar = d->findChild<QProgressBar*>(QStringLiteral("TranscribeProgress"));
    auto* status = d->findChild<QLabel*>(QStringLiteral("TranscribeStatus"));

    // What the dialog shows at each report (its own slot ran first: it connected first).
    QList<int> values, maxima;
    QStringList texts;
    QSignalSpy uploaded(d->job(), &ui::TranscriptionJob::uploaded);
    QObject::connect(d->job(), &ui::TranscriptionJob::uploaded, d, [&](qint64, qint64) {
        values << bar->value();
        maxima << bar->maximum();
        texts << status->text();
    });
    QSignalSpy done(d->job(), &ui::TranscriptionJob::finished);
    answerReplace(true);
    d->start();
    ASSERT_TRUE(done.wait(30000));
    ASSERT_TRUE(done.first().at(0).toBool()) << done.first().at(2).toString().toStdString();

    // 12 s of 16 kHz mono: a 384 kB WAV, sent in steps, then all of it.
    ASSERT_GE(uploaded.size(), 2);
    const qint64 total = uploaded.last().at(1).toLongLong();
    EXPECT_GT(total, 12 * 16000 * 2);
    EXPECT_EQ(uploaded.last().at(0).toLongLong(), total);
    EXPECT_LT(uploaded.first().at(0).toLongLong(), total);
    for (int i = 1; i < uploaded.size(); ++i)
        EXPECT_GE(uploaded[i].at(0).toLongLong(), uploaded[i - 1].at(0).toLongLong());
    // Part-way: a share of the bar and the megabytes; all sent: busy while the server works.
    EXPECT_EQ(maxima.first(), 1000);
    EXPECT_LT(values.first(), 1000);
    EXPECT_TRUE(texts.first().contains(QStringLiteral("MB"))) << texts.first().toStdString();
    EXPECT_EQ(maxima.last(), 0);
    EXPECT_NE(texts.last(), texts.first());
    // Done: the whole bar.
    EXPECT_EQ(bar->maximum(), 1000);
    EXPECT_EQ(bar->value(), 1000);
    ASSERT_EQ(server.uploads.size(), 1);
    EXPECT_EQ(utterances().size(), 1);
}

}  // namespace motor::testing
