#include "motor/gpu/cuda_plugin.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "motor/gpu/model.h"
#include "motor/gpu/speech.h"

namespace motor::gpu {

namespace {

constexpr const char* kPluginFile = "libmotor_cuda.so";

std::string executableDir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

struct Plugin {
    CudaAcceleratorEntry entry = nullptr;
    CudaSpeechAcceleratorEntry speechEntry = nullptr;  // null in a plugin without Whisper
    std::string error;                                 // why there is no entry
    std::string path;
};

// Opens the plugin at the first candidate that exists; a library stays loaded for the
// process (its accelerators' code lives there), so each path is tried once.
Plugin findPlugin() {
    static std::mutex mutex;
    static std::map<std::string, Plugin> opened;
    std::lock_guard lock(mutex);
    std::string tried;
    for (const std::string& candidate : cudaPluginCandidates()) {
        if (auto it = opened.find(candidate); it != opened.end()) return it->second;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(candidate, ec)) {
            tried += (tried.empty() ? "" : ", ") + candidate;
            continue;
        }
        Plugin& out = opened[candidate];
        out.path = candidate;
        // RTLD_LOCAL: the plugin's own copy of the engine stays its own.
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* why = dlerror();
            out.error = "cuda: " + candidate + " does not load: " + (why ? why : "unknown reason");
            return out;
        }
        out.entry = reinterpret_cast<CudaAcceleratorEntry>(dlsym(handle, kCudaAcceleratorSymbol));
        out.speechEntry = reinterpret_cast<CudaSpeechAcceleratorEntry>(dlsym(handle, kCudaSpeechAcceleratorSymbol));
        if (!out.entry)
            out.error = "cuda: " + candidate + " has no " + kCudaAcceleratorSymbol + " (not MOTOR's CUDA plugin)";
        return out;
    }
    Plugin none;
    none.error =
        std::string("cuda: the CUDA backend is not installed (") + kPluginFile + " not found; looked at " + tried + ")";
    return none;
}

}  // namespace

std::vector<std::string> cudaPluginCandidates() {
    std::vector<std::string> out;
    if (const char* env = std::getenv("MOTOR_CUDA_PLUGIN"); env && *env) {
        out.emplace_back(env);
        return out;  // an explicit choice is the only one
    }
    const std::string dir = executableDir();
    if (!dir.empty()) {
        out.push_back(dir + "/" + kPluginFile);
        out.push_back(dir + "/../lib/motor-studio/" + kPluginFile);
    }
#ifdef MOTOR_CUDA_PLUGIN_BUILD_DIR
    out.push_back(std::string(MOTOR_CUDA_PLUGIN_BUILD_DIR) + "/" + kPluginFile);
#endif
    return out;
}

Result<std::unique_ptr<Accelerator>> loadCudaAccelerator(const Model& model) {
    const Plugin p = findPlugin();
    if (!p.entry) return makeError(p.error);
    std::unique_ptr<Accelerator> acc;
    std::string error;
    if (p.entry(kAcceleratorPluginAbi, &model, &acc, &error) != 0 || !acc)
        return makeError("cuda: " + (error.empty() ? std::string("the plugin gave no accelerator") : error));
    return acc;
}

Result<std::unique_ptr<SpeechAccelerator>> loadCudaSpeechAccelerator(const SpeechModel& model) {
    const Plugin p = findPlugin();
    if (!p.entry) return makeError(p.error);
    if (!p.speechEntry)
        return makeError("cuda: " + p.path + " has no " + kCudaSpeechAcceleratorSymbol + " (a plugin without Whisper)");
    std::unique_ptr<SpeechAccelerator> acc;
    std::string error;
    if (p.speechEntry(kAcceleratorPluginAbi, &model, &acc, &error) != 0 || !acc)
        return makeError("cuda: " + (error.empty() ? std::string("the plugin gave no accelerator") : error));
    return acc;
}

}  // namespace motor::gpu
