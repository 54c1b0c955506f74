#include <gtest/gtest.h>

#include <QThread>
#include <cmath>

#include "core/media/FrameConverter.h"
#include "core/media/FrameSampler.h"
#include "core/media/MediaProbe.h"
#include "core/media/SyntheticScene.h"
#include "core/media/Thumbnailer.h"
#include "core/media/VideoFrameReader.h"
#include "media_fixtures.h"

using namespace motor::media;
using namespace motor::media::testing;

namespace {

QString clip30fps() {
    SyntheticVideoSpec spec;
    spec.width = 256;
    spec.height = 144;
    spec.fps = 30;
    spec.durationMs = 3000;
    spec.keyframeIntervalFrames = 45;
    spec.tracks = SyntheticTracks::VideoOnly;
    return sharedClip(QStringLiteral("30fps.mp4"), spec);
}
}  // namespace

TEST(MediaFrameSampler, TargetsAreSliceCentres) {
    const auto targets = FrameSampler::targetTimesUs(0, 8000, 8);
    ASSERT_EQ(targets.size(), 8u);
    for (int i = 0; i < 8; ++i) EXPECT_EQ(targets[static_cast<std::size_t>(i)], 500'000 + i * 1'000'000);
    EXPECT_EQ(FrameSampler::targetTimesUs(1000, 1003, 2), (std::vector<std::int64_t>{1'000'750, 1'002'250}));
}

TEST(MediaFrameSampler, ReturnsExactFramesForRequestedTimes) {
    const QString path = standardClip();
    auto sampled = FrameSampler::sample(path, stretchRequest(1000, 5000, 8));
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    ASSERT_EQ(sampled->frames.size(), 8u);
    // 25 fps: frame k shows at 40k ms; the first frame at or after t is ceil(t / 40).
    const int expected[8] = {32, 44, 57, 69, 82, 94, 107, 119};
    for (int i = 0; i < 8; ++i) {
        const RgbFrame& f = sampled->frames[static_cast<std::size_t>(i)];
        EXPECT_EQ(SyntheticScene::decodeFrameIndex(f), expected[i]) << "frame " << i;
        EXPECT_EQ(f.ptsMs, expected[i] * 40) << "frame " << i;
        EXPECT_EQ(f.width, 320);
        EXPECT_EQ(f.height, 240);
    }
}

TEST(MediaFrameSampler, TargetOnAFrameReturnsThatFrame) {
    // One slice of [0, 800): its centre is 400 ms, exactly frame 10.
    auto sampled = FrameSampler::sample(standardClip(), stretchRequest(0, 800, 1));
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    EXPECT_EQ(SyntheticScene::decodeFrameIndex(sampled->frames[0]), 10);
    EXPECT_EQ(sampled->frames[0].ptsMs, 400);
}

TEST(MediaFrameSampler, ExactFramesAtThirtyFps) {
    const QString path = clip30fps();
    SampleRequest request = stretchRequest(0, 3000, 7);
    request.width = 256;
    request.height = 144;
    auto sampled = FrameSampler::sample(path, request);
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    const auto targets = FrameSampler::targetTimesUs(0, 3000, 7);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        int expected = 0;
        while (std::llround(expected * 1e6 / 30.0) < targets[i]) ++expected;
        EXPECT_EQ(SyntheticScene::decodeFrameIndex(sampled->frames[i]), expected) << "target " << targets[i];
    }
}

TEST(MediaFrameSampler, CloseTargetsDecodeOnInsteadOfSeeking) {
    auto opened = VideoFrameReader::open(standardClip());
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    VideoFrameReader& reader = **opened;
    FrameConverter converter;
    // 40 increasing targets over 6 s: three GOPs of 2 s, so at most two seeks.
    for (int k = 0; k < 40; ++k) {
        const std::int64_t targetUs = 70'000 + k * 145'000;
        auto frame = reader.frameAt(targetUs);
        ASSERT_TRUE(frame.ok()) << frame.error().message.toStdString();
        auto rgb = converter.convert(*frame, 320, 240, FitMode::Stretch, 0);
        ASSERT_TRUE(rgb.has_value());
        EXPECT_EQ(SyntheticScene::decodeFrameIndex(*rgb), static_cast<int>((targetUs + 39'999) / 40'000));
    }
    EXPECT_LE(reader.seekCount(), 2);
    // Going backwards must seek and still be exact.
    for (const std::int64_t targetUs : {5'000'000, 2'010'000, 10'000}) {
        auto frame = reader.frameAt(targetUs);
        ASSERT_TRUE(frame.ok());
        auto rgb = converter.convert(*frame, 320, 240, FitMode::Stretch, 0);
        EXPECT_EQ(SyntheticScene::decodeFrameIndex(*rgb), static_cast<int>((targetUs + 39'999) / 40'000));
    }
    EXPECT_GE(reader.seekCount(), 3);
}

TEST(MediaFrameSampler, NearTheEndReturnsTheLastFrame) {
    // Targets between the last frame (5960 ms) and the end (6000 ms) show frame 149.
    auto sampled = FrameSampler::sample(standardClip(), stretchRequest(5960, 6000, 4));
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    for (const RgbFrame& f : sampled->frames) EXPECT_EQ(SyntheticScene::decodeFrameIndex(f), 149);
}

TEST(MediaFrameSampler, LetterboxKeepsAspectWithBlackBars) {
    SampleRequest request;
    request.startMs = 0;
    request.endMs = 6000;
    auto sampled = FrameSampler::sample(standardClip(), request);
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    ASSERT_EQ(sampled->frames.size(), 8u);
    EXPECT_EQ(sampled->width, 448);
    EXPECT_EQ(sampled->height, 448);
    // 4:3 into a square: picture 448x336, bars of 56 rows above and below.
    const RgbFrame& f = sampled->frames[3];
    ASSERT_EQ(f.rgb.size(), 448u * 448u * 3u);
    for (int y : {0, 30, 55, 392, 420, 447}) {
        const std::uint8_t* p = f.pixel(224, y);
        EXPECT_EQ(p[0] + p[1] + p[2], 0) << "row " << y;
    }
    const std::uint8_t* mid = f.pixel(224, 300);
    EXPECT_GT(mid[0] + mid[1] + mid[2], 60);
}

TEST(MediaFrameSampler, StretchFillsTheWholeFrame) {
    SampleRequest request;
    request.startMs = 0;
    request.endMs = 2000;
    request.count = 2;
    request.width = 100;
    request.height = 300;
    request.fit = FitMode::Stretch;
    auto sampled = FrameSampler::sample(standardClip(), request);
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    const RgbFrame& f = sampled->frames[0];
    const std::uint8_t* bottom = f.pixel(50, 299);
    EXPECT_GT(bottom[0] + bottom[1] + bottom[2], 60);  // gradient wall, not a bar
}

TEST(MediaFrameSampler, AudioOnlyFileIsAClearError) {
    const QString path = audioOnlyClip();
    auto sampled = FrameSampler::sample(path, stretchRequest(0, 1000, 2));
    ASSERT_FALSE(sampled.ok());
    EXPECT_TRUE(sampled.error().message.startsWith(path));
    EXPECT_TRUE(sampled.error().message.contains(QStringLiteral("no video")));
}

TEST(MediaFrameSampler, RangeOutsideTheMediaIsAnError) {
    const QString path = standardClip();
    auto past = FrameSampler::sample(path, stretchRequest(5000, 9000, 8));
    ASSERT_FALSE(past.ok());
    EXPECT_TRUE(past.error().message.startsWith(path));
    EXPECT_TRUE(past.error().message.contains(QStringLiteral("5000-9000 ms"))) << past.error().message.toStdString();
    EXPECT_FALSE(FrameSampler::sample(path, stretchRequest(3000, 3000, 8)).ok());
    EXPECT_FALSE(FrameSampler::sample(path, stretchRequest(-10, 3000, 8)).ok());
    EXPECT_FALSE(FrameSampler::sample(path, stretchRequest(0, 3000, 0)).ok());
}

TEST(MediaFrameSampler, AppliesDisplayRotation) {
    SyntheticVideoSpec spec;
    spec.width = 320;
    spec.height = 240;
    spec.durationMs = 1000;
    spec.rotationDeg = 90;
    spec.tracks = SyntheticTracks::VideoOnly;
    const QString path = sharedClip(QStringLiteral("rotated90.mp4"), spec);
    auto info = MediaProbe::probe(path);
    ASSERT_TRUE(info.ok()) << info.error().message.toStdString();
    EXPECT_EQ(info->rotationDeg, 90);
    EXPECT_EQ(info->width, 320);  // coded size stays as stored

    // Frame 1: only the index strip's last (top-right) block is white. Turned 90 degrees
    // clockwise, the top edge becomes the right edge, its right end at the bottom.
    auto thumb = Thumbnailer::thumbnailAt(path, 40, 1000);
    ASSERT_TRUE(thumb.ok()) << thumb.error().message.toStdString();
    ASSERT_EQ(thumb->width, 240);
    ASSERT_EQ(thumb->height, 320);
    const std::uint8_t* bottomRight = thumb->pixel(236, 316);
    const std::uint8_t* topRight = thumb->pixel(236, 4);
    EXPECT_GT(bottomRight[0] + bottomRight[1] + bottomRight[2], 600);
    EXPECT_LT(topRight[0] + topRight[1] + topRight[2], 60);

    // Letterboxed into a square, the portrait picture gets bars left and right.
    SampleRequest request;
    request.startMs = 0;
    request.endMs = 1000;
    request.count = 1;
    auto sampled = FrameSampler::sample(path, request);
    ASSERT_TRUE(sampled.ok()) << sampled.error().message.toStdString();
    const RgbFrame& f = sampled->frames[0];
    const std::uint8_t* bar = f.pixel(20, 224);
    EXPECT_EQ(bar[0] + bar[1] + bar[2], 0);
    const std::uint8_t* picture = f.pixel(224, 300);
    EXPECT_GT(picture[0] + picture[1] + picture[2], 60);
}

TEST(MediaFrameSampler, LongLivedReaderGetsABudgetPerCall) {
    // The budget bounds one call, not the reader's life: a player keeps one open.
    auto opened = VideoFrameReader::open(standardClip(), 400);
    ASSERT_TRUE(opened.ok()) << opened.error().message.toStdString();
    ASSERT_TRUE((*opened)->frameAt(1'000'000).ok());
    QThread::msleep(500);
    auto later = (*opened)->frameAt(5'000'000);
    EXPECT_TRUE(later.ok()) << later.error().message.toStdString();
}
