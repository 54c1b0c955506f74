#pragma once
// A small persistent pool: the forward pass issues a few parallel loops per layer, so
// workers must not be created per call. Workers spin briefly before sleeping, because
// the gap between two loops of one token is microseconds.
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
    // threads <= 0: one per hardware thread.
    explicit ThreadPool(int threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const { return int(workers_.size()) + 1; }

    // Runs fn(item, threadIndex) for item in [0, items); the caller takes part as thread
    // 0. Items are handed out dynamically. Not reentrant: one loop at a time.
    void parallelFor(int items, const std::function<void(int item, int thread)>& fn);

    // The process-wide pool used by models unless they are given one.
    static ThreadPool& shared();

private:
    void workerLoop(int index);
    void runItems(int thread);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(int, int)>* job_ = nullptr;
    std::atomic<int> nextItem_{0};
    int items_ = 0;
    std::atomic<uint64_t> generation_{0};
    std::atomic<int> busy_{0};
    bool stop_ = false;
};

}  // namespace motor::gpu::cpu
