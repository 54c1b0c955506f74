#pragma once
// Scalar decoders for llama.cpp's block layouts. The unit is a chunk of 32 weights
// (one Q8_0/Q4_0 block, one sub-block of a 256-weight K-quant super-block), so the dot
// kernels can stream a row without ever materialising more than 32 floats of it.
//
//   Q8_0: fp16 d, int8 qs[32]                      w = d * q
//   Q4_0: fp16 d, uint8 qs[16]                     w = d * (nibble - 8); low nibbles are
//                                                  weights 0..15, high nibbles 16..31
//   Q4_K: fp16 d, fp16 dmin, uint8 scales[12], uint8 qs[128]   (256 weights)
//         w = d*sc[s] * nibble - dmin*m[s], 6-bit sc/m packed as in get_scale_min_k4
//   Q6_K: uint8 ql[128], uint8 qh[64], int8 scales[16], fp16 d (256 weights)
//         w = d * scales[i] * (ql nibble | qh 2 bits << 4) - 32 (signed)
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "cpu/half.h"
#include "motor/gpu/tensor.h"

namespace motor::gpu::cpu {

constexpr int kChunk = 32;
constexpr int kQ8_0Bytes = 34;
constexpr int kQ4_0Bytes = 18;
constexpr int kQ4_KBytes = 144;
constexpr int kQ6_KBytes = 210;

// Elements per block / bytes per block, as llama.cpp defines them.
inline int64_t blockElements(DType t) {
    switch (t) {
        case DType::Q8_0:
        case DType::Q4_0:
            return 32;
        case DType::Q4_K:
        case DType::Q6_K:
            return 256;
        default:
            return 1;
    }
}

inline int64_t blockBytes(DType t) {
    switch (t) {
        case DType::F32:
            return 4;
        case DType::F16:
        case DType::BF16:
            return 2;
        case DType::Q8_0:
            return kQ8_0Bytes;
        case DType::Q4_0:
            return kQ4_0Bytes;
        case DType::Q4_K:
            return kQ4_KBytes;
        case DType::Q6_K:
            return kQ6_KBytes;
    }
    return 0;
}

inline int64_t rowBytes(DType t, int64_t cols) {
    return cols / blockElements(t) * blockBytes(t);
}

// 6-bit scale and min of sub-block j of a Q4_K super-block (ggml's get_scale_min_k4).
inline void q4kScaleMin(int j, const uint8_t* q, uint8_t& sc, uint8_t& m) {
    if (j < 4) {
        sc = q[j] & 63;
        m = q[j + 4] & 63;
    } else {
        sc = uint8_t((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4));
        m = uint8_t((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
    }
}

// Decodes chunk c (weights 32c .. 32c+31) of a row into out[32].
inline void decodeChunk(DType t, const std::byte* row, int64_t c, float* out) {
    const auto* b = reinterpret_cast<const uint8_t*>(row);
    switch (t) {
        case DType::F32: {
            std::memcpy(out, row + c * kChunk * 4, kChunk * sizeof(float));
            return;
        }
        case DType::F16:
            for (int i = 0; i < kChunk; ++i) out[i] = halfToFloat(loadU16(row + (c * kChunk + i) * 2));
            return;
        case DType::BF16:
            for (int i = 0; i < kChunk; ++i) out[i] = bf16ToFloat(loadU16(row + (c * kChunk + i) * 2));
            return;
        case DType::Q8_0: {
            const uint8_t* blk = b + c * kQ8_0Bytes;
            const float d = halfToFloat(loadU16(row + c * kQ8_0Bytes));
            for (int i = 0; i < kChunk; ++i) out[i] = float(int8_t(blk[2 + i])) * d;
            return;
        }
        case DType::Q4_0: {
            const uint8_t* blk = b + c * kQ4_0Bytes;
            const float d = halfToFloat(loadU16(row + c * kQ4_0Bytes));
            for (int i = 0; i < 16; ++i) {
                out[i] = float(int(blk[2 + i] & 0xF) - 8) * d;
                out[i + 16] = float(int(blk[2 + i] >> 4) - 8) * d;
            }
            return;
        }
        case DType::Q4_K: {
            const int64_t sb = c / 8;
            const int s = int(c % 8);
            const uint8_t* blk = b + sb * kQ4_KBytes;
            const float d = halfToFloat(loadU16(row + sb * kQ4_KBytes));
            const float dmin = halfToFloat(loadU16(row + sb * kQ4_KBytes + 2));
            uint8_t sc, m;
            q4kScaleMin(s, blk + 4, sc, m);
            const float d1 = d * float(sc);
            const float m1 = dmin * float(m);
            const uint8_t* q = blk + 16 + 32 * (s / 2);
            const int shift = (s & 1) ? 4 : 0;
            for (int i = 0; i < kChunk; ++i) out[i] = d1 * float((q[i] >> shift) & 0xF) - m1;
            return;
        }
        case DType::Q6_K: {
            const int64_t sb = c / 8;
            const int s = int(c % 8);
            const uint8_t* blk = b + sb * kQ6_KBytes;
            const float d = halfToFloat(loadU16(row + sb * kQ6_KBytes + 208));
            const int n = s / 4, k = s % 4;
            const uint8_t* ql = blk + 64 * n + ((k & 1) ? 32 : 0);
            const uint8_t* qh = blk + 128 + 32 * n;
            const auto* sc = reinterpret_cast<const int8_t*>(blk + 192 + 8 * n + 2 * k);
            const int qlShift = k >= 2 ? 4 : 0;
            for (int i = 0; i < kChunk; ++i) {
                const int q = int(((ql[i] >> qlShift) & 0xF) | (((qh[i] >> (2 * k)) & 3) << 4)) - 32;
                out[i] = d * float(sc[i / 16]) * float(q);
            }
            return;
        }
    }
}

// Decodes a whole row of cols weights (plain types need not be a multiple of 32).
inline void decodeRow(DType t, const std::byte* row, int64_t cols, float* out) {
    const int64_t chunks = cols / kChunk;
    for (int64_t c = 0; c < chunks; ++c) decodeChunk(t, row, c, out + c * kChunk);
    for (int64_t i = chunks * kChunk; i < cols; ++i) {
        if (t == DType::F32)
            std::memcpy(out + i, row + 4 * i, sizeof(float));
        else if (t == DType::F16)
            out[i] = halfToFloat(loadU16(row + 2 * i));
        else
            out[i] = bf16ToFloat(loadU16(row + 2 * i));
    }
}

}  // namespace motor::gpu::cpu
