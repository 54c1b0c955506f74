#include "speech/mel.h"

#include <algorithm>
#include <cmath>

namespace motor::gpu::speech {

namespace {

// Slaney's mel scale: linear below 1 kHz, logarithmic above (librosa htk=False).
double hzToMel(double f) {
    constexpr double minLogHz = 1000.0, minLogMel = 15.0;
    const double logstep = 27.0 / std::log(6.4);
    return f < minLogHz ? 3.0 * f / 200.0 : minLogMel + std::log(f / minLogHz) * logstep;
}

double melToHz(double m) {
    constexpr double minLogHz = 1000.0, minLogMel = 15.0;
    const double logstep = std::log(6.4) / 27.0;
    return m < minLogMel ? 200.0 * m / 3.0 : minLogHz * std::exp(logstep * (m - minLogMel));
}

}  // namespace

MelFilters slaneyMelFilters(int melBins, int nFft, int sampleRate, double fMin, double fMax) {
    MelFilters f;
    f.bins = melBins;
    f.freqBins = nFft / 2 + 1;
    const double melMin = hzToMel(fMin), melMax = hzToMel(fMax);
    std::vector<double> edges(size_t(melBins) + 2);
    for (size_t i = 0; i < edges.size(); ++i)
        edges[i] = melToHz(melMin + (melMax - melMin) * double(i) / double(melBins + 1));
    f.weights.assign(size_t(melBins) * size_t(f.freqBins), 0.0);
    f.first.assign(size_t(melBins), f.freqBins);
    f.last.assign(size_t(melBins), 0);
    for (int m = 0; m < melBins; ++m) {
        const double lo = edges[size_t(m)], mid = edges[size_t(m) + 1], hi = edges[size_t(m) + 2];
        const double norm = 2.0 / (hi - lo);
        for (int k = 0; k < f.freqBins; ++k) {
            // fft_freqs = linspace(0, sampleRate // 2, freqBins)
            const double hz = double(sampleRate / 2) * double(k) / double(f.freqBins - 1);
            const double down = (hz - lo) / (mid - lo), up = (hi - hz) / (hi - mid);
            const double w = std::max(0.0, std::min(down, up)) * norm;
            f.weights[size_t(m) * size_t(f.freqBins) + size_t(k)] = w;
            if (w > 0) {
                f.first[size_t(m)] = std::min(f.first[size_t(m)], k);
                f.last[size_t(m)] = std::max(f.last[size_t(m)], k + 1);
            }
        }
        if (f.first[size_t(m)] >= f.last[size_t(m)]) f.first[size_t(m)] = f.last[size_t(m)] = 0;
    }
    return f;
}

Fft::Fft(int n) : n_(n) {
    int r = n;
    for (int p : {4, 2, 3, 5}) {
        while (r % p == 0) {
            factors_.push_back(p);
            r /= p;
        }
    }
    for (int p = 7; r > 1; p += 2)
        while (r % p == 0) {
            factors_.push_back(p);
            r /= p;
        }
    cos_.resize(size_t(n));
    sin_.resize(size_t(n));
    for (int k = 0; k < n; ++k) {
        const double a = -2.0 * M_PI * double(k) / double(n);
        cos_[size_t(k)] = std::cos(a);
        sin_[size_t(k)] = std::sin(a);
    }
}

void Fft::recurse(const double* inRe, const double* inIm, int stride, double* outRe, double* outIm, int n,
                  size_t f) const {
    if (n == 1) {
        outRe[0] = inRe[0];
        outIm[0] = inIm[0];
        return;
    }
    const int p = factors_[f], m = n / p;
    for (int r = 0; r < p; ++r)
        recurse(inRe + r * stride, inIm + r * stride, stride * p, outRe + r * m, outIm + r * m, m, f + 1);
    // Butterflies: X[k + q m] = sum_r W_n^{r (k + q m)} Y_r[k].
    const int step = n_ / n;
    double tr[8], ti[8];
    double yr[8], yi[8];
    for (int k = 0; k < m; ++k) {
        for (int r = 0; r < p; ++r) {
            yr[r] = outRe[r * m + k];
            yi[r] = outIm[r * m + k];
        }
        for (int q = 0; q < p; ++q) {
            double sr = 0, si = 0;
            for (int r = 0; r < p; ++r) {
                const size_t idx = size_t((int64_t(r) * (k + q * m) * step) % n_);
                const double c = cos_[idx], s = sin_[idx];
                sr += yr[r] * c - yi[r] * s;
                si += yr[r] * s + yi[r] * c;
            }
            tr[q] = sr;
            ti[q] = si;
        }
        for (int q = 0; q < p; ++q) {
            outRe[k + q * m] = tr[q];
            outIm[k + q * m] = ti[q];
        }
    }
}

void Fft::forward(std::vector<double>& re, std::vector<double>& im, std::vector<double>& scratch) const {
    scratch.resize(size_t(2 * n_));
    recurse(re.data(), im.data(), 1, scratch.data(), scratch.data() + n_, n_, 0);
    std::copy(scratch.begin(), scratch.begin() + n_, re.begin());
    std::copy(scratch.begin() + n_, scratch.end(), im.begin());
}

LogMel::LogMel(int melBins, int nFft, int hop, int sampleRate)
    : filters_(slaneyMelFilters(melBins, nFft, sampleRate)), nFft_(nFft), hop_(hop), window_(size_t(nFft)) {
    for (int i = 0; i < nFft; ++i) window_[size_t(i)] = 0.5 - 0.5 * std::cos(2.0 * M_PI * double(i) / double(nFft));
}

std::vector<float> LogMel::power(std::span<const float> pcm, cpu::ThreadPool& pool) const {
    const int64_t n = int64_t(pcm.size());
    const int64_t frames = n / hop_;
    const int bins = filters_.bins, fb = filters_.freqBins, half = nFft_ / 2;
    std::vector<float> mel(size_t(bins) * size_t(frames));
    if (frames == 0) return mel;
    const Fft fft(nFft_);
    // Reflect padding needs at least half + 1 samples; shorter input pads with zeros.
    auto sample = [&](int64_t i) -> double {
        if (n <= half) return i >= 0 && i < n ? double(pcm[size_t(i)]) : 0.0;
        if (i < 0) i = -i;
        if (i >= n) i = 2 * (n - 1) - i;
        return double(pcm[size_t(i)]);
    };
    constexpr int kChunk = 64;
    const int chunks = int((frames + kChunk - 1) / kChunk);
    pool.parallelFor(chunks, frames * 8000, [&](int c, int) {
        std::vector<double> re(static_cast<size_t>(nFft_)), im(static_cast<size_t>(nFft_)), scratch,
            pw(static_cast<size_t>(fb));
        const int64_t end = std::min<int64_t>(frames, int64_t(c + 1) * kChunk);
        for (int64_t t = int64_t(c) * kChunk; t < end; ++t) {
            const int64_t start = t * hop_ - half;
            for (int i = 0; i < nFft_; ++i) {
                re[size_t(i)] = sample(start + i) * window_[size_t(i)];
                im[size_t(i)] = 0;
            }
            fft.forward(re, im, scratch);
            for (int k = 0; k < fb; ++k) pw[size_t(k)] = re[size_t(k)] * re[size_t(k)] + im[size_t(k)] * im[size_t(k)];
            for (int m = 0; m < bins; ++m) {
                const double* w = filters_.weights.data() + size_t(m) * size_t(fb);
                double s = 0;
                for (int k = filters_.first[size_t(m)]; k < filters_.last[size_t(m)]; ++k) s += w[k] * pw[size_t(k)];
                mel[size_t(m) * size_t(frames) + size_t(t)] = float(s);
            }
        }
    });
    return mel;
}

void LogMel::logCompress(std::vector<float>& mel) {
    float mx = -1e30f;
    for (float& v : mel) {
        v = float(std::log10(std::max(double(v), 1e-10)));
        mx = std::max(mx, v);
    }
    const float floor = mx - 8.0f;
    for (float& v : mel) v = (std::max(v, floor) + 4.0f) / 4.0f;
}

std::vector<float> LogMel::compute(std::span<const float> pcm, cpu::ThreadPool& pool) const {
    std::vector<float> mel = power(pcm, pool);
    logCompress(mel);
    return mel;
}

}  // namespace motor::gpu::speech
