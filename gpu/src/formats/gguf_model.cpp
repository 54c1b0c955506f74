#include "formats/gguf_model.h"

#include "formats/gguf_metadata.h"
#include "formats/model_validation.h"
#include "formats/try.h"

namespace motor::gpu::formats {

Result<std::unique_ptr<ModelWeights>> GgufModel::open(const std::string& path) {
    auto file = GgufFile::open(path);
    if (!file) return file.error();
    return fromFile(std::move(file.value()));
}

Result<std::unique_ptr<ModelWeights>> GgufModel::fromFile(std::unique_ptr<GgufFile> file) {
    auto model = std::unique_ptr<GgufModel>(new GgufModel());
    // Configuration first: an unsupported architecture is the most useful error.
    int tokenCount = 0;
    if (const GgufValue* t = file->find("tokenizer.ggml.tokens"); t && t->type == GgufType::Array &&
                                                                 t->items.size() < (1u << 30))
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
    MOTOR_TRY(validateModelTensors(f->name(), model->config_,
                                   [f](const std::string& n) { return f->findTensor(n); }));
    model->chatTemplate_ = ggufChatTemplate(*file);
    model->file_ = std::move(file);
    return std::unique_ptr<ModelWeights>(std::move(model));
}

}  // namespace motor::gpu::formats
