#include "cpu/rope.h"

#include <cmath>
#include <numbers>

namespace motor::gpu::cpu {

Rope::Rope(const ModelConfig& c) : headDim_(c.headDim), style_(c.ropeStyle) {
    const int half = headDim_ / 2;
    invFreq_.resize(size_t(half));
    for (int i = 0; i < half; ++i) {
        double f = 1.0 / std::pow(double(c.ropeTheta), double(2 * i) / double(headDim_));
        const RopeScaling& s = c.ropeScaling;
        if (s.kind == RopeScaling::Kind::Linear && s.factor > 0) {
            f /= s.factor;
        } else if (s.kind == RopeScaling::Kind::Llama3 && s.factor > 0) {
            // Llama 3.1: keep high frequencies, divide low ones by factor, blend between.
            const double lowWavelen = s.originalContext / double(s.lowFreqFactor);
            const double highWavelen = s.originalContext / double(s.highFreqFactor);
            const double wavelen = 2.0 * std::numbers::pi / f;
            if (wavelen > lowWavelen) {
                f /= s.factor;
            } else if (wavelen >= highWavelen) {
                const double smooth =
                    (s.originalContext / wavelen - s.lowFreqFactor) / (double(s.highFreqFactor) - s.lowFreqFactor);
                f = (1.0 - smooth) * f / s.factor + smooth * f;
            }
        }
        invFreq_[size_t(i)] = f;
    }
}

void Rope::apply(float* x, int heads, int pos) const {
    apply(x, heads, nullptr, 0, pos);
}

void Rope::apply(float* q, int qHeads, float* k, int kHeads, int pos) const {
    const int half = headDim_ / 2;
    for (int i = 0; i < half; ++i) {
        const double angle = double(pos) * invFreq_[size_t(i)];
        const float c = float(std::cos(angle));
        const float s = float(std::sin(angle));
        const int a = style_ == RopeStyle::Interleaved ? 2 * i : i;
        const int b = style_ == RopeStyle::Interleaved ? 2 * i + 1 : i + half;
        for (float* x : {q, k}) {
            const int heads = x == q ? qHeads : kHeads;
            for (int h = 0; h < heads && x != nullptr; ++h) {
                float* v = x + int64_t(h) * headDim_;
                const float x0 = v[a], x1 = v[b];
                v[a] = x0 * c - x1 * s;
                v[b] = x0 * s + x1 * c;
            }
        }
    }
}

}  // namespace motor::gpu::cpu
