#pragma once
// A wall-clock budget for one media operation. Corrupt or hostile files can make demuxers
// and decoders spin (endless resync, a network mount that stalls); every read loop and
// FFmpeg's AVIOInterruptCB consult this so an operation ends with an error instead.
#include <chrono>
#include <cstdint>

namespace motor::media {

class Deadline {
public:
    explicit Deadline(std::int64_t budgetMs) { restart(budgetMs); }
    void restart(std::int64_t budgetMs) {
        end_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(budgetMs);
    }
    bool expired() const { return std::chrono::steady_clock::now() >= end_; }

    // Shape required by AVIOInterruptCB: non-zero aborts the blocking FFmpeg call.
    static int interruptCallback(void* opaque) { return static_cast<const Deadline*>(opaque)->expired() ? 1 : 0; }

private:
    std::chrono::steady_clock::time_point end_;
};

}  // namespace motor::media
