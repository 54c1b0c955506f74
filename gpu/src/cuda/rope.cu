#include "cuda/check.cuh"
#include "cuda/common.cuh"
#include "cuda/rope.cuh"

namespace motor::gpu::cuda {

namespace {

__global__ void ropeKernel(float* x, int heads, int headDim, int64_t rowStride, const int* positions,
                           const double* invFreq, bool interleaved) {
    const int row = blockIdx.x, half = headDim / 2;
    const double pos = double(positions[row]);
    for (int idx = threadIdx.x; idx < heads * half; idx += blockDim.x) {
        const int h = idx / half, i = idx % half;
        double s, c;
        sincos(pos * invFreq[i], &s, &c);
        const float cf = float(c), sf = float(s);
        float* v = x + int64_t(row) * rowStride + int64_t(h) * headDim;
        const int a = interleaved ? 2 * i : i, b = interleaved ? 2 * i + 1 : i + half;
        const float x0 = v[a], x1 = v[b];
        v[a] = x0 * cf - x1 * sf;
        v[b] = x0 * sf + x1 * cf;
    }
}

}  // namespace

Result<void> rope(float* x, int rows, int heads, int headDim, int64_t rowStride, const int* positions,
                  const double* invFreq, bool interleaved, cudaStream_t stream) {
    if (rows <= 0) return {};
    if (headDim <= 0 || headDim % 2 != 0 || heads <= 0 || !x || !positions || !invFreq)
        return makeError("rope: bad arguments");
    ropeKernel<<<unsigned(rows), 128, 0, stream>>>(x, heads, headDim, rowStride, positions, invFreq, interleaved);
    MOTOR_CUDA_TRY_LAUNCH("ropeKernel");
    return {};
}

}  // namespace motor::gpu::cuda
