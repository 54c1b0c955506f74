// Bare-metal check of the AVX-512 GEMM kernels (gpu/src/cpu/gemm_avx512.cpp), compiled
// with the project's flags and run as real machine code on Bochs' AVX-512 CPU model
// (run.sh): every tile remainder of the float, integer and batch kernels against the
// AVX2 set, bit for bit, as GemmAvx512Panels does in tests/gpu under SIMDe. No libc, no
// OS: the results go out on Bochs' port 0xE9.
#include <cstddef>
#include <cstdint>

#include "cpu/cpu_isa.h"
#include "cpu/gemm_kernels.h"

namespace motor::gpu::cpu {
// boot.S enabled the AVX-512 state and the CPU model has every feature; kmain checks CPUID.
bool cpuSupports(CpuIsa) {
    return true;
}
}  // namespace motor::gpu::cpu

extern "C" {
void* memcpy(void* d, const void* s, size_t n) {
    auto* a = static_cast<unsigned char*>(d);
    const auto* b = static_cast<const unsigned char*>(s);
    for (size_t i = 0; i < n; ++i) a[i] = b[i];
    return d;
}
void* memmove(void* d, const void* s, size_t n) {
    auto* a = static_cast<unsigned char*>(d);
    const auto* b = static_cast<const unsigned char*>(s);
    if (a < b)
        for (size_t i = 0; i < n; ++i) a[i] = b[i];
    else
        for (size_t i = n; i-- > 0;) a[i] = b[i];
    return d;
}
void* memset(void* d, int c, size_t n) {
    auto* a = static_cast<unsigned char*>(d);
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<unsigned char>(c);
    return d;
}
int memcmp(const void* x, const void* y, size_t n) {
    const auto* a = static_cast<const unsigned char*>(x);
    const auto* b = static_cast<const unsigned char*>(y);
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}
}

namespace {

using namespace motor::gpu;

void out(char c) {
    asm volatile("outb %0, $0xE9" : : "a"(c));
}
void print(const char* s) {
    while (*s) out(*s++);
}
void printNum(uint64_t v) {
    char b[24];
    int n = 0;
    do b[n++] = char('0' + v % 10), v /= 10;
    while (v);
    while (n) out(b[--n]);
}

uint64_t state = 88172645463325252ull;
uint64_t next() {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
}
float uniform() {  // [-1, 1)
    return float(next() >> 40) * (2.0f / 16777216.0f) - 1.0f;
}

constexpr int kMaxTokens = 23;
constexpr int64_t kMaxCols = 203;
constexpr int64_t kBlocks = 9;

float w[cpu::kBatchRows * kMaxCols], x[kMaxTokens * kMaxCols];
float acc[2][cpu::kPanelRows * kMaxTokens * cpu::kAccLanes];
float y[2][kMaxTokens * cpu::kBatchRows];
alignas(64) float packedBatch[kMaxCols * cpu::kBatchRows];
alignas(64) std::byte packedQ8[2][kBlocks * cpu::kPackedQ8BlockBytes];
std::byte rowsQ[cpu::kPanelRows * kBlocks * 34];
float xq8[kMaxTokens * kBlocks * 32];
cpu::QuantBlock xq[kMaxTokens * kBlocks];

int failures = 0, checks = 0;

void check(const char* what, int a, int b, int c, size_t floats) {
    ++checks;
    if (memcmp(y[0], y[1], floats * 4) == 0) return;
    ++failures;
    print("FAIL ");
    print(what);
    out(' ');
    printNum(uint64_t(a)), out(' '), printNum(uint64_t(b)), out(' '), printNum(uint64_t(c)), out('\n');
}

void clearY() {
    for (int s = 0; s < 2; ++s)
        for (float& v : y[s]) v = -1.0f;
}

void floatKernels(const cpu::GemmKernels* k[2]) {
    for (const int64_t cols : {int64_t(5), int64_t(64), kMaxCols}) {
        for (float& v : w) v = uniform();
        for (float& v : x) v = uniform();
        const int64_t cut = cols / 16 * 8;
        for (int rows = 1; rows <= cpu::kPanelRows; ++rows)
            for (int tokens = 1; tokens <= kMaxTokens; ++tokens) {
                clearY();
                for (int s = 0; s < 2; ++s) {
                    k[s]->f32Panel(w, cols, rows, x, cols, tokens, cut, acc[s], cpu::kPanelFirst, nullptr, rows, 1);
                    k[s]->f32Panel(w + cut, cols, rows, x + cut, cols, tokens, cols - cut, acc[s], cpu::kPanelLast,
                                   y[s], rows, 1);
                }
                check("f32Panel cols/rows/tokens", int(cols), rows, tokens, size_t(rows * tokens));
            }
        k[0]->packBatch(w, cols, cpu::kBatchRows, cols, packedBatch);
        for (int tokens = 1; tokens <= kMaxTokens; ++tokens) {
            clearY();
            const int64_t half = cols / 2;
            for (int s = 0; s < 2; ++s) {
                k[s]->f32Batch(packedBatch, half, x, cols, tokens, y[s], cpu::kBatchRows, true);
                k[s]->f32Batch(packedBatch + half * cpu::kBatchRows, cols - half, x + half, cols, tokens, y[s],
                               cpu::kBatchRows, false);
            }
            check("f32Batch cols/tokens", int(cols), tokens, 0, size_t(tokens * cpu::kBatchRows));
        }
    }
}

void integerKernels(const cpu::GemmKernels* k[2]) {
    for (const DType t : {DType::Q8_0, DType::Q4_0}) {
        const int64_t blockBytes = t == DType::Q8_0 ? 34 : 18;
        const int64_t rowBytes = kBlocks * blockBytes;
        for (int64_t i = 0; i < cpu::kPanelRows * rowBytes; ++i) rowsQ[i] = std::byte(next() & 0xFF);
        for (int64_t r = 0; r < cpu::kPanelRows; ++r)
            for (int64_t b = 0; b < kBlocks; ++b) {
                std::byte* blk = rowsQ + r * rowBytes + b * blockBytes;
                const uint16_t scale = uint16_t(0x2000 + (next() & 0x0FFF));  // normal halves, ~1e-2
                memcpy(blk, &scale, 2);
                if (t == DType::Q8_0) blk[2 + (r + b) % 32] = std::byte(0x80);  // -128
            }
        for (float& v : xq8) v = uniform() * 3.0f;
        for (int rows = 1; rows <= cpu::kPanelRows; ++rows)
            for (int tokens = 1; tokens <= kMaxTokens; ++tokens) {
                clearY();
                for (int s = 0; s < 2; ++s) {
                    for (int j = 0; j < tokens; ++j)
                        k[s]->quantize(xq8 + j * kBlocks * 32, kBlocks * 32, xq + j * kBlocks);
                    k[s]->packQ8(t, rowsQ, rowBytes, rows, 0, kBlocks, packedQ8[s]);
                    k[s]->q8PackedPanel(packedQ8[s], rows, xq, kBlocks, tokens, 4, acc[s], cpu::kPanelFirst, nullptr,
                                        rows, 1);
                    k[s]->q8PackedPanel(packedQ8[s] + 4 * cpu::kPackedQ8BlockBytes, rows, xq + 4, kBlocks, tokens,
                                        kBlocks - 4, acc[s], cpu::kPanelLast, y[s], rows, 1);
                }
                check(t == DType::Q8_0 ? "q8PackedPanel Q8_0 rows/tokens" : "q8PackedPanel Q4_0 rows/tokens", rows,
                      tokens, 0, size_t(rows * tokens));
            }
    }
}

}  // namespace

extern "C" void kmain() {
    uint32_t a, b, c, d;
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
    const bool f = b & (1u << 16), dq = b & (1u << 17), bw = b & (1u << 30), vl = b & (1u << 31), vnni = c & (1u << 11);
    print("AVX512-CHECK cpuid avx512f=");
    printNum(f), print(" dq="), printNum(dq), print(" bw="), printNum(bw), print(" vl="), printNum(vl);
    print(" vnni="), printNum(vnni), out('\n');
    const cpu::GemmKernels* k[2] = {cpu::avx2GemmKernels(), cpu::avx512GemmKernels()};
    if (!f || !dq || !bw || !vl || !vnni || !k[0] || !k[1]) {
        print("AVX512-CHECK FAIL: the CPU model lacks a feature\nAVX512-CHECK DONE\n");
        return;
    }
    print("AVX512-CHECK sets ");
    print(k[0]->isa), out(' '), print(k[1]->isa), out('\n');
    floatKernels(k);
    integerKernels(k);
    print(failures ? "AVX512-CHECK FAIL " : "AVX512-CHECK PASS ");
    printNum(uint64_t(checks - failures));
    out('/');
    printNum(uint64_t(checks));
    print(" kernel calls gave the AVX2 set's bits\nAVX512-CHECK DONE\n");
}
