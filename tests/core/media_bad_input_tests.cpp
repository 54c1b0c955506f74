// Damaged and wrong inputs: every entry point must return an error naming the file (and
// the time where one applies), never crash and never hang.
#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <cmath>
#include <cstring>

#include "core/media/AudioDecoder.h"
#include "core/media/ClipCutter.h"
#include "core/media/FrameSampler.h"
#include "core/media/MediaProbe.h"
#include "core/media/Thumbnailer.h"
#include "core/media/VideoFrameReader.h"
#include "media_fixtures.h"

using namespace motor::media;
using namespace motor::media::testing;

namespace {
SampleRequest eightFrames(std::int64_t endMs = 6000) {
    SampleRequest r;
    r.startMs = 0;
    r.endMs = endMs;
    return r;
}

// Runs every reader over `path`; each must succeed or fail with the file's name.
void expectNoCrashAndNamedErrors(const QString& path) {
    QElapsedTimer timer;
    timer.start();
    auto check = [&](const motor::Error* error, const char* what) {
        if (error != nullptr) {
            EXPECT_TRUE(error->message.startsWith(path)) << what << ": " << error->message.toStdString();
        }
    };
    auto probe = MediaProbe::probe(path);
    check(probe.ok() ? nullptr : &probe.error(), "probe");
    auto frames =
        FrameSampler::sample(path, eightFrames(probe.ok() && probe->durationMs > 10 ? probe->durationMs : 6000));
    check(frames.ok() ? nullptr : &frames.error(), "sample");
    auto thumb = Thumbnailer::thumbnailAt(path, 1000, 160);
    check(thumb.ok() ? nullptr : &thumb.error(), "thumbnail");
    auto pcm = AudioDecoder::decode(path, 0, 1000, AudioFormat{});
    check(pcm.ok() ? nullptr : &pcm.error(), "audio");
    QTemporaryDir dir;
    auto cut = ClipCutter::cut(path, dir.filePath(QStringLiteral("cut.mp4")), 500, 1500, CutMode::Reencode);
    check(cut.ok() ? nullptr : &cut.error(), "cut");
    EXPECT_LT(timer.elapsed(), 30'000) << "took too long";
}

QByteArray wavFile(int sampleRate, int seconds) {
    const int samples = sampleRate * seconds;
    QByteArray data(samples * 2, '\0');
    for (int i = 0; i < samples; ++i) {
        const auto v = static_cast<std::int16_t>(8000 * std::sin(2 * 3.14159265 * 440.0 * i / sampleRate));
        std::memcpy(data.data() + 2 * i, &v, 2);
    }
    auto u32 = [](std::uint32_t v) { return QByteArray(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [](std::uint16_t v) { return QByteArray(reinterpret_cast<const char*>(&v), 2); };
    QByteArray wav = "RIFF" + u32(36 + static_cast<std::uint32_t>(data.size())) + "WAVEfmt " + u32(16) + u16(1) +
                     u16(1) + u32(static_cast<std::uint32_t>(sampleRate)) +
                     u32(static_cast<std::uint32_t>(sampleRate) * 2) + u16(2) + u16(16) + "data" +
                     u32(static_cast<std::uint32_t>(data.size()));
    return wav + data;
}
}  // namespace

TEST(MediaBadInput, MissingFile) {
    const QString path = sharedMediaDir().filePath(QStringLiteral("does-not-exist.mp4"));
    auto probe = MediaProbe::probe(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_EQ(probe.error().message, path + QStringLiteral(": file does not exist"));
    EXPECT_FALSE(FrameSampler::sample(path, eightFrames()).ok());
    EXPECT_FALSE(AudioDecoder::decode(path, 0, 100, AudioFormat{}).ok());
    expectNoCrashAndNamedErrors(path);
}

TEST(MediaBadInput, ZeroByteFile) {
    const QString path = sharedMediaDir().filePath(QStringLiteral("empty.mp4"));
    ASSERT_TRUE(writeAll(path, {}));
    auto probe = MediaProbe::probe(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_TRUE(probe.error().message.contains(QStringLiteral("empty")));
    expectNoCrashAndNamedErrors(path);
}

TEST(MediaBadInput, TextFileNamedMp4) {
    const QString path = sharedMediaDir().filePath(QStringLiteral("notes.mp4"));
    ASSERT_TRUE(writeAll(path, QByteArrayLiteral("start_ms,end_ms,label\n0,6000,Monitoring\n").repeated(50)));
    auto probe = MediaProbe::probe(path);
    ASSERT_FALSE(probe.ok());
    EXPECT_TRUE(probe.error().message.startsWith(path)) << probe.error().message.toStdString();
    expectNoCrashAndNamedErrors(path);
}

TEST(MediaBadInput, TruncatedAtSeveralSizes) {
    const QByteArray whole = readAll(standardClip());
    ASSERT_GT(whole.size(), 10'000);
    for (const double fraction : {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999}) {
        const auto size = static_cast<qsizetype>(whole.size() * fraction);
        const QString path = sharedMediaDir().filePath(QStringLiteral("truncated-%1.mp4").arg(size));
        ASSERT_TRUE(writeAll(path, whole.left(size)));
        SCOPED_TRACE(path.toStdString());
        expectNoCrashAndNamedErrors(path);
    }
    // Half a file: the header (moov is first) promises 6 s, the data stops near 3 s, so
    // sampling the end fails and says where.
    const QString half = sharedMediaDir().filePath(QStringLiteral("half.mp4"));
    ASSERT_TRUE(writeAll(half, whole.left(whole.size() / 2)));
    auto probe = MediaProbe::probe(half);
    ASSERT_TRUE(probe.ok()) << probe.error().message.toStdString();
    // The probe tells where the data really ends.
    EXPECT_TRUE(probe->truncated());
    EXPECT_GT(probe->dataEndMs, 1500);
    EXPECT_LT(probe->dataEndMs, 4500);
    auto complete = MediaProbe::probe(standardClip());
    ASSERT_TRUE(complete.ok());
    EXPECT_FALSE(complete->truncated()) << complete->dataEndMs;
    auto frames = FrameSampler::sample(half, eightFrames());
    ASSERT_FALSE(frames.ok());
    EXPECT_TRUE(frames.error().message.startsWith(half));
    EXPECT_TRUE(frames.error().message.contains(QStringLiteral("no video frame at")))
        << frames.error().message.toStdString();
    // The part that is there still samples.
    EXPECT_TRUE(FrameSampler::sample(half, eightFrames(1500)).ok());
}

TEST(MediaBadInput, CorruptBytesInTheMiddle) {
    QByteArray bytes = readAll(standardClip());
    ASSERT_GT(bytes.size(), 10'000);
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 4096; ++i) bytes[i] = static_cast<char>(next() >> 24);
    const QString path = sharedMediaDir().filePath(QStringLiteral("corrupt-middle.mp4"));
    ASSERT_TRUE(writeAll(path, bytes));
    expectNoCrashAndNamedErrors(path);

    // Sprinkled damage all through the media data.
    for (qsizetype i = bytes.size() / 10; i < bytes.size(); i += 97) bytes[i] = static_cast<char>(next() >> 24);
    const QString sprinkled = sharedMediaDir().filePath(QStringLiteral("corrupt-everywhere.mp4"));
    ASSERT_TRUE(writeAll(sprinkled, bytes));
    expectNoCrashAndNamedErrors(sprinkled);
}

TEST(MediaBadInput, CorruptHeader) {
    QByteArray bytes = readAll(standardClip());
    // moov comes first (faststart): damage the sample tables.
    for (qsizetype i = 200; i < 1200 && i < bytes.size(); i += 3) bytes[i] = static_cast<char>(0xFF);
    const QString path = sharedMediaDir().filePath(QStringLiteral("corrupt-header.mp4"));
    ASSERT_TRUE(writeAll(path, bytes));
    expectNoCrashAndNamedErrors(path);
}

TEST(MediaBadInput, AudioOnlyWavFile) {
    const QString path = sharedMediaDir().filePath(QStringLiteral("tone.wav"));
    ASSERT_TRUE(writeAll(path, wavFile(22050, 2)));
    auto probe = MediaProbe::probe(path);
    ASSERT_TRUE(probe.ok()) << probe.error().message.toStdString();
    EXPECT_FALSE(probe->hasVideo);
    EXPECT_EQ(probe->audioSampleRate, 22050);
    EXPECT_EQ(probe->audioCodec, QStringLiteral("pcm_s16le"));
    auto frames = FrameSampler::sample(path, eightFrames(2000));
    ASSERT_FALSE(frames.ok());
    EXPECT_TRUE(frames.error().message.contains(QStringLiteral("no video")));
    auto thumb = Thumbnailer::thumbnailAt(path, 100, 100);
    ASSERT_FALSE(thumb.ok());
    EXPECT_TRUE(thumb.error().message.startsWith(path));
    auto pcm = AudioDecoder::decode(path, 0, 2000, AudioFormat{16000, 1, SampleFormat::Float32});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    EXPECT_EQ(pcm->frameCount(), 32000);
}

TEST(MediaBadInput, TimeRangesOutsideTheMedia) {
    const QString path = standardClip();
    auto frames = FrameSampler::sample(path, SampleRequest{7000, 8000, 8, 448, 448, FitMode::Letterbox});
    ASSERT_FALSE(frames.ok());
    EXPECT_EQ(frames.error().message,
              path + QStringLiteral(": time range 7000-8000 ms is outside the media (duration 6000 ms)"));
    EXPECT_FALSE(Thumbnailer::thumbnailAt(path, -5, 100).ok());
    EXPECT_FALSE(AudioDecoder::decode(path, 5000, 7000, AudioFormat{}).ok());
    QTemporaryDir dir;
    EXPECT_FALSE(ClipCutter::cut(path, dir.filePath(QStringLiteral("x.mp4")), 6500, 7000).ok());
}

TEST(MediaBadInput, SpentTimeBudgetStopsInsteadOfHanging) {
    auto reader = VideoFrameReader::open(standardClip(), 0);
    ASSERT_FALSE(reader.ok());
    EXPECT_TRUE(reader.error().message.startsWith(standardClip()));
}
