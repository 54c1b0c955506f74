#include "support/gemm_kernel_sets.h"

namespace motor::gpu {
namespace cpu {
#if MOTOR_HAS_AVX512_EMULATED
const GemmKernels* avx512GemmKernelsEmulated();  // gemm_avx512.cpp, MOTOR_GEMM_AVX512_EMULATED
#endif
}  // namespace cpu

namespace test {

std::vector<const cpu::GemmKernels*> avx512GemmKernelSets() {
    std::vector<const cpu::GemmKernels*> sets;
    if (const cpu::GemmKernels* real = cpu::avx512GemmKernels()) sets.push_back(real);
#if MOTOR_HAS_AVX512_EMULATED
    if (const cpu::GemmKernels* emulated = cpu::avx512GemmKernelsEmulated()) sets.push_back(emulated);
#endif
    return sets;
}

std::vector<const cpu::GemmKernels*> gemmKernelSets() {
    std::vector<const cpu::GemmKernels*> sets{&cpu::portableGemmKernels()};
    if (const cpu::GemmKernels* avx2 = cpu::avx2GemmKernels()) sets.push_back(avx2);
    for (const cpu::GemmKernels* s : avx512GemmKernelSets()) sets.push_back(s);
    return sets;
}

}  // namespace test
}  // namespace motor::gpu
