// `motor predict` as a process: killed mid-run with SIGKILL, then resumed.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include "core/store/Project.h"
#include "motor/gpu/model_writer.h"

using namespace motor;

namespace {

constexpr int kClips = 10;

struct PredictProcess : ::testing::Test {
    QTemporaryDir dir;
    QString projectPath = dir.filePath(QStringLiteral("p.motor"));
    QString modelPath = dir.filePath(QStringLiteral("tiny.gguf"));

    void SetUp() override {
        auto p = Project::create(projectPath, Codebook::motorDefault());
        ASSERT_TRUE(p.ok()) << qPrintable(p.error().message);
        Media m;
        m.path = QStringLiteral("media/none.mp4");
        m.durationMs = kClips * 6000;
        const int64_t mediaId = p.value()->addMedia(m).value();
        for (int i = 0; i < kClips; ++i) {
            Clip c;
            c.key = QStringLiteral("k%1").arg(i, 2, 10, QLatin1Char('0'));
            c.mediaId = mediaId;
            c.startMs = i * 6000;
            c.endMs = c.startMs + 6000;
            ASSERT_TRUE(p.value()->addClip(c).ok());
            Utterance u;
            u.mediaId = mediaId;
            u.startMs = c.startMs + 1000;
            u.endMs = u.startMs + 3000;
            u.speaker = QStringLiteral("S1");
            u.text = QStringLiteral("onks tää nyt oikein, tehdään uudestaan");
            ASSERT_TRUE(p.value()->addUtterance(u).ok());
        }
        gpu::RandomModelSpec spec;
        spec.config = gpu::makeRandomModelConfig(gpu::Architecture::Qwen2, 64, 2, 4, 2, 128, 400);
        ASSERT_TRUE(gpu::writeRandomModelGguf(spec, modelPath.toStdString()).ok());
    }

    QStringList predictArgs() const {
        return {QStringLiteral("predict"),
                projectPath,
                QStringLiteral("--backend"),
                QStringLiteral("local"),
                QStringLiteral("--model"),
                modelPath,
                QStringLiteral("--run"),
                QStringLiteral("killed"),
                QStringLiteral("--threads"),
                QStringLiteral("1"),
                QStringLiteral("--batch"),
                QStringLiteral("1"),
                QStringLiteral("--rationale-chars"),
                QStringLiteral("150"),
                QStringLiteral("--quiet")};
    }

    int finishedClips() {
        auto p = Project::open(projectPath);
        if (!p) return -1;
        auto a = p.value()->annotatorByName(QStringLiteral("killed"));
        if (!a.ok() || !a.value()) return 0;
        return int(p.value()->finishedRunClips(a.value()->id).value().size());
    }
};

}  // namespace

TEST_F(PredictProcess, SigkillMidRunThenResumeLeavesNoDuplicateAndNoGap) {
    QProcess first;
    first.start(QStringLiteral(MOTOR_CLI), predictArgs());
    ASSERT_TRUE(first.waitForStarted());
    QElapsedTimer t;
    t.start();
    int before = 0;
    while (t.elapsed() < 120000 && first.state() == QProcess::Running) {
        before = finishedClips();
        if (before >= 2) break;
        QThread::msleep(20);
    }
    ASSERT_EQ(first.state(), QProcess::Running)
        << "finished before it could be killed: " << first.readAllStandardError().constData();
    first.kill();  // SIGKILL
    first.waitForFinished();
    const int afterKill = finishedClips();
    ASSERT_GE(afterKill, 2);
    ASSERT_LT(afterKill, kClips);

    QProcess second;
    second.start(QStringLiteral(MOTOR_CLI), predictArgs());
    ASSERT_TRUE(second.waitForFinished(300000));
    const QString out = QString::fromUtf8(second.readAllStandardOutput());
    EXPECT_EQ(second.exitCode(), 0) << qPrintable(out) << second.readAllStandardError().constData();
    EXPECT_TRUE(out.contains(QStringLiteral("%1 already done").arg(afterKill))) << qPrintable(out);

    auto p = Project::open(projectPath);
    ASSERT_TRUE(p.ok());
    const auto ann = p.value()->annotatorByName(QStringLiteral("killed")).value();
    ASSERT_TRUE(ann.has_value());
    EXPECT_EQ(p.value()->finishedRunClips(ann->id).value().size(), kClips);
    QMap<int64_t, int> perClip;
    for (const auto& a : p.value()->annotations().value())
        if (a.annotatorId == ann->id) ++perClip[a.clipId];
    EXPECT_EQ(perClip.size(), kClips);
    for (int n : perClip) EXPECT_EQ(n, 3);
    // Every label was written exactly once: finished clips were not redone.
    QMap<QString, int> writes;
    for (const auto& e : p.value()->auditLog().value())
        if (e.annotatorId == ann->id) ++writes[QStringLiteral("%1/%2").arg(e.clipId).arg(e.dimension)];
    EXPECT_EQ(writes.size(), kClips * 3);
    for (auto it = writes.begin(); it != writes.end(); ++it) EXPECT_EQ(it.value(), 1) << qPrintable(it.key());
    EXPECT_EQ(ann->provenance.value("status").toString(), "finished");
}

TEST_F(PredictProcess, UsageErrorsAndBaselines) {
    auto run = [&](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(MOTOR_CLI), args);
        p.waitForFinished(60000);
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput()));
    };
    auto [rc1, out1] = run({"predict", projectPath, "--backend", "nope"});
    EXPECT_EQ(rc1, 2) << qPrintable(out1);
    auto [rc2, out2] =
        run({"predict", projectPath, "--backend", "openai", "--url", "http://192.0.2.1:9/v1", "--model", "m"});
    EXPECT_EQ(rc2, 1);
    EXPECT_TRUE(out2.contains("--allow-remote-frames") || out2.contains("frames")) << qPrintable(out2);
    auto [rc3, out3] = run({"predict", projectPath, "--backend", "baseline", "--clips", "k01,k03"});
    EXPECT_EQ(rc3, 0) << qPrintable(out3);
    EXPECT_TRUE(out3.contains("run baseline:transcript-cues: 2 clips labelled now")) << qPrintable(out3);
    auto [rc4, out4] = run({"predict", projectPath, "--backend", "baseline", "--model", "majority"});
    EXPECT_EQ(rc4, 2);
    EXPECT_TRUE(out4.contains("--reference")) << qPrintable(out4);
}
