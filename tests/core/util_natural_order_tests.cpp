// Natural order of clip ids: digit runs compare as numbers.
#include <gtest/gtest.h>

#include <QStringList>
#include <algorithm>

#include "core/util/NaturalOrder.h"

using motor::util::naturalCompare;
using motor::util::naturalLess;

TEST(NaturalOrder, DigitRunsCompareAsNumbers) {
    QStringList ids{"long-1000", "long-101", "long-100", "long-2", "long-10", "long-1", "g10-c2", "g2-c10", "g2-c9"};
    std::sort(ids.begin(), ids.end(), naturalLess);
    EXPECT_EQ(ids, (QStringList{"g2-c9", "g2-c10", "g10-c2", "long-1", "long-2", "long-10", "long-100", "long-101",
                                "long-1000"}));
}

TEST(NaturalOrder, ZeroPaddingAndCaseOnlyBreakTies) {
    EXPECT_LT(naturalCompare("lesson-0999", "lesson-1000"), 0);
    EXPECT_LT(naturalCompare("lesson-099", "lesson-1000"), 0);
    EXPECT_LT(naturalCompare("a-9", "a-010"), 0);
    EXPECT_NE(naturalCompare("a-01", "a-1"), 0);  // total order: not equal
    EXPECT_EQ(naturalCompare("a-01", "a-01"), 0);
    EXPECT_LT(naturalCompare("clip", "clip-1"), 0);
    EXPECT_LT(naturalCompare("", "a"), 0);
    EXPECT_LT(naturalCompare("Ä-1", "Ä-2"), 0);
    // 40-digit runs do not overflow.
    EXPECT_LT(
        naturalCompare("x-9999999999999999999999999999999999999998", "x-9999999999999999999999999999999999999999"), 0);
    EXPECT_GT(
        naturalCompare("x-10000000000000000000000000000000000000000", "x-9999999999999999999999999999999999999999"), 0);
}
