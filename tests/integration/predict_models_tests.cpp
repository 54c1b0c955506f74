// `motor models inspect|generate` on a random-weight model.
#include <gtest/gtest.h>

#include <QProcess>
#include <QTemporaryDir>

#include "motor/gpu/model_writer.h"

namespace {

std::pair<int, QString> motorRun(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(MOTOR_CLI), args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
}

}  // namespace

TEST(PredictModels, InspectAndReproducibleGenerate) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.gguf"));
    motor::gpu::RandomModelSpec spec;
    spec.config = motor::gpu::makeRandomModelConfig(motor::gpu::Architecture::Llama, 64, 2, 4, 4, 128, 300);
    ASSERT_TRUE(motor::gpu::writeRandomModelGguf(spec, path.toStdString()).ok());

    auto [rc, out] = motorRun({"models", "inspect", path});
    ASSERT_EQ(rc, 0) << qPrintable(out);
    EXPECT_TRUE(out.contains(QStringLiteral("architecture    llama")));
    EXPECT_TRUE(out.contains(QStringLiteral("context length")));
    EXPECT_TRUE(out.contains(QStringLiteral("dtypes          F32")));
    EXPECT_TRUE(out.contains(QStringLiteral("tokenizer       byte-level bpe")));

    const QStringList gen{"models", "generate", path, "--prompt", "Mitä me tehdään seuraavaksi?", "-n", "8", "--temperature", "0.7", "--seed", "5"};
    auto [rc1, a] = motorRun(gen);
    auto [rc2, b] = motorRun(gen);
    EXPECT_EQ(rc1, 0);
    EXPECT_EQ(rc2, 0);
    EXPECT_EQ(a, b);
    EXPECT_FALSE(a.trimmed().isEmpty());
    EXPECT_FALSE(a.contains(QStringLiteral("Mitä me")));  // only the generated text

    auto [rc3, missing] = motorRun({"models", "inspect", dir.filePath("nope.gguf")});
    EXPECT_EQ(rc3, 1);
}
