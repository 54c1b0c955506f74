// Voice activity detection of our own: energy relative to the recording's noise floor,
// spectral flatness (white and pink noise are flat, voiced speech is not) and spectral
// change (a held tone or a sustained note barely changes from one 10 ms frame to the
// next; speech changes all the time). Chosen over a neural detector (Silero) because it
// needs no second model file and its three rules can be tested one by one; Whisper's own
// no-speech probability still guards what gets through.
#include <algorithm>
#include <cmath>

#include "motor/gpu/speech.h"
#include "speech/mel.h"

namespace motor::gpu {

namespace {

constexpr int kHop = 160;    // 10 ms frames at 16 kHz
constexpr int kFrame = 400;  // 25 ms analysis window
constexpr double kMinDbfs = -55.0;
constexpr double kAboveFloorDb = 12.0;
constexpr double kMaxFlatness = 0.5;
constexpr double kMinFluxDb = 1.5;
constexpr int kFluxWindow = 15;  // frames each side of the median of the spectral change

}  // namespace

std::vector<SpeechRegion> detectSpeech(std::span<const float> pcm, const VadOptions& options, int sampleRate) {
    std::vector<SpeechRegion> out;
    if (sampleRate != 16000 || pcm.empty()) return out;
    const int64_t frames = int64_t(pcm.size()) / kHop;
    if (frames == 0) return out;
    // Loudness per frame (dBFS of the RMS over 25 ms).
    std::vector<double> db(static_cast<size_t>(frames));
    for (int64_t t = 0; t < frames; ++t) {
        const int64_t a = t * kHop, b = std::min<int64_t>(int64_t(pcm.size()), a + kFrame);
        double s = 0;
        for (int64_t i = a; i < b; ++i) s += double(pcm[size_t(i)]) * double(pcm[size_t(i)]);
        db[size_t(t)] = 10.0 * std::log10(s / double(std::max<int64_t>(1, b - a)) + 1e-12);
    }
    std::vector<double> sorted = db;
    const size_t p10 = sorted.size() / 10;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(p10), sorted.end());
    const double threshold = std::max(kMinDbfs, sorted[p10] + kAboveFloorDb);

    // Spectral shape on 40 mel bands between ~100 Hz and 4 kHz.
    speech::LogMel mel(40, kFrame, kHop, sampleRate);
    cpu::ThreadPool& pool = cpu::ThreadPool::shared();
    const std::vector<float> power = mel.power(pcm, pool);
    const int bins = 40;
    std::vector<double> flat(static_cast<size_t>(frames)), flux(size_t(frames), 0.0);
    std::vector<double> prev(size_t(bins), 0.0), cur(static_cast<size_t>(bins));
    for (int64_t t = 0; t < frames; ++t) {
        double logSum = 0, sum = 0;
        for (int m = 1; m < bins - 6; ++m) {
            const double p = double(power[size_t(m) * size_t(frames) + size_t(t)]) + 1e-10;
            cur[size_t(m)] = 10.0 * std::log10(p);
            logSum += std::log(p);
            sum += p;
        }
        const int n = bins - 7;
        flat[size_t(t)] = std::exp(logSum / n) / (sum / n);
        if (t > 0) {
            double d = 0;
            for (int m = 1; m < bins - 6; ++m) d += std::fabs(cur[size_t(m)] - prev[size_t(m)]);
            flux[size_t(t)] = d / n;
        }
        std::swap(prev, cur);
    }
    std::vector<char> speech(size_t(frames), 0);
    std::vector<double> win;
    for (int64_t t = 0; t < frames; ++t) {
        if (db[size_t(t)] < threshold || flat[size_t(t)] > kMaxFlatness) continue;
        win.clear();
        for (int64_t u = std::max<int64_t>(1, t - kFluxWindow); u <= std::min(frames - 1, t + kFluxWindow); ++u)
            if (db[size_t(u)] >= threshold) win.push_back(flux[size_t(u)]);
        if (win.empty()) continue;
        std::nth_element(win.begin(), win.begin() + std::ptrdiff_t(win.size() / 2), win.end());
        if (win[win.size() / 2] >= kMinFluxDb) speech[size_t(t)] = 1;
    }
    // Runs of speech frames -> regions; short bursts dropped, short pauses bridged, padded.
    const int64_t minSpeech = options.minSpeechMs / 10, minSilence = options.minSilenceMs / 10,
                  pad = options.padMs / 10;
    std::vector<std::pair<int64_t, int64_t>> runs;
    for (int64_t t = 0; t < frames;) {
        if (!speech[size_t(t)]) {
            ++t;
            continue;
        }
        int64_t e = t;
        while (e < frames && speech[size_t(e)]) ++e;
        if (!runs.empty() && t - runs.back().second < minSilence)
            runs.back().second = e;
        else
            runs.push_back({t, e});
        t = e;
    }
    for (auto [a, b] : runs) {
        if (b - a < minSpeech) continue;
        const int64_t s = std::max<int64_t>(0, a - pad), e = std::min<int64_t>(frames, b + pad);
        if (!out.empty() && s * 10 <= out.back().endMs)
            out.back().endMs = e * 10;
        else
            out.push_back({s * 10, e * 10});
    }
    return out;
}

}  // namespace motor::gpu
