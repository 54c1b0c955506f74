// `motor models convert` and `motor models inspect` on the tiny InternVL fixture
// (tests/data/internvl): both folder layouts and the converted GGUF + mmproj show the
// same vision tower and projector.
#include <gtest/gtest.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace {

std::pair<int, QString> motorRun(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(MOTOR_CLI), args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError())};
}

QString fixture(const char* name) {
    return QStringLiteral(MOTOR_TEST_DATA "/internvl/") + QLatin1String(name);
}

}  // namespace

TEST(ModelsVision, ConvertAndInspectAllThreeForms) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("tiny-q8.gguf"));
    auto [rc, text] = motorRun({"models", "convert", fixture("original"), out, "--type", "q8_0"});
    ASSERT_EQ(rc, 0) << qPrintable(text);
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("mmproj-tiny-q8.gguf")))) << qPrintable(text);

    for (const QString& model : {fixture("native"), fixture("original"), out}) {
        auto [rc2, info] = motorRun({"models", "inspect", model});
        ASSERT_EQ(rc2, 0) << qPrintable(info);
        EXPECT_TRUE(
            info.contains(QStringLiteral("tower         2 layers, dim 64, mlp 128, heads 4, LayerNorm, layer scale")))
            << qPrintable(info);
        EXPECT_TRUE(info.contains(QStringLiteral("image         448x448, patch 14, 1024 patches + class token")))
            << qPrintable(info);
        EXPECT_TRUE(info.contains(
            QStringLiteral("projector     internvl: pixel shuffle 2x2 (v2), LayerNorm, Linear 256 -> 64")))
            << qPrintable(info);
        EXPECT_TRUE(info.contains(QStringLiteral("tokens/image  256"))) << qPrintable(info);
    }
    auto [rc3, orig] = motorRun({"models", "inspect", fixture("original")});
    EXPECT_TRUE(orig.contains(QStringLiteral("template      internvl2_5")));

    auto [rc4, bad] = motorRun({"models", "convert", fixture("native"), out, "--type", "q5_k"});
    EXPECT_EQ(rc4, 2);
}
