#include "vision/vision_ops.h"

#include <cmath>
#include <cstring>

#include "cpu/cpu_isa.h"
#include "cpu/ops_avx2.h"

namespace motor::gpu::vision {

void layerNorm(const float* x, const float* weight, const float* bias, int64_t n, float eps, float* out) {
    // Two passes in double: activations of the tower reach hundreds, and the variance
    // of a row must not lose the low bits the reference keeps.
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += x[i];
    const double mean = sum / double(n);
    double ss = 0;
    for (int64_t i = 0; i < n; ++i) ss += (x[i] - mean) * (x[i] - mean);
    const float inv = float(1.0 / std::sqrt(ss / double(n) + double(eps)));
    const float m = float(mean);
    for (int64_t i = 0; i < n; ++i) out[i] = (x[i] - m) * inv * weight[i] + (bias ? bias[i] : 0.0f);
}

void geluErf(float* x, int64_t n) {
    if (cpu::cpuIsa() >= cpu::CpuIsa::Avx2) return cpu::geluErfAvx2(x, n);
    constexpr float kInvSqrt2 = 0.70710678118654752f;
    for (int64_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * kInvSqrt2));
}

void addScaled(float* y, const float* x, const float* scale, int64_t n) {
    if (scale == nullptr) {
        for (int64_t i = 0; i < n; ++i) y[i] += x[i];
        return;
    }
    for (int64_t i = 0; i < n; ++i) y[i] += x[i] * scale[i];
}

void pixelShuffle(const float* x, int grid, int dim, int s, bool v1, float* out, int64_t rowStride) {
    const size_t ld = rowStride > 0 ? size_t(rowStride) : size_t(dim);
    // Derived from the original's view/permute chain: with x[r][c][:] the patch at row
    // r, column c, v2 gives out[(i * g2 + j)][(a * s + b) * dim + :] = x[s*i + a][s*j + b].
    const int g2 = grid / s;
    const size_t rowBytes = size_t(dim) * sizeof(float);
    for (int i = 0; i < g2; ++i)
        for (int j = 0; j < g2; ++j) {
            const int token = v1 ? j * g2 + i : i * g2 + j;
            float* o = out + size_t(token) * size_t(dim) * size_t(s) * size_t(s);
            for (int a = 0; a < s; ++a)
                for (int b = 0; b < s; ++b)
                    std::memcpy(o + size_t(a * s + b) * size_t(dim),
                                x + (size_t(s * i + a) * size_t(grid) + size_t(s * j + b)) * ld, rowBytes);
        }
}

}  // namespace motor::gpu::vision
