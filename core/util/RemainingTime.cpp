#include "core/util/RemainingTime.h"

#include <algorithm>
#include <cmath>

namespace motor::util {
namespace {
// Samples closer than this are joined: Qt and the engines report in bursts, and a rate
// over a few milliseconds is noise.
constexpr int64_t kMinSampleMs = 100;
}  // namespace

RemainingTime::RemainingTime(int64_t smoothingMs, FirstStep firstStep)
    : smoothingMs_(std::max<int64_t>(1, smoothingMs)), firstStep_(firstStep) {}

void RemainingTime::restart(int64_t nowMs, int64_t done, int64_t total) {
    started_ = true;
    firstStepDone_ = false;
    total_ = total;
    done_ = done;
    startMs_ = lastMs_ = nowMs_ = nowMs;
    startDone_ = lastDone_ = done;
    unitsPerMs_ = -1;
}

void RemainingTime::update(int64_t nowMs, int64_t done, int64_t total) {
    if (!started_ || total != total_ || done < done_ || nowMs < nowMs_) return restart(nowMs, done, total);
    done_ = done;
    nowMs_ = nowMs;
    const int64_t dtMs = nowMs - lastMs_;
    if (dtMs < kMinSampleMs) return;
    if (!firstStepDone_) {
        firstStepDone_ = true;
        if (firstStep_ == FirstStep::Buffered) {
            // The buffers are full now: from here the work goes at the link's pace.
            startMs_ = lastMs_ = nowMs;
            startDone_ = lastDone_ = done;
            return;
        }
    }
    const double sample = double(done - lastDone_) / double(dtMs);
    if (unitsPerMs_ < 0) {
        unitsPerMs_ = sample;
    } else {
        // A sample's weight grows with the time it covers: uneven reports weigh fairly.
        const double weight = 1.0 - std::exp(-double(dtMs) / double(smoothingMs_));
        unitsPerMs_ += weight * (sample - unitsPerMs_);
    }
    lastMs_ = nowMs;
    lastDone_ = done;
}

double RemainingTime::seconds() const {
    if (!started_ || total_ <= 0) return -1;
    if (done_ >= total_) return 0;
    const bool longEnough = nowMs_ - startMs_ >= kMinElapsedMs;
    const bool farEnough = double(done_ - startDone_) >= kMinShareDone * double(total_);
    if (unitsPerMs_ <= 0 || !(longEnough || farEnough)) return -1;
    const double left = double(total_ - done_) / unitsPerMs_ / 1000.0;
    return std::isfinite(left) && left <= kMaxSeconds ? left : -1;
}

int64_t RemainingTime::milliseconds() const {
    const double s = seconds();
    return s < 0 ? -1 : int64_t(std::llround(s * 1000.0));
}

}  // namespace motor::util
