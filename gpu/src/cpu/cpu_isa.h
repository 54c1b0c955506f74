#pragma once
// The instruction set the CPU kernels of this process use, chosen once: the best the
// CPU supports, unless MOTOR_CPU_ISA names another ("portable", "avx2", "avx512"). A named set the
// CPU cannot run falls back to portable rather than to a different vector width, and an
// unknown name is ignored. Every kernel table (GEMM, attention) follows this one choice,
// so results within a process never mix instruction sets.
namespace motor::gpu::cpu {

// Ordered: each set needs the one before it, and a kernel table that has no kernels of
// its own for a set uses the best one below (`cpuIsa() >= CpuIsa::Avx2`). Avx512 is
// AVX-512 F, BW, DQ, VL and VNNI; only the GEMM kernels have an AVX-512 set, and it
// gives the AVX2 set's bits (gemm_avx512.cpp).
enum class CpuIsa { Portable, Avx2, Avx512 };

// Whether the CPU (and this build) can run the set.
bool cpuSupports(CpuIsa isa);

CpuIsa cpuIsa();

// cpuIsa()'s rule, given the MOTOR_CPU_ISA value (or nullptr) and what the CPU has.
CpuIsa chooseCpuIsa(const char* requested, bool hasAvx2, bool hasAvx512);

const char* cpuIsaName(CpuIsa isa);

}  // namespace motor::gpu::cpu
