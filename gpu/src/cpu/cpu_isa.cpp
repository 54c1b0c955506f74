#include "cpu/cpu_isa.h"

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#endif

namespace motor::gpu::cpu {

bool cpuSupports(CpuIsa isa) {
    switch (isa) {
        case CpuIsa::Portable:
            return true;
        case CpuIsa::Avx2:
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
        {
            // F16C from CPUID leaf 1 (ECX bit 29): clang 14's __builtin_cpu_supports
            // does not know "f16c".
            __builtin_cpu_init();
            unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
            const bool f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 29)) != 0;
            return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c;
        }
#else
            return false;
#endif
    }
    return false;
}

CpuIsa cpuIsa() {
    static const CpuIsa chosen = [] {
        const char* force = std::getenv("MOTOR_CPU_ISA");
        if (force && std::strcmp(force, "portable") == 0) return CpuIsa::Portable;
        if (force && std::strcmp(force, "avx2") == 0)
            return cpuSupports(CpuIsa::Avx2) ? CpuIsa::Avx2 : CpuIsa::Portable;
        return cpuSupports(CpuIsa::Avx2) ? CpuIsa::Avx2 : CpuIsa::Portable;
    }();
    return chosen;
}

const char* cpuIsaName(CpuIsa isa) {
    return isa == CpuIsa::Avx2 ? "avx2" : "portable";
}

}  // namespace motor::gpu::cpu
