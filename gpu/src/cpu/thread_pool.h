#pragma once
// A small persistent pool: the forward pass issues a few parallel loops per layer, so
// workers must not be created per call. Items are claimed with one compare-and-swap on
// a (job, next item) word, so the caller never waits for a worker that was not
// scheduled: it finishes the items itself. This matters on machines shared with other
// work, where a worker can sleep through a whole loop.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace motor::gpu::cpu {

class ThreadPool {
public:
    // threads <= 0: MOTOR_CPU_THREADS, else one per hardware thread.
    explicit ThreadPool(int threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const { return int(workers_.size()) + 1; }

    // Runs fn(item, threadIndex) for item in [0, items); the caller takes part as thread
    // 0. Callers on different threads (two models sharing the pool) take turns; fn must
    // not call parallelFor on the same pool.
    void parallelFor(int items, const std::function<void(int item, int thread)>& fn);
    // Same, but runs serially on the caller when the loop is too small to be worth
    // waking workers (work: a rough count of multiply-adds).
    void parallelFor(int items, int64_t work, const std::function<void(int item, int thread)>& fn);

    // The process-wide pool used by models unless they are given one.
    static ThreadPool& shared();

private:
    // Atomic fields: a slow worker may read a slot while the caller refills it for a
    // later job (its claim then fails), and that read must not be a data race.
    struct Slot {
        std::atomic<const std::function<void(int, int)>*> fn{nullptr};
        std::atomic<int> items{0};
    };

    void workerLoop(int index);
    void runItems(uint32_t job, int thread);

    std::vector<std::thread> workers_;
    Slot slots_[2];                     // job & 1: a slot is reused only two jobs later
    std::atomic<uint64_t> counter_{0};  // job << 32 | next unclaimed item
    std::atomic<int> done_{0};          // items finished in the current job
    uint32_t job_ = 0;                  // caller side
    std::atomic<int> sleepers_{0};
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::mutex callerMutex_;  // one parallel loop at a time
};

}  // namespace motor::gpu::cpu
