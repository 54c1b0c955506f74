#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "cuda/check.cuh"
#include "cuda/flash_decoding.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kWarps = 4;
constexpr int kMaxGroup = 8;  // query heads per KV head handled in registers

template <int D, int G>
__global__ void __launch_bounds__(kWarps * 32)
    decodeSplitKernel(const DecodeAttentionParams p, float* partialO, float* partialM, float* partialL) {
    constexpr int E = D / 32;  // dims per lane
    const int split = blockIdx.x, kvh = blockIdx.y, b = blockIdx.z;
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int L = p.seqlensK[b];
    const int chunk = (p.maxSeqlenK + p.splits - 1) / p.splits;
    const int begin = split * chunk, end = min(L, begin + chunk);
    const float scaleLog2 = p.scale * 1.4426950408889634f;

    float q[G][E], acc[G][E], m[G], l[G];
#pragma unroll
    for (int gh = 0; gh < G; ++gh) {
        const bf16* qh = p.q + int64_t(b) * p.qRowStride + int64_t(kvh * G + gh) * D + lane * E;
#pragma unroll
        for (int e = 0; e < E; ++e) {
            q[gh][e] = __bfloat162float(qh[e]);
            acc[gh][e] = 0.f;
        }
        m[gh] = -INFINITY;
        l[gh] = 0.f;
    }
    const int64_t rowElems = int64_t(p.kvHeads) * D;
    const int64_t pageElems = int64_t(p.pageSize) * rowElems;
#pragma unroll 4
    for (int key = begin + warp; key < end; key += kWarps) {
        const int page = p.blockTable[int64_t(b) * p.maxPagesPerSeq + key / p.pageSize];
        const int64_t off =
            int64_t(page) * pageElems + int64_t(key % p.pageSize) * rowElems + int64_t(kvh) * D + lane * E;
        float k[E], v[E];
        loadBf16<E>(p.kPool + off, k);  // off is a multiple of E: aligned vector loads
        loadBf16<E>(p.vPool + off, v);
#pragma unroll
        for (int gh = 0; gh < G; ++gh) {
            float dot = 0.f;
#pragma unroll
            for (int e = 0; e < E; ++e) dot += q[gh][e] * k[e];
            const float s = warpSum(dot) * scaleLog2;
            const float mNew = fmaxf(m[gh], s);
            const float alpha = exp2f(m[gh] - mNew);
            const float pv = exp2f(s - mNew);
            l[gh] = l[gh] * alpha + pv;
#pragma unroll
            for (int e = 0; e < E; ++e) acc[gh][e] = acc[gh][e] * alpha + pv * v[e];
            m[gh] = mNew;
        }
    }

    // Combine the warps of the block through shared memory.
    __shared__ float sM[kWarps][G], sL[kWarps][G];
    __shared__ float sO[kWarps][G][D];
    if (lane == 0)
#pragma unroll
        for (int gh = 0; gh < G; ++gh) {
            sM[warp][gh] = m[gh];
            sL[warp][gh] = l[gh];
        }
#pragma unroll
    for (int gh = 0; gh < G; ++gh)
#pragma unroll
        for (int e = 0; e < E; ++e) sO[warp][gh][lane * E + e] = acc[gh][e];
    __syncthreads();
    const int64_t slot0 = (int64_t(b) * p.qHeads + int64_t(kvh) * G) * p.splits + split;
    for (int i = threadIdx.x; i < G * D; i += kWarps * 32) {
        const int gh = i / D, d = i % D;
        float mx = -INFINITY;
#pragma unroll
        for (int w = 0; w < kWarps; ++w) mx = fmaxf(mx, sM[w][gh]);
        float sum = 0.f, out = 0.f;
        if (mx != -INFINITY)
#pragma unroll
            for (int w = 0; w < kWarps; ++w) {
                const float f = exp2f(sM[w][gh] - mx);  // 0 for a warp that saw no key
                sum += sL[w][gh] * f;
                out += sO[w][gh][d] * f;
            }
        const int64_t slot = slot0 + int64_t(gh) * p.splits;
        partialO[slot * D + d] = out;
        if (d == 0) {
            partialM[slot] = mx;
            partialL[slot] = sum;
        }
    }
}

__global__ void decodeCombineKernel(const DecodeAttentionParams p, const float* partialO, const float* partialM,
                                    const float* partialL) {
    const int h = blockIdx.x, b = blockIdx.y, D = p.headDim;
    const int64_t slot0 = (int64_t(b) * p.qHeads + h) * p.splits;
    float mx = -INFINITY;
    for (int s = 0; s < p.splits; ++s) mx = fmaxf(mx, partialM[slot0 + s]);
    for (int d = threadIdx.x; d < D; d += blockDim.x) {
        float sum = 0.f, out = 0.f;
        if (mx != -INFINITY)
            for (int s = 0; s < p.splits; ++s) {
                const float f = exp2f(partialM[slot0 + s] - mx);
                sum += partialL[slot0 + s] * f;
                out += partialO[(slot0 + s) * D + d] * f;
            }
        p.o[int64_t(b) * p.oRowStride + int64_t(h) * D + d] = __float2bfloat16(sum > 0.f ? out / sum : 0.f);
    }
}

template <int D, int G>
Result<void> launch(const DecodeAttentionParams& p, float* ws, cudaStream_t stream) {
    const size_t slots = size_t(p.batch) * p.qHeads * p.splits;
    float* partialO = ws;
    float* partialM = ws + slots * D;
    float* partialL = partialM + slots;
    decodeSplitKernel<D, G>
        <<<dim3(unsigned(p.splits), unsigned(p.kvHeads), unsigned(p.batch)), kWarps * 32, 0, stream>>>(
            p, partialO, partialM, partialL);
    MOTOR_CUDA_TRY_LAUNCH("decodeSplitKernel");
    decodeCombineKernel<<<dim3(unsigned(p.qHeads), unsigned(p.batch)), D, 0, stream>>>(p, partialO, partialM, partialL);
    MOTOR_CUDA_TRY_LAUNCH("decodeCombineKernel");
    return {};
}

template <int D>
Result<void> launchGroup(const DecodeAttentionParams& p, float* ws, cudaStream_t stream) {
    switch (p.qHeads / p.kvHeads) {
        case 1:
            return launch<D, 1>(p, ws, stream);
        case 2:
            return launch<D, 2>(p, ws, stream);
        case 3:
            return launch<D, 3>(p, ws, stream);
        case 4:
            return launch<D, 4>(p, ws, stream);
        case 5:
            return launch<D, 5>(p, ws, stream);
        case 6:
            return launch<D, 6>(p, ws, stream);
        case 7:
            return launch<D, 7>(p, ws, stream);
        case 8:
            return launch<D, 8>(p, ws, stream);
        default:
            return makeError("flashDecode: " + std::to_string(p.qHeads / p.kvHeads) +
                             " query heads per KV head is not supported (1 to 8)");
    }
}

}  // namespace

int decodeSplits(int batch, int kvHeads, int maxSeqlenK, int multiprocessors) {
    const int blocks = std::max(1, batch * kvHeads);
    const int want = std::max(1, (2 * multiprocessors + blocks - 1) / blocks);
    const int most = std::max(1, maxSeqlenK / 128);
    return std::min(want, most);
}

size_t decodeWorkspaceFloats(const DecodeAttentionParams& p) {
    const size_t slots = size_t(p.batch) * size_t(p.qHeads) * size_t(std::max(1, p.splits));
    return slots * size_t(p.headDim) + 2 * slots;
}

Result<void> flashDecode(const DecodeAttentionParams& p, float* workspace, cudaStream_t stream) {
    if (p.headDim != 64 && p.headDim != 128)
        return makeError("flashDecode: head dim " + std::to_string(p.headDim) + " is not supported (64 or 128)");
    if (p.qHeads <= 0 || p.kvHeads <= 0 || p.qHeads % p.kvHeads != 0 || p.qHeads / p.kvHeads > kMaxGroup)
        return makeError("flashDecode: " + std::to_string(p.qHeads) + " query heads over " + std::to_string(p.kvHeads) +
                         " KV heads is not supported");
    if (p.pageSize <= 0 || p.splits <= 0 || p.maxPagesPerSeq <= 0)
        return makeError("flashDecode: page size, splits and pages per sequence must be positive");
    if (int64_t(p.maxPagesPerSeq) * p.pageSize < p.maxSeqlenK)
        return makeError("flashDecode: the block table is too short for the longest sequence");
    if (!p.q || !p.kPool || !p.vPool || !p.blockTable || !p.seqlensK || !p.o || !workspace)
        return makeError("flashDecode: a pointer is null");
    if ((reinterpret_cast<uintptr_t>(p.kPool) | reinterpret_cast<uintptr_t>(p.vPool)) % 8 != 0)
        return makeError("flashDecode: the K and V pools must be 8-byte aligned");
    if (p.batch <= 0) return {};
    if (p.maxSeqlenK <= 0) return makeError("flashDecode: the longest sequence must have a key");
    return p.headDim == 64 ? launchGroup<64>(p, workspace, stream) : launchGroup<128>(p, workspace, stream);
}

}  // namespace motor::gpu::cuda
