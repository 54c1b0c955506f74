// A plugin built exactly as libmotor_cuda.so is (a MODULE with its own static copy of
// the engine, everything but the entry point hidden), whose accelerator runs the model
// on that copy's CPU backend: accelerator_tests load it through loadCudaAccelerator()
// to check the plugin path (dlopen, the entry point, the Model handed across, the
// accelerator's calls and destruction across) on a machine without a GPU.
#include <string>

#include "motor/gpu/cuda_plugin.h"
#include "motor/gpu/engine.h"
#include "support/cpu_backed_accelerator.h"

extern "C" __attribute__((visibility("default"))) int motor_cuda_accelerator_create(
    int abi, const motor::gpu::Model* model, std::unique_ptr<motor::gpu::Accelerator>* out, std::string* error) {
    using namespace motor::gpu;
    if (abi != kAcceleratorPluginAbi) {
        *error = "test plugin: interface " + std::to_string(abi);
        return 1;
    }
    // The model the application loaded, opened again from its file by this copy.
    auto weights = openModel(model->weights().path());
    if (!weights) {
        *error = "test plugin: " + weights.error().message;
        return 1;
    }
    auto own = Model::load(std::move(weights.value()));
    if (!own) {
        *error = "test plugin: " + own.error().message;
        return 1;
    }
    auto acc = std::make_unique<test::CpuBackedAccelerator>(
        std::move(own.value()), "test plugin: " + model->weights().path() + " on its own CPU");
    acc->capacity = 3 * 4096;  // a KV cache of three clips, as core's defaultBatch counts them
    *out = std::move(acc);
    return 0;
}
