#include "motor/gpu/model.h"

#include "cpu/gemm_kernels.h"
#include "model/model_impl.h"

namespace motor::gpu {

namespace {

// The model's vision tower with its encoding on the accelerator: preprocessing on the
// CPU (the same function as the CPU tower's), the tower and projector there. A trace
// (tests' intermediate values) is the CPU tower's alone, so a traced call runs there.
class AcceleratedVision final : public VisionEncoder {
public:
    AcceleratedVision(const VisionEncoder& cpu, Model::Impl& impl) : cpu_(cpu), impl_(impl) {}
    const VisionConfig& config() const override { return cpu_.config(); }
    const VisionTokenIds& tokenIds() const override { return cpu_.tokenIds(); }
    VisionPreprocessing preprocessing() const override { return cpu_.preprocessing(); }
    Result<VisionEmbeddings> encode(std::span<const RgbImage> frames) const override {
        auto pixels = preprocessFrames(config(), frames);
        if (!pixels) return pixels.error();
        return encodePixels(pixels.value(), int(frames.size()), nullptr);
    }
    Result<VisionEmbeddings> encodePixels(std::span<const float> pixelValues, int frames,
                                          VisionTrace* trace) const override {
        if (trace) return cpu_.encodePixels(pixelValues, frames, trace);
        const int S = config().imageSize;
        if (frames <= 0 || pixelValues.size() != size_t(frames) * 3 * size_t(S) * size_t(S))
            return makeError("vision encode: " + std::to_string(pixelValues.size()) + " pixel values are not " +
                             std::to_string(frames) + " frames of 3 x " + std::to_string(S) + " x " +
                             std::to_string(S));
        std::lock_guard lock(impl_.acceleratorMutex);
        return impl_.accelerator->encodePixels(pixelValues, frames);
    }

private:
    const VisionEncoder& cpu_;
    Model::Impl& impl_;
};

}  // namespace

const Model::Impl& modelImpl(const Model& model) {
    return *model.impl_;
}

Model::Model(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Model::~Model() = default;

Result<std::unique_ptr<Model>> Model::load(std::unique_ptr<ModelWeights> weights, ModelOptions options) {
    auto impl = loadModelImpl(std::move(weights), options);
    if (!impl) return impl.error();
    return std::unique_ptr<Model>(new Model(std::move(impl.value())));
}

const ModelConfig& Model::config() const {
    return impl_->config;
}
const ModelWeights& Model::weights() const {
    return *impl_->weights;
}
const TokenizerData& Model::tokenizerData() const {
    return impl_->weights->tokenizerData();
}
const VisionEncoder* Model::vision() const {
    return impl_->acceleratedVision ? impl_->acceleratedVision.get() : impl_->vision.get();
}
Session Model::newSession() const {
    impl_->sessionCreated = true;
    Session s(this);
    if (impl_->accelerator) {
        std::lock_guard lock(impl_->acceleratorMutex);
        s.accelerated_ = std::make_shared<detail::AcceleratorSequence>(impl_.get(), impl_->accelerator->newSequence());
    }
    return s;
}
Result<void> Model::attachAccelerator(std::unique_ptr<Accelerator> accelerator) {
    if (!accelerator) return makeError("attachAccelerator: no accelerator");
    if (impl_->accelerator) return makeError("attachAccelerator: the model already runs on " + device());
    if (impl_->sessionCreated)
        return makeError("attachAccelerator: the model already has sessions on the CPU; attach before the first");
    impl_->accelerator = std::move(accelerator);
    if (impl_->vision && impl_->accelerator->hasVision())
        impl_->acceleratedVision = std::make_unique<AcceleratedVision>(*impl_->vision, *impl_);
    return {};
}
std::string Model::device() const {
    if (impl_->accelerator) return impl_->accelerator->describe();
    return std::string("cpu (") + kernelIsa() + ", " + std::to_string(threadCount()) + " threads)";
}
bool Model::accelerated() const {
    return impl_->accelerator != nullptr;
}
int64_t Model::capacityTokens() const {
    return impl_->accelerator ? impl_->accelerator->capacityTokens() : 0;
}
const char* Model::kernelIsa() const {
    return cpu::gemmKernels().isa;
}
int Model::threadCount() const {
    return impl_->pool->size();
}

int64_t Model::weightBytesPerToken() const {
    const Impl& m = *impl_;
    auto bytes = [](const cpu::WeightMatrix& w) { return w.rows * w.rowBytes; };
    int64_t total = bytes(m.output) + m.embed.rowBytes;
    for (const LayerWeights& l : m.layers)
        total += bytes(l.q) + bytes(l.k) + bytes(l.v) + bytes(l.o) + bytes(l.gate) + bytes(l.up) + bytes(l.down);
    return total;
}

}  // namespace motor::gpu
