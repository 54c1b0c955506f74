#include "cuda/check.cuh"
#include "cuda/whisper_ops.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kThreads = 256;
constexpr int kMaxKeys = kDecodeAttentionMaxKeys;

unsigned blocksFor(int64_t n) {
    const int64_t b = (n + kThreads - 1) / kThreads;
    return unsigned(b < 65535 * 64 ? b : 65535 * 64);
}

__device__ __forceinline__ float toFloat(float v) {
    return v;
}
__device__ __forceinline__ float toFloat(bf16 v) {
    return __bfloat162float(v);
}

template <class In>
__global__ void unfoldConvKernel(const In* in, int64_t strideT, int64_t strideC, int inFrames, int channels,
                                 int outFrames, int stride, bf16* out) {
    const int64_t cols = int64_t(channels) * 3, n = int64_t(outFrames) * cols;
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const int64_t t = i / cols, col = i % cols, c = col / 3, k = col % 3;
        const int64_t src = int64_t(stride) * t + k - 1;
        out[i] = __float2bfloat16(src < 0 || src >= inFrames ? 0.f : toFloat(in[src * strideT + c * strideC]));
    }
}

__global__ void embedTokensKernel(const bf16* table, const float* position, const int* tokens, const int* positions,
                                  int dim, float* x) {
    const int r = blockIdx.x;
    const bf16* e = table + int64_t(tokens[r]) * dim;
    const float* p = position + int64_t(positions[r]) * dim;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) x[int64_t(r) * dim + i] = __bfloat162float(e[i]) + p[i];
}

__global__ void scatterKvKernel(const float* k, const float* v, int64_t ld, float* const* caches, int64_t keyOffset,
                                int64_t valueOffset, const int* positions, int dim) {
    const int r = blockIdx.x;
    float* base = caches[r] + int64_t(positions[r]) * dim;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) {
        base[keyOffset + i] = k[int64_t(r) * ld + i];
        base[valueOffset + i] = v[int64_t(r) * ld + i];
    }
}

// One block per (row, head); blockDim.x threads, a multiple of headDim.
__global__ void decodeAttentionKernel(WhisperDecodeParams p) {
    extern __shared__ float shared[];
    float* q = shared;                   // headDim
    float* scores = shared + p.headDim;  // n
    __shared__ float scratch[32];
    const int r = blockIdx.x, h = blockIdx.y, hd = p.headDim;
    const int n = p.counts ? p.counts[r] : p.count;
    const float* base = p.rowBase ? p.rowBase[r] : p.sharedBase;
    const float* keys = base + p.keyOffset + int64_t(h) * hd;
    const float* values = base + p.valueOffset + int64_t(h) * hd;
    for (int d = threadIdx.x; d < hd; d += blockDim.x) q[d] = p.q[int64_t(r) * p.ldq + int64_t(h) * hd + d];
    __syncthreads();
    // A warp per key: its lanes read the key's headDim floats together (coalesced) and
    // reduce with shuffles, so every lane holds the score.
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nWarps = blockDim.x >> 5;
    float mx = -INFINITY;
    for (int j = warp; j < n; j += nWarps) {
        const float* kj = keys + int64_t(j) * p.ldkv;
        float s = 0.f;
        for (int d = lane; d < hd; d += 32) s += q[d] * kj[d];
        s = warpSum(s) * p.scale;
        if (lane == 0) scores[j] = s;
        mx = fmaxf(mx, s);
    }
    // The block's maximum (blockSum's pattern with max).
    mx = warpMax(mx);
    __syncthreads();
    if ((threadIdx.x & 31) == 0) scratch[threadIdx.x >> 5] = mx;
    __syncthreads();
    const int warps = (blockDim.x + 31) >> 5;
    mx = (threadIdx.x & 31) < warps ? scratch[threadIdx.x & 31] : -INFINITY;
    mx = warpMax(mx);
    float sum = 0.f;
    for (int j = threadIdx.x; j < n; j += blockDim.x) {
        const float e = __expf(scores[j] - mx);
        scores[j] = e;
        sum += e;
    }
    sum = blockSum(sum, scratch);
    __syncthreads();  // every score written before any is read below
    // Groups of headDim threads each sum a strided part of the keys; then combine.
    const int groups = blockDim.x / hd, g = threadIdx.x / hd, d = threadIdx.x % hd;
    float acc = 0.f;
    for (int j = g; j < n; j += groups) acc += scores[j] * values[int64_t(j) * p.ldkv + d];
    __syncthreads();
    scores[threadIdx.x] = acc;  // scores are no longer needed (n >= 1 keys were read above)
    __syncthreads();
    if (g == 0) {
        float total = 0.f;
        for (int i = 0; i < groups; ++i) total += scores[i * hd + d];
        p.out[int64_t(r) * p.ldo + int64_t(h) * hd + d] = __float2bfloat16(n > 0 ? total / sum : 0.f);
    }
}

__global__ void gatherRowsKernel(const bf16* in, const int* rows, int dim, bf16* out) {
    const int i = blockIdx.x;
    for (int c = threadIdx.x; c < dim; c += blockDim.x) out[int64_t(i) * dim + c] = in[int64_t(rows[i]) * dim + c];
}

}  // namespace

template <class In>
Result<void> unfoldConv(const In* in, int64_t strideT, int64_t strideC, int inFrames, int channels, int outFrames,
                        int stride, bf16* out, cudaStream_t stream) {
    const int64_t n = int64_t(outFrames) * channels * 3;
    if (n <= 0) return {};
    unfoldConvKernel<<<blocksFor(n), kThreads, 0, stream>>>(in, strideT, strideC, inFrames, channels, outFrames, stride,
                                                            out);
    MOTOR_CUDA_TRY_LAUNCH("unfoldConvKernel");
    return {};
}
template Result<void> unfoldConv<float>(const float*, int64_t, int64_t, int, int, int, int, bf16*, cudaStream_t);
template Result<void> unfoldConv<bf16>(const bf16*, int64_t, int64_t, int, int, int, int, bf16*, cudaStream_t);

Result<void> embedTokens(const bf16* table, const float* position, const int* tokens, const int* positions, int rows,
                         int dim, float* x, cudaStream_t stream) {
    if (rows <= 0) return {};
    embedTokensKernel<<<unsigned(rows), 256, 0, stream>>>(table, position, tokens, positions, dim, x);
    MOTOR_CUDA_TRY_LAUNCH("embedTokensKernel");
    return {};
}

Result<void> scatterKv(const float* k, const float* v, int64_t ld, float* const* caches, int64_t keyOffset,
                       int64_t valueOffset, const int* positions, int rows, int dim, cudaStream_t stream) {
    if (rows <= 0) return {};
    scatterKvKernel<<<unsigned(rows), 256, 0, stream>>>(k, v, ld, caches, keyOffset, valueOffset, positions, dim);
    MOTOR_CUDA_TRY_LAUNCH("scatterKvKernel");
    return {};
}

Result<void> decodeAttention(const WhisperDecodeParams& p, cudaStream_t stream) {
    if (p.rows <= 0) return {};
    if (p.headDim <= 0 || p.headDim > 256 || 256 % p.headDim != 0)
        return makeError("decodeAttention: head dim " + std::to_string(p.headDim) +
                         " is not supported (a divisor of 256)");
    if (!p.counts && (p.count <= 0 || p.count > kMaxKeys))
        return makeError("decodeAttention: " + std::to_string(p.count) + " keys (1 to " + std::to_string(kMaxKeys) +
                         ")");
    // Per-row counts are bounded by the caches the caller sized (CudaWhisper::load refuses
    // a textContext over kMaxKeys);
    // the scores hold kMaxKeys floats, also the final combine's blockDim partial sums.
    // 33 KiB: within the default 48 KiB of dynamic shared memory.
    const size_t sharedBytes = size_t(p.headDim + kMaxKeys) * sizeof(float);
    decodeAttentionKernel<<<dim3(unsigned(p.rows), unsigned(p.heads)), 256, sharedBytes, stream>>>(p);
    MOTOR_CUDA_TRY_LAUNCH("decodeAttentionKernel");
    return {};
}

Result<void> gatherRows(const bf16* in, const int* rows, int n, int dim, bf16* out, cudaStream_t stream) {
    if (n <= 0) return {};
    gatherRowsKernel<<<unsigned(n), 256, 0, stream>>>(in, rows, dim, out);
    MOTOR_CUDA_TRY_LAUNCH("gatherRowsKernel");
    return {};
}

}  // namespace motor::gpu::cuda
