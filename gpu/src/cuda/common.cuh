#pragma once
// Small device helpers shared by the kernels: bf16 packing, warp reductions and the
// one tensor-core instruction the attention kernels use (mma.sync m16n8k16, bf16 in,
// fp32 accumulate; sm_80 and later).
#include <cuda_bf16.h>
#include <cuda_runtime.h>

#include <cstdint>

namespace motor::gpu::cuda {

using bf16 = __nv_bfloat16;

__device__ __forceinline__ uint32_t packBf16(float lo, float hi) {
    const __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);  // .x (low half) = lo
    return *reinterpret_cast<const uint32_t*>(&v);
}

__device__ __forceinline__ uint32_t packBf16(bf16 lo, bf16 hi) {
    const uint32_t a = *reinterpret_cast<const uint16_t*>(&lo);
    const uint32_t b = *reinterpret_cast<const uint16_t*>(&hi);
    return a | (b << 16);
}

__device__ __forceinline__ uint32_t load32(const bf16* p) {
    return *reinterpret_cast<const uint32_t*>(p);
}

__device__ __forceinline__ float warpSum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float warpMax(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// Sum over a block of blockDim.x threads (a multiple of 32, at most 1024); every
// thread gets the total. scratch: 32 floats of shared memory.
__device__ __forceinline__ float blockSum(float v, float* scratch) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = (blockDim.x + 31) >> 5;
    v = warpSum(v);
    __syncthreads();  // scratch may still be read from a previous call
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    float t = lane < warps ? scratch[lane] : 0.f;
    return warpSum(t);
}

// d += a (16x16, row) * b (16x8, col), bf16 inputs, fp32 accumulators. Fragment
// layouts (PTX ISA, "Matrix fragments for mma.m16n8k16"), g = lane / 4, t = lane % 4:
//   a0: (g, 2t..2t+1)  a1: (g+8, 2t..)  a2: (g, 2t+8..)  a3: (g+8, 2t+8..)
//   b0: (k 2t..2t+1, n g)  b1: (k 2t+8..2t+9, n g)
//   d0,d1: (g, 2t..2t+1)  d2,d3: (g+8, 2t..2t+1)
__device__ __forceinline__ void mmaBf16(float (&d)[4], const uint32_t (&a)[4], uint32_t b0, uint32_t b1) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0), "r"(b1));
}

// Four 8x8 bf16 matrices from shared memory, transposed (ldmatrix .x4 .trans): lanes
// 8i..8i+7 give the row addresses of matrix i (16-byte aligned); r[i] then holds, for
// lane (g = lane / 4, t = lane % 4), elements (row 2t, col g) low and (row 2t + 1, col g)
// high of matrix i: the B fragment layout of mma.m16n8k16 when the rows are k.
__device__ __forceinline__ void ldmatrixX4Trans(uint32_t (&r)[4], const bf16* rowAddress) {
    const auto a = static_cast<uint32_t>(__cvta_generic_to_shared(rowAddress));
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(a));
}

// E consecutive bf16 (E = 2 or 4, 4- or 8-byte aligned) as floats, in one load.
template <int E>
__device__ __forceinline__ void loadBf16(const bf16* p, float (&out)[E]) {
    static_assert(E == 2 || E == 4, "2 or 4 values");
    uint32_t w[E / 2];
    if constexpr (E == 2) {
        w[0] = *reinterpret_cast<const uint32_t*>(p);
    } else {
        const uint2 v = *reinterpret_cast<const uint2*>(p);
        w[0] = v.x;
        w[1] = v.y;
    }
#pragma unroll
    for (int i = 0; i < E / 2; ++i) {  // bf16 is the high half of a float: exact
        out[2 * i] = __uint_as_float(w[i] << 16);
        out[2 * i + 1] = __uint_as_float(w[i] & 0xffff0000u);
    }
}

inline int ceilDiv(int64_t a, int64_t b) {
    return int((a + b - 1) / b);
}

}  // namespace motor::gpu::cuda
