// motor_cuda_check: every CUDA kernel of the engine against an independent CPU
// reference (double accumulation on the same bf16-rounded inputs; the CPU backend's
// own RoPE and block decoders), plus the errors the API promises for bad shapes and
// out-of-memory. Prints one PASS/FAIL line per case; exit 0 all passed, 1 a failure,
// 77 no usable GPU (ctest reports it skipped).
//   motor_cuda_check [--quick]    (--quick: the small cases; what compute-sanitizer runs)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "cpu/rope.h"
#include "cuda/dequant_gemv.cuh"
#include "cuda/device.cuh"
#include "cuda/elementwise.cuh"
#include "cuda/flash_attention.cuh"
#include "cuda/flash_decoding.cuh"
#include "cuda/gemm_lt.cuh"
#include "cuda/norm.cuh"
#include "cuda/rope.cuh"
#include "cuda/whisper_ops.cuh"
#include "motor/gpu/quant.h"

using namespace motor::gpu;
using namespace motor::gpu::cuda;

namespace {

int failures = 0;
std::mt19937 rng(1234);

void report(bool ok, const std::string& name, const std::string& detail) {
    std::printf("%s %s (%s)\n", ok ? "PASS" : "FAIL", name.c_str(), detail.c_str());
    std::fflush(stdout);
    if (!ok) ++failures;
}

template <class T>
T must(Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "FAIL %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}
void must(Result<void> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "FAIL %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
}

std::vector<float> randomFloats(size_t n, float scale = 1.f) {
    std::normal_distribution<float> d(0.f, scale);
    std::vector<float> v(n);
    for (float& x : v) x = d(rng);
    return v;
}

// bf16 bits of x, and x itself rounded the same way (the reference's input).
std::vector<uint16_t> toBf16Bits(std::vector<float>& x) {
    std::vector<uint16_t> b(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
        b[i] = fp32ToBf16(x[i]);
        x[i] = bf16ToFp32(b[i]);
    }
    return b;
}

std::string fmt(const char* f, double a, double b) {
    char buf[128];
    std::snprintf(buf, sizeof buf, f, a, b);
    return buf;
}

// ---------------------------------------------------------------------------- attention
struct AttnCase {
    std::string name;
    int headDim;
    bool causal;
    int qHeads, kvHeads;
    std::vector<std::pair<int, int>> seqs;  // (Lq, Lk)
    int rowStep = 1;                        // reference for every rowStep-th query row
    float qScale = 1.f;                     // 3: peaky scores, where single keys matter
};

void checkAttention(const AttnCase& c) {
    const int D = c.headDim, B = int(c.seqs.size());
    std::vector<int> cuQ{0}, cuK{0};
    int maxQ = 0;
    for (auto [lq, lk] : c.seqs) {
        cuQ.push_back(cuQ.back() + lq);
        cuK.push_back(cuK.back() + lk);
        maxQ = std::max(maxQ, lq);
    }
    const int64_t qRow = int64_t(c.qHeads) * D, kRow = int64_t(c.kvHeads) * D;
    std::vector<float> q = randomFloats(static_cast<size_t>(cuQ.back() * qRow), c.qScale),
                       k = randomFloats(static_cast<size_t>(cuK.back() * kRow)),
                       v = randomFloats(static_cast<size_t>(cuK.back() * kRow));
    auto qb = toBf16Bits(q), kb = toBf16Bits(k), vb = toBf16Bits(v);
    auto dq = must(DeviceBuffer<uint16_t>::fromHost(qb.data(), qb.size()), "upload q");
    auto dk = must(DeviceBuffer<uint16_t>::fromHost(kb.data(), kb.size()), "upload k");
    auto dv = must(DeviceBuffer<uint16_t>::fromHost(vb.data(), vb.size()), "upload v");
    auto dout = must(DeviceBuffer<uint16_t>::allocate(qb.size()), "alloc o");
    auto dcq = must(DeviceBuffer<int>::fromHost(cuQ.data(), cuQ.size()), "upload cuQ");
    auto dck = must(DeviceBuffer<int>::fromHost(cuK.data(), cuK.size()), "upload cuK");
    AttentionParams p;
    p.q = bf(dq);
    p.k = bf(dk);
    p.v = bf(dv);
    p.o = bf(dout);
    p.qRowStride = p.oRowStride = qRow;
    p.kRowStride = p.vRowStride = kRow;
    p.qHeadStride = p.kHeadStride = p.vHeadStride = p.oHeadStride = D;
    p.cuSeqlensQ = dcq.get();
    p.cuSeqlensK = dck.get();
    p.batch = B;
    p.maxSeqlenQ = maxQ;
    p.qHeads = c.qHeads;
    p.kvHeads = c.kvHeads;
    p.headDim = D;
    p.scale = 1.f / std::sqrt(float(D));
    p.causal = c.causal;
    must(flashAttentionForward(p, nullptr), "flashAttentionForward");
    must(cudaDeviceSynchronize() == cudaSuccess ? Result<void>{} : makeError(cudaGetErrorString(cudaGetLastError())),
         "attention kernel");
    std::vector<uint16_t> ob(qb.size());
    must(dout.toHost(ob.data(), ob.size()), "download o");

    double maxErr = 0, sumErr = 0, maxRef = 0;
    int64_t n = 0;
    std::vector<double> sc;
    for (int b = 0; b < B; ++b) {
        const int lq = c.seqs[static_cast<size_t>(b)].first, lk = c.seqs[static_cast<size_t>(b)].second;
        for (int i = 0; i < lq; i += c.rowStep)
            for (int h = 0; h < c.qHeads; ++h) {
                const int kvh = h / (c.qHeads / c.kvHeads);
                const float* qi = q.data() + (cuQ[static_cast<size_t>(b)] + i) * qRow + h * D;
                const int visible = c.causal ? std::clamp(i + lk - lq + 1, 0, lk) : lk;
                sc.assign(static_cast<size_t>(visible), 0.0);
                double mx = -1e300;
                for (int j = 0; j < visible; ++j) {
                    const float* kj = k.data() + (cuK[static_cast<size_t>(b)] + j) * kRow + kvh * D;
                    double s = 0;
                    for (int d = 0; d < D; ++d) s += double(qi[d]) * kj[d];
                    sc[static_cast<size_t>(j)] = s * p.scale;
                    mx = std::max(mx, sc[static_cast<size_t>(j)]);
                }
                double sum = 0;
                for (double& s : sc) sum += (s = std::exp(s - mx));
                for (int d = 0; d < D; ++d) {
                    double o = 0;
                    for (int j = 0; j < visible; ++j)
                        o += sc[static_cast<size_t>(j)] *
                             v[static_cast<size_t>((cuK[static_cast<size_t>(b)] + j) * kRow + kvh * D + d)];
                    if (visible > 0) o /= sum;
                    const double got =
                        bf16ToFp32(ob[static_cast<size_t>((cuQ[static_cast<size_t>(b)] + i) * qRow + h * D + d)]);
                    const double err = std::abs(got - o);
                    maxErr = std::max(maxErr, err);
                    maxRef = std::max(maxRef, std::abs(o));
                    sumErr += err;
                    ++n;
                }
            }
    }
    // bf16 output (8 bits of mantissa) and bf16 probabilities in P.V: a few 1e-3 on
    // values of order 1, and relative to the outputs' size (long contexts average the
    // values down, so an absolute bound alone would pass a dropped key); the strict
    // bound against PyTorch is in attention_vs_torch.py.
    const double mean = sumErr / double(std::max<int64_t>(n, 1));
    report(maxErr < 2e-2 && mean < 2e-3 && maxErr <= 2.5e-2 * maxRef + 1e-6, "attention " + c.name,
           fmt("max err %.2e, mean %.2e", maxErr, mean) + fmt(", max |ref| %.2e, bound %.2e", maxRef, 2.5e-2 * maxRef));
}

// ------------------------------------------------------------------------------ decode
void checkDecode(const std::string& name, int D, int qHeads, int kvHeads, std::vector<int> lens, int splitsOverride,
                 int sms) {
    const int B = int(lens.size()), pageSize = 32;
    const int maxLen = *std::max_element(lens.begin(), lens.end());
    const int maxPages = (maxLen + pageSize - 1) / pageSize;
    // Sequences share their first pages (a clip's context forked into agents): every
    // sequence's page i < shared points at the same pool page.
    const int shared = std::min(lens[0], *std::min_element(lens.begin(), lens.end())) / pageSize;
    std::vector<int> table(static_cast<size_t>(B * maxPages), -1);
    int next = 0;
    for (int i = 0; i < shared; ++i)
        for (int b = 0; b < B; ++b) table[static_cast<size_t>(b * maxPages + i)] = i;
    next = shared;
    for (int b = 0; b < B; ++b)
        for (int i = shared; i < (lens[static_cast<size_t>(b)] + pageSize - 1) / pageSize; ++i)
            table[static_cast<size_t>(b * maxPages + i)] = next++;
    // Scatter the private pages over the pool in a shuffled order.
    std::vector<int> perm(static_cast<size_t>(next));
    for (int i = 0; i < next; ++i) perm[static_cast<size_t>(i)] = i;
    std::shuffle(perm.begin() + shared, perm.end(), rng);
    for (int& t : table)
        if (t >= 0) t = perm[static_cast<size_t>(t)];
    for (int& t : table)
        if (t < 0) t = 0;  // past a sequence's end: never read
    const int64_t rowElems = int64_t(kvHeads) * D, pageElems = pageSize * rowElems;
    std::vector<float> kp = randomFloats(static_cast<size_t>(next * pageElems)),
                       vp = randomFloats(static_cast<size_t>(next * pageElems)),
                       q = randomFloats(static_cast<size_t>(B * qHeads * D));
    auto kb = toBf16Bits(kp), vb = toBf16Bits(vp), qb = toBf16Bits(q);
    auto dk = must(DeviceBuffer<uint16_t>::fromHost(kb.data(), kb.size()), "k pool");
    auto dv = must(DeviceBuffer<uint16_t>::fromHost(vb.data(), vb.size()), "v pool");
    auto dq = must(DeviceBuffer<uint16_t>::fromHost(qb.data(), qb.size()), "q");
    auto dt = must(DeviceBuffer<int>::fromHost(table.data(), table.size()), "table");
    auto dl = must(DeviceBuffer<int>::fromHost(lens.data(), lens.size()), "lens");
    auto dout = must(DeviceBuffer<uint16_t>::allocate(qb.size()), "o");
    DecodeAttentionParams p;
    p.q = bf(dq);
    p.qRowStride = int64_t(qHeads) * D;
    p.kPool = bf(dk);
    p.vPool = bf(dv);
    p.blockTable = dt.get();
    p.maxPagesPerSeq = maxPages;
    p.seqlensK = dl.get();
    p.pageSize = pageSize;
    p.o = bf(dout);
    p.oRowStride = int64_t(qHeads) * D;
    p.batch = B;
    p.qHeads = qHeads;
    p.kvHeads = kvHeads;
    p.headDim = D;
    p.maxSeqlenK = maxLen;
    p.scale = 1.f / std::sqrt(float(D));
    p.splits = splitsOverride > 0 ? splitsOverride : decodeSplits(B, kvHeads, maxLen, sms);
    auto ws = must(DeviceBuffer<float>::allocate(decodeWorkspaceFloats(p)), "workspace");
    must(flashDecode(p, ws.get(), nullptr), "flashDecode");
    must(cudaDeviceSynchronize() == cudaSuccess ? Result<void>{} : makeError(cudaGetErrorString(cudaGetLastError())),
         "decode kernel");
    std::vector<uint16_t> ob(qb.size());
    must(dout.toHost(ob.data(), ob.size()), "download");
    double maxErr = 0, maxRef = 0;
    for (int b = 0; b < B; ++b)
        for (int h = 0; h < qHeads; ++h) {
            const int kvh = h / (qHeads / kvHeads);
            std::vector<double> sc(static_cast<size_t>(lens[static_cast<size_t>(b)]));
            double mx = -1e300;
            for (int j = 0; j < lens[static_cast<size_t>(b)]; ++j) {
                const int64_t off = table[static_cast<size_t>(b * maxPages + j / pageSize)] * pageElems +
                                    (j % pageSize) * rowElems + kvh * D;
                double s = 0;
                for (int d = 0; d < D; ++d)
                    s += double(q[static_cast<size_t>((b * qHeads + h) * D + d)]) * kp[static_cast<size_t>(off + d)];
                sc[static_cast<size_t>(j)] = s * p.scale;
                mx = std::max(mx, sc[static_cast<size_t>(j)]);
            }
            double sum = 0;
            for (double& s : sc) sum += (s = std::exp(s - mx));
            for (int d = 0; d < D; ++d) {
                double o = 0;
                for (int j = 0; j < lens[static_cast<size_t>(b)]; ++j) {
                    const int64_t off = table[static_cast<size_t>(b * maxPages + j / pageSize)] * pageElems +
                                        (j % pageSize) * rowElems + kvh * D;
                    o += sc[static_cast<size_t>(j)] * vp[static_cast<size_t>(off + d)];
                }
                o /= sum;
                maxRef = std::max(maxRef, std::abs(o));
                maxErr = std::max(maxErr, std::abs(o - bf16ToFp32(ob[static_cast<size_t>((b * qHeads + h) * D + d)])));
            }
        }
    report(maxErr < 1e-2 && maxErr <= 2.5e-2 * maxRef + 1e-6,
           "decode " + name + " (splits " + std::to_string(p.splits) + ")",
           fmt("max err %.2e, max |ref| %.2e", maxErr, maxRef));
}

// ------------------------------------------------------- Whisper's decoder attention
// scatterKv then decodeAttention as CudaWhisper::step runs them: five rows of three fp32
// caches (position 0; three consecutive rows of one sequence, each seeing only the keys
// up to its own; the last of 448 positions), then the same rows over 1,500 shared keys
// (cross-attention). Reference: a double softmax on the same fp32 inputs; bf16 output.
void checkWhisperDecodeAttention() {
    const int heads = 4, hd = 64, dim = heads * hd, ctx = 448, A = 1500;
    const std::vector<int> seqOf{0, 1, 1, 1, 2}, posOf{0, 5, 6, 7, ctx - 1};
    const int R = int(seqOf.size());
    const float scale = 1.f / std::sqrt(float(hd));
    const size_t perCache = size_t(2) * ctx * dim;  // keys, then values
    std::vector<float> caches = randomFloats(3 * perCache), cross = randomFloats(size_t(2) * A * dim);
    const std::vector<float> q = randomFloats(size_t(R) * dim, 3.f), k = randomFloats(size_t(R) * dim),
                             v = randomFloats(size_t(R) * dim);
    auto dCaches = must(DeviceBuffer<float>::fromHost(caches.data(), caches.size()), "caches");
    auto dCross = must(DeviceBuffer<float>::fromHost(cross.data(), cross.size()), "cross");
    auto dq = must(DeviceBuffer<float>::fromHost(q.data(), q.size()), "q");
    auto dk = must(DeviceBuffer<float>::fromHost(k.data(), k.size()), "k");
    auto dv = must(DeviceBuffer<float>::fromHost(v.data(), v.size()), "v");
    std::vector<float*> bases;
    std::vector<int> ints(posOf);  // positions, then counts
    for (int r = 0; r < R; ++r) {
        bases.push_back(dCaches.get() + size_t(seqOf[size_t(r)]) * perCache);
        ints.push_back(posOf[size_t(r)] + 1);
        float* c = caches.data() + size_t(seqOf[size_t(r)]) * perCache;  // as scatterKv leaves it
        std::copy_n(k.data() + size_t(r) * dim, dim, c + size_t(posOf[size_t(r)]) * dim);
        std::copy_n(v.data() + size_t(r) * dim, dim, c + size_t(ctx + posOf[size_t(r)]) * dim);
    }
    auto dBases = must(DeviceBuffer<float*>::fromHost(bases.data(), bases.size()), "bases");
    auto dInts = must(DeviceBuffer<int>::fromHost(ints.data(), ints.size()), "ints");
    auto dOut = must(DeviceBuffer<uint16_t>::allocate(size_t(R) * dim), "out");
    must(scatterKv(dk.get(), dv.get(), dim, dBases.get(), 0, int64_t(ctx) * dim, dInts.get(), R, dim, nullptr),
         "scatterKv");
    auto check = [&](const WhisperDecodeParams& p, const std::string& name) {
        must(decodeAttention(p, nullptr), "decodeAttention");
        std::vector<uint16_t> bits(size_t(R) * dim);
        must(dOut.toHost(bits.data(), bits.size()), "out");
        double err = 0;
        for (int r = 0; r < R; ++r) {
            const float* base = p.rowBase ? caches.data() + size_t(seqOf[size_t(r)]) * perCache : cross.data();
            const float* keys = base + p.keyOffset;
            const float* values = base + p.valueOffset;
            const int n = p.counts ? posOf[size_t(r)] + 1 : p.count;
            for (int h = 0; h < heads; ++h) {
                std::vector<double> sc(static_cast<size_t>(n));
                double mx = -1e300, sum = 0;
                for (int j = 0; j < n; ++j) {
                    double dot = 0;
                    for (int d = 0; d < hd; ++d)
                        dot += double(q[size_t(r) * dim + size_t(h * hd + d)]) *
                               keys[size_t(j) * dim + size_t(h * hd + d)];
                    sc[size_t(j)] = dot * scale;
                    mx = std::max(mx, sc[size_t(j)]);
                }
                for (double& x : sc) sum += (x = std::exp(x - mx));
                for (int d = 0; d < hd; ++d) {
                    double o = 0;
                    for (int j = 0; j < n; ++j) o += sc[size_t(j)] * values[size_t(j) * dim + size_t(h * hd + d)];
                    o /= sum;
                    const double got = bf16ToFp32(bits[size_t(r) * dim + size_t(h * hd + d)]);
                    err = std::max(err, std::abs(got - o) / std::max(1.0, std::abs(o)));
                }
            }
        }
        report(err < 1e-2, name, fmt("max rel err %.2e, bound %.0e", err, 1e-2));
    };
    WhisperDecodeParams p;
    p.q = dq.get();
    p.ldq = dim;
    p.rowBase = dBases.get();
    p.keyOffset = 0;
    p.valueOffset = int64_t(ctx) * dim;
    p.ldkv = dim;
    p.counts = dInts.get() + R;
    p.out = bf(dOut);
    p.ldo = dim;
    p.rows = R;
    p.heads = heads;
    p.headDim = hd;
    p.scale = scale;
    check(p, "whisper decodeAttention: 5 rows of 3 caches after scatterKv (positions 0, 5-7, 447)");
    p.rowBase = nullptr;
    p.sharedBase = dCross.get();
    p.counts = nullptr;
    p.count = A;
    p.valueOffset = int64_t(A) * dim;
    check(p, "whisper decodeAttention: the same rows over 1,500 shared keys (cross-attention)");
}

// ----------------------------------------------------------------------------- the rest
double maxAbsDiff(const std::vector<float>& a, const std::vector<double>& b) {
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(double(a[i]) - b[i]));
    return m;
}

void checkNorms() {
    const int rows = 5, dim = 1000;
    std::vector<float> x = randomFloats(static_cast<size_t>(rows * dim), 3.f),
                       add = randomFloats(static_cast<size_t>(rows * dim)), w = randomFloats(static_cast<size_t>(dim)),
                       bias = randomFloats(static_cast<size_t>(dim));
    std::vector<double> sumRef(x.size()), rmsRef(x.size()), lnRef(x.size());
    for (int r = 0; r < rows; ++r) {
        double ss = 0, mean = 0, var = 0;
        for (int i = 0; i < dim; ++i) {
            const size_t at = static_cast<size_t>(r * dim + i);
            sumRef[at] = double(float(x[at] + add[at]));
            ss += sumRef[at] * sumRef[at];
            mean += x[at];
        }
        mean /= dim;
        for (int i = 0; i < dim; ++i)
            var += (x[static_cast<size_t>(r * dim + i)] - mean) * (x[static_cast<size_t>(r * dim + i)] - mean);
        var /= dim;
        for (int i = 0; i < dim; ++i) {
            const size_t at = static_cast<size_t>(r * dim + i);
            rmsRef[at] = sumRef[at] / std::sqrt(ss / dim + 1e-6) * w[static_cast<size_t>(i)];
            lnRef[at] =
                (x[at] - mean) / std::sqrt(var + 1e-5) * w[static_cast<size_t>(i)] + bias[static_cast<size_t>(i)];
        }
    }
    auto dx = must(DeviceBuffer<float>::fromHost(x.data(), x.size()), "x");
    auto dx2 = must(DeviceBuffer<float>::fromHost(x.data(), x.size()), "x2");
    auto da = must(DeviceBuffer<float>::fromHost(add.data(), add.size()), "add");
    auto dw = must(DeviceBuffer<float>::fromHost(w.data(), w.size()), "w");
    auto db = must(DeviceBuffer<float>::fromHost(bias.data(), bias.size()), "b");
    auto dout = must(DeviceBuffer<float>::allocate(x.size()), "out");
    auto dout16 = must(DeviceBuffer<uint16_t>::allocate(x.size()), "out16");
    must(rmsNorm<float>(dx.get(), da.get(), dw.get(), dout.get(), rows, dim, 1e-6f, nullptr), "rmsNorm");
    const auto rms = must(dout.toHost(), "rms");
    const auto summed = must(dx.toHost(), "x+add");
    must(rmsNorm<bf16>(dx2.get(), da.get(), dw.get(), bf(dout16), rows, dim, 1e-6f, nullptr), "rmsNorm bf16");
    std::vector<uint16_t> rms16(x.size());
    must(dout16.toHost(rms16.data(), rms16.size()), "rms16");
    double e16 = 0;
    for (size_t i = 0; i < x.size(); ++i)
        e16 = std::max(e16, std::abs(bf16ToFp32(rms16[i]) - rmsRef[i]) / (std::abs(rmsRef[i]) + 1e-3));
    report(maxAbsDiff(rms, rmsRef) < 1e-4 && maxAbsDiff(summed, sumRef) == 0 && e16 < 8e-3,
           "rmsNorm with residual add (fp32 and bf16 out)",
           fmt("max err %.2e, bf16 rel %.2e", maxAbsDiff(rms, rmsRef), e16));
    // dx and dx2 now hold x + add; layerNorm reads a fresh copy of x.
    auto dx3 = must(DeviceBuffer<float>::fromHost(x.data(), x.size()), "x3");
    must(layerNorm<float>(dx3.get(), dw.get(), db.get(), dout.get(), rows, dim, 1e-5f, nullptr), "layerNorm");
    const auto ln = must(dout.toHost(), "ln");
    report(maxAbsDiff(ln, lnRef) < 1e-4, "layerNorm", fmt("max err %.2e, bound %.0e", maxAbsDiff(ln, lnRef), 1e-4));
}

void checkRope() {
    for (RopeStyle style : {RopeStyle::Interleaved, RopeStyle::NeoX}) {
        ModelConfig cfg;
        cfg.headDim = 128;
        cfg.ropeTheta = 1000000.f;
        cfg.ropeStyle = style;
        cpu::Rope cpuRope(cfg);
        const int rows = 3, heads = 4;
        const std::vector<int> pos{0, 17, 30000};
        std::vector<float> x = randomFloats(static_cast<size_t>(rows * heads * 128)), ref = x;
        for (int r = 0; r < rows; ++r) cpuRope.apply(ref.data() + r * heads * 128, heads, pos[static_cast<size_t>(r)]);
        auto dx = must(DeviceBuffer<float>::fromHost(x.data(), x.size()), "x");
        auto dp = must(DeviceBuffer<int>::fromHost(pos.data(), pos.size()), "pos");
        auto df = must(DeviceBuffer<double>::fromHost(cpuRope.inverseFrequencies().data(), 64), "freq");
        must(
            rope(dx.get(), rows, heads, 128, heads * 128, dp.get(), df.get(), style == RopeStyle::Interleaved, nullptr),
            "rope");
        const auto got = must(dx.toHost(), "rope out");
        double m = 0;
        for (size_t i = 0; i < got.size(); ++i) m = std::max(m, double(std::abs(got[i] - ref[i])));
        report(m < 1e-5,
               std::string("rope ") + (style == RopeStyle::Interleaved ? "interleaved" : "neox") +
                   " against the CPU backend (pos 0, 17, 30000)",
               fmt("max err %.2e, bound %.0e", m, 1e-5));
    }
}

void checkElementwise() {
    const int64_t n = 10007;
    std::vector<float> g = randomFloats(static_cast<size_t>(n), 4.f), u = randomFloats(static_cast<size_t>(n));
    std::vector<double> swRef(static_cast<size_t>(n)), geRef(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        swRef[static_cast<size_t>(i)] = g[static_cast<size_t>(i)] /
                                        (1.0 + std::exp(-double(g[static_cast<size_t>(i)]))) *
                                        u[static_cast<size_t>(i)];
        geRef[static_cast<size_t>(i)] =
            0.5 * g[static_cast<size_t>(i)] * (1.0 + std::erf(g[static_cast<size_t>(i)] / std::sqrt(2.0)));
    }
    auto dg = must(DeviceBuffer<float>::fromHost(g.data(), g.size()), "g");
    auto du = must(DeviceBuffer<float>::fromHost(u.data(), u.size()), "u");
    auto dout = must(DeviceBuffer<float>::allocate(static_cast<size_t>(n)), "out");
    must(swiGlu<float>(dg.get(), du.get(), dout.get(), n, nullptr), "swiGlu");
    const auto sw = must(dout.toHost(), "sw");
    must(gelu<float>(dg.get(), dout.get(), n, nullptr), "gelu");
    const auto ge = must(dout.toHost(), "ge");
    report(maxAbsDiff(sw, swRef) < 1e-5 && maxAbsDiff(ge, geRef) < 1e-5, "swiGlu and gelu",
           fmt("max err %.2e / %.2e", maxAbsDiff(sw, swRef), maxAbsDiff(ge, geRef)));
}

void checkGemv(DType type, int64_t rows, int64_t cols, int tokens) {
    const int64_t rowBytes = dtypeRowBytes(type, cols);
    std::vector<std::byte> w(static_cast<size_t>(rows * rowBytes));
    if (type == DType::Q8_0 || type == DType::Q4_0) {
        for (int64_t r = 0; r < rows; ++r) {
            auto f = randomFloats(static_cast<size_t>(cols));
            quantizeRow(type, f.data(), w.data() + r * rowBytes, cols);
        }
    } else {  // Q4_K: random blocks with small, finite fp16 scales
        std::uniform_int_distribution<int> byte(0, 255);
        for (auto& b : w) b = std::byte(byte(rng));
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t sb = 0; sb < cols / 256; ++sb) {
                std::byte* blk = w.data() + r * rowBytes + sb * 144;
                for (int i = 0; i < 2; ++i) {
                    const uint16_t h = uint16_t(0x2000 + byte(rng) * 8);  // ~ 0.008 .. 0.06
                    std::memcpy(blk + 2 * i, &h, 2);
                }
            }
    }
    std::vector<float> x = randomFloats(static_cast<size_t>(tokens * cols)), deq(static_cast<size_t>(cols));
    std::vector<double> ref(static_cast<size_t>(tokens * rows));
    for (int64_t r = 0; r < rows; ++r) {
        dequantizeRow(type, w.data() + r * rowBytes, deq.data(), cols);
        for (int t = 0; t < tokens; ++t) {
            double s = 0;
            for (int64_t c = 0; c < cols; ++c)
                s += double(deq[static_cast<size_t>(c)]) * x[static_cast<size_t>(t * cols + c)];
            ref[static_cast<size_t>(t * rows + r)] = s;
        }
    }
    auto dw = must(DeviceBuffer<std::byte>::fromHost(w.data(), w.size()), "w");
    auto dx = must(DeviceBuffer<float>::fromHost(x.data(), x.size()), "x");
    auto dy = must(DeviceBuffer<float>::allocate(ref.size()), "y");
    must(dequantGemv(type, dw.get(), rows, cols, rowBytes, dx.get(), cols, tokens, dy.get(), rows, nullptr), "gemv");
    const auto y = must(dy.toHost(), "y");
    double rel = 0;
    for (size_t i = 0; i < y.size(); ++i) rel = std::max(rel, std::abs(y[i] - ref[i]) / (std::abs(ref[i]) + 1.0));
    // Accumulating (the o and down projections add into the residual stream).
    must(dequantGemv(type, dw.get(), rows, cols, rowBytes, dx.get(), cols, tokens, dy.get(), rows, nullptr, true),
         "gemv accumulating");
    const auto y2 = must(dy.toHost(), "y2");
    double rel2 = 0;
    for (size_t i = 0; i < y2.size(); ++i)
        rel2 = std::max(rel2, std::abs(y2[i] - 2 * ref[i]) / (std::abs(2 * ref[i]) + 1.0));
    report(rel < 1e-4 && rel2 < 1e-4,
           std::string("gemv ") + dtypeName(type) + " " + std::to_string(rows) + "x" + std::to_string(cols) + ", " +
               std::to_string(tokens) + " token(s), then accumulating",
           fmt("max rel err %.2e / %.2e", rel, rel2));
    if (tokens != 1) return;
    // The same blocks decoded to bf16 for a prefill's GEMM: the CPU's values, rounded.
    auto db = must(DeviceBuffer<uint16_t>::allocate(static_cast<size_t>(rows * cols)), "bf16 matrix");
    must(dequantToBf16(type, dw.get(), rows, cols, rowBytes, bf(db), nullptr), "dequantToBf16");
    std::vector<uint16_t> bits(static_cast<size_t>(rows * cols));
    must(db.toHost(bits.data(), bits.size()), "bf16 matrix");
    // Within half a bf16 step of the CPU's value (plus a hair of the row's scale for a
    // fused multiply-add where the CPU rounds twice).
    double dq = 0;
    for (int64_t r = 0; r < rows; ++r) {
        dequantizeRow(type, w.data() + r * rowBytes, deq.data(), cols);
        double rowMax = 0;
        for (int64_t c = 0; c < cols; ++c) rowMax = std::max(rowMax, double(std::abs(deq[static_cast<size_t>(c)])));
        for (int64_t c = 0; c < cols; ++c) {
            const double want = deq[static_cast<size_t>(c)];
            const double err = std::abs(bf16ToFp32(bits[static_cast<size_t>(r * cols + c)]) - want);
            dq = std::max(dq, err / (std::abs(want) / 256 + 1e-6 * rowMax));
        }
    }
    report(dq <= 1.0,
           std::string("dequantToBf16 ") + dtypeName(type) + " " + std::to_string(rows) + "x" + std::to_string(cols),
           fmt("max err %.2f x half a bf16 step, bound %.0f", dq, 1.0));
}

void checkGemm() {
    auto lt = must(LtGemm::create(), "LtGemm");
    const int T = 37, K = 256, N = 320;
    std::vector<float> x = randomFloats(static_cast<size_t>(T * K)), w = randomFloats(static_cast<size_t>(N * K)),
                       y0 = randomFloats(static_cast<size_t>(T * N));
    auto xb = toBf16Bits(x), wb = toBf16Bits(w);
    std::vector<double> ref(static_cast<size_t>(T * N));
    for (int t = 0; t < T; ++t)
        for (int n = 0; n < N; ++n) {
            double s = 0;
            for (int k = 0; k < K; ++k)
                s += double(x[static_cast<size_t>(t * K + k)]) * w[static_cast<size_t>(n * K + k)];
            ref[static_cast<size_t>(t * N + n)] = s;
        }
    auto dx = must(DeviceBuffer<uint16_t>::fromHost(xb.data(), xb.size()), "x");
    auto dw = must(DeviceBuffer<uint16_t>::fromHost(wb.data(), wb.size()), "w");
    auto dy = must(DeviceBuffer<float>::fromHost(y0.data(), y0.size()), "y");
    must(lt->gemm(bf(dx), K, T, bf(dw), K, N, K, dy.get(), N, 1.f, nullptr), "gemm beta 1");
    auto y = must(dy.toHost(), "y");
    double err = 0;
    for (size_t i = 0; i < y.size(); ++i) err = std::max(err, std::abs(y[i] - (ref[i] + y0[i])));
    auto dy16 = must(DeviceBuffer<uint16_t>::allocate(static_cast<size_t>(T * N)), "y16");
    must(lt->gemm(bf(dx), K, T, bf(dw), K, N, K, bf(dy16), N, nullptr), "gemm bf16");
    std::vector<uint16_t> y16(static_cast<size_t>(T * N));
    must(dy16.toHost(y16.data(), y16.size()), "y16");
    double rel16 = 0;
    for (size_t i = 0; i < y16.size(); ++i)
        rel16 = std::max(rel16, std::abs(bf16ToFp32(y16[i]) - ref[i]) / (std::abs(ref[i]) + 1.0));
    report(err < 1e-3 && rel16 < 8e-3, "cuBLASLt bf16 GEMM 37x256 by 320 (fp32 out accumulating, bf16 out)",
           fmt("max err %.2e, bf16 rel %.2e", err, rel16));
}

void checkErrors() {
    AttentionParams p;
    p.headDim = 96;
    p.qHeads = p.kvHeads = 1;
    auto r = flashAttentionForward(p, nullptr);
    report(!r && r.error().message.find("head dim 96") != std::string::npos, "attention refuses head dim 96",
           r ? "accepted" : r.error().message);
    auto g = dequantGemv(DType::Q8_0, nullptr, 1, 32, 34, nullptr, 32, 9, nullptr, 1, nullptr);
    report(!g, "gemv refuses 9 token rows", g ? "accepted" : g.error().message);
    auto big = DeviceBuffer<float>::allocate(static_cast<size_t>(1) << 48);  // 1 PiB
    report(!big && big.error().message.find("out of GPU memory") != std::string::npos,
           "an impossible allocation is an error, not a crash", big ? "allocated?" : big.error().message);
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    auto devs = devices();
    if (!devs) {
        std::printf("SKIP: %s\n", devs.error().message.c_str());
        return 77;
    }
    const DeviceInfo& d = devs->front();
    std::printf("device: %s\n", describe(d).c_str());
    if (d.major < 8) {
        std::printf("SKIP: the kernels need sm_80 or newer\n");
        return 77;
    }
    checkErrors();
    checkNorms();
    checkRope();
    checkElementwise();
    checkGemv(DType::Q8_0, 300, 1024, 1);
    checkGemv(DType::Q8_0, 300, 1024, 3);
    checkGemv(DType::Q8_0, 77, 2048, 7);
    checkGemv(DType::Q4_K, 64, 2048, 2);
    checkGemv(DType::Q4_K, 96, 1024, 1);
    checkGemv(DType::Q4_0, 130, 1024, 1);
    checkGemv(DType::Q4_0, 64, 2048, 5);
    checkGemm();
    checkWhisperDecodeAttention();

    std::vector<AttnCase> cases = {
        {"hd128 causal (1, 239)", 128, true, 8, 8, {{1, 239}}},
        {"hd128 causal GQA 4 (113, 203)", 128, true, 8, 2, {{113, 203}}},
        {"hd128 non-causal GQA 4 (113, 203)", 128, false, 4, 1, {{113, 203}}},
        {"hd64 causal Lq > Lk (10, 4): the first 6 rows see nothing", 64, true, 2, 2, {{10, 4}}},
        {"hd128 causal varlen GQA 4 (5,5) (64,64) (65,130) (200,300)",
         128,
         true,
         16,
         4,
         {{5, 5}, {64, 64}, {65, 130}, {200, 300}}},
        {"hd64 vision, 2 frames x 1025 non-causal", 64, false, 16, 16, {{1025, 1025}, {1025, 1025}}, 7},
        {"hd128 causal GQA 4 (113, 203), peaky scores", 128, true, 8, 2, {{113, 203}}, 1, 3.f},
        {"hd64 causal varlen GQA 2 with empty sequences (0, 7) (5, 0) (70, 90)",
         64,
         true,
         4,
         2,
         {{0, 7}, {5, 0}, {70, 90}},
         1,
         3.f},
        {"hd64 non-causal (5, 0): no keys, zero output", 64, false, 2, 2, {{5, 0}, {3, 9}}},
    };
    if (!quick) {
        cases.push_back({"hd64 causal (1023, 1024)", 64, true, 8, 8, {{1023, 1024}}, 3});
        cases.push_back({"hd64 vision, 8 frames x 1025 non-causal", 64, false, 16, 16,
                         std::vector<std::pair<int, int>>(8, {1025, 1025}), 31});
        cases.push_back({"hd128 causal GQA 8 (4096, 4096)", 128, true, 8, 1, {{4096, 4096}}, 97});
        cases.push_back({"hd128 non-causal GQA 8 (4096, 4096)", 128, false, 8, 1, {{4096, 4096}}, 97});
    }
    for (const AttnCase& c : cases) checkAttention(c);

    checkDecode("hd128 GQA 4, three agents sharing a 239-token context", 128, 32, 8, {239, 240, 260}, 0,
                d.multiprocessors);
    checkDecode("hd128 GQA 1, one sequence of 1", 128, 8, 8, {1}, 0, d.multiprocessors);
    checkDecode("hd128 GQA 8, splits 7 over (1000, 77)", 128, 16, 2, {1000, 77}, 7, d.multiprocessors);
    checkDecode("hd64 GQA 2, one split", 64, 4, 2, {333, 64}, 1, d.multiprocessors);
    checkDecode("hd128 GQA 6 (Qwen2.5-1.5B's 12 over 2)", 128, 12, 2, {239, 77}, 0, d.multiprocessors);
    checkDecode("hd128 GQA 5 (Qwen3-14B's 40 over 8)", 128, 40, 8, {300, 45, 1}, 0, d.multiprocessors);
    checkDecode("hd64 GQA 3, 7 splits", 64, 6, 2, {500, 129}, 7, d.multiprocessors);
    checkDecode("hd128 GQA 7 (Qwen2.5-7B's 28 over 4)", 128, 28, 4, {411, 33, 1}, 0, d.multiprocessors);
    if (!quick)
        checkDecode("hd128 GQA 4, 24 sequences of 2,500", 128, 32, 8, std::vector<int>(24, 2500), 0, d.multiprocessors);

    std::printf("%s: %d failure(s)\n", failures ? "FAILED" : "ALL PASSED", failures);
    return failures ? 1 : 0;
}
