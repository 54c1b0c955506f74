// Pillow's bicubic resize reproduced bit for bit (gpu/src/vision/pil_resize.cpp),
// checked against Pillow's own output on committed images (tests/data/internvl,
// made by tests/reference/make_internvl_fixtures.py), and InternVL's frame choice.
#include <gtest/gtest.h>

#include "motor/gpu/vision.h"
#include "support/internvl_fixtures.h"

namespace mg = motor::gpu;
using namespace motor::gpu::test;

TEST(PilResize, MatchesPillowBitForBit) {
    const auto manifest = internvlManifest();
    const auto* cases = manifest.get("resize");
    ASSERT_TRUE(cases && cases->isArray());
    ASSERT_GE(cases->array().size(), 5u);
    for (const auto& c : cases->array()) {
        const std::string src = c.get("source")->string();
        const int w = int(*c.get("width")->integer()), h = int(*c.get("height")->integer());
        const PpmImage in = readPpm(internvlData(src));
        const auto out = mg::resizeBicubicPil(in.rgb, in.width, in.height, w, h);
        ASSERT_EQ(out.size(), size_t(w) * size_t(h) * 3) << src;
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(out)));
        if (const auto* file = c.get("file")) {
            const auto want = readBytes(internvlData(file->string()));
            ASSERT_EQ(want.size(), out.size());
            size_t diff = 0;
            int maxDiff = 0;
            for (size_t i = 0; i < out.size(); ++i)
                if (out[i] != want[i]) {
                    ++diff;
                    maxDiff = std::max(maxDiff, std::abs(int(out[i]) - int(want[i])));
                }
            EXPECT_EQ(diff, 0u) << src << " -> " << w << "x" << h << ": max difference " << maxDiff;
        }
        EXPECT_EQ(std::string(hex), c.get("fnv1a64")->string()) << src << " -> " << w << "x" << h;
    }
}

TEST(PilResize, InternVLTilesAreThePillowTiles) {
    const auto manifest = internvlManifest();
    for (const auto& t : manifest.get("tiles")->array()) {
        const PpmImage in = readPpm(internvlData(t.get("source")->string()));
        const auto want = readBytes(internvlData(t.get("file")->string()));
        EXPECT_EQ(mg::resizeBicubicPil(in.rgb, in.width, in.height, 448, 448), want);
        // Normalisation: (x / 255 - mean) / std in float, channel planes.
        const float mean[3] = {0.485f, 0.456f, 0.406f}, sd[3] = {0.229f, 0.224f, 0.225f};
        const auto px = mg::preprocessInternVL(in.view(), 448, mean, sd);
        ASSERT_EQ(px.size(), size_t(3 * 448 * 448));
        EXPECT_FLOAT_EQ(px[1 * 448 * 448 + 5], (float(want[5 * 3 + 1]) / 255.0f - mean[1]) / sd[1]);
    }
}

TEST(PilResize, SameSizeIsACopyAndBadInputIsEmpty) {
    std::vector<uint8_t> px(4 * 3 * 3);
    for (size_t i = 0; i < px.size(); ++i) px[i] = uint8_t(i * 7);
    EXPECT_EQ(mg::resizeBicubicPil(px, 4, 3, 4, 3), px);
    EXPECT_TRUE(mg::resizeBicubicPil(px, 5, 3, 2, 2).empty());  // too few bytes
    EXPECT_TRUE(mg::resizeBicubicPil(px, 4, 3, 0, 2).empty());
}

TEST(InternVLFrames, GetIndexWithoutBound) {
    // numpy: [int(0 + s/2 + np.round(s*i)) for i in range(n)], s = (frames-1)/n.
    EXPECT_EQ(mg::internvlFrameIndices(300, 8), (std::vector<int>{18, 55, 93, 130, 168, 205, 242, 280}));
    EXPECT_EQ(mg::internvlFrameIndices(9, 8), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
    EXPECT_TRUE(mg::internvlFrameIndices(0, 8).empty());
}
