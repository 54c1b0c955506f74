#include "cuda/check.cuh"
#include "cuda/gemm_lt.cuh"

namespace motor::gpu::cuda {

namespace {

// RAII for the descriptors of one call.
struct Descs {
    cublasLtMatmulDesc_t op = nullptr;
    cublasLtMatrixLayout_t a = nullptr, b = nullptr, c = nullptr;
    cublasLtMatmulPreference_t pref = nullptr;
    ~Descs() {
        if (pref) cublasLtMatmulPreferenceDestroy(pref);
        if (c) cublasLtMatrixLayoutDestroy(c);
        if (b) cublasLtMatrixLayoutDestroy(b);
        if (a) cublasLtMatrixLayoutDestroy(a);
        if (op) cublasLtMatmulDescDestroy(op);
    }
};

}  // namespace

Result<std::unique_ptr<LtGemm>> LtGemm::create(size_t workspaceBytes) {
    std::unique_ptr<LtGemm> g(new LtGemm());
    MOTOR_CUBLAS_TRY(cublasLtCreate(&g->handle_));
    auto ws = DeviceBuffer<unsigned char>::allocate(workspaceBytes);
    if (!ws) return ws.error();
    g->workspace_ = std::move(*ws);
    return Result<std::unique_ptr<LtGemm>>(std::move(g));
}

LtGemm::~LtGemm() {
    if (handle_) cublasLtDestroy(handle_);
}

Result<void> LtGemm::gemm(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                          int inFeatures, float* y, int64_t ldy, float beta, cudaStream_t stream) {
    return run(x, ldx, tokens, w, ldw, outFeatures, inFeatures, y, ldy, false, beta, stream);
}

Result<void> LtGemm::gemm(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                          int inFeatures, bf16* y, int64_t ldy, cudaStream_t stream) {
    return run(x, ldx, tokens, w, ldw, outFeatures, inFeatures, y, ldy, true, 0.f, stream);
}

// Column-major view: Y^T (n x t, ld ldy) = W (k x n col-major, transposed) * X^T (k x t).
Result<void> LtGemm::run(const bf16* x, int64_t ldx, int tokens, const bf16* w, int64_t ldw, int outFeatures,
                         int inFeatures, void* y, int64_t ldy, bool yBf16, float beta, cudaStream_t stream) {
    if (tokens <= 0 || outFeatures <= 0) return {};
    if (inFeatures <= 0 || ldx < inFeatures || ldw < inFeatures || ldy < outFeatures)
        return makeError("LtGemm: leading dimensions smaller than the matrix");
    Descs d;
    MOTOR_CUBLAS_TRY(cublasLtMatmulDescCreate(&d.op, CUBLAS_COMPUTE_32F, CUDA_R_32F));
    const cublasOperation_t transA = CUBLAS_OP_T, transB = CUBLAS_OP_N;
    MOTOR_CUBLAS_TRY(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSA, &transA, sizeof transA));
    MOTOR_CUBLAS_TRY(cublasLtMatmulDescSetAttribute(d.op, CUBLASLT_MATMUL_DESC_TRANSB, &transB, sizeof transB));
    const cudaDataType_t yType = yBf16 ? CUDA_R_16BF : CUDA_R_32F;
    MOTOR_CUBLAS_TRY(cublasLtMatrixLayoutCreate(&d.a, CUDA_R_16BF, uint64_t(inFeatures), uint64_t(outFeatures), ldw));
    MOTOR_CUBLAS_TRY(cublasLtMatrixLayoutCreate(&d.b, CUDA_R_16BF, uint64_t(inFeatures), uint64_t(tokens), ldx));
    MOTOR_CUBLAS_TRY(cublasLtMatrixLayoutCreate(&d.c, yType, uint64_t(outFeatures), uint64_t(tokens), ldy));

    const Key key{tokens, outFeatures, inFeatures, ldx, ldw, ldy, yBf16};
    auto it = algos_.find(key);
    if (it == algos_.end()) {
        MOTOR_CUBLAS_TRY(cublasLtMatmulPreferenceCreate(&d.pref));
        const size_t wsBytes = workspace_.size();
        MOTOR_CUBLAS_TRY(cublasLtMatmulPreferenceSetAttribute(d.pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES,
                                                              &wsBytes, sizeof wsBytes));
        cublasLtMatmulHeuristicResult_t result{};
        int found = 0;
        MOTOR_CUBLAS_TRY(cublasLtMatmulAlgoGetHeuristic(handle_, d.op, d.a, d.b, d.c, d.c, d.pref, 1, &result, &found));
        if (found == 0)
            return makeError("LtGemm: cuBLASLt has no algorithm for " + std::to_string(tokens) + "x" +
                             std::to_string(inFeatures) + " by " + std::to_string(outFeatures));
        it = algos_.emplace(key, result).first;
    }
    const float alpha = 1.f;
    MOTOR_CUBLAS_TRY(cublasLtMatmul(handle_, d.op, &alpha, w, d.a, x, d.b, &beta, y, d.c, y, d.c, &it->second.algo,
                                    workspace_.get(), workspace_.size(), stream));
    return {};
}

}  // namespace motor::gpu::cuda
