#pragma once
// The CUDA backend as an Accelerator (motor/gpu/accelerator.h), from a plugin library
// loaded at run time: libmotor_cuda.so links CUDA's runtime and cuBLASLt, so the
// application and its tests start on machines without them, and `--device auto` falls
// back to the CPU with the plugin's reason (no library, no driver, no device, a device
// older than sm_80, a model shape the kernels do not take).
//
//   auto acc = loadCudaAccelerator(*model);   // CudaLlama + CudaVision on device 0
//   if (acc) model->attachAccelerator(std::move(acc.value()));
//   else log(acc.error().message);            // "cuda: ... (looked in ...)"
#include <memory>
#include <string>
#include <vector>

#include "motor/gpu/accelerator.h"
#include "motor/gpu/result.h"

namespace motor::gpu {

class Model;
class SpeechModel;

// Where the plugin is looked for, in order: $MOTOR_CUDA_PLUGIN (a file), the running
// executable's folder, its ../lib/motor-studio, and the folder the build wrote it to.
std::vector<std::string> cudaPluginCandidates();

// Loads the plugin (once per process) and builds the model's decoder, and its vision
// tower when it has one, on the first CUDA device; an Error saying why not.
Result<std::unique_ptr<Accelerator>> loadCudaAccelerator(const Model& model);

// The same for a Whisper model: its encoder and decoder on the first CUDA device.
Result<std::unique_ptr<SpeechAccelerator>> loadCudaSpeechAccelerator(const SpeechModel& model);

// The plugin's entry points and the interface version both sides are built with
// (a plugin from another build is refused rather than called).
inline constexpr int kAcceleratorPluginAbi = 2;
using CudaAcceleratorEntry = int (*)(int abi, const Model* model, std::unique_ptr<Accelerator>* out,
                                     std::string* error);
inline constexpr const char* kCudaAcceleratorSymbol = "motor_cuda_accelerator_create";
using CudaSpeechAcceleratorEntry = int (*)(int abi, const SpeechModel* model, std::unique_ptr<SpeechAccelerator>* out,
                                           std::string* error);
inline constexpr const char* kCudaSpeechAcceleratorSymbol = "motor_cuda_speech_accelerator_create";

}  // namespace motor::gpu
