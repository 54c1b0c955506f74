#include "cpu/thread_pool.h"

#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define MOTOR_CPU_RELAX() _mm_pause()
#else
#define MOTOR_CPU_RELAX() ((void)0)
#endif

namespace motor::gpu::cpu {

namespace {
// About 20-50 microseconds of polling before a worker goes to sleep.
constexpr int kSpinIterations = 20000;

int defaultThreads() {
    if (const char* env = std::getenv("MOTOR_CPU_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0) return n;
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : int(hw);
}
}  // namespace

ThreadPool::ThreadPool(int threads) {
    if (threads <= 0) threads = defaultThreads();
    workers_.reserve(size_t(threads - 1));
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this, i] { workerLoop(i); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

ThreadPool& ThreadPool::shared() {
    static ThreadPool pool;
    return pool;
}

void ThreadPool::runItems(int thread) {
    for (;;) {
        const int item = nextItem_.fetch_add(1, std::memory_order_relaxed);
        if (item >= items_) break;
        (*job_)(item, thread);
    }
}

void ThreadPool::parallelFor(int items, const std::function<void(int, int)>& fn) {
    if (items <= 0) return;
    if (workers_.empty() || items == 1) {
        for (int i = 0; i < items; ++i) fn(i, 0);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        job_ = &fn;
        items_ = items;
        nextItem_.store(0, std::memory_order_relaxed);
        busy_.store(int(workers_.size()), std::memory_order_relaxed);
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    runItems(0);
    // Wait for the workers: spin first, they usually finish within microseconds.
    for (int spin = 0; busy_.load(std::memory_order_acquire) != 0; ++spin) {
        if (spin < kSpinIterations) {
            MOTOR_CPU_RELAX();
        } else {
            std::unique_lock lock(mutex_);
            done_.wait(lock, [this] { return busy_.load(std::memory_order_acquire) == 0; });
        }
    }
    job_ = nullptr;
}

void ThreadPool::workerLoop(int index) {
    uint64_t seen = 0;
    for (;;) {
        uint64_t gen = generation_.load(std::memory_order_acquire);
        for (int spin = 0; gen == seen && spin < kSpinIterations; ++spin) {
            MOTOR_CPU_RELAX();
            gen = generation_.load(std::memory_order_acquire);
        }
        if (gen == seen) {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
            gen = generation_.load(std::memory_order_acquire);
        }
        seen = gen;
        {
            std::lock_guard lock(mutex_);
            if (stop_) return;
        }
        runItems(index);
        if (busy_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard lock(mutex_);
            done_.notify_all();
        }
    }
}

}  // namespace motor::gpu::cpu
