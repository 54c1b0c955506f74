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
        case CpuIsa::Avx512:
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
            // __builtin_cpu_supports also checks that the OS saves the zmm and mask state.
            return cpuSupports(CpuIsa::Avx2) && __builtin_cpu_supports("avx512f") &&
                   __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                   __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
            return false;
#endif
    }
    return false;
}

CpuIsa chooseCpuIsa(const char* requested, bool hasAvx2, bool hasAvx512) {
    const CpuIsa best = hasAvx512 && hasAvx2 ? CpuIsa::Avx512 : hasAvx2 ? CpuIsa::Avx2 : CpuIsa::Portable;
    if (!requested) return best;
    if (std::strcmp(requested, "portable") == 0) return CpuIsa::Portable;
    if (std::strcmp(requested, "avx2") == 0) return hasAvx2 ? CpuIsa::Avx2 : CpuIsa::Portable;
    if (std::strcmp(requested, "avx512") == 0) return hasAvx512 && hasAvx2 ? CpuIsa::Avx512 : CpuIsa::Portable;
    return best;
}

CpuIsa cpuIsa() {
    static const CpuIsa chosen =
        chooseCpuIsa(std::getenv("MOTOR_CPU_ISA"), cpuSupports(CpuIsa::Avx2), cpuSupports(CpuIsa::Avx512));
    return chosen;
}

const char* cpuIsaName(CpuIsa isa) {
    switch (isa) {
        case CpuIsa::Avx512:
            return "avx512";
        case CpuIsa::Avx2:
            return "avx2";
        case CpuIsa::Portable:
            break;
    }
    return "portable";
}

}  // namespace motor::gpu::cpu
