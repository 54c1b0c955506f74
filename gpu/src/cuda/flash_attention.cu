#include <cmath>
#include <string>

#include "cuda/check.cuh"
#include "cuda/flash_attention.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kBlockM = 64;  // query rows per block (16 per warp)
constexpr int kBlockN = 64;  // keys per shared-memory tile
constexpr int kWarps = 4;
constexpr int kThreads = kWarps * 32;
constexpr int kPad = 8;  // bf16 of padding per shared row: conflict-free fragment loads

template <int D>
constexpr int sharedBytes() {
    return 3 * kBlockM * (D + kPad) * int(sizeof(bf16));
}

// rows [start, start + kBlockM) of a [L x D] matrix (row stride in elements) into a
// padded shared tile; rows past L are zero so masked lanes never read garbage.
template <int D>
__device__ __forceinline__ void loadTile(bf16* tile, const bf16* base, int64_t rowStride, int start, int L) {
    constexpr int chunksPerRow = D / 8;  // 16-byte chunks
    for (int c = threadIdx.x; c < kBlockM * chunksPerRow; c += kThreads) {
        const int row = c / chunksPerRow, col = (c % chunksPerRow) * 8;
        uint4 v = make_uint4(0, 0, 0, 0);
        if (start + row < L) v = *reinterpret_cast<const uint4*>(base + int64_t(start + row) * rowStride + col);
        *reinterpret_cast<uint4*>(tile + row * (D + kPad) + col) = v;
    }
}

template <int D, bool Causal>
__global__ void __launch_bounds__(kThreads) flashAttentionKernel(const AttentionParams p) {
    extern __shared__ __align__(16) unsigned char smem[];
    constexpr int S = D + kPad;
    bf16* sQ = reinterpret_cast<bf16*>(smem);
    bf16* sK = sQ + kBlockM * S;
    bf16* sV = sK + kBlockN * S;

    const int mBlock = blockIdx.x, h = blockIdx.y, b = blockIdx.z;
    const int qStart = p.cuSeqlensQ[b], Lq = p.cuSeqlensQ[b + 1] - qStart;
    const int kStart = p.cuSeqlensK[b], Lk = p.cuSeqlensK[b + 1] - kStart;
    if (mBlock * kBlockM >= Lq) return;
    const int kvh = h / (p.qHeads / p.kvHeads);
    const bf16* qBase = p.q + int64_t(qStart) * p.qRowStride + int64_t(h) * p.qHeadStride;
    const bf16* kBase = p.k + int64_t(kStart) * p.kRowStride + int64_t(kvh) * p.kHeadStride;
    const bf16* vBase = p.v + int64_t(kStart) * p.vRowStride + int64_t(kvh) * p.vHeadStride;
    bf16* oBase = p.o + int64_t(qStart) * p.oRowStride + int64_t(h) * p.oHeadStride;

    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, g = lane >> 2, t = lane & 3;
    const int shift = Lk - Lq;  // bottom-right causal alignment
    int nEnd = Lk;
    if (Causal) nEnd = min(Lk, min(Lq, (mBlock + 1) * kBlockM) + shift);  // the block's last real row

    loadTile<D>(sQ, qBase, p.qRowStride, mBlock * kBlockM, Lq);
    __syncthreads();
    uint32_t qf[D / 16][4];
    const int r0 = warp * 16 + g;
#pragma unroll
    for (int kk = 0; kk < D / 16; ++kk) {
        qf[kk][0] = load32(sQ + r0 * S + kk * 16 + 2 * t);
        qf[kk][1] = load32(sQ + (r0 + 8) * S + kk * 16 + 2 * t);
        qf[kk][2] = load32(sQ + r0 * S + kk * 16 + 8 + 2 * t);
        qf[kk][3] = load32(sQ + (r0 + 8) * S + kk * 16 + 8 + 2 * t);
    }

    float o[D / 8][4];
#pragma unroll
    for (int i = 0; i < D / 8; ++i) o[i][0] = o[i][1] = o[i][2] = o[i][3] = 0.f;
    float rowMax[2] = {-INFINITY, -INFINITY}, rowSum[2] = {0.f, 0.f};
    const float scaleLog2 = p.scale * 1.4426950408889634f;
    const int qRow = mBlock * kBlockM + r0;  // this thread's rows: qRow and qRow + 8

    for (int n0 = 0; n0 < nEnd; n0 += kBlockN) {
        __syncthreads();  // every warp is done with the previous K/V tile
        loadTile<D>(sK, kBase, p.kRowStride, n0, Lk);
        loadTile<D>(sV, vBase, p.vRowStride, n0, Lk);
        __syncthreads();

        float s[kBlockN / 8][4];
#pragma unroll
        for (int nt = 0; nt < kBlockN / 8; ++nt) {
            s[nt][0] = s[nt][1] = s[nt][2] = s[nt][3] = 0.f;
            const bf16* kr = sK + (nt * 8 + g) * S + 2 * t;
#pragma unroll
            for (int kk = 0; kk < D / 16; ++kk) mmaBf16(s[nt], qf[kk], load32(kr + kk * 16), load32(kr + kk * 16 + 8));
        }
        // Scale into log2 units and mask (past the sequence, above the causal diagonal).
#pragma unroll
        for (int nt = 0; nt < kBlockN / 8; ++nt)
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const int key = n0 + nt * 8 + 2 * t + (e & 1);
                const int qi = qRow + (e >= 2 ? 8 : 0);
                const bool visible = key < Lk && (!Causal || key <= qi + shift);
                s[nt][e] = visible ? s[nt][e] * scaleLog2 : -INFINITY;
            }
            // Online softmax: new row max over the 4 threads holding a row, rescale.
#pragma unroll
        for (int r = 0; r < 2; ++r) {
            float mx = rowMax[r];
#pragma unroll
            for (int nt = 0; nt < kBlockN / 8; ++nt) mx = fmaxf(mx, fmaxf(s[nt][2 * r], s[nt][2 * r + 1]));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 1));
            mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, 2));
            const float base = mx == -INFINITY ? 0.f : mx;  // a row with nothing visible yet
            const float alpha = exp2f(rowMax[r] - base);
            rowMax[r] = mx;
            float sum = 0.f;
#pragma unroll
            for (int nt = 0; nt < kBlockN / 8; ++nt)
#pragma unroll
                for (int j = 0; j < 2; ++j) {
                    const float pv = exp2f(s[nt][2 * r + j] - base);
                    s[nt][2 * r + j] = pv;
                    sum += pv;
                }
            rowSum[r] = rowSum[r] * alpha + sum;
#pragma unroll
            for (int dt = 0; dt < D / 8; ++dt) {
                o[dt][2 * r] *= alpha;
                o[dt][2 * r + 1] *= alpha;
            }
        }
        // O += P V: the accumulators of two adjacent key groups are exactly the A
        // fragment of a 16-key step.
#pragma unroll
        for (int kk = 0; kk < kBlockN / 16; ++kk) {
            const uint32_t a[4] = {packBf16(s[2 * kk][0], s[2 * kk][1]), packBf16(s[2 * kk][2], s[2 * kk][3]),
                                   packBf16(s[2 * kk + 1][0], s[2 * kk + 1][1]),
                                   packBf16(s[2 * kk + 1][2], s[2 * kk + 1][3])};
            // V is [key][d]: B (k = key, n = d) is its transpose, two d tiles per
            // ldmatrix: lanes 0-15 address keys kk*16 + 0..15 of tile dt, lanes 16-31
            // the same keys of tile dt + 1.
            const bf16* vr = sV + (kk * 16 + (lane & 15)) * S + (lane >> 4) * 8;
#pragma unroll
            for (int dt = 0; dt < D / 8; dt += 2) {
                uint32_t b[4];
                ldmatrixX4Trans(b, vr + dt * 8);
                mmaBf16(o[dt], a, b[0], b[1]);
                mmaBf16(o[dt + 1], a, b[2], b[3]);
            }
        }
    }

#pragma unroll
    for (int r = 0; r < 2; ++r) {
        float l = rowSum[r];
        l += __shfl_xor_sync(0xffffffffu, l, 1);
        l += __shfl_xor_sync(0xffffffffu, l, 2);
        const float inv = l > 0.f ? 1.f / l : 0.f;
        const int qi = qRow + 8 * r;
        if (qi >= Lq) continue;
        bf16* out = oBase + int64_t(qi) * p.oRowStride + 2 * t;
#pragma unroll
        for (int dt = 0; dt < D / 8; ++dt)
            *reinterpret_cast<__nv_bfloat162*>(out + dt * 8) =
                __floats2bfloat162_rn(o[dt][2 * r] * inv, o[dt][2 * r + 1] * inv);
    }
}

template <int D, bool Causal>
Result<void> launch(const AttentionParams& p, cudaStream_t stream) {
    constexpr int bytes = sharedBytes<D>();
    // Per device, and cheap: set before every launch (the current device may change).
    MOTOR_CUDA_TRY(
        cudaFuncSetAttribute(flashAttentionKernel<D, Causal>, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes));
    const dim3 grid(unsigned(ceilDiv(p.maxSeqlenQ, kBlockM)), unsigned(p.qHeads), unsigned(p.batch));
    flashAttentionKernel<D, Causal><<<grid, kThreads, bytes, stream>>>(p);
    MOTOR_CUDA_TRY_LAUNCH("flashAttentionKernel");
    return {};
}

bool aligned16(const void* ptr) {
    return (reinterpret_cast<uintptr_t>(ptr) & 15) == 0;
}

}  // namespace

Result<void> flashAttentionForward(const AttentionParams& p, cudaStream_t stream) {
    if (p.headDim != 64 && p.headDim != 128)
        return makeError("flashAttentionForward: head dim " + std::to_string(p.headDim) +
                         " is not supported (64 or 128)");
    if (p.qHeads <= 0 || p.kvHeads <= 0 || p.qHeads % p.kvHeads != 0)
        return makeError("flashAttentionForward: " + std::to_string(p.qHeads) + " query heads do not group over " +
                         std::to_string(p.kvHeads) + " KV heads");
    if (!p.q || !p.k || !p.v || !p.o || !p.cuSeqlensQ || !p.cuSeqlensK)
        return makeError("flashAttentionForward: a pointer is null");
    for (int64_t s : {p.qRowStride, p.kRowStride, p.vRowStride, p.oRowStride, p.qHeadStride, p.kHeadStride,
                      p.vHeadStride, p.oHeadStride})
        if (s % 8 != 0) return makeError("flashAttentionForward: strides must be multiples of 8 elements");
    if (!aligned16(p.q) || !aligned16(p.k) || !aligned16(p.v) || !aligned16(p.o))
        return makeError("flashAttentionForward: q, k, v and o must be 16-byte aligned");
    if (p.batch <= 0 || p.maxSeqlenQ <= 0) return {};
    if (p.headDim == 64) return p.causal ? launch<64, true>(p, stream) : launch<64, false>(p, stream);
    return p.causal ? launch<128, true>(p, stream) : launch<128, false>(p, stream);
}

AttentionParams encoderAttention(const bf16* q, const bf16* k, const bf16* v, bf16* o, int64_t rowStride, int heads,
                                 int headDim, const int* cuSeqlens, int batch, int maxSeqlen) {
    AttentionParams p;
    p.q = q;
    p.k = k;
    p.v = v;
    p.o = o;
    p.qRowStride = p.kRowStride = p.vRowStride = p.oRowStride = rowStride;
    p.qHeadStride = p.kHeadStride = p.vHeadStride = p.oHeadStride = headDim;
    p.cuSeqlensQ = p.cuSeqlensK = cuSeqlens;
    p.batch = batch;
    p.maxSeqlenQ = maxSeqlen;
    p.qHeads = p.kvHeads = heads;
    p.headDim = headDim;
    p.scale = 1.f / sqrtf(float(headDim));
    p.causal = false;
    return p;
}

}  // namespace motor::gpu::cuda
