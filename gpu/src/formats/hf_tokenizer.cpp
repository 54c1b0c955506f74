#include "formats/hf_tokenizer.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "formats/try.h"

namespace motor::gpu::formats {

namespace {

constexpr int64_t kMaxVocab = 10'000'000;

// Collects every string found under a JSON subtree (regex patterns, decoder kinds).
void collectStrings(const JsonValue& v, std::vector<std::string>& out, int depth = 0) {
    if (depth > 32) return;
    if (v.isString()) out.push_back(v.string());
    for (const auto& item : v.array()) collectStrings(item, out, depth + 1);
    for (const auto& [k, item] : v.object()) collectStrings(item, out, depth + 1);
}

bool containsString(const JsonValue* v, const std::string& needle) {
    if (v == nullptr) return false;
    std::vector<std::string> all;
    collectStrings(*v, all);
    for (const auto& s : all)
        if (s.find(needle) != std::string::npos) return true;
    return false;
}

// Token content from "eos_token": "<|im_end|>" or {"content": "<|im_end|>", ...}.
std::string tokenContent(const JsonValue* v) {
    if (v == nullptr) return {};
    if (v->isString()) return v->string();
    if (const JsonValue* c = v->get("content"); c && c->isString()) return c->string();
    return {};
}

// Integer ids from 2 or [2, 32000].
std::vector<int64_t> idList(const JsonValue* v) {
    std::vector<int64_t> out;
    if (v == nullptr) return out;
    if (auto i = v->integer()) out.push_back(*i);
    for (const auto& item : v->array())
        if (auto i = item.integer()) out.push_back(*i);
    return out;
}

bool isByteToken(const std::string& s) {
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    return s.size() == 6 && s[0] == '<' && s[1] == '0' && s[2] == 'x' && hex(s[3]) && hex(s[4]) && s[5] == '>';
}

}  // namespace

Result<TokenizerData> hfTokenizerData(const HfTokenizerFiles& files, std::string& chatTemplate) {
    const std::string tokFile = files.folder + "/tokenizer.json";
    const JsonValue& root = *files.tokenizer;
    if (!root.isObject()) return makeError(tokFile + ": top level is not a JSON object");
    const JsonValue* model = root.get("model");
    if (model == nullptr || !model->isObject()) return makeError(tokFile + ": field 'model' is missing");
    const JsonValue* type = model->get("type");
    if (type != nullptr && (!type->isString() || type->string() != "BPE"))
        return makeError(tokFile + ": field 'model.type': only BPE tokenizers are supported");
    const JsonValue* vocab = model->get("vocab");
    if (vocab == nullptr || !vocab->isObject())
        return makeError(tokFile + ": field 'model.vocab' is missing or not an object");

    // Real vocabularies are dense; a few holes are tolerated, a forged huge id is not
    // (it would make us allocate a slot for every id below it).
    const JsonValue* addedTokens = root.get("added_tokens");
    const int64_t maxId = std::min<int64_t>(
        kMaxVocab,
        static_cast<int64_t>(vocab->object().size() + (addedTokens ? addedTokens->array().size() : 0)) + 4096);
    TokenizerData t;
    std::vector<bool> filled;
    auto place = [&](int64_t id, const std::string& piece, TokenType kind, const char* field) -> Result<void> {
        if (id < 0 || id >= maxId)
            return makeError(tokFile + ": field '" + field + "': id " + std::to_string(id) + " of \"" + piece +
                             "\" is out of range");
        const auto k = static_cast<size_t>(id);
        if (k >= t.tokens.size()) {
            t.tokens.resize(k + 1);
            t.types.resize(k + 1, TokenType::Unused);
            filled.resize(k + 1, false);
        }
        t.tokens[k] = piece;
        t.types[k] = kind;
        filled[k] = true;
        return {};
    };
    for (const auto& [piece, id] : vocab->object()) {
        auto i = id.integer();
        if (!i) return makeError(tokFile + ": field 'model.vocab': id of \"" + piece + "\" is not an integer");
        MOTOR_TRY(place(*i, piece, isByteToken(piece) ? TokenType::Byte : TokenType::Normal, "model.vocab"));
    }
    if (const JsonValue* added = addedTokens; added && !added->isNull()) {
        if (!added->isArray()) return makeError(tokFile + ": field 'added_tokens' must be an array");
        for (const JsonValue& a : added->array()) {
            const JsonValue* id = a.get("id");
            const JsonValue* content = a.get("content");
            if (id == nullptr || !id->integer() || content == nullptr || !content->isString())
                return makeError(tokFile + ": field 'added_tokens': entry without integer 'id' and string 'content'");
            const JsonValue* special = a.get("special");
            const bool isSpecial = special != nullptr && special->isBool() && special->boolean();
            MOTOR_TRY(place(*id->integer(), content->string(), isSpecial ? TokenType::Control : TokenType::UserDefined,
                            "added_tokens"));
        }
    }
    if (t.tokens.empty()) return makeError(tokFile + ": field 'model.vocab' is empty");
    for (size_t k = 0; k < filled.size(); ++k)
        if (!filled[k]) t.tokens[k] = "<|unused_" + std::to_string(k) + "|>";  // holes keep ids stable

    if (const JsonValue* merges = model->get("merges"); merges && !merges->isNull()) {
        if (!merges->isArray()) return makeError(tokFile + ": field 'model.merges' must be an array");
        for (const JsonValue& m : merges->array()) {
            if (m.isString()) {
                t.merges.push_back(m.string());
            } else if (m.isArray() && m.array().size() == 2 && m.array()[0].isString() && m.array()[1].isString()) {
                t.merges.push_back(m.array()[0].string() + " " + m.array()[1].string());
            } else {
                return makeError(tokFile + ": field 'model.merges': entry is neither \"a b\" nor [\"a\", \"b\"]");
            }
        }
    }

    std::unordered_map<std::string, int32_t> ids;
    for (size_t k = 0; k < t.tokens.size(); ++k) ids.emplace(t.tokens[k], static_cast<int32_t>(k));
    auto idOf = [&](const std::string& s) {
        auto it = ids.find(s);
        return it == ids.end() ? -1 : it->second;
    };

    const JsonValue* byteFallback = model->get("byte_fallback");
    const bool spm = (byteFallback != nullptr && byteFallback->isBool() && byteFallback->boolean()) ||
                     containsString(root.get("pre_tokenizer"), "Metaspace") ||
                     containsString(root.get("normalizer"), "\xE2\x96\x81");
    if (spm) {
        // SentencePiece merges by score; HF stores ranks, so rank r becomes score -r.
        t.kind = TokenizerKind::SentencePiece;
        t.scores.assign(t.tokens.size(), -1e9f);
        for (size_t r = 0; r < t.merges.size(); ++r) {
            const std::string& m = t.merges[r];
            const size_t sp = m.find(' ');
            if (sp == std::string::npos) continue;
            const int32_t id = idOf(m.substr(0, sp) + m.substr(sp + 1));
            if (id >= 0 && t.scores[id] < -static_cast<float>(r)) t.scores[id] = -static_cast<float>(r);
        }
        t.merges.clear();
        const JsonValue* pre = root.get("pre_tokenizer");
        t.addSpacePrefix = containsString(root.get("normalizer"), "Prepend") || containsString(pre, "first") ||
                           containsString(pre, "always");
        if (pre != nullptr)
            if (const JsonValue* aps = pre->get("add_prefix_space"); aps && aps->isBool())
                t.addSpacePrefix = aps->boolean();
        t.addBos = true;
    } else {
        t.kind = TokenizerKind::ByteLevelBpe;
        t.addSpacePrefix = false;
        t.addBos = false;
        const JsonValue* pre = root.get("pre_tokenizer");
        if (const JsonValue* im = model->get("ignore_merges"); im && im->isBool()) t.ignoreMerges = im->boolean();
        if (containsString(pre, "\\p{N}{1,3}"))
            t.preTokenizer = "llama3";
        else if (containsString(pre, "[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"))
            t.preTokenizer = "qwen2";
        else
            t.preTokenizer = "gpt2";
    }
    if (const JsonValue* unk = model->get("unk_token"); unk && unk->isString()) t.unk = idOf(unk->string());

    const JsonValue* tc = files.tokenizerConfig;
    const std::string tcFile = files.folder + "/tokenizer_config.json";
    std::string bosText, eosText;
    if (tc != nullptr) {
        if (!tc->isObject()) return makeError(tcFile + ": top level is not a JSON object");
        if (const JsonValue* ct = tc->get("chat_template"); ct && !ct->isNull()) {
            if (ct->isString()) {
                chatTemplate = ct->string();
            } else if (ct->isArray()) {  // [{"name": "default", "template": "..."}, ...]
                for (const JsonValue& e : ct->array()) {
                    const JsonValue* n = e.get("name");
                    const JsonValue* tpl = e.get("template");
                    if (n && n->isString() && n->string() == "default" && tpl && tpl->isString())
                        chatTemplate = tpl->string();
                }
            } else {
                return makeError(tcFile + ": field 'chat_template' must be a string or a list of named templates");
            }
        }
        bosText = tokenContent(tc->get("bos_token"));
        eosText = tokenContent(tc->get("eos_token"));
        if (const JsonValue* ab = tc->get("add_bos_token"); ab && !ab->isNull()) {
            if (!ab->isBool()) return makeError(tcFile + ": field 'add_bos_token' must be true or false");
            t.addBos = ab->boolean();
        }
        if (std::string pad = tokenContent(tc->get("pad_token")); !pad.empty()) t.pad = idOf(pad);
    }
    auto inVocab = [&](int64_t id) { return id >= 0 && static_cast<size_t>(id) < t.tokens.size(); };
    if (!bosText.empty()) t.bos = idOf(bosText);
    if (!eosText.empty()) t.eos = idOf(eosText);
    std::vector<int64_t> eosIds;
    for (const JsonValue* cfg : {files.modelConfig, files.generationConfig}) {
        if (cfg == nullptr) continue;
        if (t.bos < 0)
            for (int64_t id : idList(cfg->get("bos_token_id")))
                if (inVocab(id)) t.bos = static_cast<int32_t>(id);
        for (int64_t id : idList(cfg->get("eos_token_id"))) eosIds.push_back(id);
    }
    for (int64_t id : eosIds) {
        if (!inVocab(id)) continue;
        if (t.eos < 0) t.eos = static_cast<int32_t>(id);
        bool known = id == t.eos;
        for (int32_t e : t.extraEos) known = known || e == id;
        if (!known) t.extraEos.push_back(static_cast<int32_t>(id));
    }
    // Llama 3 says nothing in add_bos_token; its post-processor inserts the BOS.
    if (t.bos >= 0 && tc != nullptr && tc->get("add_bos_token") == nullptr &&
        containsString(root.get("post_processor"), t.tokens[t.bos]))
        t.addBos = true;
    if (t.tokens.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
        return makeError(tokFile + ": vocabulary too large");
    return t;
}

}  // namespace motor::gpu::formats
