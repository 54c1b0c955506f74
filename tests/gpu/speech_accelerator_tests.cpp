// SpeechModel::attachAccelerator: Whisper's encoder and decoder run on an attached
// SpeechAccelerator (the CUDA plugin on a GPU machine) while the log-mel, voice activity
// and the search stay here. The accelerator in these tests keeps its caches and cross
// keys/values in another model's CPU backend, so the whole transcription (greedy, beam
// search with its cache reordering, sampling with best-of copies, fallbacks) must give
// the CPU's bits, every call must reach it, and everything it was asked to hold must be
// released. The CUDA implementation is checked against the CPU on a GPU (gpu-check.sh).
#include <gtest/gtest.h>

#include "motor/gpu/engine.h"
#include "motor/gpu/speech.h"
#include "speech/whisper_model.h"
#include "support/cpu_backed_accelerator.h"
#include "support/whisper_fixtures.h"

namespace motor::gpu::test {
namespace {

std::unique_ptr<SpeechModel> loadTiny() {
    auto w = openModel(whisperData("tiny80"));
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
    auto m = SpeechModel::load(std::move(w.value()), 2);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return std::move(m.value());
}

const speech::WhisperModel& whisper(const SpeechModel& m) {
    return dynamic_cast<const speech::WhisperModel&>(m);
}

void expectSameTranscript(const SpeechTranscript& a, const SpeechTranscript& b) {
    ASSERT_EQ(a.segments.size(), b.segments.size());
    EXPECT_EQ(a.windows, b.windows);
    EXPECT_EQ(a.fallbacks, b.fallbacks);
    EXPECT_EQ(a.language, b.language);
    for (size_t i = 0; i < a.segments.size(); ++i) {
        EXPECT_EQ(a.segments[i].tokens, b.segments[i].tokens) << "segment " << i;
        EXPECT_EQ(a.segments[i].startMs, b.segments[i].startMs) << "segment " << i;
        EXPECT_EQ(a.segments[i].endMs, b.segments[i].endMs) << "segment " << i;
        EXPECT_EQ(a.segments[i].avgLogprob, b.segments[i].avgLogprob) << "segment " << i;
        EXPECT_EQ(a.segments[i].noSpeechProb, b.segments[i].noSpeechProb) << "segment " << i;
    }
}

TEST(SpeechAccelerator, TranscriptionsRunOnItWithTheCpusBits) {
    auto front = loadTiny(), backing = loadTiny(), reference = loadTiny();
    CpuBackedSpeechAccelerator::Counts counts;
    EXPECT_EQ(front->device().rfind("cpu (", 0), 0u) << front->device();
    ASSERT_TRUE(front->attachAccelerator(std::make_unique<CpuBackedSpeechAccelerator>(whisper(*backing), counts)).ok());
    EXPECT_EQ(front->device(), "test: Whisper on another model's CPU backend");

    const auto pcm = whisperLongAudio();
    SpeechOptions o;
    o.language = "auto";  // detection through the accelerator's decoder too
    o.beamSize = 3;       // beam search: caches copied as the beams reorder
    o.temperatures = {0.0f};
    o.maxTokensPerWindow = 24;
    o.compressionRatioThreshold.reset();
    o.logprobThreshold.reset();
    o.noSpeechThreshold.reset();
    auto onAcc = front->transcribe(pcm, o);
    ASSERT_TRUE(onAcc.ok()) << onAcc.error().message;
    auto onCpu = reference->transcribe(pcm, o);
    ASSERT_TRUE(onCpu.ok());
    ASSERT_FALSE(onCpu->segments.empty());
    expectSameTranscript(onAcc.value(), onCpu.value());
    EXPECT_EQ(counts.encodes, onAcc->windows);
    EXPECT_GT(counts.steps, onAcc->windows);
    EXPECT_GT(counts.copies, 0);
    EXPECT_EQ(counts.liveCaches, 0) << "every cache released";
    EXPECT_EQ(counts.liveCrosses, 0) << "every window's cross keys released";

    // Sampling with best-of copies and a threshold that forces every fallback.
    o.language = "en";
    o.beamSize = 1;
    o.temperatures = {0.0f, 0.6f};
    o.bestOf = 3;
    o.logprobThreshold = 10.0f;
    const auto part = std::span<const float>(pcm).first(16000 * 8);
    auto sa = front->transcribe(part, o);
    auto sc = reference->transcribe(part, o);
    ASSERT_TRUE(sa.ok()) << sa.error().message;
    ASSERT_TRUE(sc.ok());
    EXPECT_EQ(sa->fallbacks, sa->windows);
    expectSameTranscript(sa.value(), sc.value());
    EXPECT_EQ(counts.liveCaches, 0);
}

TEST(SpeechAccelerator, PiecesAndErrors) {
    auto front = loadTiny(), backing = loadTiny(), reference = loadTiny();
    CpuBackedSpeechAccelerator::Counts counts;
    auto acc = std::make_unique<CpuBackedSpeechAccelerator>(whisper(*backing), counts);
    CpuBackedSpeechAccelerator* raw = acc.get();
    EXPECT_FALSE(front->attachAccelerator(nullptr).ok());
    ASSERT_TRUE(front->attachAccelerator(std::move(acc)).ok());
    auto twice = front->attachAccelerator(std::make_unique<CpuBackedSpeechAccelerator>(whisper(*backing), counts));
    ASSERT_FALSE(twice.ok());
    EXPECT_NE(twice.error().message.find("already runs on test:"), std::string::npos) << twice.error().message;

    const auto mel = reference->logMel(std::vector<float>(30 * 16000, 0.01f));
    auto ea = front->encode(mel);
    auto ec = reference->encode(mel);
    ASSERT_TRUE(ea.ok() && ec.ok());
    EXPECT_EQ(ea.value(), ec.value());
    EXPECT_EQ(counts.encodes, 1);
    EXPECT_FALSE(front->encode(std::span(mel).first(100)).ok());  // checked before the accelerator
    EXPECT_EQ(counts.encodes, 1);

    const std::vector<int32_t> tokens{front->tokenIds().sot, front->tokenIds().sot + 1, 220, 1000};
    auto la = front->decoderLogits(ea.value(), tokens);
    auto lc = reference->decoderLogits(ec.value(), tokens);
    ASSERT_TRUE(la.ok() && lc.ok()) << (la.ok() ? "" : la.error().message);
    EXPECT_EQ(la.value(), lc.value()) << "every position's logits, in order";

    // An accelerator's failure reaches the caller; nothing is left held.
    raw->failNextCache = true;
    SpeechOptions o;
    o.language = "en";
    auto failed = front->transcribe(whisperLongAudio(), o);
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.error().message.find("out of memory for a cache"), std::string::npos) << failed.error().message;
    EXPECT_EQ(counts.liveCaches, 0);
    EXPECT_EQ(counts.liveCrosses, 0);
}

}  // namespace
}  // namespace motor::gpu::test
