#include "cuda/check.cuh"
#include "cuda/norm.cuh"

namespace motor::gpu::cuda {

namespace {

constexpr int kThreads = 256;

__device__ __forceinline__ void store(float* p, float v) {
    *p = v;
}
__device__ __forceinline__ void store(bf16* p, float v) {
    *p = __float2bfloat16(v);
}

template <class Out>
__global__ void __launch_bounds__(kThreads)
    rmsNormKernel(float* x, const float* add, const float* w, Out* out, int dim, float eps) {
    __shared__ float scratch[32];
    float* row = x + int64_t(blockIdx.x) * dim;
    const float* addRow = add ? add + int64_t(blockIdx.x) * dim : nullptr;
    float ss = 0.f;
    for (int i = threadIdx.x; i < dim; i += kThreads) {
        float v = row[i];
        if (addRow) {
            v += addRow[i];
            row[i] = v;
        }
        ss += v * v;
    }
    const float inv = rsqrtf(blockSum(ss, scratch) / float(dim) + eps);
    Out* o = out + int64_t(blockIdx.x) * dim;
    for (int i = threadIdx.x; i < dim; i += kThreads) store(o + i, row[i] * inv * w[i]);
}

template <class Out>
__global__ void __launch_bounds__(kThreads)
    layerNormKernel(const float* x, const float* w, const float* b, Out* out, int dim, float eps) {
    __shared__ float scratch[32];
    const float* row = x + int64_t(blockIdx.x) * dim;
    float s = 0.f;
    for (int i = threadIdx.x; i < dim; i += kThreads) s += row[i];
    const float mean = blockSum(s, scratch) / float(dim);
    float ss = 0.f;  // two passes: no cancellation in the variance
    for (int i = threadIdx.x; i < dim; i += kThreads) {
        const float d = row[i] - mean;
        ss += d * d;
    }
    const float inv = rsqrtf(blockSum(ss, scratch) / float(dim) + eps);
    Out* o = out + int64_t(blockIdx.x) * dim;
    for (int i = threadIdx.x; i < dim; i += kThreads) store(o + i, (row[i] - mean) * inv * w[i] + (b ? b[i] : 0.f));
}

}  // namespace

template <class Out>
Result<void> rmsNorm(float* x, const float* add, const float* w, Out* out, int rows, int dim, float eps,
                     cudaStream_t stream) {
    if (rows <= 0) return {};
    if (dim <= 0 || !x || !w || !out) return makeError("rmsNorm: bad arguments");
    rmsNormKernel<Out><<<unsigned(rows), kThreads, 0, stream>>>(x, add, w, out, dim, eps);
    MOTOR_CUDA_TRY_LAUNCH("rmsNormKernel");
    return {};
}

template <class Out>
Result<void> layerNorm(const float* x, const float* w, const float* b, Out* out, int rows, int dim, float eps,
                       cudaStream_t stream) {
    if (rows <= 0) return {};
    if (dim <= 0 || !x || !w || !out) return makeError("layerNorm: bad arguments");
    layerNormKernel<Out><<<unsigned(rows), kThreads, 0, stream>>>(x, w, b, out, dim, eps);
    MOTOR_CUDA_TRY_LAUNCH("layerNormKernel");
    return {};
}

template Result<void> rmsNorm<float>(float*, const float*, const float*, float*, int, int, float, cudaStream_t);
template Result<void> rmsNorm<bf16>(float*, const float*, const float*, bf16*, int, int, float, cudaStream_t);
template Result<void> layerNorm<float>(const float*, const float*, const float*, float*, int, int, float, cudaStream_t);
template Result<void> layerNorm<bf16>(const float*, const float*, const float*, bf16*, int, int, float, cudaStream_t);

}  // namespace motor::gpu::cuda
