// Blocked GEMM: cpu::matmul and the panel kernels of every kernel set this CPU runs,
// against naive double-precision references for every dtype and odd shapes (rows and
// columns not multiples of the tiles, 1-row and 1-column edges, several token and
// column blocks), and the determinism contract of gemm_kernels.h: a token's result does
// not depend on the batch, the tile, the column blocking or the thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "cpu/aligned_vector.h"
#include "cpu/block_decode.h"
#include "cpu/gemm_kernels.h"
#include "cpu/matmul.h"
#include "cpu/thread_pool.h"
#include "support/gemm_kernel_sets.h"
#include "support/random_model.h"
#include "support/reference_forward.h"

namespace motor::gpu::test {
namespace {

// "avx512" and the test-only "avx512-emulated".
bool isAvx512(const cpu::GemmKernels& k) {
    return std::strncmp(k.isa, "avx512", 6) == 0;
}

std::vector<float> randomActivations(int64_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0, 1);
    std::vector<float> x(static_cast<size_t>(n));
    for (auto& f : x) f = normal(rng);
    return x;
}

// The test's own activation quantizer, from the definition in gemm_kernels.h.
std::vector<double> naiveQuantized(const float* x, int64_t cols) {
    std::vector<double> out(static_cast<size_t>(cols));
    for (int64_t b = 0; b < cols / 32; ++b) {
        float amax = 0;
        for (int64_t i = 0; i < 32; ++i) amax = std::max(amax, std::abs(x[b * 32 + i]));
        const float d = amax / 127.0f;
        for (int64_t i = 0; i < 32; ++i)
            out[size_t(b * 32 + i)] = d == 0 ? 0.0 : double(d) * std::nearbyint(x[b * 32 + i] * (1.0f / d));
    }
    return out;
}

struct Operand {
    std::vector<std::byte> bytes;
    std::vector<float> dequantized;  // reference decoder, independent of gpu/src/cpu
    cpu::WeightMatrix w;
};

Operand makeOperand(DType type, int64_t rows, int64_t cols, uint64_t seed) {
    Operand o;
    o.bytes = randomTensorBytes(type, rows, cols, 0.5f, seed);
    TensorView view{"w", type, {rows, cols}, o.bytes.data(), int64_t(o.bytes.size())};
    o.dequantized = referenceDequantize(view);
    o.w = {type, o.bytes.data(), rows, cols, int64_t(o.bytes.size()) / rows};
    return o;
}

struct Case {
    DType type;
    int64_t rows, cols;
    int tokens;
};

std::string caseName(const ::testing::TestParamInfo<Case>& info) {
    const Case& c = info.param;
    return std::string(dtypeName(c.type)) + "_" + std::to_string(c.rows) + "x" + std::to_string(c.cols) + "_t" +
           std::to_string(c.tokens);
}

// A case's weights (with their reference decoding) and activations, from two seeds.
struct CaseInputs {
    CaseInputs(const Case& c, uint64_t weightSeed, uint64_t activationSeed)
        : op(makeOperand(c.type, c.rows, c.cols, weightSeed + uint64_t(c.rows))),
          x(randomActivations(c.cols * c.tokens, activationSeed + uint64_t(c.cols))) {}
    Operand op;
    std::vector<float> x;
};

class Gemm : public ::testing::TestWithParam<Case> {};

TEST_P(Gemm, EveryKernelSetMatchesNaiveReferenceAndSingleTokenCalls) {
    const Case c = GetParam();
    const CaseInputs in(c, 17, 5);
    const Operand& op = in.op;
    const auto& x = in.x;
    const bool integer = cpu::GemmKernels::integerFamily(c.type);
    cpu::ThreadPool three(3), one(1);
    for (const cpu::GemmKernels* k : gemmKernelSets()) {
        SCOPED_TRACE(k->isa);
        std::vector<float> y(size_t(c.rows * c.tokens), -1.0f);
        const cpu::MatmulTask task[] = {{&op.w, y.data(), c.rows}};
        cpu::matmulWith(*k, three, task, x.data(), c.tokens, c.cols);
        for (int t = 0; t < c.tokens; ++t) {
            const float* xt = x.data() + t * c.cols;
            const auto xq = integer ? naiveQuantized(xt, c.cols) : std::vector<double>(xt, xt + c.cols);
            for (int64_t r = 0; r < c.rows; ++r) {
                double ref = 0, mag = 0;
                for (int64_t i = 0; i < c.cols; ++i) {
                    const double p = double(op.dequantized[size_t(r * c.cols + i)]) * xq[size_t(i)];
                    ref += p;
                    mag += std::abs(p);
                }
                // fp32 accumulation: about cols / 8 sequential roundings per lane.
                const double tol = (double(c.cols) / 8 + 16) * 1.2e-7 * mag + 1e-6;
                ASSERT_NEAR(y[size_t(t * c.rows + r)], ref, tol) << "token " << t << " row " << r;
            }
        }
        // Decode of each token alone (one thread) gives the batch's bits.
        std::vector<float> single(static_cast<size_t>(c.rows));
        for (int t = 0; t < c.tokens; ++t) {
            const cpu::MatmulTask oneTask[] = {{&op.w, single.data(), c.rows}};
            cpu::matmulWith(*k, one, oneTask, x.data() + t * c.cols, 1, c.cols);
            ASSERT_EQ(std::memcmp(single.data(), y.data() + t * c.rows, size_t(c.rows) * 4), 0) << "token " << t;
        }
    }
}

// F32: 1-row and 1-column edges, odd rows/columns, several token blocks (700 columns: 93
// tokens fill half an L2 of 512 KiB) and column blocks (2051).
const std::vector<Case> kCases = {
    Case{DType::F32, 1, 1, 1}, Case{DType::F32, 1, 1, 5}, Case{DType::F32, 70, 1, 4}, Case{DType::F32, 1, 700, 1},
    Case{DType::F32, 5, 7, 4}, Case{DType::F32, 70, 172, 37}, Case{DType::F32, 13, 2051, 7},
    Case{DType::F32, 3, 700, 300}, Case{DType::F32, 66, 256, 2},
    // Rows 2 and 4 KiB apart: copied into padded rows by the calling thread.
    Case{DType::F32, 9, 512, 20}, Case{DType::F32, 40, 1024, 70}, Case{DType::F16, 6, 200, 9},
    Case{DType::F16, 1, 9, 1}, Case{DType::F16, 33, 1030, 40}, Case{DType::F16, 5, 2048, 9},
    Case{DType::BF16, 7, 77, 5}, Case{DType::BF16, 65, 600, 100},
    // Integer family: odd block counts, more blocks than a column block or than the
    // kernels' scale buffer (65 and 130 blocks), single-tile and many-token calls.
    Case{DType::Q8_0, 3, 352, 4}, Case{DType::Q8_0, 70, 96, 37}, Case{DType::Q8_0, 9, 2080, 13},
    Case{DType::Q8_0, 5, 2080, 1}, Case{DType::Q8_0, 5, 4160, 3}, Case{DType::Q8_0, 8, 4160, 7},
    Case{DType::Q8_0, 1, 32, 1}, Case{DType::Q4_0, 3, 96, 1}, Case{DType::Q4_0, 70, 320, 37},
    Case{DType::Q4_0, 9, 2080, 6},
    // K-quants: 256-column super-blocks, several column blocks at 2304.
    Case{DType::Q4_K, 5, 256, 3}, Case{DType::Q4_K, 10, 512, 9}, Case{DType::Q4_K, 3, 2304, 40},
    Case{DType::Q6_K, 5, 768, 1}, Case{DType::Q6_K, 9, 256, 37}, Case{DType::Q6_K, 2, 2560, 8}};

INSTANTIATE_TEST_SUITE_P(Cpu, Gemm, ::testing::ValuesIn(kCases), caseName);

// matmulBatch (the batch family of gemm_kernels.h): the same naive references, at the
// tolerance of one fp32 accumulator per element; every token alone on one thread, and
// the tokens split at an odd place, give the batch's bits; integer-family matrices give
// exactly matmul's results.
class GemmBatch : public ::testing::TestWithParam<Case> {};

TEST_P(GemmBatch, EveryKernelSetMatchesNaiveReferenceWhateverTheBatchAndThreads) {
    const Case c = GetParam();
    const CaseInputs in(c, 23, 7);
    const Operand& op = in.op;
    const auto& x = in.x;
    const bool integer = cpu::GemmKernels::integerFamily(c.type);
    cpu::ThreadPool three(3), one(1);
    const size_t n = size_t(c.rows * c.tokens);
    for (const cpu::GemmKernels* k : gemmKernelSets()) {
        SCOPED_TRACE(k->isa);
        std::vector<float> y(n, -1.0f);
        const cpu::MatmulTask task[] = {{&op.w, y.data(), c.rows}};
        cpu::matmulBatchWith(*k, three, task, x.data(), c.tokens, c.cols);
        if (integer) {
            std::vector<float> ref(n, -2.0f);
            const cpu::MatmulTask refTask[] = {{&op.w, ref.data(), c.rows}};
            cpu::matmulWith(*k, three, refTask, x.data(), c.tokens, c.cols);
            ASSERT_EQ(std::memcmp(y.data(), ref.data(), n * 4), 0);
            continue;
        }
        for (int t = 0; t < c.tokens; ++t) {
            const float* xt = x.data() + t * c.cols;
            for (int64_t r = 0; r < c.rows; ++r) {
                double ref = 0, mag = 0;
                for (int64_t i = 0; i < c.cols; ++i) {
                    const double p = double(op.dequantized[size_t(r * c.cols + i)]) * double(xt[i]);
                    ref += p;
                    mag += std::abs(p);
                }
                // One fp32 accumulator: cols sequential roundings.
                const double tol = (double(c.cols) + 16) * 1.2e-7 * mag + 1e-6;
                ASSERT_NEAR(y[size_t(t * c.rows + r)], ref, tol) << "token " << t << " row " << r;
            }
        }
        std::vector<float> single(static_cast<size_t>(c.rows));
        for (int t = 0; t < c.tokens; ++t) {
            const cpu::MatmulTask oneTask[] = {{&op.w, single.data(), c.rows}};
            cpu::matmulBatchWith(*k, one, oneTask, x.data() + t * c.cols, 1, c.cols);
            ASSERT_EQ(std::memcmp(single.data(), y.data() + t * c.rows, size_t(c.rows) * 4), 0) << "token " << t;
        }
        const int cut = c.tokens / 3 + 1;
        std::vector<float> split(n, -3.0f);
        const cpu::MatmulTask head[] = {{&op.w, split.data(), c.rows}};
        cpu::matmulBatchWith(*k, three, head, x.data(), std::min(cut, c.tokens), c.cols);
        if (cut < c.tokens) {
            const cpu::MatmulTask tail[] = {{&op.w, split.data() + cut * c.rows, c.rows}};
            cpu::matmulBatchWith(*k, one, tail, x.data() + cut * c.cols, c.tokens - cut, c.cols);
        }
        ASSERT_EQ(std::memcmp(split.data(), y.data(), n * 4), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Cpu, GemmBatch, ::testing::ValuesIn([] {
                             std::vector<Case> cases = kCases;
                             // The tower's shapes in small: whole and partial 24-row panels,
                             // several 128-token blocks, activation rows 4 KiB apart.
                             cases.push_back({DType::F32, 96, 1024, 300});
                             cases.push_back({DType::F32, 50, 300, 261});
                             cases.push_back({DType::F16, 24, 520, 129});
                             return cases;
                         }()),
                         caseName);

// The AVX2 transposing pack writes what the portable loop does, for every row count and
// ragged column counts.
TEST(GemmBatch, PacksAgreeAcrossKernelSets) {
    const auto w = randomActivations(24 * 45, 3);
    for (const cpu::GemmKernels* k : gemmKernelSets())
        for (int rows = 1; rows <= cpu::kBatchRows; ++rows)
            for (int64_t kc : {1, 7, 8, 9, 31, 40}) {
                cpu::AlignedVector<float> got(size_t(kc * cpu::kBatchRows), -1.0f);
                k->packBatch(w.data(), 45, rows, kc, got.data());
                for (int64_t kk = 0; kk < kc; ++kk)
                    for (int i = 0; i < cpu::kBatchRows; ++i)
                        ASSERT_EQ(got[size_t(kk * cpu::kBatchRows + i)], i < rows ? w[size_t(i * 45 + kk)] : 0.0f)
                            << k->isa << " rows " << rows << " kc " << kc << " k " << kk << " i " << i;
            }
}

// -128 never comes out of a quantizer but is a valid Q8_0 weight byte in a file: |w| =
// 128 must survive the unsigned x signed byte products of the packed panels and of
// decode's row kernel.
TEST(GemmQ8, MinusOneTwentyEightWeightsMultiplyExactly) {
    const int64_t rows = 9, cols = 96;
    const int tokens = 7;
    Operand op = makeOperand(DType::Q8_0, rows, cols, 31);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t b = 0; b < cols / 32; ++b)
            op.bytes[size_t(r * op.w.rowBytes + b * 34 + 2 + (r + b) % 32)] = std::byte(0x80);
    TensorView view{"w", DType::Q8_0, {rows, cols}, op.bytes.data(), int64_t(op.bytes.size())};
    op.dequantized = referenceDequantize(view);
    const auto x = randomActivations(cols * tokens, 32);
    cpu::ThreadPool pool(2);
    for (const cpu::GemmKernels* k : gemmKernelSets()) {
        SCOPED_TRACE(k->isa);
        std::vector<float> batch(size_t(rows * tokens)), single(static_cast<size_t>(rows));
        const cpu::MatmulTask task[] = {{&op.w, batch.data(), rows}};
        cpu::matmulWith(*k, pool, task, x.data(), tokens, cols);
        for (int t = 0; t < tokens; ++t) {
            const auto xq = naiveQuantized(x.data() + t * cols, cols);
            const cpu::MatmulTask one[] = {{&op.w, single.data(), rows}};
            cpu::matmulWith(*k, pool, one, x.data() + t * cols, 1, cols);
            for (int64_t r = 0; r < rows; ++r) {
                double ref = 0, mag = 0;
                for (int64_t i = 0; i < cols; ++i) {
                    ref += double(op.dequantized[size_t(r * cols + i)]) * xq[size_t(i)];
                    mag += std::abs(double(op.dequantized[size_t(r * cols + i)]) * xq[size_t(i)]);
                }
                EXPECT_NEAR(batch[size_t(t * rows + r)], ref, 1e-5 * mag + 1e-6) << t << " " << r;
                EXPECT_EQ(std::memcmp(&single[size_t(r)], &batch[size_t(t * rows + r)], 4), 0) << t << " " << r;
            }
        }
    }
}

// Several matrices (different dtypes and families, as q/k/v or gate/up) in one call give
// the bits of separate calls.
TEST(GemmTasks, SharedCallEqualsSeparateCalls) {
    const int64_t cols = 512;
    const int tokens = 11;
    const Operand a = makeOperand(DType::F32, 40, cols, 1), b = makeOperand(DType::Q8_0, 24, cols, 2),
                  c = makeOperand(DType::Q6_K, 9, cols, 3);
    const auto x = randomActivations(cols * tokens, 4);
    cpu::ThreadPool pool(2);
    std::vector<float> ya(40 * tokens), yb(24 * tokens), yc(9 * tokens);
    const cpu::MatmulTask all[] = {{&a.w, ya.data(), 40}, {&b.w, yb.data(), 24}, {&c.w, yc.data(), 9}};
    cpu::matmul(pool, all, x.data(), tokens, cols);
    for (const auto& [op, y, rows] : {std::tuple{&a, &ya, 40}, std::tuple{&b, &yb, 24}, std::tuple{&c, &yc, 9}}) {
        std::vector<float> alone(size_t(rows * tokens));
        const cpu::MatmulTask one[] = {{&op->w, alone.data(), rows}};
        cpu::matmul(pool, one, x.data(), tokens, cols);
        EXPECT_EQ(std::memcmp(alone.data(), y->data(), alone.size() * 4), 0) << dtypeName(op->w.dtype);
    }
}

// The panel kernels themselves: splitting the columns into blocks (any multiple of 8 or
// of 32-blocks), computing a row in a smaller panel or a token in a smaller tile never
// changes a bit.
TEST(GemmPanels, ColumnBlocksRowsAndTilesDoNotChangeResults) {
    const int64_t cols = 1000;  // 125 groups of 8; not a multiple of 32
    const int tokens = 7;
    const auto w = randomActivations(cpu::kPanelRows * cols, 8);
    const auto x = randomActivations(tokens * cols, 9);
    for (const cpu::GemmKernels* k : gemmKernelSets()) {
        SCOPED_TRACE(k->isa);
        std::vector<float> acc(size_t(cpu::kPanelRows * tokens * cpu::kAccLanes));
        std::vector<float> whole(size_t(tokens * cpu::kPanelRows)), split(whole.size());
        k->f32Panel(w.data(), cols, cpu::kPanelRows, x.data(), cols, tokens, cols, acc.data(),
                    cpu::kPanelFirst | cpu::kPanelLast, whole.data(), cpu::kPanelRows, 1);
        const int64_t cuts[] = {0, 8, 264, 520, cols};
        for (int i = 0; i < 4; ++i) {
            const int phase = (i == 0 ? cpu::kPanelFirst : 0) | (i == 3 ? cpu::kPanelLast : 0);
            k->f32Panel(w.data() + cuts[i], cols, cpu::kPanelRows, x.data() + cuts[i], cols, tokens,
                        cuts[i + 1] - cuts[i], acc.data(), phase, split.data(), cpu::kPanelRows, 1);
        }
        EXPECT_EQ(std::memcmp(whole.data(), split.data(), whole.size() * 4), 0);
        for (int r = 0; r < cpu::kPanelRows; ++r)
            for (int t = 0; t < tokens; ++t) {
                float one = 0;
                k->f32Panel(w.data() + r * cols, cols, 1, x.data() + t * cols, cols, 1, cols, acc.data(),
                            cpu::kPanelFirst | cpu::kPanelLast, &one, 1, 1);
                EXPECT_EQ(std::memcmp(&one, &whole[size_t(t * cpu::kPanelRows + r)], 4), 0) << r << " " << t;
            }
    }
}

TEST(GemmPanels, IntegerColumnBlocksRowsAndTilesDoNotChangeResults) {
    const int64_t cols = 32 * 150;
    const int64_t blocks = cols / 32;
    const int tokens = 5;
    const Operand op = makeOperand(DType::Q8_0, cpu::kPanelRows, cols, 12);
    const auto x = randomActivations(tokens * cols, 13);
    for (const cpu::GemmKernels* k : gemmKernelSets()) {
        SCOPED_TRACE(k->isa);
        std::vector<cpu::QuantBlock> xq(size_t(tokens * blocks));
        for (int t = 0; t < tokens; ++t) k->quantize(x.data() + t * cols, cols, xq.data() + t * blocks);
        std::vector<float> acc(size_t(cpu::kPanelRows * tokens * cpu::kAccLanes));
        std::vector<float> whole(size_t(tokens * cpu::kPanelRows)), split(whole.size());
        cpu::AlignedVector<std::byte> packed(size_t(blocks * cpu::kPackedQ8BlockBytes));
        k->packQ8(DType::Q8_0, op.w.data, op.w.rowBytes, cpu::kPanelRows, 0, blocks, packed.data());
        k->q8PackedPanel(packed.data(), cpu::kPanelRows, xq.data(), blocks, tokens, blocks, acc.data(),
                         cpu::kPanelFirst | cpu::kPanelLast, whole.data(), cpu::kPanelRows, 1);
        const int64_t cuts[] = {0, 1, 70, 133, blocks};
        for (int i = 0; i < 4; ++i) {
            const int phase = (i == 0 ? cpu::kPanelFirst : 0) | (i == 3 ? cpu::kPanelLast : 0);
            k->q8PackedPanel(packed.data() + cuts[i] * cpu::kPackedQ8BlockBytes, cpu::kPanelRows, xq.data() + cuts[i],
                             blocks, tokens, cuts[i + 1] - cuts[i], acc.data(), phase, split.data(), cpu::kPanelRows,
                             1);
        }
        EXPECT_EQ(std::memcmp(whole.data(), split.data(), whole.size() * 4), 0);
        // Decode's row kernel, one token or three at a time, gives the panel's bits.
        std::vector<float> rows(whole.size());
        k->q8Rows(op.w.data, op.w.rowBytes, cpu::kPanelRows, xq.data(), blocks, 3, blocks, rows.data(),
                  cpu::kPanelRows);
        for (int t = 3; t < tokens; ++t)
            k->q8Rows(op.w.data, op.w.rowBytes, cpu::kPanelRows, xq.data() + t * blocks, blocks, 1, blocks,
                      rows.data() + t * cpu::kPanelRows, cpu::kPanelRows);
        EXPECT_EQ(std::memcmp(whole.data(), rows.data(), whole.size() * 4), 0);
    }
}

// Every kernel set decodes each dtype to the reference decoder's values, for column
// ranges starting inside a row (the packing of a column block).
TEST(GemmDecode, EveryKernelSetDecodesRangesExactly) {
    for (const DType t : {DType::F32, DType::F16, DType::BF16, DType::Q8_0, DType::Q4_0, DType::Q4_K, DType::Q6_K}) {
        const bool kquant = t == DType::Q4_K || t == DType::Q6_K;
        const bool plain = t == DType::F32 || t == DType::F16 || t == DType::BF16;
        const int64_t cols = kquant ? 1024 : plain ? 328 : 320;  // plain rows end in a partial chunk
        const Operand op = makeOperand(t, 2, cols, 21);
        const int64_t col0 = kquant ? 256 : 64;
        const int64_t n = cols - col0;
        for (const cpu::GemmKernels* k : gemmKernelSets()) {
            std::vector<float> out(static_cast<size_t>(n));
            k->decode[int(t)](op.w.row(1), col0, n, out.data());
            EXPECT_EQ(std::memcmp(out.data(), op.dequantized.data() + cols + col0, size_t(n) * 4), 0)
                << k->isa << " " << dtypeName(t);
        }
    }
}

// Packing Q8_0 and Q4_0 panels keeps every weight's integer and scale (rows past the
// panel's count are zero), and the packed kernel gives the decode kernel's bits.
TEST(GemmPack, PackedPanelsKeepValuesAndResults) {
    const int64_t cols = 32 * 7, blocks = 7;
    const int tokens = 5;
    const auto x = randomActivations(tokens * cols, 23);
    for (const DType t : {DType::Q8_0, DType::Q4_0}) {
        const Operand op = makeOperand(t, 3, cols, 22);
        for (const cpu::GemmKernels* k : gemmKernelSets()) {
            SCOPED_TRACE(std::string(k->isa) + " " + dtypeName(t));
            cpu::AlignedVector<std::byte> packed(size_t(blocks * cpu::kPackedQ8BlockBytes), std::byte{0x55});
            k->packQ8(t, op.w.data, op.w.rowBytes, 3, 2, blocks - 2, packed.data());
            for (int64_t b = 0; b < blocks - 2; ++b) {
                const std::byte* blk = packed.data() + b * cpu::kPackedQ8BlockBytes;
                for (int r = 0; r < cpu::kPanelRows; ++r) {
                    float d;
                    std::memcpy(&d, blk + cpu::kPackedQ8ScaleOffset + 4 * r, 4);
                    for (int i = 0; i < 32; ++i) {
                        const int q = int8_t(blk[size_t(r * 32 + i)]);
                        EXPECT_EQ(d * float(q), r < 3 ? op.dequantized[size_t(r * cols + (b + 2) * 32 + i)] : 0.0f)
                            << r << " " << i;
                        if (!isAvx512(*k))
                            EXPECT_EQ(int(uint8_t(blk[size_t(cpu::kPackedQ8AbsOffset + r * 32 + i)])), std::abs(q))
                                << r << " " << i;
                    }
                    // The AVX-512 set keeps each lane's dot-product start there: -128 x the
                    // sum of the lane's 4 weights.
                    for (int l = 0; isAvx512(*k) && l < 8; ++l) {
                        int sum = 0;
                        for (int m = 0; m < 4; ++m) sum += int8_t(blk[size_t(r * 32 + 4 * l + m)]);
                        int32_t start;
                        std::memcpy(&start, blk + cpu::kPackedQ8AbsOffset + r * 32 + 4 * l, 4);
                        EXPECT_EQ(start, -128 * sum) << r << " lane " << l;
                    }
                }
            }
            if (t != DType::Q8_0) continue;
            std::vector<cpu::QuantBlock> xq(size_t(tokens * blocks));
            for (int j = 0; j < tokens; ++j) k->quantize(x.data() + j * cols, cols, xq.data() + j * blocks);
            std::vector<float> acc(size_t(cpu::kPanelRows * tokens * cpu::kAccLanes)), direct(size_t(tokens * 3)),
                fromPacked(direct.size());
            const int whole = cpu::kPanelFirst | cpu::kPanelLast;
            k->q8Rows(op.w.data, op.w.rowBytes, 3, xq.data(), blocks, tokens, blocks, direct.data(), 3);
            k->packQ8(t, op.w.data, op.w.rowBytes, 3, 0, blocks, packed.data());
            k->q8PackedPanel(packed.data(), 3, xq.data(), blocks, tokens, blocks, acc.data(), whole, fromPacked.data(),
                             3, 1);
            EXPECT_EQ(std::memcmp(direct.data(), fromPacked.data(), direct.size() * 4), 0);
        }
    }
}

// The AVX-512 set computes every element with the AVX2 set's operations
// (gemm_avx512.cpp): whole products, both families, every case above.
class GemmAvx512 : public ::testing::TestWithParam<Case> {};

TEST_P(GemmAvx512, GivesTheAvx2SetsBits) {
    const auto sets = avx512GemmKernelSets();
    if (sets.empty()) GTEST_SKIP() << "no AVX-512 on this CPU, and the emulated set was not built (libsimde-dev)";
    const cpu::GemmKernels* avx2 = cpu::avx2GemmKernels();
    ASSERT_NE(avx2, nullptr);
    const Case c = GetParam();
    const CaseInputs in(c, 29, 11);
    cpu::ThreadPool pool(2);
    const size_t n = size_t(c.rows * c.tokens);
    for (const cpu::GemmKernels* avx512 : sets)
        for (const bool batch : {false, true}) {
            SCOPED_TRACE(std::string(avx512->isa) + (batch ? " matmulBatch" : " matmul"));
            std::vector<float> want(n, -1.0f), got(n, -2.0f);
            const cpu::MatmulTask a[] = {{&in.op.w, want.data(), c.rows}}, b[] = {{&in.op.w, got.data(), c.rows}};
            if (batch) {
                cpu::matmulBatchWith(*avx2, pool, a, in.x.data(), c.tokens, c.cols);
                cpu::matmulBatchWith(*avx512, pool, b, in.x.data(), c.tokens, c.cols);
            } else {
                cpu::matmulWith(*avx2, pool, a, in.x.data(), c.tokens, c.cols);
                cpu::matmulWith(*avx512, pool, b, in.x.data(), c.tokens, c.cols);
            }
            for (size_t i = 0; i < n; ++i)
                ASSERT_EQ(std::memcmp(&want[i], &got[i], 4), 0)
                    << "token " << i / size_t(c.rows) << " row " << i % size_t(c.rows) << ": " << want[i] << " vs "
                    << got[i];
        }
}

INSTANTIATE_TEST_SUITE_P(Cpu, GemmAvx512, ::testing::ValuesIn(kCases), caseName);

// The tiles' every edge, kernel against kernel: 1-4 rows, 1-23 tokens (whole tiles and
// each remainder), column counts with and without a partial group of 8, column blocks
// continued through the accumulators.
void panelsAgree(const cpu::GemmKernels* avx2, const cpu::GemmKernels* avx512) {
    const int maxTokens = 23;
    for (const int64_t cols : {int64_t(5), int64_t(64), int64_t(203)}) {
        const auto w = randomActivations(cpu::kBatchRows * cols, 41 + uint64_t(cols));
        const auto x = randomActivations(maxTokens * cols, 43 + uint64_t(cols));
        for (int rows = 1; rows <= cpu::kPanelRows; ++rows)
            for (int tokens = 1; tokens <= maxTokens; ++tokens) {
                SCOPED_TRACE("f32Panel cols " + std::to_string(cols) + " rows " + std::to_string(rows) + " tokens " +
                             std::to_string(tokens));
                const int64_t cut = cols / 16 * 8;  // a multiple of 8; 0 for 5 columns
                std::vector<float> y[2], acc[2];
                for (int s = 0; s < 2; ++s) {
                    const cpu::GemmKernels& k = s ? *avx512 : *avx2;
                    y[s].assign(size_t(tokens * rows), -1.0f);
                    acc[s].assign(size_t(rows * tokens * cpu::kAccLanes), 0.0f);
                    k.f32Panel(w.data(), cols, rows, x.data(), cols, tokens, cut, acc[s].data(), cpu::kPanelFirst,
                               nullptr, rows, 1);
                    k.f32Panel(w.data() + cut, cols, rows, x.data() + cut, cols, tokens, cols - cut, acc[s].data(),
                               cpu::kPanelLast, y[s].data(), rows, 1);
                }
                ASSERT_EQ(std::memcmp(y[0].data(), y[1].data(), y[0].size() * 4), 0);
            }
        for (int tokens = 1; tokens <= maxTokens; ++tokens) {
            SCOPED_TRACE("f32Batch cols " + std::to_string(cols) + " tokens " + std::to_string(tokens));
            cpu::AlignedVector<float> wp(size_t(cols * cpu::kBatchRows));
            avx2->packBatch(w.data(), cols, cpu::kBatchRows, cols, wp.data());
            std::vector<float> y[2];
            for (int s = 0; s < 2; ++s) {
                const cpu::GemmKernels& k = s ? *avx512 : *avx2;
                y[s].assign(size_t(tokens * cpu::kBatchRows), -1.0f);
                const int64_t cut = cols / 2;
                k.f32Batch(wp.data(), cut, x.data(), cols, tokens, y[s].data(), cpu::kBatchRows, true);
                k.f32Batch(wp.data() + cut * cpu::kBatchRows, cols - cut, x.data() + cut, cols, tokens, y[s].data(),
                           cpu::kBatchRows, false);
            }
            ASSERT_EQ(std::memcmp(y[0].data(), y[1].data(), y[0].size() * 4), 0);
        }
    }
    // Integer family, Q8_0 and Q4_0 (nibbles), with -128 weights.
    for (const DType t : {DType::Q8_0, DType::Q4_0}) {
        const int64_t blocks = 9, cols = 32 * blocks;
        Operand op = makeOperand(t, cpu::kPanelRows, cols, 47);
        if (t == DType::Q8_0)
            for (int64_t b = 0; b < blocks; ++b) op.bytes[size_t(b * 34 + 2 + b % 32)] = std::byte(0x80);
        const auto x = randomActivations(maxTokens * cols, 53);
        for (int rows = 1; rows <= cpu::kPanelRows; ++rows)
            for (int tokens = 1; tokens <= maxTokens; ++tokens) {
                SCOPED_TRACE(std::string("q8PackedPanel ") + dtypeName(t) + " rows " + std::to_string(rows) +
                             " tokens " + std::to_string(tokens));
                std::vector<float> y[2];
                for (int s = 0; s < 2; ++s) {
                    const cpu::GemmKernels& k = s ? *avx512 : *avx2;
                    std::vector<cpu::QuantBlock> xq(size_t(tokens * blocks));
                    for (int j = 0; j < tokens; ++j) k.quantize(x.data() + j * cols, cols, xq.data() + j * blocks);
                    cpu::AlignedVector<std::byte> packed(size_t(blocks * cpu::kPackedQ8BlockBytes));
                    k.packQ8(t, op.w.data, op.w.rowBytes, rows, 0, blocks, packed.data());
                    std::vector<float> acc(size_t(rows * tokens * cpu::kAccLanes));
                    y[s].assign(size_t(tokens * rows), -1.0f);
                    k.q8PackedPanel(packed.data(), rows, xq.data(), blocks, tokens, 4, acc.data(), cpu::kPanelFirst,
                                    nullptr, rows, 1);
                    k.q8PackedPanel(packed.data() + 4 * cpu::kPackedQ8BlockBytes, rows, xq.data() + 4, blocks, tokens,
                                    blocks - 4, acc.data(), cpu::kPanelLast, y[s].data(), rows, 1);
                }
                ASSERT_EQ(std::memcmp(y[0].data(), y[1].data(), y[0].size() * 4), 0);
            }
    }
}

TEST(GemmAvx512Panels, EveryTileRemainderGivesTheAvx2SetsBits) {
    const auto sets = avx512GemmKernelSets();
    if (sets.empty()) GTEST_SKIP() << "no AVX-512 on this CPU, and the emulated set was not built (libsimde-dev)";
    for (const cpu::GemmKernels* avx512 : sets) {
        SCOPED_TRACE(avx512->isa);
        panelsAgree(cpu::avx2GemmKernels(), avx512);
    }
}

}  // namespace
}  // namespace motor::gpu::test
