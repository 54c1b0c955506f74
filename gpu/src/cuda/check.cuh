#pragma once
// Every CUDA runtime and cuBLAS call of the backend goes through these: a failure
// becomes an Error naming the call, the file:line and CUDA's own text, never an abort.
//   MOTOR_CUDA_TRY(cudaMalloc(&p, n));          // in a function returning Result<...>
//   MOTOR_CUDA_TRY_LAUNCH("flashAttention");    // after a kernel launch
#include <cublasLt.h>
#include <cuda_runtime.h>

#include <string>

#include "motor/gpu/result.h"

namespace motor::gpu::cuda {

inline Error cudaError(cudaError_t e, const char* call, const char* file, int line) {
    return makeError(std::string("CUDA: ") + call + " failed at " + file + ":" + std::to_string(line) + ": " +
                     cudaGetErrorName(e) + " (" + cudaGetErrorString(e) + ")" +
                     (e == cudaErrorMemoryAllocation ? " — out of GPU memory" : ""));
}

inline Error cublasError(cublasStatus_t s, const char* call, const char* file, int line) {
    return makeError(std::string("cuBLASLt: ") + call + " failed at " + file + ":" + std::to_string(line) +
                     ": status " + std::to_string(int(s)) +
                     (s == CUBLAS_STATUS_ALLOC_FAILED ? " — out of GPU memory" : "") +
                     (s == CUBLAS_STATUS_NOT_SUPPORTED ? " — no algorithm for this shape/type on this GPU" : ""));
}

}  // namespace motor::gpu::cuda

#define MOTOR_CUDA_TRY(expr)                                                                \
    do {                                                                                    \
        const cudaError_t motor_cuda_e_ = (expr);                                           \
        if (motor_cuda_e_ != cudaSuccess)                                                   \
            return ::motor::gpu::cuda::cudaError(motor_cuda_e_, #expr, __FILE__, __LINE__); \
    } while (0)

#define MOTOR_CUDA_TRY_LAUNCH(name)                                                                  \
    do {                                                                                             \
        const cudaError_t motor_cuda_e_ = cudaGetLastError();                                        \
        if (motor_cuda_e_ != cudaSuccess)                                                            \
            return ::motor::gpu::cuda::cudaError(motor_cuda_e_, name " launch", __FILE__, __LINE__); \
    } while (0)

#define MOTOR_CUBLAS_TRY(expr)                                                                  \
    do {                                                                                        \
        const cublasStatus_t motor_cublas_s_ = (expr);                                          \
        if (motor_cublas_s_ != CUBLAS_STATUS_SUCCESS)                                           \
            return ::motor::gpu::cuda::cublasError(motor_cublas_s_, #expr, __FILE__, __LINE__); \
    } while (0)
