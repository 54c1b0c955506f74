#include <gtest/gtest.h>

#include "core/media/MediaProbe.h"
#include "core/media/SyntheticScene.h"
#include "core/media/SyntheticVideoWriter.h"
#include "media_fixtures.h"

using namespace motor::media;
using namespace motor::media::testing;

TEST(MediaProbe, ReportsStreamsOfSyntheticClip) {
    const QString path = standardClip();
    ASSERT_FALSE(path.isEmpty());
    auto info = MediaProbe::probe(path);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_TRUE(info->hasVideo);
    EXPECT_TRUE(info->hasAudio);
    EXPECT_EQ(info->width, 320);
    EXPECT_EQ(info->height, 240);
    EXPECT_NEAR(info->fps, 25.0, 0.01);
    EXPECT_NEAR(static_cast<double>(info->durationMs), 6000.0, 60.0);
    EXPECT_EQ(info->rotationDeg, 0);
    EXPECT_EQ(info->audioSampleRate, 48000);
    EXPECT_EQ(info->audioChannels, 2);
    EXPECT_EQ(info->audioCodec, QStringLiteral("aac"));
    EXPECT_TRUE(info->videoCodec == QStringLiteral("h264") || info->videoCodec == QStringLiteral("mpeg4"));
    EXPECT_GT(info->sizeBytes, 1000);
}

TEST(MediaProbe, AudioOnlyFileHasNoVideo) {
    const QString path = audioOnlyClip();
    auto info = MediaProbe::probe(path);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_FALSE(info->hasVideo);
    EXPECT_TRUE(info->hasAudio);
    EXPECT_EQ(info->audioSampleRate, 44100);
    EXPECT_EQ(info->audioChannels, 1);
    EXPECT_NEAR(static_cast<double>(info->durationMs), 3000.0, 60.0);
}

// The picture and sound are a pure function of the seed. (The encoded bytes are not
// compared: libx264/AAC output can vary with process-wide FFmpeg state.)
TEST(MediaSyntheticVideoWriter, SceneIsDeterministicForASeed) {
    const SyntheticScene a(160, 120, 42);
    const SyntheticScene b(160, 120, 42);
    const SyntheticScene c(160, 120, 43);
    RgbFrame fa, fb, fc;
    a.renderFrame(17, fa);
    b.renderFrame(17, fb);
    c.renderFrame(17, fc);
    EXPECT_EQ(fa.rgb, fb.rgb);
    EXPECT_NE(fa.rgb, fc.rgb);
    EXPECT_EQ(SyntheticScene::decodeFrameIndex(fa), 17);
    std::vector<std::vector<float>> pa(2), pb(2), pc(2);
    a.renderAudio(1000, 48000, 48000, pa);
    b.renderAudio(1000, 48000, 48000, pb);
    c.renderAudio(1000, 48000, 48000, pc);
    EXPECT_EQ(pa, pb);
    EXPECT_NE(pa, pc);
}

TEST(MediaSyntheticVideoWriter, WritesFaststartMp4AndNoPartialFile) {
    QTemporaryDir dir;
    SyntheticVideoSpec spec;
    spec.width = 160;
    spec.height = 120;
    spec.durationMs = 500;
    const QString path = dir.filePath(QStringLiteral("fast.mp4"));
    auto report = SyntheticVideoWriter::write(path, spec);
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    EXPECT_EQ(report->frameCount, 13);
    EXPECT_FALSE(QFile::exists(path + QStringLiteral(".partial")));
    const QByteArray bytes = readAll(path);
    // faststart: the moov box precedes mdat.
    const auto moov = bytes.indexOf("moov");
    const auto mdat = bytes.indexOf("mdat");
    ASSERT_GE(moov, 0);
    ASSERT_GE(mdat, 0);
    EXPECT_LT(moov, mdat);
}

TEST(MediaSyntheticVideoWriter, FallsBackToMpeg4Encoder) {
    QTemporaryDir dir;
    SyntheticVideoSpec spec;
    spec.width = 160;
    spec.height = 120;
    spec.durationMs = 400;
    spec.codec = VideoCodecChoice::Mpeg4;
    const QString path = dir.filePath(QStringLiteral("m4.mp4"));
    auto report = SyntheticVideoWriter::write(path, spec);
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    EXPECT_EQ(report->videoCodec, QStringLiteral("mpeg4"));
    auto info = MediaProbe::probe(path);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->videoCodec, QStringLiteral("mpeg4"));
}

TEST(MediaSyntheticVideoWriter, RejectsInvalidSpec) {
    QTemporaryDir dir;
    SyntheticVideoSpec spec;
    spec.durationMs = 0;
    auto report = SyntheticVideoWriter::write(dir.filePath(QStringLiteral("x.mp4")), spec);
    ASSERT_FALSE(report.ok());
    EXPECT_TRUE(report.error().message.contains(QStringLiteral("x.mp4")));
}
