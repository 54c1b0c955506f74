#pragma once
// bf16 GEMMs on the tensor cores through cuBLASLt, in the engine's row-major terms:
//   y[t * ldy + n] = sum_k x[t * ldx + k] * W[n * ldw + k]   (t < tokens, n < outFeatures)
// i.e. y = x W^T with W stored as the checkpoint stores it ({out, in}, row-major). fp32
// accumulation; y in fp32 (residual stream, logits) or bf16 (input of the next GEMM).
// One handle and workspace per LtGemm; the algorithm heuristic is cached per shape.
#include <cublasLt.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <map>
#include <memory>
#include <tuple>

#include "cuda/common.cuh"
#include "cuda/device.cuh"
#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

class LtGemm {
public:
    static Result<std::unique_ptr<LtGemm>> create(size_t workspaceBytes = size_t(32) << 20);
    ~LtGemm();
    LtGemm(const LtGemm&) = delete;
    LtGemm& operator=(const LtGemm&) = delete;

    // beta = 1 accumulates into y (a residual add for free).
    Result<void> gemm(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                      int inFeatures, float* y, int64_t ldy, float beta, cudaStream_t stream);
    Result<void> gemm(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                      int inFeatures, bf16* y, int64_t ldy, cudaStream_t stream);

private:
    LtGemm() = default;
    Result<void> run(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                     int inFeatures, void* y, int64_t ldy, bool yBf16, float beta, cudaStream_t stream);

    cublasLtHandle_t handle_ = nullptr;
    DeviceBuffer<unsigned char> workspace_;
    using Key = std::tuple<int, int, int, int64_t, int64_t, int64_t, bool>;
    std::map<Key, cublasLtMatmulHeuristicResult_t> algos_;
};

}  // namespace motor::gpu::cuda
