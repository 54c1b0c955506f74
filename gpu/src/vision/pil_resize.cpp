// Pillow's bicubic resize (libImaging/Resample.c) re-derived for 8-bit RGB. InternVL
// preprocesses every frame with PIL's Image.resize, so the tiles the model was trained
// and evaluated on are these exact bytes; a float resize would shift pixels by a grey
// level or two and the logits with them. The steps, as Pillow does them:
//   1. per output pixel, a window of input pixels centred at (x + 0.5) * scale, filter
//      support 2 (bicubic, a = -0.5) widened by the scale when shrinking (antialias);
//   2. weights normalised to sum 1 in double, then rounded to 22-bit fixed point
//      (away from zero at .5);
//   3. horizontal pass into an 8-bit image of only the rows the vertical pass reads,
//      then the vertical pass; each pass adds 2^21, shifts right by 22 and clips to
//      0..255 (so intermediate rounding matches too).
// A dimension whose size does not change skips its pass, as in Pillow.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "motor/gpu/vision.h"

namespace motor::gpu {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double bicubic(double x) {
    constexpr double a = -0.5;
    if (x < 0.0) x = -x;
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

struct Coefficients {
    int ksize = 0;
    std::vector<int> bounds;  // per output: first input index, count
    std::vector<int32_t> kk;  // per output: ksize fixed-point weights
};

Coefficients precompute(int inSize, int outSize) {
    Coefficients c;
    const double scale = double(inSize) / outSize;
    const double filterscale = std::max(scale, 1.0);
    const double support = 2.0 * filterscale;
    c.ksize = int(std::ceil(support)) * 2 + 1;
    c.bounds.resize(size_t(outSize) * 2);
    c.kk.assign(size_t(outSize) * size_t(c.ksize), 0);
    std::vector<double> k(size_t(c.ksize));
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterscale;
        // (int) truncation as in C, then clamped: Pillow's "round the value".
        int xmin = int(center - support + 0.5);
        if (xmin < 0) xmin = 0;
        int xmax = int(center + support + 0.5);
        if (xmax > inSize) xmax = inSize;
        xmax -= xmin;
        double ww = 0.0;
        for (int x = 0; x < xmax; ++x) {
            const double w = bicubic((x + xmin - center + 0.5) * ss);
            k[size_t(x)] = w;
            ww += w;
        }
        for (int x = 0; x < xmax; ++x) {
            const double v = ww != 0.0 ? k[size_t(x)] / ww : k[size_t(x)];
            c.kk[size_t(xx) * size_t(c.ksize) + size_t(x)] =
                v < 0 ? int32_t(-0.5 + v * (1 << kPrecisionBits)) : int32_t(0.5 + v * (1 << kPrecisionBits));
        }
        c.bounds[size_t(xx) * 2] = xmin;
        c.bounds[size_t(xx) * 2 + 1] = xmax;
    }
    return c;
}

inline uint8_t clip8(int32_t v) {
    const int32_t s = v >> kPrecisionBits;  // arithmetic shift, as Pillow's lookup index
    return uint8_t(s < 0 ? 0 : s > 255 ? 255 : s);
}

// Rows [rowBegin, rowBegin + rows) of src (width inW) resampled horizontally to outW.
std::vector<uint8_t> horizontal(const uint8_t* src, int inW, int rowBegin, int rows, int outW, const Coefficients& c) {
    std::vector<uint8_t> out(size_t(outW) * size_t(rows) * 3);
    for (int y = 0; y < rows; ++y) {
        const uint8_t* in = src + size_t(rowBegin + y) * size_t(inW) * 3;
        uint8_t* o = out.data() + size_t(y) * size_t(outW) * 3;
        for (int xx = 0; xx < outW; ++xx) {
            const int xmin = c.bounds[size_t(xx) * 2], xmax = c.bounds[size_t(xx) * 2 + 1];
            const int32_t* k = c.kk.data() + size_t(xx) * size_t(c.ksize);
            int32_t s0 = 1 << (kPrecisionBits - 1), s1 = s0, s2 = s0;
            for (int x = 0; x < xmax; ++x) {
                const uint8_t* p = in + size_t(x + xmin) * 3;
                s0 += p[0] * k[x];
                s1 += p[1] * k[x];
                s2 += p[2] * k[x];
            }
            o[size_t(xx) * 3] = clip8(s0);
            o[size_t(xx) * 3 + 1] = clip8(s1);
            o[size_t(xx) * 3 + 2] = clip8(s2);
        }
    }
    return out;
}

std::vector<uint8_t> vertical(const uint8_t* src, int w, int outH, const Coefficients& c, int rowOffset) {
    std::vector<uint8_t> out(size_t(w) * size_t(outH) * 3);
    for (int yy = 0; yy < outH; ++yy) {
        const int ymin = c.bounds[size_t(yy) * 2] - rowOffset, ymax = c.bounds[size_t(yy) * 2 + 1];
        const int32_t* k = c.kk.data() + size_t(yy) * size_t(c.ksize);
        uint8_t* o = out.data() + size_t(yy) * size_t(w) * 3;
        for (int x = 0; x < w * 3; ++x) {
            int32_t s = 1 << (kPrecisionBits - 1);
            for (int y = 0; y < ymax; ++y) s += src[size_t(y + ymin) * size_t(w) * 3 + size_t(x)] * k[y];
            o[x] = clip8(s);
        }
    }
    return out;
}

}  // namespace

std::vector<uint8_t> resizeBicubicPil(std::span<const uint8_t> src, int w, int h, int outW, int outH) {
    if (w <= 0 || h <= 0 || outW <= 0 || outH <= 0 || src.size() < size_t(w) * size_t(h) * 3) return {};
    const bool needH = outW != w, needV = outH != h;
    if (!needH && !needV)
        return std::vector<uint8_t>(src.begin(), src.begin() + std::ptrdiff_t(size_t(w) * size_t(h) * 3));
    const Coefficients ch = precompute(w, outW);
    const Coefficients cv = precompute(h, outH);
    if (!needV) return horizontal(src.data(), w, 0, h, outW, ch);
    if (!needH) return vertical(src.data(), w, outH, cv, 0);
    // The horizontal pass covers only the input rows the vertical pass will read.
    const int first = cv.bounds[0];
    const int last = cv.bounds[size_t(outH) * 2 - 2] + cv.bounds[size_t(outH) * 2 - 1];
    const std::vector<uint8_t> tmp = horizontal(src.data(), w, first, last - first, outW, ch);
    return vertical(tmp.data(), outW, outH, cv, first);
}

std::vector<float> preprocessInternVL(const RgbImage& frame, int size, const float mean[3], const float std[3]) {
    const std::vector<uint8_t> tile = resizeBicubicPil(frame.rgb, frame.width, frame.height, size, size);
    if (tile.empty()) return {};
    const size_t plane = size_t(size) * size_t(size);
    std::vector<float> out(plane * 3);
    for (int c = 0; c < 3; ++c) {
        // torchvision: ToTensor divides by 255 in float, Normalize subtracts and divides.
        const float m = mean[c], s = std[c];
        for (size_t i = 0; i < plane; ++i)
            out[size_t(c) * plane + i] = (float(tile[i * 3 + size_t(c)]) / 255.0f - m) / s;
    }
    return out;
}

std::vector<int> internvlFrameIndices(int frameCount, int numSegments) {
    std::vector<int> out;
    if (frameCount <= 0 || numSegments <= 0) return out;
    const double seg = double(frameCount - 1) / numSegments;
    for (int i = 0; i < numSegments; ++i)
        out.push_back(int(seg / 2 + std::nearbyint(seg * i)));  // np.round: half to even
    return out;
}

std::string VisionPreprocessing::describe() const {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s %dx%d, mean %g,%g,%g, std %g,%g,%g", resize.c_str(), width, height,
                  double(mean[0]), double(mean[1]), double(mean[2]), double(std[0]), double(std[1]), double(std[2]));
    return buf;
}

Result<std::vector<float>> preprocessFrames(const VisionConfig& config, std::span<const RgbImage> frames) {
    if (frames.empty()) return makeError("vision encode: no frames");
    const int S = config.imageSize;
    const size_t tile = size_t(3) * size_t(S) * size_t(S);
    std::vector<float> pixels(tile * frames.size());
    for (size_t i = 0; i < frames.size(); ++i) {
        const RgbImage& f = frames[i];
        if (f.width <= 0 || f.height <= 0 || f.rgb.size() != size_t(f.width) * size_t(f.height) * 3)
            return makeError("vision encode: frame " + std::to_string(i) + " is " + std::to_string(f.width) + "x" +
                             std::to_string(f.height) + " with " + std::to_string(f.rgb.size()) +
                             " bytes (needs width x height x 3 RGB bytes)");
        const std::vector<float> t = preprocessInternVL(f, S, config.imageMean, config.imageStd);
        std::memcpy(pixels.data() + i * tile, t.data(), tile * sizeof(float));
    }
    return pixels;
}

}  // namespace motor::gpu
