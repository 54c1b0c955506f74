#include <gtest/gtest.h>

#include <cmath>

#include "core/media/AudioDecoder.h"
#include "core/media/SyntheticScene.h"
#include "media_fixtures.h"

using namespace motor::media;
using namespace motor::media::testing;

namespace {
double rms(const float* samples, std::int64_t count) {
    double sum = 0;
    for (std::int64_t i = 0; i < count; ++i) sum += static_cast<double>(samples[i]) * samples[i];
    return count > 0 ? std::sqrt(sum / static_cast<double>(count)) : 0.0;
}
}  // namespace

TEST(MediaAudioDecoder, DecodesExactSampleCountMono16k) {
    auto pcm = AudioDecoder::decode(standardClip(), 0, 6000, AudioFormat{16000, 1, SampleFormat::Float32});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    EXPECT_EQ(pcm->frameCount(), 96000);
    EXPECT_EQ(pcm->startMs, 0);
    EXPECT_GT(rms(pcm->floats(), pcm->frameCount()), 0.01);
}

TEST(MediaAudioDecoder, DecodesStereoS16At48k) {
    auto pcm = AudioDecoder::decode(standardClip(), 500, 1500, AudioFormat{48000, 2, SampleFormat::Int16});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    EXPECT_EQ(pcm->frameCount(), 48000);
    EXPECT_EQ(pcm->bytes.size(), 48000u * 2u * 2u);
    int peak = 0;
    for (std::int64_t i = 0; i < pcm->frameCount() * 2; ++i) peak = std::max(peak, std::abs(int{pcm->s16()[i]}));
    EXPECT_GT(peak, 300);
}

TEST(MediaAudioDecoder, RangeIsAlignedWithTheSource) {
    // AAC is lossy but keeps the waveform: the decoded range must correlate with what the
    // writer rendered for the same samples, which it only does when aligned.
    const std::int64_t startMs = 2000;
    const std::int64_t endMs = 3000;
    auto pcm = AudioDecoder::decode(standardClip(), startMs, endMs, AudioFormat{48000, 2, SampleFormat::Float32});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    const Correlation c = correlateWithStandardSoundtrack(*pcm, startMs);
    ASSERT_GT(c.referenceEnergy, 0.0);
    EXPECT_GT(c.value, 0.9);
}

TEST(MediaAudioDecoder, ReadsAudioOnlyFile) {
    auto pcm = AudioDecoder::decode(audioOnlyClip(), 1000, 2500, AudioFormat{});
    ASSERT_TRUE(pcm.ok()) << pcm.error().message.toStdString();
    EXPECT_EQ(pcm->frameCount(), 24000);
}

TEST(MediaAudioDecoder, FileWithoutAudioIsAnError) {
    SyntheticVideoSpec spec;
    spec.width = 128;
    spec.height = 96;
    spec.durationMs = 1000;
    spec.tracks = SyntheticTracks::VideoOnly;
    const QString path = sharedClip(QStringLiteral("silent.mp4"), spec);
    auto pcm = AudioDecoder::decode(path, 0, 500, AudioFormat{});
    ASSERT_FALSE(pcm.ok());
    EXPECT_TRUE(pcm.error().message.startsWith(path));
    EXPECT_TRUE(pcm.error().message.contains(QStringLiteral("no audio")));
}

TEST(MediaAudioDecoder, RangeOutsideTheMediaIsAnError) {
    const QString path = standardClip();
    auto pcm = AudioDecoder::decode(path, 4000, 12000, AudioFormat{});
    ASSERT_FALSE(pcm.ok());
    EXPECT_TRUE(pcm.error().message.contains(QStringLiteral("4000-12000 ms")));
    EXPECT_FALSE(AudioDecoder::decode(path, 300, 200, AudioFormat{}).ok());
    EXPECT_FALSE(AudioDecoder::decode(path, 0, 200, AudioFormat{16000, 3, SampleFormat::Float32}).ok());
}
