#pragma once
// Scalar reference conversions between float and the stored dtypes, with llama.cpp's
// block layouts (see tensor.h). The writer quantises with these; the compute side
// uses the dequantisers as the reference its kernels are checked against.
#include <cstddef>
#include <cstdint>

#include "motor/gpu/tensor.h"

namespace motor::gpu {

// IEEE half and bfloat16, round to nearest even; NaN stays NaN, overflow becomes inf.
uint16_t fp32ToFp16(float f);
float fp16ToFp32(uint16_t h);
uint16_t fp32ToBf16(float f);
float bf16ToFp32(uint16_t b);

// n must be a multiple of the dtype's block size (32 for Q8_0/Q4_0, 256 for K quants).
void quantizeRowQ8_0(const float* x, std::byte* out, int64_t n);
void quantizeRowQ4_0(const float* x, std::byte* out, int64_t n);
void dequantizeRowQ8_0(const std::byte* in, float* y, int64_t n);
void dequantizeRowQ4_0(const std::byte* in, float* y, int64_t n);
void dequantizeRowQ4_K(const std::byte* in, float* y, int64_t n);
void dequantizeRowQ6_K(const std::byte* in, float* y, int64_t n);

// Any dtype to float. n elements, dtypeRowBytes(t, n) input bytes.
void dequantizeRow(DType t, const std::byte* in, float* y, int64_t n);
// Float to F32, F16, BF16, Q8_0 or Q4_0; false for dtypes without a quantiser here.
bool quantizeRow(DType t, const float* x, std::byte* out, int64_t n);

}  // namespace motor::gpu
