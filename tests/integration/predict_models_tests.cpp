// `motor models inspect|generate|bench` on a random-weight model.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "motor/gpu/engine.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/token_stream_decoder.h"
#include "motor/gpu/tokenizer.h"

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

    const QStringList gen{"models",        "generate", path,     "--prompt", "Mitä me tehdään seuraavaksi?", "-n", "8",
                          "--temperature", "0.7",      "--seed", "5"};
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

// `motor models generate --image` end to end against transformers: the CLI decodes the
// two fixture frames, preprocesses them as InternVL does, renders the chat template,
// encodes the frames and decodes greedily; the tokens are the reference's (made by
// tests/reference/make_internvl_fixtures.py with the same frames and question).
TEST(PredictModels, GenerateWithImagesEqualsTransformersGreedy) {
    const QString data = QStringLiteral(MOTOR_TEST_DATA "/internvl");
    QFile manifestFile(data + QStringLiteral("/manifest.json"));
    ASSERT_TRUE(manifestFile.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    std::vector<int32_t> greedy;
    for (const QJsonValue& v : manifest["reference"].toObject()["greedy"].toArray())
        greedy.push_back(int32_t(v.toInt()));
    ASSERT_EQ(greedy.size(), 20u);
    // The text those ids make, decoded the way the CLI decodes.
    auto weights = motor::gpu::openModel((data + QStringLiteral("/native")).toStdString());
    ASSERT_TRUE(weights.ok());
    auto tok = motor::gpu::Tokenizer::create(weights.value()->tokenizerData());
    ASSERT_TRUE(tok.ok());
    motor::gpu::TokenStreamDecoder decoder(tok.value());
    std::string expected;
    for (int32_t id : greedy) expected += decoder.push(id);
    expected += decoder.finish();

    for (const char* layout : {"native", "original"}) {
        auto [rc, out] =
            motorRun({"models", "generate", data + QLatin1Char('/') + QLatin1String(layout), "--image",
                      data + QStringLiteral("/frame0.ppm"), "--image", data + QStringLiteral("/frame1.ppm"), "--prompt",
                      "What happens in the video?", "-n", "20"});
        ASSERT_EQ(rc, 0) << layout;
        EXPECT_EQ(out, QString::fromUtf8(expected.data(), qsizetype(expected.size())) + QLatin1Char('\n')) << layout;
    }
    // A text-only model is told it cannot look at pictures.
    QTemporaryDir dir;
    const QString textOnly = dir.filePath(QStringLiteral("t.gguf"));
    motor::gpu::RandomModelSpec spec;
    spec.config = motor::gpu::makeRandomModelConfig(motor::gpu::Architecture::Qwen3, 64, 1, 4, 2, 128, 300);
    ASSERT_TRUE(motor::gpu::writeRandomModelGguf(spec, textOnly.toStdString()).ok());
    QProcess p;
    p.start(QStringLiteral(MOTOR_CLI),
            {"models", "generate", textOnly, "--image", data + QStringLiteral("/frame0.ppm"), "--prompt", "x"});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 1);
    EXPECT_TRUE(p.readAllStandardError().contains("no vision tower"));
    // A missing picture is named.
    auto [rcMissing, _] = motorRun(
        {"models", "generate", data + QStringLiteral("/native"), "--image", dir.filePath("nope.png"), "--prompt", "x"});
    EXPECT_EQ(rcMissing, 1);
}

// The bench's JSON parses and carries every field, with the requested token counts and
// one positive sample per repeat; bad arguments are refused.
TEST(PredictModels, BenchJsonHasTheFields) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.gguf"));
    motor::gpu::RandomModelSpec spec;
    spec.config = motor::gpu::makeRandomModelConfig(motor::gpu::Architecture::Llama, 64, 2, 4, 4, 128, 300);
    ASSERT_TRUE(motor::gpu::writeRandomModelGguf(spec, path.toStdString()).ok());

    auto [rc, out] = motorRun({"models", "bench", path, "--prompt-tokens", "16", "--gen-tokens", "4", "--threads", "1",
                               "--repeats", "2", "--format", "json"});
    ASSERT_EQ(rc, 0) << qPrintable(out);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << qPrintable(out);
    const QJsonObject o = doc.object();
    EXPECT_EQ(o.value(QStringLiteral("model")).toString(), path);
    EXPECT_EQ(o.value(QStringLiteral("threads")).toInt(), 1);
    EXPECT_FALSE(o.value(QStringLiteral("kernel_isa")).toString().isEmpty());
    EXPECT_TRUE(o.value(QStringLiteral("device")).toString().startsWith(QStringLiteral("cpu ("))) << qPrintable(out);
    EXPECT_EQ(o.value(QStringLiteral("repeats")).toInt(), 2);
    for (const auto& [name, tokens] : {std::pair{"prefill", 16}, std::pair{"decode", 4}}) {
        const QJsonObject t = o.value(QLatin1String(name)).toObject();
        EXPECT_EQ(t.value(QStringLiteral("tokens")).toInt(), tokens) << name;
        EXPECT_GT(t.value(QStringLiteral("tokens_per_second_mean")).toDouble(), 0.0) << name;
        EXPECT_GE(t.value(QStringLiteral("tokens_per_second_stddev")).toDouble(), 0.0) << name;
        const QJsonArray samples = t.value(QStringLiteral("samples")).toArray();
        ASSERT_EQ(samples.size(), 2) << name;
        for (const auto& v : samples) EXPECT_GT(v.toDouble(), 0.0) << name;
    }

    auto [rcText, text] =
        motorRun({"models", "bench", path, "--prompt-tokens", "8", "--gen-tokens", "0", "--repeats", "1"});
    EXPECT_EQ(rcText, 0);
    EXPECT_TRUE(text.contains(QStringLiteral("prefill"))) << qPrintable(text);
    EXPECT_FALSE(text.contains(QStringLiteral("decode"))) << qPrintable(text);

    EXPECT_TRUE(text.contains(QStringLiteral("device    cpu ("))) << qPrintable(text);

    auto [rcBad, bad] = motorRun({"models", "bench", path, "--repeats", "0"});
    EXPECT_EQ(rcBad, 2);
    // --device: a word it does not know is refused; cuda without a GPU (this machine)
    // stops with the engine's reason.
    auto [rcDevice, unknown] = motorRun({"models", "bench", path, "--device", "tpu"});
    EXPECT_EQ(rcDevice, 1);
    auto [rcCuda, cuda] = motorRun(
        {"models", "bench", path, "--device", "cpu", "--prompt-tokens", "4", "--gen-tokens", "0", "--repeats", "1"});
    EXPECT_EQ(rcCuda, 0);
    EXPECT_TRUE(cuda.contains(QStringLiteral("device    cpu ("))) << qPrintable(cuda);
    auto [rcLong, tooLong] = motorRun({"models", "bench", path, "--prompt-tokens", "100000", "--gen-tokens", "0"});
    EXPECT_EQ(rcLong, 1);
}
