#pragma once
// Whisper's log-mel front end, as transformers' WhisperFeatureExtractor computes it:
// STFT with a periodic Hann window of n_fft samples, hop samples apart, centred
// (reflect padding of n_fft / 2 at both ends); power spectrum; Slaney-normalised
// Slaney-scale triangular mel filters from 0 to 8 kHz; log10 of max(power, 1e-10);
// clamped to (maximum - 8); then (x + 4) / 4. The last STFT frame is dropped, so a
// signal of n samples gives n / hop frames. Computed in double, stored as float.
#include <cstdint>
#include <span>
#include <vector>

#include "cpu/thread_pool.h"

namespace motor::gpu::speech {

struct MelFilters {
    int bins = 0;                  // mel filters
    int freqBins = 0;              // n_fft / 2 + 1
    std::vector<double> weights;   // bins x freqBins
    std::vector<int> first, last;  // nonzero range [first, last) of each filter
};

// transformers.audio_utils.mel_filter_bank(norm="slaney", mel_scale="slaney").
MelFilters slaneyMelFilters(int melBins, int nFft, int sampleRate, double fMin = 0.0, double fMax = 8000.0);

class LogMel {
public:
    LogMel(int melBins, int nFft, int hop, int sampleRate);

    // melBins x frames floats, bin-major; frames = pcm.size() / hop.
    std::vector<float> compute(std::span<const float> pcm, cpu::ThreadPool& pool) const;
    // The power mel spectrogram before the log (bin-major), for the voice detector.
    std::vector<float> power(std::span<const float> pcm, cpu::ThreadPool& pool) const;
    // log10 + clamp + scale of a power spectrogram, in place (max over all of it).
    static void logCompress(std::vector<float>& mel);

    int bins() const { return filters_.bins; }
    int hop() const { return hop_; }

private:
    MelFilters filters_;
    int nFft_, hop_;
    std::vector<double> window_;
};

// In-place complex DFT of any length whose prime factors are small (400 = 2^4 5^2):
// mixed-radix decimation in time.
class Fft {
public:
    explicit Fft(int n);
    // re/im: n values in, the DFT out (sign -1).
    void forward(std::vector<double>& re, std::vector<double>& im, std::vector<double>& scratch) const;
    int size() const { return n_; }

private:
    void recurse(const double* inRe, const double* inIm, int stride, double* outRe, double* outIm, int n,
                 size_t f) const;
    int n_;
    std::vector<int> factors_;
    std::vector<double> cos_, sin_;  // e^{-2 pi i k / n}
};

}  // namespace motor::gpu::speech
