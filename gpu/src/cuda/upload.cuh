#pragma once
// Weights from the CPU backend's loaded model to the GPU: any dtype it loads, decoded
// row by row to fp32 and rounded to bf16 (rows padded with zeros to cols, the GEMM's
// 16-byte row alignment), and fp32 vectors as they are.
#include <cstdint>
#include <vector>

#include "cpu/matmul.h"
#include "cuda/device.cuh"
#include "motor/gpu/quant.h"

namespace motor::gpu::cuda {

inline Result<DeviceBuffer<uint16_t>> uploadBf16(const cpu::WeightMatrix& w, int64_t cols = 0) {
    if (cols < w.cols) cols = w.cols;
    std::vector<uint16_t> host(size_t(w.rows * cols), 0);
    std::vector<float> row(size_t(w.cols));
    for (int64_t r = 0; r < w.rows; ++r) {
        cpu::dequantizeRow(w, r, row.data());
        for (int64_t c = 0; c < w.cols; ++c) host[size_t(r * cols + c)] = fp32ToBf16(row[size_t(c)]);
    }
    return DeviceBuffer<uint16_t>::fromHost(host.data(), host.size());
}

inline Result<DeviceBuffer<float>> uploadF32(const std::vector<float>& v) {
    return DeviceBuffer<float>::fromHost(v.data(), v.size());
}

}  // namespace motor::gpu::cuda
