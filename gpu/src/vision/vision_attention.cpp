#include "vision/vision_attention.h"

#include <cmath>

#include "cpu/matmul.h"
#include "cpu/ops.h"

namespace motor::gpu::vision {

// Both products go through cpu::matmul, so they speed up with the matmul kernels: the
// scores as "weights" K (length rows of headDim, strided by the row width) times the
// query rows, and the output as V^T (headDim rows of length, transposed per head into
// scratch) times the probability rows.
void attendFull(cpu::ThreadPool& pool, const FullAttentionShape& s, const float* q, const float* k, const float* v,
                float* out, std::vector<float>& scratch) {
    const int64_t L = s.length, D = s.headDim, width = int64_t(s.heads) * s.headDim;
    scratch.resize(size_t(L * L + D * L));
    float* scores = scratch.data();
    float* vt = scores + L * L;
    const float scale = float(1.0 / std::sqrt(double(D)));
    for (int seq = 0; seq < s.sequences; ++seq) {
        const int64_t base = int64_t(seq) * L * width;
        for (int h = 0; h < s.heads; ++h) {
            const int64_t off = base + int64_t(h) * D;
            const cpu::WeightMatrix kw{DType::F32, reinterpret_cast<const std::byte*>(k + off), L, D,
                                       int64_t(width * sizeof(float))};
            const cpu::MatmulTask st[] = {{&kw, scores, L}};
            cpu::matmul(pool, st, q + off, int(L), width);
            pool.parallelFor(int(L), L * L * 4, [&](int t, int) {
                float* row = scores + t * L;
                for (int64_t j = 0; j < L; ++j) row[j] *= scale;
                cpu::softmax(row, L);
            });
            for (int64_t j = 0; j < L; ++j)
                for (int64_t d = 0; d < D; ++d) vt[d * L + j] = v[off + j * width + d];
            const cpu::WeightMatrix vw{DType::F32, reinterpret_cast<const std::byte*>(vt), D, L,
                                       int64_t(L * sizeof(float))};
            const cpu::MatmulTask ot[] = {{&vw, out + off, width}};
            cpu::matmul(pool, ot, scores, int(L), L);
        }
    }
}

}  // namespace motor::gpu::vision
