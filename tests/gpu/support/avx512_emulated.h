#pragma once
// For gpu/src/cpu/gemm_avx512.cpp compiled as the test-only "avx512-emulated" kernel set:
// SIMDe's portable AVX-512 intrinsics (Debian's libsimde-dev), under their Intel names,
// built over native AVX2/FMA/F16C so that each 512-bit fma is two real 256-bit fmas and
// the set's arithmetic is bit for bit what AVX-512 hardware does. SIMDe 0.7.4 has no
// _mm512_cvtepi32_ps; it is composed here from two 256-bit conversions.
#if !defined(__GNUC__) || defined(__clang__)
#error "the emulated AVX-512 kernels need GCC, whose target pragma also sets __AVX2__ for SIMDe"
#endif
#pragma GCC target("avx2,fma,f16c")
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>

#ifndef _mm512_cvtepi32_ps
static inline simde__m512 motorEmulatedCvtepi32Ps(simde__m512i a) {
    const simde__m256 lo = simde_mm256_cvtepi32_ps(simde_mm512_castsi512_si256(a));
    const simde__m256 hi = simde_mm256_cvtepi32_ps(simde_mm512_extracti64x4_epi64(a, 1));
    return simde_mm512_insertf32x8(simde_mm512_castps256_ps512(lo), hi, 1);
}
#define _mm512_cvtepi32_ps(a) motorEmulatedCvtepi32Ps(a)
#endif
