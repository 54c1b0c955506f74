#include "cuda/check.cuh"
#include "cuda/vit_ops.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kThreads = 256;

unsigned blocksFor(int64_t n) {
    const int64_t b = (n + kThreads - 1) / kThreads;
    return unsigned(b < 65535 * 64 ? b : 65535 * 64);
}

__global__ void vitEmbedKernel(const float* patches, const float* bias, const float* cls, const float* pos, int tokens,
                               int dim, float* h) {
    const int row = blockIdx.x;  // frame * tokens + t
    const int f = row / tokens, t = row % tokens;
    float* out = h + int64_t(row) * dim;
    const float* p = pos + int64_t(t) * dim;
    if (t == 0) {
        for (int i = threadIdx.x; i < dim; i += blockDim.x) out[i] = cls[i] + p[i];
    } else {
        const float* e = patches + (int64_t(f) * (tokens - 1) + t - 1) * dim;
        for (int i = threadIdx.x; i < dim; i += blockDim.x) out[i] = (e[i] + bias[i]) + p[i];
    }
}

__global__ void addScaledBiasKernel(float* h, const float* y, const float* bias, const float* scale, int64_t n,
                                    int dim) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const int c = int(i % dim);
        const float v = y[i] + (bias ? bias[c] : 0.f);
        h[i] += scale ? v * scale[c] : v;
    }
}

__global__ void biasGeluKernel(const float* x, const float* bias, bf16* out, int64_t n, int dim) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const float v = x[i] + (bias ? bias[i % dim] : 0.f);
        out[i] = __float2bfloat16(0.5f * v * (1.f + erff(v * 0.70710678118654752f)));
    }
}

}  // namespace

Result<void> vitEmbed(const float* patches, const float* bias, const float* cls, const float* pos, int frames,
                      int tokens, int dim, float* h, cudaStream_t stream) {
    if (frames <= 0) return {};
    vitEmbedKernel<<<unsigned(frames * tokens), kThreads, 0, stream>>>(patches, bias, cls, pos, tokens, dim, h);
    MOTOR_CUDA_TRY_LAUNCH("vitEmbedKernel");
    return {};
}

Result<void> addScaledBias(float* h, const float* y, const float* bias, const float* scale, int64_t rows, int dim,
                           cudaStream_t stream) {
    const int64_t n = rows * dim;
    if (n <= 0) return {};
    addScaledBiasKernel<<<blocksFor(n), kThreads, 0, stream>>>(h, y, bias, scale, n, dim);
    MOTOR_CUDA_TRY_LAUNCH("addScaledBiasKernel");
    return {};
}

Result<void> biasGelu(const float* x, const float* bias, bf16* out, int64_t rows, int dim, cudaStream_t stream) {
    const int64_t n = rows * dim;
    if (n <= 0) return {};
    biasGeluKernel<<<blocksFor(n), kThreads, 0, stream>>>(x, bias, out, n, dim);
    MOTOR_CUDA_TRY_LAUNCH("biasGeluKernel");
    return {};
}

}  // namespace motor::gpu::cuda
