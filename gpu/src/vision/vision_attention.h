#pragma once
// Non-causal multi-head attention over whole sequences (the vision tower: every patch
// of a frame attends to every other), on the shared blocked attention kernel
// (cpu/flash_attention.h).
#include <cstdint>
#include <vector>

#include "cpu/thread_pool.h"

namespace motor::gpu::vision {

struct FullAttentionShape {
    int sequences = 0;  // frames
    int length = 0;     // tokens per sequence (patches + class token)
    int heads = 0;
    int headDim = 0;
    int64_t rowStride = 0;  // floats from one token's q/k/v/out row to the next; 0: heads * headDim
};

// q, k, v, out: sequences * length rows of heads * headDim floats (row-major, heads
// side by side as the projections produce them), rowStride apart. out = softmax(q k^T / sqrt(d)) v per
// (sequence, head). scratch is unused (the kernel keeps per-thread buffers).
void attendFull(cpu::ThreadPool& pool, const FullAttentionShape& shape, const float* q, const float* k, const float* v,
                float* out, std::vector<float>& scratch);

}  // namespace motor::gpu::vision
