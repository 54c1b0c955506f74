#include "cuda/check.cuh"
#include "cuda/elementwise.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kThreads = 256;

unsigned blocksFor(int64_t n) {
    const int64_t b = (n + kThreads - 1) / kThreads;
    return unsigned(b < 65535 * 64 ? b : 65535 * 64);
}

__device__ __forceinline__ void store(float* p, float v) {
    *p = v;
}
__device__ __forceinline__ void store(bf16* p, float v) {
    *p = __float2bfloat16(v);
}

template <class Out>
__global__ void swiGluKernel(const float* gate, const float* up, Out* out, int64_t n) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const float g = gate[i];
        store(out + i, g / (1.f + expf(-g)) * up[i]);
    }
}

template <class Out>
__global__ void geluKernel(const float* x, Out* out, int64_t n) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x) {
        const float v = x[i];
        store(out + i, 0.5f * v * (1.f + erff(v * 0.70710678118654752f)));
    }
}

__global__ void addBiasKernel(float* x, const float* bias, int64_t n, int dim) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
        x[i] += bias[i % dim];
}

__global__ void addKernel(float* x, const float* y, int64_t n) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
        x[i] += y[i];
}

__global__ void toBf16Kernel(const float* x, bf16* out, int64_t n) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
        out[i] = __float2bfloat16(x[i]);
}

__global__ void toFloatKernel(const bf16* x, float* out, int64_t n) {
    for (int64_t i = blockIdx.x * int64_t(blockDim.x) + threadIdx.x; i < n; i += int64_t(gridDim.x) * blockDim.x)
        out[i] = __bfloat162float(x[i]);
}

}  // namespace

template <class Out>
Result<void> swiGlu(const float* gate, const float* up, Out* out, int64_t n, cudaStream_t stream) {
    if (n <= 0) return {};
    swiGluKernel<Out><<<blocksFor(n), kThreads, 0, stream>>>(gate, up, out, n);
    MOTOR_CUDA_TRY_LAUNCH("swiGluKernel");
    return {};
}

template <class Out>
Result<void> gelu(const float* x, Out* out, int64_t n, cudaStream_t stream) {
    if (n <= 0) return {};
    geluKernel<Out><<<blocksFor(n), kThreads, 0, stream>>>(x, out, n);
    MOTOR_CUDA_TRY_LAUNCH("geluKernel");
    return {};
}

Result<void> addBias(float* x, const float* bias, int64_t rows, int dim, cudaStream_t stream) {
    const int64_t n = rows * dim;
    if (n <= 0) return {};
    addBiasKernel<<<blocksFor(n), kThreads, 0, stream>>>(x, bias, n, dim);
    MOTOR_CUDA_TRY_LAUNCH("addBiasKernel");
    return {};
}

Result<void> add(float* x, const float* y, int64_t n, cudaStream_t stream) {
    if (n <= 0) return {};
    addKernel<<<blocksFor(n), kThreads, 0, stream>>>(x, y, n);
    MOTOR_CUDA_TRY_LAUNCH("addKernel");
    return {};
}

Result<void> toBf16(const float* x, bf16* out, int64_t n, cudaStream_t stream) {
    if (n <= 0) return {};
    toBf16Kernel<<<blocksFor(n), kThreads, 0, stream>>>(x, out, n);
    MOTOR_CUDA_TRY_LAUNCH("toBf16Kernel");
    return {};
}

Result<void> toFloat(const bf16* x, float* out, int64_t n, cudaStream_t stream) {
    if (n <= 0) return {};
    toFloatKernel<<<blocksFor(n), kThreads, 0, stream>>>(x, out, n);
    MOTOR_CUDA_TRY_LAUNCH("toFloatKernel");
    return {};
}

template Result<void> swiGlu<float>(const float*, const float*, float*, int64_t, cudaStream_t);
template Result<void> swiGlu<bf16>(const float*, const float*, bf16*, int64_t, cudaStream_t);
template Result<void> gelu<float>(const float*, float*, int64_t, cudaStream_t);
template Result<void> gelu<bf16>(const float*, bf16*, int64_t, cudaStream_t);

}  // namespace motor::gpu::cuda
