#pragma once
// How long a piece of work has left, from the rate measured so far: the one estimate
// behind every "about … left" (the upload of a recording to a speech server, a predictor
// run). The rate is an exponential average of the recent rate, so a burst or a pause
// moves the estimate without throwing it about; the estimate is unknown (-1) until
// enough is measured, and never negative or absurdly long.
//
//   RemainingTime eta;
//   eta.update(timer.elapsed(), sentBytes, totalBytes);
//   if (eta.seconds() >= 0) line += ", about N left";
//
// Times come from the caller (milliseconds since any fixed point), so tests inject them.
#include <cstdint>

namespace motor::util {

// What the first step of the work (from the first report to the next one at least
// 100 ms later) says about its pace.
enum class FirstStep {
    Measured,  // work done at the usual pace (a predictor's first clip)
    Buffered,  // mostly filled buffers (an upload: the socket takes megabytes at once), so
               // the rate is measured from the end of that step
};

class RemainingTime {
public:
    // The estimate waits for this much time or this share of the work (since the start,
    // a restart, or the end of a buffered first step), whichever comes first.
    static constexpr int64_t kMinElapsedMs = 1000;
    static constexpr double kMinShareDone = 0.05;
    // Longer than this is no estimate (a stalled upload): unknown instead.
    static constexpr double kMaxSeconds = 100.0 * 3600.0;

    // `smoothingMs`: the time constant of the rate's exponential average; a longer one
    // for work that comes in large steps (a predictor's clips), a short one for a stream.
    explicit RemainingTime(int64_t smoothingMs = 3000, FirstStep firstStep = FirstStep::Measured);

    // `done` of `total` units at `nowMs`. Work that went back (a retried request starts
    // again at 0) or changed its total starts a new estimate.
    void update(int64_t nowMs, int64_t done, int64_t total);
    // Seconds left; -1 while unknown; 0 once everything is done.
    double seconds() const;
    // Milliseconds left, -1 while unknown.
    int64_t milliseconds() const;

private:
    void restart(int64_t nowMs, int64_t done, int64_t total);

    int64_t smoothingMs_;
    FirstStep firstStep_;
    bool started_ = false;
    bool firstStepDone_ = false;
    int64_t total_ = 0;
    int64_t done_ = 0;
    int64_t startMs_ = 0;  // where this estimate began
    int64_t startDone_ = 0;
    int64_t lastMs_ = 0;  // the last rate sample
    int64_t lastDone_ = 0;
    int64_t nowMs_ = 0;
    double unitsPerMs_ = -1;  // < 0 until the first sample
};

}  // namespace motor::util
