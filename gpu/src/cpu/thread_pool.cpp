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
// Polls before yielding, and yields before sleeping: consecutive loops of one token
// are microseconds apart, but an idle pool must not burn a core.
constexpr int kSpinPolls = 2000;
constexpr int kYieldPolls = 200;
constexpr int64_t kSerialWork = 1 << 15;

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
    stop_.store(true);
    std::lock_guard caller(callerMutex_);
    {
        std::lock_guard lock(mutex_);
        counter_.store(uint64_t(++job_) << 32);
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

ThreadPool& ThreadPool::shared() {
    static ThreadPool pool;
    return pool;
}

void ThreadPool::runItems(uint32_t job, int thread) {
    for (;;) {
        uint64_t v = counter_.load(std::memory_order_acquire);
        if (uint32_t(v >> 32) != job) return;
        // May read a newer job's slot; the CAS below then fails, so it is harmless.
        const int items = slots_[job & 1].items.load(std::memory_order_relaxed);
        const int item = int(uint32_t(v));
        if (item >= items) return;
        if (!counter_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel)) continue;
        // Claimed: the caller cannot finish this job (nor reuse the slot) before done_
        // counts this item.
        (*slots_[job & 1].fn.load(std::memory_order_relaxed))(item, thread);
        done_.fetch_add(1, std::memory_order_acq_rel);
    }
}

void ThreadPool::parallelFor(int items, int64_t work, const std::function<void(int, int)>& fn) {
    if (work < kSerialWork) {
        for (int i = 0; i < items; ++i) fn(i, 0);
        return;
    }
    parallelFor(items, fn);
}

void ThreadPool::parallelFor(int items, const std::function<void(int, int)>& fn) {
    if (items <= 0) return;
    if (workers_.empty() || items == 1) {
        for (int i = 0; i < items; ++i) fn(i, 0);
        return;
    }
    std::lock_guard caller(callerMutex_);
    const uint32_t job = ++job_;
    slots_[job & 1].fn.store(&fn, std::memory_order_relaxed);
    slots_[job & 1].items.store(items, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    counter_.store(uint64_t(job) << 32, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
        std::lock_guard lock(mutex_);
        wake_.notify_all();
    }
    runItems(job, 0);
    for (int polls = 0; done_.load(std::memory_order_acquire) != items; ++polls) {
        if (polls < kSpinPolls)
            MOTOR_CPU_RELAX();
        else
            std::this_thread::yield();
    }
}

void ThreadPool::workerLoop(int index) {
    uint32_t seen = 0;
    for (;;) {
        uint32_t job = uint32_t(counter_.load(std::memory_order_acquire) >> 32);
        for (int polls = 0; job == seen; ++polls) {
            if (polls < kSpinPolls) {
                MOTOR_CPU_RELAX();
            } else if (polls < kSpinPolls + kYieldPolls) {
                std::this_thread::yield();
            } else {
                sleepers_.fetch_add(1, std::memory_order_seq_cst);
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return uint32_t(counter_.load(std::memory_order_seq_cst) >> 32) != seen; });
                sleepers_.fetch_sub(1, std::memory_order_relaxed);
                polls = 0;
            }
            job = uint32_t(counter_.load(std::memory_order_acquire) >> 32);
        }
        if (stop_.load()) return;
        seen = job;
        runItems(job, index);
    }
}

}  // namespace motor::gpu::cpu
