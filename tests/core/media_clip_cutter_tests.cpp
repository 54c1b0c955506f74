#include <gtest/gtest.h>

#include <cmath>

#include "core/media/AudioDecoder.h"
#include "core/media/ClipCutter.h"
#include "core/media/FrameSampler.h"
#include "core/media/MediaProbe.h"
#include "core/media/SyntheticScene.h"
#include "core/media/Thumbnailer.h"
#include "media_fixtures.h"

using namespace motor::media;
using namespace motor::media::testing;

namespace {
// Index strip of the frames of `path` at the given output times.
std::vector<int> indicesAt(const QString& path, std::int64_t startMs, std::int64_t endMs, int count) {
    auto sampled = FrameSampler::sample(path, stretchRequest(startMs, endMs, count));
    std::vector<int> out;
    if (!sampled) {
        ADD_FAILURE() << sampled.error().message.toStdString();
        return out;
    }
    for (const RgbFrame& f : sampled->frames) out.push_back(SyntheticScene::decodeFrameIndex(f));
    return out;
}

int firstIndex(const QString& path) {
    auto thumb = Thumbnailer::thumbnailAt(path, 0, 320);
    if (!thumb) {
        ADD_FAILURE() << thumb.error().message.toStdString();
        return -1;
    }
    return SyntheticScene::decodeFrameIndex(*thumb);
}
}  // namespace

TEST(MediaClipCutter, AutoCopiesWhenStartIsOnAKeyframe) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("copy.mp4"));
    auto cut = ClipCutter::cut(standardClip(), out, 2000, 4000);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_EQ(cut->usedMode, CutMode::StreamCopy);
    EXPECT_EQ(cut->startMs, 2000);
    auto info = MediaProbe::probe(out);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_TRUE(info->hasVideo);
    EXPECT_TRUE(info->hasAudio);
    EXPECT_NEAR(static_cast<double>(info->durationMs), 2000.0, 150.0);
    // Output time 0 is source frame 50 (2000 ms at 25 fps).
    EXPECT_EQ(indicesAt(out, 0, 1600, 2), (std::vector<int>{60, 80}));
}

TEST(MediaClipCutter, AutoReencodesWhenStartIsBetweenKeyframes) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("re.mp4"));
    auto cut = ClipCutter::cut(standardClip(), out, 1000, 2500);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_EQ(cut->usedMode, CutMode::Reencode);
    EXPECT_EQ(cut->startMs, 1000);
    auto info = MediaProbe::probe(out);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_NEAR(static_cast<double>(info->durationMs), 1500.0, 100.0);
    // Frame-exact start: output 250/750/1250 ms are source frames 32, 44, 57.
    EXPECT_EQ(indicesAt(out, 0, 1500, 3), (std::vector<int>{32, 44, 57}));
}

TEST(MediaClipCutter, ReencodedAudioIsAligned) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("audio.mp4"));
    auto cut = ClipCutter::cut(standardClip(), out, 1000, 3500, CutMode::Reencode);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    auto pcm = AudioDecoder::decode(out, 500, 2000, AudioFormat{48000, 2, SampleFormat::Float32});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    EXPECT_GT(correlateWithStandardSoundtrack(*pcm, 1500).value, 0.8);  // source 1500-3000 ms
}

TEST(MediaClipCutter, ForcedStreamCopyStartsAtThePreviousKeyframe) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("snap.mp4"));
    auto cut = ClipCutter::cut(standardClip(), out, 3000, 5000, CutMode::StreamCopy);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_EQ(cut->usedMode, CutMode::StreamCopy);
    EXPECT_EQ(cut->startMs, 2000);
    EXPECT_EQ(firstIndex(out), 50);
}

TEST(MediaClipCutter, ForcedReencodeOnAKeyframe) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("forced.mp4"));
    auto cut = ClipCutter::cut(standardClip(), out, 2000, 3000, CutMode::Reencode);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_EQ(cut->usedMode, CutMode::Reencode);
    EXPECT_EQ(firstIndex(out), 50);
}

TEST(MediaClipCutter, CutsAudioOnlyFile) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("part.m4a"));
    auto cut = ClipCutter::cut(audioOnlyClip(), out, 500, 2000);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_EQ(cut->usedMode, CutMode::StreamCopy);
    auto info = MediaProbe::probe(out);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_FALSE(info->hasVideo);
    EXPECT_NEAR(static_cast<double>(info->durationMs), 1500.0, 100.0);
}

TEST(MediaClipCutter, ReplacesTargetAtomicallyAndLeavesNothingOnError) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("target.mp4"));
    ASSERT_TRUE(writeAll(out, QByteArrayLiteral("old contents")));
    auto cut = ClipCutter::cut(standardClip(), out, 0, 1000);
    ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
    EXPECT_TRUE(MediaProbe::probe(out).ok());
    EXPECT_FALSE(QFile::exists(out + QStringLiteral(".partial")));

    const QString missing = dir.filePath(QStringLiteral("never.mp4"));
    auto bad = ClipCutter::cut(standardClip(), missing, 5000, 9000);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("5000-9000 ms")));
    EXPECT_FALSE(QFile::exists(missing));
    EXPECT_FALSE(QFile::exists(missing + QStringLiteral(".partial")));

    auto self = ClipCutter::cut(out, out, 0, 500);
    EXPECT_FALSE(self.ok());
}

TEST(MediaClipCutter, KeepsDisplayRotation) {
    SyntheticVideoSpec spec;
    spec.width = 320;
    spec.height = 240;
    spec.durationMs = 2000;
    spec.rotationDeg = 270;
    const QString source = sharedClip(QStringLiteral("rotated270.mp4"), spec);
    QTemporaryDir dir;
    for (const CutMode mode : {CutMode::StreamCopy, CutMode::Reencode}) {
        const QString out = dir.filePath(QStringLiteral("rot-%1.mp4").arg(static_cast<int>(mode)));
        auto cut = ClipCutter::cut(source, out, 0, 1000, mode);
        ASSERT_TRUE(cut.ok()) << cut.error().message.toStdString();
        auto info = MediaProbe::probe(out);
        ASSERT_TRUE(info.ok());
        EXPECT_EQ(info->rotationDeg, 270);
    }
}
