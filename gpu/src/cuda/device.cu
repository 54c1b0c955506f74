#include <cstdio>

#include "cuda/device.cuh"

namespace motor::gpu::cuda {

Result<std::vector<DeviceInfo>> devices() {
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        cudaGetLastError();  // clear the sticky "no device" state for later callers
        return makeError(std::string("no usable CUDA device: ") + cudaGetErrorString(e));
    }
    if (count == 0) return makeError("no CUDA device is visible");
    std::vector<DeviceInfo> out;
    for (int i = 0; i < count; ++i) {
        cudaDeviceProp p{};
        MOTOR_CUDA_TRY(cudaGetDeviceProperties(&p, i));
        DeviceInfo d;
        d.index = i;
        d.name = p.name;
        d.major = p.major;
        d.minor = p.minor;
        d.multiprocessors = p.multiProcessorCount;
        d.memoryBytes = int64_t(p.totalGlobalMem);
        d.sharedPerBlockOptin = int64_t(p.sharedMemPerBlockOptin);
        int clock = 0, bus = 0;
        cudaDeviceGetAttribute(&clock, cudaDevAttrMemoryClockRate, i);
        cudaDeviceGetAttribute(&bus, cudaDevAttrGlobalMemoryBusWidth, i);
        d.memoryClockKHz = clock;
        d.memoryBusBits = bus;
        out.push_back(std::move(d));
    }
    return Result<std::vector<DeviceInfo>>(std::move(out));
}

std::string describe(const DeviceInfo& d) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s (sm_%d%d, %d SMs, %.1f GiB)", d.name.c_str(), d.major, d.minor,
                  d.multiprocessors, double(d.memoryBytes) / double(1ll << 30));
    return buf;
}

}  // namespace motor::gpu::cuda
