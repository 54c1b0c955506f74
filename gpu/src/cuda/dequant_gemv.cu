#include <cuda_fp16.h>

#include <algorithm>
#include <string>

#include "cuda/check.cuh"
#include "cuda/common.cuh"
#include "cuda/dequant_gemv.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kWarps = 4;  // rows per block

__device__ __forceinline__ float halfAt(const uint8_t* p) {
    return __half2float(__ushort_as_half(uint16_t(p[0] | (p[1] << 8))));
}

// Weight i (< 32) of chunk c of a row: the same arithmetic as cpu::decodeChunk.
template <DType T>
struct Chunk;

template <>
struct Chunk<DType::Q8_0> {
    float d;
    const int8_t* q;
    __device__ Chunk(const uint8_t* row, int64_t c) {
        const uint8_t* blk = row + c * 34;
        d = halfAt(blk);
        q = reinterpret_cast<const int8_t*>(blk + 2);
    }
    __device__ float operator()(int i) const { return float(q[i]) * d; }
};

template <>
struct Chunk<DType::Q4_0> {
    float d;
    const uint8_t* q;
    __device__ Chunk(const uint8_t* row, int64_t c) {
        const uint8_t* blk = row + c * 18;
        d = halfAt(blk);
        q = blk + 2;
    }
    // Low nibbles are weights 0..15, high nibbles 16..31.
    __device__ float operator()(int i) const { return float(int(i < 16 ? q[i] & 0xF : q[i - 16] >> 4) - 8) * d; }
};

template <>
struct Chunk<DType::Q4_K> {
    float d1, m1;
    const uint8_t* q;
    int shift;
    __device__ Chunk(const uint8_t* row, int64_t c) {
        const int64_t sb = c / 8;
        const int s = int(c % 8);
        const uint8_t* blk = row + sb * 144;
        const float d = halfAt(blk), dmin = halfAt(blk + 2);
        const uint8_t* sc = blk + 4;
        uint8_t scale, mn;
        if (s < 4) {
            scale = sc[s] & 63;
            mn = sc[s + 4] & 63;
        } else {
            scale = uint8_t((sc[s + 4] & 0xF) | ((sc[s - 4] >> 6) << 4));
            mn = uint8_t((sc[s + 4] >> 4) | ((sc[s] >> 6) << 4));
        }
        d1 = d * float(scale);
        m1 = dmin * float(mn);
        q = blk + 16 + 32 * (s / 2);
        shift = (s & 1) ? 4 : 0;
    }
    __device__ float operator()(int i) const { return d1 * float((q[i] >> shift) & 0xF) - m1; }
};

template <DType T, int Tokens>
__global__ void __launch_bounds__(kWarps * 32)
    gemvKernel(const uint8_t* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x, int64_t ldx, float* y,
               int64_t ldy, bool accumulate) {
    const int lane = threadIdx.x & 31;
    const int64_t r = int64_t(blockIdx.x) * kWarps + (threadIdx.x >> 5);
    if (r >= rows) return;
    const uint8_t* row = w + r * rowBytes;
    float acc[Tokens];
#pragma unroll
    for (int t = 0; t < Tokens; ++t) acc[t] = 0.f;
    const int64_t chunks = cols / 32;
    for (int64_t c = lane; c < chunks; c += 32) {
        const Chunk<T> ch(row, c);
        float wv[32];
#pragma unroll
        for (int i = 0; i < 32; ++i) wv[i] = ch(i);
#pragma unroll
        for (int t = 0; t < Tokens; ++t) {
            const float4* xv = reinterpret_cast<const float4*>(x + t * ldx + c * 32);
            float s = 0.f;
#pragma unroll
            for (int i = 0; i < 8; ++i) {
                const float4 v = xv[i];
                s += wv[4 * i] * v.x + wv[4 * i + 1] * v.y + wv[4 * i + 2] * v.z + wv[4 * i + 3] * v.w;
            }
            acc[t] += s;
        }
    }
#pragma unroll
    for (int t = 0; t < Tokens; ++t) {
        const float s = warpSum(acc[t]);
        if (lane == 0) y[t * ldy + r] = accumulate ? y[t * ldy + r] + s : s;
    }
}

// One thread per 32-weight chunk: its weights, rounded to bf16, into the row-major out.
template <DType T>
__global__ void dequantKernel(const uint8_t* w, int64_t rows, int64_t cols, int64_t rowBytes, bf16* out) {
    const int64_t chunks = cols / 32;
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < rows * chunks;
         i += int64_t(gridDim.x) * blockDim.x) {
        const int64_t r = i / chunks, c = i % chunks;
        const Chunk<T> ch(w + r * rowBytes, c);
        __nv_bfloat162* o = reinterpret_cast<__nv_bfloat162*>(out + r * cols + c * 32);
#pragma unroll
        for (int k = 0; k < 16; ++k) o[k] = __floats2bfloat162_rn(ch(2 * k), ch(2 * k + 1));
    }
}

template <DType T, int Tokens>
Result<void> launch(const void* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x, int64_t ldx, float* y,
                    int64_t ldy, bool accumulate, cudaStream_t stream) {
    gemvKernel<T, Tokens><<<unsigned((rows + kWarps - 1) / kWarps), kWarps * 32, 0, stream>>>(
        static_cast<const uint8_t*>(w), rows, cols, rowBytes, x, ldx, y, ldy, accumulate);
    MOTOR_CUDA_TRY_LAUNCH("gemvKernel");
    return {};
}

template <DType T>
Result<void> launchTokens(const void* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x, int64_t ldx,
                          int tokens, float* y, int64_t ldy, bool accumulate, cudaStream_t stream) {
    switch (tokens) {
        case 1:
            return launch<T, 1>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 2:
            return launch<T, 2>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 3:
            return launch<T, 3>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 4:
            return launch<T, 4>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 5:
            return launch<T, 5>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 6:
            return launch<T, 6>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        case 7:
            return launch<T, 7>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
        default:  // 8: dequantGemv caps a call at kGemvMaxTokens
            return launch<T, 8>(w, rows, cols, rowBytes, x, ldx, y, ldy, accumulate, stream);
    }
}

}  // namespace

bool readsInPlace(DType type, int64_t cols, int64_t rowBytes) {
    switch (type) {
        case DType::Q8_0:
            return cols % 32 == 0 && rowBytes == cols / 32 * 34;
        case DType::Q4_0:
            return cols % 32 == 0 && rowBytes == cols / 32 * 18;
        case DType::Q4_K:
            return cols % 256 == 0 && rowBytes == cols / 256 * 144;
        default:
            return false;
    }
}

Result<void> dequantToBf16(DType type, const void* w, int64_t rows, int64_t cols, int64_t rowBytes, bf16* out,
                           cudaStream_t stream) {
    if (!readsInPlace(type, cols, rowBytes))
        return makeError("dequantToBf16: a " + std::string(dtypeName(type)) + " matrix of " + std::to_string(cols) +
                         " columns is not read in place (Q8_0 or Q4_K rows)");
    if (rows <= 0) return {};
    const int64_t n = rows * (cols / 32);
    const unsigned blocks = unsigned(std::min<int64_t>((n + 255) / 256, 65535 * 16));
    const auto* p = static_cast<const uint8_t*>(w);
    if (type == DType::Q8_0)
        dequantKernel<DType::Q8_0><<<blocks, 256, 0, stream>>>(p, rows, cols, rowBytes, out);
    else if (type == DType::Q4_0)
        dequantKernel<DType::Q4_0><<<blocks, 256, 0, stream>>>(p, rows, cols, rowBytes, out);
    else
        dequantKernel<DType::Q4_K><<<blocks, 256, 0, stream>>>(p, rows, cols, rowBytes, out);
    MOTOR_CUDA_TRY_LAUNCH("dequantKernel");
    return {};
}

Result<void> dequantGemv(DType type, const void* w, int64_t rows, int64_t cols, int64_t rowBytes, const float* x,
                         int64_t ldx, int tokens, float* y, int64_t ldy, cudaStream_t stream, bool accumulate) {
    if (tokens <= 0 || rows <= 0) return {};
    if (tokens > kGemvMaxTokens)
        return makeError("dequantGemv: at most " + std::to_string(kGemvMaxTokens) + " token rows per call");
    if (ldx % 4 != 0 || (reinterpret_cast<uintptr_t>(x) & 15) != 0)
        return makeError("dequantGemv: activation rows must be 16-byte aligned");
    if (type != DType::Q8_0 && type != DType::Q4_0 && type != DType::Q4_K)
        return makeError("dequantGemv: only Q8_0, Q4_0 and Q4_K weights are read in place");
    if (!readsInPlace(type, cols, rowBytes))
        return makeError("dequantGemv: a " + std::string(dtypeName(type)) + " row of " + std::to_string(cols) +
                         " weights has a bad size");
    switch (type) {
        case DType::Q8_0:
            return launchTokens<DType::Q8_0>(w, rows, cols, rowBytes, x, ldx, tokens, y, ldy, accumulate, stream);
        case DType::Q4_0:
            return launchTokens<DType::Q4_0>(w, rows, cols, rowBytes, x, ldx, tokens, y, ldy, accumulate, stream);
        default:
            return launchTokens<DType::Q4_K>(w, rows, cols, rowBytes, x, ldx, tokens, y, ldy, accumulate, stream);
    }
}

}  // namespace motor::gpu::cuda
