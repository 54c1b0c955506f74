#include "support/reference_forward.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <stdexcept>
#include <string>

namespace motor::gpu::test {

namespace {

uint16_t u16(const std::byte* p) {
    return uint16_t(uint16_t(p[0]) | uint16_t(p[1]) << 8);
}

float refHalf(uint16_t h) {
    const int e = (h >> 10) & 31, m = h & 1023;
    float v;
    if (e == 0)
        v = std::ldexp(float(m), -24);
    else if (e == 31)
        v = m ? NAN : INFINITY;
    else
        v = std::ldexp(float(m + 1024), e - 25);
    return (h & 0x8000) ? -v : v;
}

float refBf16(uint16_t b) {
    const uint32_t bits = uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

}  // namespace

std::vector<float> referenceDequantize(const TensorView& t) {
    const int64_t n = t.elements();
    std::vector<float> y(static_cast<size_t>(n));
    const std::byte* p = t.data;
    switch (t.dtype) {
        case DType::F32:
            std::memcpy(y.data(), p, size_t(n) * 4);
            break;
        case DType::F16:
            for (int64_t i = 0; i < n; ++i) y[size_t(i)] = refHalf(u16(p + 2 * i));
            break;
        case DType::BF16:
            for (int64_t i = 0; i < n; ++i) y[size_t(i)] = refBf16(u16(p + 2 * i));
            break;
        case DType::Q8_0:
            for (int64_t b = 0; b < n / 32; ++b) {
                const std::byte* x = p + b * 34;
                const float d = refHalf(u16(x));
                for (int j = 0; j < 32; ++j) y[size_t(b * 32 + j)] = float(int8_t(x[2 + j])) * d;
            }
            break;
        case DType::Q4_0:
            for (int64_t b = 0; b < n / 32; ++b) {
                const std::byte* x = p + b * 18;
                const float d = refHalf(u16(x));
                for (int j = 0; j < 16; ++j) {
                    const int x0 = (int(x[2 + j]) & 0x0F) - 8;
                    const int x1 = (int(x[2 + j]) >> 4) - 8;
                    y[size_t(b * 32 + j)] = float(x0) * d;
                    y[size_t(b * 32 + j + 16)] = float(x1) * d;
                }
            }
            break;
        case DType::Q4_K:
            for (int64_t b = 0; b < n / 256; ++b) {
                const auto* x = reinterpret_cast<const uint8_t*>(p + b * 144);
                const float d = refHalf(u16(p + b * 144)), dmin = refHalf(u16(p + b * 144 + 2));
                const uint8_t* scales = x + 4;
                const uint8_t* q = x + 16;
                auto scaleMin = [&](int j, int& sc, int& m) {
                    if (j < 4) {
                        sc = scales[j] & 63;
                        m = scales[j + 4] & 63;
                    } else {
                        sc = (scales[j + 4] & 0xF) | ((scales[j - 4] >> 6) << 4);
                        m = (scales[j + 4] >> 4) | ((scales[j] >> 6) << 4);
                    }
                };
                float* out = y.data() + b * 256;
                int is = 0;
                for (int j = 0; j < 256; j += 64) {
                    int sc, m;
                    scaleMin(is, sc, m);
                    const float d1 = d * float(sc), m1 = dmin * float(m);
                    scaleMin(is + 1, sc, m);
                    const float d2 = d * float(sc), m2 = dmin * float(m);
                    for (int l = 0; l < 32; ++l) *out++ = d1 * float(q[l] & 0xF) - m1;
                    for (int l = 0; l < 32; ++l) *out++ = d2 * float(q[l] >> 4) - m2;
                    q += 32;
                    is += 2;
                }
            }
            break;
        case DType::Q6_K:
            for (int64_t b = 0; b < n / 256; ++b) {
                const auto* x = reinterpret_cast<const uint8_t*>(p + b * 210);
                const float d = refHalf(u16(p + b * 210 + 208));
                const uint8_t* ql = x;
                const uint8_t* qh = x + 128;
                const auto* sc = reinterpret_cast<const int8_t*>(x + 192);
                float* out = y.data() + b * 256;
                for (int nn = 0; nn < 256; nn += 128) {
                    for (int l = 0; l < 32; ++l) {
                        const int is = l / 16;
                        const int q1 = int((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                        const int q2 = int((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                        const int q3 = int((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                        const int q4 = int((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                        out[l] = d * float(sc[is]) * float(q1);
                        out[l + 32] = d * float(sc[is + 2]) * float(q2);
                        out[l + 64] = d * float(sc[is + 4]) * float(q3);
                        out[l + 96] = d * float(sc[is + 6]) * float(q4);
                    }
                    out += 128;
                    ql += 64;
                    qh += 32;
                    sc += 8;
                }
            }
            break;
    }
    return y;
}

namespace {

std::vector<float> load(const ModelWeights& w, const std::string& name) {
    const TensorView* t = w.find(name);
    if (!t) throw std::runtime_error("reference: missing " + name);
    return referenceDequantize(*t);
}

// x as the integer kernels see it: float, then d * q per block of 32.
std::vector<double> quantizedActivations(const std::vector<double>& x) {
    std::vector<double> y(x.size());
    for (size_t b = 0; b + 32 <= x.size(); b += 32) {
        float amax = 0;
        for (size_t i = b; i < b + 32; ++i) amax = std::max(amax, std::abs(float(x[i])));
        const float d = amax / 127.0f;
        for (size_t i = b; i < b + 32; ++i) y[i] = d == 0 ? 0.0 : double(d) * std::nearbyint(float(x[i]) * (1.0f / d));
    }
    return y;
}

std::vector<double> rmsnorm(const std::vector<double>& x, const float* w, size_t n, float eps) {
    double ss = 0;
    for (size_t i = 0; i < n; ++i) ss += x[i] * x[i];
    const double scale = 1.0 / std::sqrt(ss / double(n) + double(eps));
    std::vector<double> y(n);
    for (size_t i = 0; i < n; ++i) y[i] = x[i] * scale * double(w[i]);
    return y;
}

double ropeFrequency(const ModelConfig& c, int i) {
    double f = std::pow(double(c.ropeTheta), -2.0 * i / double(c.headDim));
    const RopeScaling& s = c.ropeScaling;
    if (s.kind == RopeScaling::Kind::Linear) return f / s.factor;
    if (s.kind == RopeScaling::Kind::Llama3) {
        const double wavelen = 2 * std::numbers::pi / f;
        const double lowWavelen = s.originalContext / s.lowFreqFactor;
        const double highWavelen = s.originalContext / s.highFreqFactor;
        if (wavelen < highWavelen) return f;
        if (wavelen > lowWavelen) return f / s.factor;
        const double smooth = (s.originalContext / wavelen - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
        return (1 - smooth) * f / s.factor + smooth * f;
    }
    return f;
}

void rope(const ModelConfig& c, double* v, int pos) {
    const int half = c.headDim / 2;
    for (int i = 0; i < half; ++i) {
        const double a = pos * ropeFrequency(c, i);
        const int x0 = c.ropeStyle == RopeStyle::Interleaved ? 2 * i : i;
        const int x1 = c.ropeStyle == RopeStyle::Interleaved ? 2 * i + 1 : i + half;
        const double u = v[x0], w = v[x1];
        v[x0] = u * std::cos(a) - w * std::sin(a);
        v[x1] = u * std::sin(a) + w * std::cos(a);
    }
}

}  // namespace

// y[r] = sum_i W[r][i] x[i], in double.
std::vector<double> ReferenceForward::matvec(const Matrix& m, const std::vector<double>& in, int64_t rows) {
    const std::vector<double> x = m.quantizeInput ? quantizedActivations(in) : in;
    const int64_t cols = int64_t(x.size());
    std::vector<double> y(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
        double s = 0;
        for (int64_t i = 0; i < cols; ++i) s += double(m.w[size_t(r * cols + i)]) * x[size_t(i)];
        y[size_t(r)] = s;
    }
    return y;
}

ReferenceForward::Matrix ReferenceForward::matrix(const ModelWeights& w, const std::string& name) const {
    const TensorView* t = w.find(name);
    if (!t) throw std::runtime_error("reference: missing " + name);
    return {referenceDequantize(*t),
            mode_ == ActivationMode::QuantizedForInt8Weights && (t->dtype == DType::Q8_0 || t->dtype == DType::Q4_0)};
}

ReferenceForward::ReferenceForward(const ModelWeights& w, ActivationMode mode) : c_(w.config()), mode_(mode) {
    embed_ = load(w, "token_embd.weight");
    outputNorm_ = load(w, "output_norm.weight");
    output_ = matrix(w, w.find("output.weight") ? "output.weight" : "token_embd.weight");
    for (int l = 0; l < c_.layers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        Layer L;
        L.attnNorm = load(w, p + "attn_norm.weight");
        L.q = matrix(w, p + "attn_q.weight");
        L.k = matrix(w, p + "attn_k.weight");
        L.v = matrix(w, p + "attn_v.weight");
        L.o = matrix(w, p + "attn_output.weight");
        if (w.find(p + "attn_q.bias")) {
            L.qBias = load(w, p + "attn_q.bias");
            L.kBias = load(w, p + "attn_k.bias");
            L.vBias = load(w, p + "attn_v.bias");
        }
        if (w.find(p + "attn_q_norm.weight")) {
            L.qNorm = load(w, p + "attn_q_norm.weight");
            L.kNorm = load(w, p + "attn_k_norm.weight");
        }
        L.ffnNorm = load(w, p + "ffn_norm.weight");
        L.gate = matrix(w, p + "ffn_gate.weight");
        L.up = matrix(w, p + "ffn_up.weight");
        L.down = matrix(w, p + "ffn_down.weight");
        layers_.push_back(std::move(L));
    }
}

std::vector<std::vector<float>> ReferenceForward::logits(const std::vector<int32_t>& tokens) const {
    const int n = int(tokens.size());
    const int64_t dim = c_.dim, hd = c_.headDim, qd = c_.heads * hd, kvd = c_.kvHeads * hd;
    std::vector<std::vector<double>> x(static_cast<size_t>(n));
    for (int t = 0; t < n; ++t)
        x[size_t(t)].assign(embed_.begin() + tokens[size_t(t)] * dim, embed_.begin() + (tokens[size_t(t)] + 1) * dim);
    for (const Layer& L : layers_) {
        std::vector<std::vector<double>> q(static_cast<size_t>(n)), k(static_cast<size_t>(n)),
            v(static_cast<size_t>(n));
        for (int t = 0; t < n; ++t) {
            const auto xn = rmsnorm(x[size_t(t)], L.attnNorm.data(), size_t(dim), c_.rmsEps);
            q[size_t(t)] = matvec(L.q, xn, qd);
            k[size_t(t)] = matvec(L.k, xn, kvd);
            v[size_t(t)] = matvec(L.v, xn, kvd);
            for (int64_t i = 0; i < int64_t(L.qBias.size()); ++i) q[size_t(t)][size_t(i)] += L.qBias[size_t(i)];
            for (int64_t i = 0; i < int64_t(L.kBias.size()); ++i) k[size_t(t)][size_t(i)] += L.kBias[size_t(i)];
            for (int64_t i = 0; i < int64_t(L.vBias.size()); ++i) v[size_t(t)][size_t(i)] += L.vBias[size_t(i)];
            for (int h = 0; h < c_.heads; ++h) {
                double* qh = q[size_t(t)].data() + h * hd;
                if (!L.qNorm.empty()) {
                    std::vector<double> tmp(qh, qh + hd);
                    tmp = rmsnorm(tmp, L.qNorm.data(), size_t(hd), c_.rmsEps);
                    std::copy(tmp.begin(), tmp.end(), qh);
                }
                rope(c_, qh, t);
            }
            for (int h = 0; h < c_.kvHeads; ++h) {
                double* kh = k[size_t(t)].data() + h * hd;
                if (!L.kNorm.empty()) {
                    std::vector<double> tmp(kh, kh + hd);
                    tmp = rmsnorm(tmp, L.kNorm.data(), size_t(hd), c_.rmsEps);
                    std::copy(tmp.begin(), tmp.end(), kh);
                }
                rope(c_, kh, t);
            }
        }
        for (int t = 0; t < n; ++t) {
            std::vector<double> att(size_t(qd), 0.0);
            for (int h = 0; h < c_.heads; ++h) {
                const int kvh = h / (c_.heads / c_.kvHeads);
                std::vector<double> s(size_t(t + 1));
                double mx = -1e300;
                for (int j = 0; j <= t; ++j) {
                    double d = 0;
                    for (int64_t i = 0; i < hd; ++i)
                        d += q[size_t(t)][size_t(h * hd + i)] * k[size_t(j)][size_t(kvh * hd + i)];
                    s[size_t(j)] = d / std::sqrt(double(hd));
                    mx = std::max(mx, s[size_t(j)]);
                }
                double sum = 0;
                for (double& e : s) sum += (e = std::exp(e - mx));
                for (int j = 0; j <= t; ++j)
                    for (int64_t i = 0; i < hd; ++i)
                        att[size_t(h * hd + i)] += s[size_t(j)] / sum * v[size_t(j)][size_t(kvh * hd + i)];
            }
            const auto o = matvec(L.o, att, dim);
            for (int64_t i = 0; i < dim; ++i) x[size_t(t)][size_t(i)] += o[size_t(i)];
            const auto xn = rmsnorm(x[size_t(t)], L.ffnNorm.data(), size_t(dim), c_.rmsEps);
            auto g = matvec(L.gate, xn, c_.hiddenDim);
            const auto u = matvec(L.up, xn, c_.hiddenDim);
            for (size_t i = 0; i < g.size(); ++i) g[i] = g[i] / (1 + std::exp(-g[i])) * u[i];
            const auto d = matvec(L.down, g, dim);
            for (int64_t i = 0; i < dim; ++i) x[size_t(t)][size_t(i)] += d[size_t(i)];
        }
    }
    std::vector<std::vector<float>> out(static_cast<size_t>(n));
    for (int t = 0; t < n; ++t) {
        const auto xn = rmsnorm(x[size_t(t)], outputNorm_.data(), size_t(dim), c_.rmsEps);
        const auto l = matvec(output_, xn, c_.vocabSize);
        out[size_t(t)].assign(l.begin(), l.end());
    }
    return out;
}

}  // namespace motor::gpu::test
