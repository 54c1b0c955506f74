#include "motor/gpu/model.h"

#include "cpu/gemm_kernels.h"
#include "model/model_impl.h"

namespace motor::gpu {

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
    return impl_->vision.get();
}
Session Model::newSession() const {
    return Session(this);
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
