#pragma once
// Every GEMM kernel set this machine can run, for the tests that check each one: the
// portable set, AVX2, AVX-512 where the CPU has it, and the test-only AVX-512 set over
// SIMDe's emulated intrinsics (tests/gpu/CMakeLists.txt) where it was built.
#include <vector>

#include "cpu/gemm_kernels.h"

namespace motor::gpu::test {

std::vector<const cpu::GemmKernels*> gemmKernelSets();

// The AVX-512 sets among them (real and emulated): the kernels that must give the AVX2
// set's bits.
std::vector<const cpu::GemmKernels*> avx512GemmKernelSets();

}  // namespace motor::gpu::test
