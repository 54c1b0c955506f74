// A Hugging Face Whisper folder: config.json (model_type "whisper"), model.safetensors
// (or shards + index), tokenizer.json, and optionally generation_config.json (token
// ids, suppression lists) and preprocessor_config.json (the audio front end).
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "formats/hf_tokenizer.h"
#include "formats/json_value.h"
#include "formats/try.h"
#include "formats/whisper_weights.h"

namespace motor::gpu::formats {

namespace {

bool fileExists(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Result<int> intField(const JsonValue& j, const std::string& file, const char* key, std::optional<int> fallback = {}) {
    const JsonValue* v = j.get(key);
    if (v == nullptr || v->isNull()) {
        if (fallback) return *fallback;
        return makeError(file + ": field '" + key + "' is missing");
    }
    auto i = v->integer();
    if (!i || *i < 0 || *i > 100'000'000)
        return makeError(file + ": field '" + key + "' is not a non-negative integer");
    return int(*i);
}

// "model.encoder.layers.3.self_attn.q_proj.weight" -> "encoder.blocks.3.attn.query.weight"
std::string canonicalName(std::string n) {
    if (n.rfind("model.", 0) == 0) n.erase(0, 6);
    static const std::pair<const char*, const char*> rules[] = {
        {"encoder.embed_positions.weight", "encoder.positional_embedding"},
        {"decoder.embed_positions.weight", "decoder.positional_embedding"},
        {"decoder.embed_tokens.weight", "decoder.token_embedding.weight"},
        {"encoder.layer_norm.", "encoder.ln_post."},
        {"decoder.layer_norm.", "decoder.ln."},
        {".layers.", ".blocks."},
        {".self_attn_layer_norm.", ".attn_ln."},
        {".encoder_attn_layer_norm.", ".cross_attn_ln."},
        {".final_layer_norm.", ".mlp_ln."},
        {".self_attn.", ".attn."},
        {".encoder_attn.", ".cross_attn."},
        {".q_proj.", ".query."},
        {".k_proj.", ".key."},
        {".v_proj.", ".value."},
        {".out_proj.", ".out."},
        {".fc1.", ".mlp.0."},
        {".fc2.", ".mlp.2."},
    };
    for (const auto& [from, to] : rules)
        if (size_t p = n.find(from); p != std::string::npos) n.replace(p, std::string_view(from).size(), to);
    return n;
}

std::vector<int32_t> intList(const JsonValue* v) {
    std::vector<int32_t> out;
    if (v == nullptr) return out;
    for (const JsonValue& e : v->array())
        if (auto i = e.integer()) out.push_back(int32_t(*i));
    return out;
}

}  // namespace

bool isWhisperFolder(const std::string& folder) {
    const std::string p = folder + "/config.json";
    if (!fileExists(p)) return false;
    auto j = readJsonFile(p);
    if (!j) return false;
    const JsonValue* t = j->get("model_type");
    return t && t->isString() && t->string() == "whisper";
}

Result<std::unique_ptr<ModelWeights>> openWhisperFolder(const std::string& folder) {
    std::unique_ptr<WhisperWeights> w(new WhisperWeights());
    w->path_ = folder;
    w->format_ = "safetensors";
    const std::string cfgPath = folder + "/config.json";
    auto cfg = readJsonFile(cfgPath);
    if (!cfg) return cfg.error();
    const JsonValue& j = cfg.value();
    SpeechConfig& c = w->speech_;
    MOTOR_TRY_ASSIGN(c.melBins, intField(j, cfgPath, "num_mel_bins"));
    MOTOR_TRY_ASSIGN(c.audioDim, intField(j, cfgPath, "d_model"));
    c.textDim = c.audioDim;
    MOTOR_TRY_ASSIGN(c.audioLayers, intField(j, cfgPath, "encoder_layers"));
    MOTOR_TRY_ASSIGN(c.audioHeads, intField(j, cfgPath, "encoder_attention_heads"));
    MOTOR_TRY_ASSIGN(c.audioFfn, intField(j, cfgPath, "encoder_ffn_dim"));
    MOTOR_TRY_ASSIGN(c.textLayers, intField(j, cfgPath, "decoder_layers"));
    MOTOR_TRY_ASSIGN(c.textHeads, intField(j, cfgPath, "decoder_attention_heads"));
    MOTOR_TRY_ASSIGN(c.textFfn, intField(j, cfgPath, "decoder_ffn_dim"));
    MOTOR_TRY_ASSIGN(c.vocabSize, intField(j, cfgPath, "vocab_size"));
    MOTOR_TRY_ASSIGN(c.audioContext, intField(j, cfgPath, "max_source_positions", 1500));
    MOTOR_TRY_ASSIGN(c.textContext, intField(j, cfgPath, "max_target_positions", 448));
    if (const JsonValue* a = j.get("activation_function"); a && (!a->isString() || a->string() != "gelu"))
        return makeError(cfgPath + ": field 'activation_function': only \"gelu\" is supported");
    if (const JsonValue* s = j.get("scale_embedding"); s && s->isBool() && s->boolean())
        return makeError(cfgPath + ": field 'scale_embedding': true is not supported (Whisper checkpoints use false)");

    if (const std::string pp = folder + "/preprocessor_config.json"; fileExists(pp)) {
        auto p = readJsonFile(pp);
        if (!p) return p.error();
        int featureSize = 0;
        MOTOR_TRY_ASSIGN(featureSize, intField(p.value(), pp, "feature_size", c.melBins));
        if (featureSize != c.melBins)
            return makeError(pp + ": field 'feature_size' (" + std::to_string(featureSize) +
                             ") differs from config.json num_mel_bins (" + std::to_string(c.melBins) + ")");
        MOTOR_TRY_ASSIGN(c.sampleRate, intField(p.value(), pp, "sampling_rate", 16000));
        MOTOR_TRY_ASSIGN(c.hopLength, intField(p.value(), pp, "hop_length", 160));
        MOTOR_TRY_ASSIGN(c.nFft, intField(p.value(), pp, "n_fft", 400));
        MOTOR_TRY_ASSIGN(c.chunkSeconds, intField(p.value(), pp, "chunk_length", 30));
    }

    const std::string tokPath = folder + "/tokenizer.json";
    if (!fileExists(tokPath))
        return makeError(folder +
                         ": tokenizer.json is missing (save the processor with the model: "
                         "WhisperProcessor.save_pretrained, or copy it from the base model)");
    auto tokJson = readJsonFile(tokPath);
    if (!tokJson) return tokJson.error();
    JsonValue gen;
    const std::string genPath = folder + "/generation_config.json";
    const bool hasGen = fileExists(genPath);
    if (hasGen) {
        auto g = readJsonFile(genPath);
        if (!g) return g.error();
        gen = std::move(g.value());
    }
    HfTokenizerFiles files;
    files.folder = folder;
    files.tokenizer = &tokJson.value();
    files.modelConfig = &j;
    std::string ignoredTemplate;
    auto tok = hfTokenizerData(files, ignoredTemplate);
    if (!tok) return tok.error();
    w->tokenizer_ = std::move(tok.value());
    TokenizerData& td = w->tokenizer_;

    // Special ids by their text; generation_config.json, when present, has the last word.
    std::map<std::string, int32_t> byText;
    for (size_t i = 0; i < td.tokens.size(); ++i)
        if (td.types.empty() || td.types[i] == TokenType::Control || td.types[i] == TokenType::UserDefined)
            byText.emplace(td.tokens[i], int32_t(i));
    auto idOf = [&](const char* s) {
        auto it = byText.find(s);
        return it == byText.end() ? -1 : it->second;
    };
    SpeechTokenIds& ids = w->ids_;
    ids.eot = idOf("<|endoftext|>");
    ids.sot = idOf("<|startoftranscript|>");
    ids.translate = idOf("<|translate|>");
    ids.transcribe = idOf("<|transcribe|>");
    ids.startOfLm = idOf("<|startoflm|>");
    ids.startOfPrev = idOf("<|startofprev|>");
    ids.noSpeech = idOf("<|nospeech|>") >= 0 ? idOf("<|nospeech|>") : idOf("<|nocaptions|>");
    ids.noTimestamps = idOf("<|notimestamps|>");
    for (const std::string& code : whisperLanguageCodes())
        if (int32_t id = idOf(("<|" + code + "|>").c_str()); id >= 0) ids.languages.push_back({code, id});
    bool haveSuppress = false;
    if (hasGen) {
        auto setId = [&](const char* key, int32_t& out) -> Result<void> {
            if (const JsonValue* v = gen.get(key); v && !v->isNull()) {
                auto i = v->integer();
                if (!i) return makeError(genPath + ": field '" + key + "' is not an integer");
                out = int32_t(*i);
            }
            return {};
        };
        MOTOR_TRY(setId("no_timestamps_token_id", ids.noTimestamps));
        MOTOR_TRY(setId("decoder_start_token_id", ids.sot));
        if (const JsonValue* e = gen.get("eos_token_id"); e && e->integer()) ids.eot = int32_t(*e->integer());
        MOTOR_TRY(setId("prev_sot_token_id", ids.startOfPrev));
        if (const JsonValue* m = gen.get("max_initial_timestamp_index"); m && m->integer())
            ids.maxInitialTimestampIndex = int(*m->integer());
        if (const JsonValue* tasks = gen.get("task_to_id"); tasks && tasks->isObject()) {
            if (const JsonValue* t = tasks->get("transcribe"); t && t->integer())
                ids.transcribe = int32_t(*t->integer());
            if (const JsonValue* t = tasks->get("translate"); t && t->integer()) ids.translate = int32_t(*t->integer());
        }
        if (const JsonValue* langs = gen.get("lang_to_id"); langs && langs->isObject()) {
            ids.languages.clear();
            for (const auto& [key, v] : langs->object()) {
                if (!v.integer() || key.size() < 5 || key.rfind("<|", 0) != 0)
                    return makeError(genPath + ": field 'lang_to_id." + key + "' is not a \"<|code|>\": id entry");
                ids.languages.push_back({key.substr(2, key.size() - 4), int32_t(*v.integer())});
            }
        }
        if (const JsonValue* s = gen.get("suppress_tokens"); s && s->isArray()) {
            ids.suppress = intList(s);
            haveSuppress = true;
        }
        ids.beginSuppress = intList(gen.get("begin_suppress_tokens"));
        if (const JsonValue* m = gen.get("is_multilingual"); m && m->isBool() && !m->boolean()) ids.languages.clear();
    }
    if (!haveSuppress) ids.suppress = whisperNonSpeechTokens(td);
    if (ids.beginSuppress.empty()) {
        for (size_t i = 0; i < td.tokens.size(); ++i)
            if (td.tokens[i] == "\xC4\xA0") ids.beginSuppress.push_back(int32_t(i));  // "Ġ": a lone space
        if (ids.eot >= 0) ids.beginSuppress.push_back(ids.eot);
    }
    ids.timestampBegin = ids.noTimestamps >= 0 ? ids.noTimestamps + 1 : -1;
    td.eos = ids.eot;
    td.bos = -1;
    td.addBos = false;
    td.extraEos.clear();

    // Weights: one file, or shards listed by the index.
    std::vector<std::string> shardNames;
    if (fileExists(folder + "/model.safetensors")) {
        shardNames.push_back("model.safetensors");
    } else if (const std::string idx = folder + "/model.safetensors.index.json"; fileExists(idx)) {
        auto index = readJsonFile(idx);
        if (!index) return index.error();
        const JsonValue* map = index->get("weight_map");
        if (map == nullptr || !map->isObject())
            return makeError(idx + ": field 'weight_map' is missing or not an object");
        for (const auto& [tensor, file] : map->object()) {
            if (!file.isString() || file.string().find('/') != std::string::npos || file.string() == "..")
                return makeError(idx + ": field 'weight_map." + tensor + "' is not a plain file name");
            if (std::find(shardNames.begin(), shardNames.end(), file.string()) == shardNames.end())
                shardNames.push_back(file.string());
        }
    } else if (fileExists(folder + "/pytorch_model.bin")) {
        return makeError(folder +
                         ": only pytorch_model.bin (a pickle) is present; save the model as safetensors "
                         "(model.save_pretrained(dir, safe_serialization=True))");
    } else {
        return makeError(folder + ": neither model.safetensors nor model.safetensors.index.json exists");
    }
    for (const std::string& name : shardNames) {
        auto shard = SafetensorsFile::open(folder + "/" + name);
        if (!shard) return shard.error();
        for (const TensorView& t : shard.value()->tensors()) {
            TensorView v = t;
            v.name = canonicalName(t.name);
            if (v.name == "proj_out.weight") continue;  // tied to the token embedding in every Whisper
            MOTOR_TRY(w->add(std::move(v)));
        }
        w->shards_.push_back(std::move(shard.value()));
    }
    MOTOR_TRY(w->finish());
    return std::unique_ptr<ModelWeights>(std::move(w));
}

}  // namespace motor::gpu::formats
