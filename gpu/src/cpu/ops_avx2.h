#pragma once
// AVX2 versions of the row operations of ops.h that show in a prefill profile. ops.cpp
// calls them when the process's ISA is AVX2 (cpu_isa.h); each stays a pure function of
// its row, so batched and single-token runs still agree.
#include <cstdint>

namespace motor::gpu::cpu {

// Sum of squares in double (4 lanes x 2 accumulators, fixed reduction), then the same
// per-element float products as the portable version.
void rmsNormAvx2(const float* x, const float* weight, int64_t n, float eps, float* out);

// silu with a polynomial exp (relative error ~2e-7 against expf).
void siluMulAvx2(float* gate, const float* up, int64_t n);

// x = 0.5 x (1 + erf(x / sqrt 2)) with erf by Abramowitz & Stegun 7.1.26 and the
// polynomial exp above (the test bounds the result's error by 4e-7 x max(|x|, 1) against
// the formula in double); the vision tower's and Whisper's GELU.
void geluErfAvx2(float* x, int64_t n);

}  // namespace motor::gpu::cpu
