#include "formats/gguf_model.h"

#include "formats/gguf_metadata.h"
#include "formats/mmproj_gguf.h"
#include "formats/model_validation.h"
#include "formats/try.h"
#include "formats/vision_validation.h"

namespace motor::gpu::formats {

Result<std::unique_ptr<ModelWeights>> GgufModel::open(const std::string& path, const std::string& mmproj) {
    auto file = GgufFile::open(path);
    if (!file) return file.error();
    if (isMmprojGguf(*file.value()))
        return makeError(path +
                         ": metadata 'general.architecture' is 'clip': this is an mmproj (vision projector) file; "
                         "open the language model GGUF and pass this file as its mmproj");
    auto model = fromFile(std::move(file.value()));
    if (!model || mmproj.empty()) return model;
    auto proj = GgufFile::open(mmproj);
    if (!proj) return proj.error();
    auto* g = static_cast<GgufModel*>(model.value().get());
    MOTOR_TRY(g->attachMmproj(std::move(proj.value())));
    return model;
}

const TensorView* GgufModel::find(const std::string& name) const {
    if (const TensorView* t = file_->findTensor(name)) return t;
    return mmproj_ ? mmproj_->findTensor(name) : nullptr;
}

Result<void> GgufModel::attachMmproj(std::unique_ptr<GgufFile> mmproj) {
    auto vc = mmprojVisionConfig(*mmproj);
    if (!vc) return vc.error();
    vision_ = vc.value();
    if (vision_.projectionDim != config_.dim)
        return makeError(mmproj->name() + ": metadata 'clip.vision.projection_dim' is " +
                         std::to_string(vision_.projectionDim) + " but the language model " + file_->name() +
                         " has hidden size " + std::to_string(config_.dim));
    const GgufFile* p = mmproj.get();
    MOTOR_TRY(validateVisionTensors(p->name(), vision_, [p](const std::string& n) { return p->findTensor(n); }));
    for (const TensorView& t : mmproj->tensors())
        if (file_->findTensor(t.name) != nullptr)
            return makeError(mmproj->name() + ": tensor '" + t.name + "' is also in " + file_->name());
    all_ = file_->tensors();
    all_.insert(all_.end(), mmproj->tensors().begin(), mmproj->tensors().end());
    mmproj_ = std::move(mmproj);
    return {};
}

Result<std::unique_ptr<ModelWeights>> GgufModel::fromFile(std::unique_ptr<GgufFile> file) {
    auto model = std::unique_ptr<GgufModel>(new GgufModel());
    // Configuration first: an unsupported architecture is the most useful error.
    int tokenCount = 0;
    if (const GgufValue* t = file->find("tokenizer.ggml.tokens");
        t && t->type == GgufType::Array && t->items.size() < (1u << 30))
        tokenCount = static_cast<int>(t->items.size());
    auto config = ggufModelConfig(*file, tokenCount);
    if (!config) return config.error();
    model->config_ = config.value();
    auto tok = ggufTokenizerData(*file);
    if (!tok) return tok.error();
    model->tokenizer_ = std::move(tok.value());
    if (static_cast<size_t>(model->config_.vocabSize) < model->tokenizer_.tokens.size())
        return makeError(file->name() + ": vocabulary of " + std::to_string(model->tokenizer_.tokens.size()) +
                         " tokens exceeds the model's vocab size " + std::to_string(model->config_.vocabSize));
    const GgufFile* f = file.get();
    MOTOR_TRY(validateModelTensors(f->name(), model->config_, [f](const std::string& n) { return f->findTensor(n); }));
    model->chatTemplate_ = ggufChatTemplate(*file);
    model->file_ = std::move(file);
    return std::unique_ptr<ModelWeights>(std::move(model));
}

}  // namespace motor::gpu::formats
