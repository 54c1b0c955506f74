// The time left of a piece of work (util::RemainingTime): the uploads' and the predictor's
// "about … left", from the measured rate, with the times given by the test.
#include <gtest/gtest.h>

#include "core/util/RemainingTime.h"

using motor::util::RemainingTime;

TEST(RemainingTime, ASteadyRateGivesTheRestAtThatRate) {
    RemainingTime eta;
    // 1 MB at 100 kB/s, reported every 200 ms.
    for (int64_t ms = 0; ms <= 2000; ms += 200) eta.update(ms, ms * 100, 1'000'000);
    // 200 kB sent of 1 MB: 800 kB at 100 kB/s.
    EXPECT_NEAR(eta.seconds(), 8.0, 1e-9);
    EXPECT_EQ(eta.milliseconds(), 8000);
    eta.update(9000, 900'000, 1'000'000);
    EXPECT_NEAR(eta.seconds(), 1.0, 1e-9);
    eta.update(10000, 1'000'000, 1'000'000);
    EXPECT_EQ(eta.seconds(), 0.0);
}

TEST(RemainingTime, UnknownUntilASecondOrAShareOfTheWorkIsMeasured) {
    RemainingTime slow;
    EXPECT_LT(slow.seconds(), 0);  // nothing yet
    slow.update(0, 0, 1'000'000);
    slow.update(400, 4'000, 1'000'000);
    slow.update(800, 8'000, 1'000'000);
    EXPECT_LT(slow.seconds(), 0);  // 0.8 s, 0.8 %
    slow.update(1000, 10'000, 1'000'000);
    EXPECT_NEAR(slow.seconds(), 99.0, 1e-9);

    RemainingTime fast;  // 5 % in 0.2 s: enough
    fast.update(0, 0, 1000);
    fast.update(100, 25, 1000);
    EXPECT_LT(fast.seconds(), 0);
    fast.update(200, 50, 1000);
    EXPECT_NEAR(fast.seconds(), 3.8, 1e-9);

    // Reports closer than 100 ms make no rate of their own (a burst is not a speed).
    RemainingTime burst;
    burst.update(0, 0, 1000);
    burst.update(1, 500, 1000);
    EXPECT_LT(burst.seconds(), 0);
}

TEST(RemainingTime, TheRateFollowsAChangeSmoothly) {
    RemainingTime eta(3000);
    int64_t done = 0;
    int64_t ms = 0;
    for (; ms < 10000; ms += 100) eta.update(ms, done += 1000, 1'000'000'000);  // 10 kB/ms
    const double steady = eta.seconds();
    // The link halves its speed: the estimate rises at once, but not all the way at once.
    eta.update(ms += 100, done += 500, 1'000'000'000);
    const double after = eta.seconds();
    EXPECT_GT(after, steady);
    EXPECT_LT(after, 1.5 * steady);
    // After ten time constants, the new rate (5 kB/ms) is what counts.
    for (int i = 0; i < 300; ++i) eta.update(ms += 100, done += 500, 1'000'000'000);
    const double atNewRate = double(1'000'000'000 - done) / 5.0 / 1000.0;
    EXPECT_NEAR(eta.seconds() / atNewRate, 1.0, 1e-3);
}

TEST(RemainingTime, NeverNegativeNorAbsurd) {
    // Stalled: nothing more arrives; the estimate grows, then is unknown, never negative.
    RemainingTime stalled;
    stalled.update(0, 0, 1'000'000);
    stalled.update(1000, 1000, 1'000'000);
    EXPECT_GT(stalled.seconds(), 0);
    for (int64_t ms = 1100; ms < 600'000; ms += 100) {
        stalled.update(ms, 1000, 1'000'000);
        EXPECT_TRUE(stalled.seconds() == -1 ||
                    (stalled.seconds() > 0 && stalled.seconds() <= RemainingTime::kMaxSeconds))
            << ms << ": " << stalled.seconds();
    }
    EXPECT_EQ(stalled.seconds(), -1);
    EXPECT_EQ(stalled.milliseconds(), -1);

    // A crawl that would take longer than 100 hours: unknown.
    RemainingTime crawl;
    crawl.update(0, 0, 1'000'000'000);
    crawl.update(2000, 1, 1'000'000'000);
    EXPECT_EQ(crawl.seconds(), -1);

    // No total, or more done than the total: no estimate, or nothing left.
    RemainingTime none;
    none.update(0, 0, 0);
    none.update(2000, 0, 0);
    EXPECT_EQ(none.seconds(), -1);
    RemainingTime over;
    over.update(0, 0, 100);
    over.update(2000, 150, 100);
    EXPECT_EQ(over.seconds(), 0.0);
}

TEST(RemainingTime, ARetriedRequestStartsAFreshEstimate) {
    RemainingTime eta;
    eta.update(0, 0, 1'000'000);
    eta.update(2000, 500'000, 1'000'000);  // 250 kB/s
    EXPECT_NEAR(eta.seconds(), 2.0, 1e-9);
    // The request failed and goes again from 0, slower: the old rate is forgotten and the
    // estimate waits for new measurements.
    eta.update(2500, 0, 1'000'000);
    EXPECT_LT(eta.seconds(), 0);
    eta.update(3000, 50'000, 1'000'000);  // 100 kB/s, 5 %
    EXPECT_NEAR(eta.seconds(), 9.5, 1e-9);
    // A different total (another request) restarts it too; so does a clock that goes back.
    eta.update(3500, 60'000, 2'000'000);
    EXPECT_LT(eta.seconds(), 0);
    eta.update(4500, 160'000, 2'000'000);
    EXPECT_NEAR(eta.seconds(), 18.4, 1e-9);
    eta.update(100, 170'000, 2'000'000);
    EXPECT_LT(eta.seconds(), 0);
}

TEST(RemainingTime, ABufferedFirstStepIsNotTheRate) {
    // An upload: the socket takes 3 MB of 8 MB at once, then the link carries 1 MB/s.
    RemainingTime buffered(3000, motor::util::FirstStep::Buffered);
    RemainingTime measured(3000, motor::util::FirstStep::Measured);
    const auto both = [&](int64_t ms, int64_t done) {
        buffered.update(ms, done, 8'000'000);
        measured.update(ms, done, 8'000'000);
    };
    both(0, 16'000);
    both(100, 3'000'000);
    EXPECT_LT(buffered.seconds(), 0);  // only buffers so far
    for (int64_t ms = 200; ms <= 600; ms += 100) both(ms, 3'000'000 + (ms - 100) * 1000);
    // 3.5 MB sent, 4.5 MB left at 1 MB/s.
    EXPECT_NEAR(buffered.seconds(), 4.5, 1e-6);
    // Taking the first step as the pace would promise far less.
    EXPECT_LT(measured.seconds(), 2.0);
}
