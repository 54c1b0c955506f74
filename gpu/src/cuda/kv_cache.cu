#include "cuda/check.cuh"
#include "cuda/kv_cache.cuh"

namespace motor::gpu::cuda {

namespace {

__global__ void writeKvKernel(const float* k, const float* v, int64_t kvDim, const int* slots, bf16* kPool,
                              bf16* vPool) {
    const int row = blockIdx.x;
    const int64_t dst = int64_t(slots[row]) * kvDim;
    for (int64_t i = threadIdx.x; i < kvDim; i += blockDim.x) {
        kPool[dst + i] = __float2bfloat16(k[row * kvDim + i]);
        vPool[dst + i] = __float2bfloat16(v[row * kvDim + i]);
    }
}

__global__ void gatherKvKernel(const bf16* kPool, const bf16* vPool, const int* pages, int pageSize, int64_t kvDim,
                               bf16* k, bf16* v) {
    const int pos = blockIdx.x;
    const int64_t src = (int64_t(pages[pos / pageSize]) * pageSize + pos % pageSize) * kvDim;
    for (int64_t i = threadIdx.x; i < kvDim; i += blockDim.x) {
        k[pos * kvDim + i] = kPool[src + i];
        v[pos * kvDim + i] = vPool[src + i];
    }
}

__global__ void embedKernel(const bf16* table, const int* tokens, int64_t dim, float* out) {
    const int row = blockIdx.x;
    const bf16* src = table + int64_t(tokens[row]) * dim;
    for (int64_t i = threadIdx.x; i < dim; i += blockDim.x) out[row * dim + i] = __bfloat162float(src[i]);
}

}  // namespace

Result<void> writeKv(const float* k, const float* v, int rows, int64_t kvDim, const int* slots, bf16* kPool,
                     bf16* vPool, cudaStream_t stream) {
    if (rows <= 0) return {};
    writeKvKernel<<<unsigned(rows), 256, 0, stream>>>(k, v, kvDim, slots, kPool, vPool);
    MOTOR_CUDA_TRY_LAUNCH("writeKvKernel");
    return {};
}

Result<void> gatherKv(const bf16* kPool, const bf16* vPool, const int* pages, int length, int pageSize, int64_t kvDim,
                      bf16* k, bf16* v, cudaStream_t stream) {
    if (length <= 0) return {};
    gatherKvKernel<<<unsigned(length), 256, 0, stream>>>(kPool, vPool, pages, pageSize, kvDim, k, v);
    MOTOR_CUDA_TRY_LAUNCH("gatherKvKernel");
    return {};
}

Result<void> embed(const bf16* table, const int* tokens, int rows, int64_t dim, float* out, cudaStream_t stream) {
    if (rows <= 0) return {};
    embedKernel<<<unsigned(rows), 256, 0, stream>>>(table, tokens, dim, out);
    MOTOR_CUDA_TRY_LAUNCH("embedKernel");
    return {};
}

}  // namespace motor::gpu::cuda
