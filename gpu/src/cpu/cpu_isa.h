#pragma once
// The instruction set the CPU kernels of this process use, chosen once: the best the
// CPU supports, unless MOTOR_CPU_ISA names another ("portable", "avx2"). A named set the
// CPU cannot run falls back to portable rather than to a different vector width, and an
// unknown name is ignored. Every kernel table (GEMM, attention) follows this one choice,
// so results within a process never mix instruction sets.
namespace motor::gpu::cpu {

enum class CpuIsa { Portable, Avx2 };

// Whether the CPU (and this build) can run the set.
bool cpuSupports(CpuIsa isa);

CpuIsa cpuIsa();

const char* cpuIsaName(CpuIsa isa);

}  // namespace motor::gpu::cpu
