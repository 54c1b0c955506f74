#include "formats/hf_model.h"

#include <sys/stat.h>

#include <map>

#include "formats/hf_config.h"
#include "formats/hf_tokenizer.h"
#include "formats/json_value.h"
#include "formats/mapped_file.h"
#include "formats/model_validation.h"
#include "formats/try.h"
#include "formats/vision_validation.h"

namespace motor::gpu::formats {

namespace {

bool fileExists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// Reads an optional JSON file; absent is fine, unreadable or malformed is an error.
Result<bool> readOptionalJson(const std::string& path, JsonValue& out) {
    if (!fileExists(path)) return false;
    auto j = readJsonFile(path);
    if (!j) return j.error();
    out = std::move(j.value());
    return true;
}

}  // namespace

Result<std::unique_ptr<ModelWeights>> HfModel::open(const std::string& folder) {
    auto m = std::unique_ptr<HfModel>(new HfModel());
    m->folder_ = folder;
    const std::string configPath = folder + "/config.json";
    if (!fileExists(configPath)) return makeError(folder + ": no config.json (not a Hugging Face model folder)");
    auto config = readJsonFile(configPath);
    if (!config) return config.error();
    if (isInternVLConfig(config.value())) {
        auto ic = internvlConfig(config.value(), configPath);
        if (!ic) return ic.error();
        m->config_ = ic->text;
        m->vision_ = ic->vision;
        m->layout_ = ic->layout;
        m->hasVision_ = true;
    } else {
        auto c = hfModelConfig(config.value(), configPath);
        if (!c) return c.error();
        m->config_ = c.value();
    }

    const std::string tokPath = folder + "/tokenizer.json";
    if (!fileExists(tokPath)) return makeError(folder + ": tokenizer.json is missing");
    auto tokJson = readJsonFile(tokPath);
    if (!tokJson) return tokJson.error();
    JsonValue tokConfig, genConfig;
    auto hasTc = readOptionalJson(folder + "/tokenizer_config.json", tokConfig);
    if (!hasTc) return hasTc.error();
    auto hasGen = readOptionalJson(folder + "/generation_config.json", genConfig);
    if (!hasGen) return hasGen.error();
    HfTokenizerFiles files;
    files.folder = folder;
    files.tokenizer = &tokJson.value();
    files.tokenizerConfig = hasTc.value() ? &tokConfig : nullptr;
    files.modelConfig = &config.value();
    files.generationConfig = hasGen.value() ? &genConfig : nullptr;
    auto tok = hfTokenizerData(files, m->chatTemplate_);
    if (!tok) return tok.error();
    // transformers 4.43+ saves the template beside tokenizer_config.json: as
    // chat_template.jinja, or (processors) in chat_template.json.
    if (m->chatTemplate_.empty() && fileExists(folder + "/chat_template.jinja")) {
        auto file = MappedFile::open(folder + "/chat_template.jinja");
        if (!file) return file.error();
        m->chatTemplate_.assign(reinterpret_cast<const char*>(file->data()), size_t(file->size()));
    } else if (m->chatTemplate_.empty() && fileExists(folder + "/chat_template.json")) {
        auto ct = readJsonFile(folder + "/chat_template.json");
        if (!ct) return ct.error();
        if (const JsonValue* t = ct->get("chat_template"); t && t->isString()) m->chatTemplate_ = t->string();
    }
    m->tokenizer_ = std::move(tok.value());
    if (m->tokenizer_.tokens.size() > static_cast<size_t>(m->config_.vocabSize))
        return makeError(tokPath + ": vocabulary of " + std::to_string(m->tokenizer_.tokens.size()) +
                         " tokens exceeds config.json vocab_size " + std::to_string(m->config_.vocabSize));

    MOTOR_TRY(m->loadShards());
    MOTOR_TRY(validateConfigNumbers(configPath, m->config_));
    const HfModel* self = m.get();
    MOTOR_TRY(validateModelTensors(folder, m->config_, [self](const std::string& n) { return self->find(n); }));
    if (m->hasVision_) {
        if (m->vision_.projectionDim != m->config_.dim)
            return makeError(configPath + ": the projector's output size " + std::to_string(m->vision_.projectionDim) +
                             " differs from the language model's hidden size " + std::to_string(m->config_.dim));
        MOTOR_TRY(validateVisionTensors(folder, m->vision_, [self](const std::string& n) { return self->find(n); }));
    }
    return std::unique_ptr<ModelWeights>(std::move(m));
}

const TensorView* HfModel::find(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

Result<void> HfModel::loadShards() {
    if (fileExists(folder_ + "/model.safetensors")) return addShard("model.safetensors", nullptr);
    const std::string indexPath = folder_ + "/model.safetensors.index.json";
    if (!fileExists(indexPath))
        return makeError(folder_ + ": neither model.safetensors nor model.safetensors.index.json exists");
    auto index = readJsonFile(indexPath);
    if (!index) return index.error();
    const JsonValue* map = index->get("weight_map");
    if (map == nullptr || !map->isObject())
        return makeError(indexPath + ": field 'weight_map' is missing or not an object");
    std::map<std::string, std::vector<std::string>> byFile;
    for (const auto& [tensor, file] : map->object()) {
        if (!file.isString()) return makeError(indexPath + ": field 'weight_map." + tensor + "' is not a string");
        const std::string& f = file.string();
        // Shards must sit in the folder itself; a path would let an index reach anywhere.
        if (f.empty() || f.find('/') != std::string::npos || f.find('\\') != std::string::npos || f == "." || f == "..")
            return makeError(indexPath + ": field 'weight_map." + tensor + "': shard name '" + f +
                             "' is not a plain file name");
        byFile[f].push_back(tensor);
    }
    if (byFile.empty()) return makeError(indexPath + ": field 'weight_map' is empty");
    for (const auto& [f, names] : byFile) MOTOR_TRY(addShard(f, &names));
    return {};
}

Result<void> HfModel::addShard(const std::string& fileName, const std::vector<std::string>* onlyThese) {
    auto shard = SafetensorsFile::open(folder_ + "/" + fileName);
    if (!shard) return shard.error();
    const SafetensorsFile& s = *shard.value();
    if (onlyThese != nullptr) {
        for (const std::string& n : *onlyThese)
            if (s.find(n) == nullptr)
                return makeError(s.name() + ": tensor '" + n + "' listed in model.safetensors.index.json is missing");
    }
    for (const TensorView& t : s.tensors()) {
        std::vector<TensorView> views;
        if (hasVision_) {
            views = internvlCanonicalTensors(layout_, t);
        } else {
            views.push_back(t);
            views.back().name = hfCanonicalName(t.name);
        }
        for (TensorView& v : views) {
            if (!index_.emplace(v.name, tensors_.size()).second)
                return makeError(s.name() + ": tensor '" + t.name + "' appears in more than one place");
            tensors_.push_back(std::move(v));
        }
    }
    shards_.push_back(std::move(shard.value()));
    return {};
}

}  // namespace motor::gpu::formats
