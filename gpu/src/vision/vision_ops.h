#pragma once
// Row operations of the vision tower and projector, on fp32 activations.
#include <cstdint>

namespace motor::gpu::vision {

// out = (x - mean) / sqrt(var + eps) * weight + bias (PyTorch LayerNorm, biased
// variance). out may alias x.
void layerNorm(const float* x, const float* weight, const float* bias, int64_t n, float eps, float* out);

// x = 0.5 x (1 + erf(x / sqrt 2)): nn.GELU() / ACT2FN["gelu"], the exact form.
void geluErf(float* x, int64_t n);

// y += scale * x (layer scale ls1/ls2; scale empty: y += x).
void addScaled(float* y, const float* x, const float* scale, int64_t n);

// InternVL's pixel_shuffle on one frame's patch grid (grid x grid rows of dim, class
// token already dropped), scale s: output token (i, j) of (grid/s)^2 concatenates the
// patches (s*i + a, s*j + b), a outer, b inner, for ps_version v2; v1 leaves the grid
// transposed (tokens in (j, i) order), as the original code does. x's patch rows are
// rowStride floats apart (0: dim).
void pixelShuffle(const float* x, int grid, int dim, int s, bool v1, float* out, int64_t rowStride = 0);

}  // namespace motor::gpu::vision
