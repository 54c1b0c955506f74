#include "cpu/attention.h"

#include <algorithm>
#include <cmath>

#include "cpu/ops.h"

namespace motor::gpu::cpu {

void attendHeads(const AttentionShape& s, const KvLayerPages& kv, int length, const float* q,
                 int headBegin, int headEnd, float* out, std::vector<float>& scratch) {
    if (int(scratch.size()) < length) scratch.resize(size_t(length));
    const int group = s.heads / s.kvHeads;
    const int64_t kvDim = int64_t(s.kvHeads) * s.headDim;
    const float scale = float(1.0 / std::sqrt(double(s.headDim)));
    for (int h = headBegin; h < headEnd; ++h) {
        const int64_t kvOff = int64_t(h / group) * s.headDim;
        const float* qh = q + int64_t(h) * s.headDim;
        float* scores = scratch.data();
        for (int p0 = 0; p0 < length; p0 += s.pageSize) {
            const int n = std::min(s.pageSize, length - p0);
            const float* kp = kv.k[p0 / s.pageSize] + kvOff;
            for (int j = 0; j < n; ++j) scores[p0 + j] = dot(qh, kp + j * kvDim, s.headDim) * scale;
        }
        softmax(scores, length);
        float* oh = out + int64_t(h) * s.headDim;
        std::fill(oh, oh + s.headDim, 0.0f);
        for (int p0 = 0; p0 < length; p0 += s.pageSize) {
            const int n = std::min(s.pageSize, length - p0);
            const float* vp = kv.v[p0 / s.pageSize] + kvOff;
            for (int j = 0; j < n; ++j) axpy(scores[p0 + j], vp + j * kvDim, oh, s.headDim);
        }
    }
}

}  // namespace motor::gpu::cpu
