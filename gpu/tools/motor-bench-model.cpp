// Prefill and decode speed of a model file through the engine's public API, without
// Qt: the same measurement as `motor models bench` (motor/gpu/bench.h), for machines
// that build only gpu/. Prints the JSON report.
//
//   motor-bench-model MODEL [--prompt-tokens N] [--gen-tokens M] [--threads T]
//                           [--repeats R] [--warmups W] [--mlock]
//
// --mlock locks the mapped model in memory (mlockall) so a memory manager that pages
// out cold page cache (this project's VMs run DAMON reclaim) cannot turn weight reads
// into disk reads mid-run; compare with llama-bench -lm mmap+mlock.
#include <sys/mman.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "motor/gpu/bench.h"
#include "motor/gpu/engine.h"

namespace {

bool parseInt(const char* s, int& out) {
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 1'000'000) return false;
    out = int(v);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace motor::gpu;
    std::string path;
    BenchOptions o;
    int threads = 0;
    bool lock = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--mlock") {
            lock = true;
            continue;
        }
        int* target = a == "--prompt-tokens" ? &o.promptTokens
                      : a == "--gen-tokens"  ? &o.genTokens
                      : a == "--threads"     ? &threads
                      : a == "--repeats"     ? &o.repeats
                      : a == "--warmups"     ? &o.warmups
                                             : nullptr;
        if (target != nullptr) {
            if (i + 1 >= argc || !parseInt(argv[i + 1], *target)) {
                std::fprintf(stderr, "motor-bench-model: %s needs a non-negative number\n", a.c_str());
                return 2;
            }
            ++i;
        } else if (!a.empty() && a[0] != '-' && path.empty()) {
            path = a;
        } else {
            std::fprintf(stderr,
                         "usage: motor-bench-model MODEL [--prompt-tokens N] [--gen-tokens M] [--threads T] "
                         "[--repeats R] [--warmups W] [--mlock]\n");
            return 2;
        }
    }
    if (path.empty()) {
        std::fprintf(stderr, "motor-bench-model: no model given\n");
        return 2;
    }
    if (lock && mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
        std::perror("motor-bench-model: mlockall");
        return 1;
    }
    auto weights = openModel(path);
    if (!weights) {
        std::fprintf(stderr, "motor-bench-model: %s\n", weights.error().message.c_str());
        return 1;
    }
    auto model = Model::load(std::move(weights.value()), ModelOptions{threads, 32});
    if (!model) {
        std::fprintf(stderr, "motor-bench-model: %s\n", model.error().message.c_str());
        return 1;
    }
    auto report = benchModel(*model.value(), o);
    if (!report) {
        std::fprintf(stderr, "motor-bench-model: %s\n", report.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", benchReportJson(report.value(), path).c_str());
    return 0;
}
