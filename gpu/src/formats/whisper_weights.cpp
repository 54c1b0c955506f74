#include "formats/whisper_weights.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "tokenizer/utf8.h"

namespace motor::gpu {

int32_t SpeechTokenIds::languageId(const std::string& code) const {
    for (const Language& l : languages)
        if (l.code == code) return l.id;
    return -1;
}

std::string SpeechTokenIds::languageCode(int32_t id) const {
    for (const Language& l : languages)
        if (l.id == id) return l.code;
    return {};
}

}  // namespace motor::gpu

namespace motor::gpu::formats {

const TensorView* WhisperWeights::find(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

Result<void> WhisperWeights::add(TensorView t) {
    if (!index_.emplace(t.name, tensors_.size()).second)
        return makeError(path_ + ": tensor '" + t.name + "' appears more than once");
    tensors_.push_back(std::move(t));
    return {};
}

Result<void> WhisperWeights::finish() {
    const SpeechConfig& c = speech_;
    auto bad = [&](const std::string& what) { return makeError(path_ + ": invalid Whisper config: " + what); };
    if (c.melBins <= 0 || c.audioDim <= 0 || c.audioHeads <= 0 || c.audioLayers <= 0 || c.audioFfn <= 0 ||
        c.textDim <= 0 || c.textHeads <= 0 || c.textLayers <= 0 || c.textFfn <= 0 || c.vocabSize <= 0)
        return bad("non-positive size");
    if (c.audioDim % c.audioHeads != 0 || c.textDim % c.textHeads != 0) return bad("width not a multiple of the heads");
    if (c.audioDim != c.textDim)
        return bad("encoder width " + std::to_string(c.audioDim) + " differs from decoder width " +
                   std::to_string(c.textDim));
    if (c.sampleRate != 16000 || c.hopLength != 160 || c.nFft != 400 || c.chunkSeconds != 30)
        return bad("audio front end must be 16000 Hz, n_fft 400, hop 160, 30 s chunks");
    if (c.audioContext * 2 != c.windowFrames())
        return bad("max_source_positions must be 1500 (30 s of mel frames / 2)");
    if (c.textContext <= 8) return bad("max_target_positions too small");
    const SpeechTokenIds& t = ids_;
    for (auto [id, what] :
         {std::pair{t.eot, "<|endoftext|>"}, {t.sot, "<|startoftranscript|>"}, {t.noTimestamps, "<|notimestamps|>"}})
        if (id < 0 || id >= c.vocabSize) return makeError(path_ + ": special token " + what + " is missing");
    if (t.timestampBegin != t.noTimestamps + 1 || t.timestampBegin + 1501 > c.vocabSize)
        return makeError(path_ + ": the vocabulary (" + std::to_string(c.vocabSize) +
                         ") has no room for the 1501 timestamp tokens after <|notimestamps|>");
    textConfig_ = ModelConfig{};
    textConfig_.vocabSize = c.vocabSize;
    textConfig_.dim = c.textDim;
    textConfig_.hiddenDim = c.textFfn;
    textConfig_.layers = c.textLayers;
    textConfig_.heads = textConfig_.kvHeads = c.textHeads;
    textConfig_.headDim = c.textDim / c.textHeads;
    textConfig_.contextLength = c.textContext;
    textConfig_.tiedEmbeddings = true;
    // Name every id the vocabulary lacks, so decoding can tell timestamps and
    // specials from text by type alone.
    if (tokenizer_.tokens.size() < size_t(c.vocabSize)) {
        const size_t from = tokenizer_.tokens.size();
        tokenizer_.tokens.resize(size_t(c.vocabSize));
        tokenizer_.types.resize(size_t(c.vocabSize), TokenType::Control);
        if (!tokenizer_.scores.empty()) tokenizer_.scores.resize(size_t(c.vocabSize), 0.0f);
        for (size_t i = from; i < tokenizer_.tokens.size(); ++i) {
            const int64_t ts = int64_t(i) - t.timestampBegin;
            if (ts >= 0 && ts <= 1500) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "<|%.2f|>", double(ts) * 0.02);
                tokenizer_.tokens[i] = buf;
            } else {
                tokenizer_.tokens[i] = "<|extra_" + std::to_string(i) + "|>";
            }
        }
    }
    for (size_t i = size_t(t.eot); i < tokenizer_.tokens.size(); ++i) tokenizer_.types[i] = TokenType::Control;
    return {};
}

const std::vector<std::string>& whisperLanguageCodes() {
    static const std::vector<std::string> codes = {
        "en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt",  "tr", "pl", "ca", "nl", "ar", "sv", "it", "id",
        "hi", "fi", "vi", "he", "uk", "el", "ms", "cs", "ro",  "da", "hu", "ta", "no", "th", "ur", "hr", "bg",
        "lt", "la", "mi", "ml", "cy", "sk", "te", "fa", "lv",  "bn", "sr", "az", "sl", "kn", "et", "mk", "br",
        "eu", "is", "hy", "ne", "mn", "bs", "kk", "sq", "sw",  "gl", "mr", "pa", "si", "km", "sn", "yo", "so",
        "af", "oc", "ka", "be", "tg", "sd", "gu", "am", "yi",  "lo", "uz", "fo", "ht", "ps", "tk", "nn", "mt",
        "sa", "lb", "my", "bo", "tl", "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue"};
    return codes;
}

std::vector<int32_t> whisperNonSpeechTokens(const TokenizerData& t) {
    // openai/whisper tokenizer.non_speech_tokens: these symbols and " " + symbol when
    // each is a single token, plus " -" and " '". Musical symbols are multi-byte and
    // never single tokens in the GPT-2 vocabulary; their first byte-level token is
    // taken as openai does, here the longest vocabulary prefix.
    std::unordered_map<std::string, int32_t> byBytes;
    for (size_t i = 0; i < t.tokens.size(); ++i) {
        if (!t.types.empty() && t.types[i] == TokenType::Control) continue;
        std::string bytes;
        const std::string& s = t.tokens[i];
        for (size_t pos = 0; pos < s.size();) {
            const size_t start = pos;
            const int b = tok::unicodeToByte(tok::nextCodePoint(s, pos));
            if (b >= 0)
                bytes += char(b);
            else
                bytes.append(s, start, pos - start);
        }
        byBytes.emplace(bytes, int32_t(i));
    }
    std::vector<std::string> symbols;
    for (char c : std::string("\"#()*+/:;<=>@[\\]^_`{|}~")) symbols.emplace_back(1, c);
    for (const char* s : {"\xE3\x80\x8C",
                          "\xE3\x80\x8D",
                          "\xE3\x80\x8E",
                          "\xE3\x80\x8F",
                          "<<",
                          ">>",
                          "<<<",
                          ">>>",
                          "--",
                          "---",
                          "-(",
                          "-[",
                          "('",
                          "(\"",
                          "((",
                          "))",
                          "(((",
                          ")))",
                          "[[",
                          "]]",
                          "{{",
                          "}}",
                          "\xE2\x99\xAA\xE2\x99\xAA",
                          "\xE2\x99\xAA\xE2\x99\xAA\xE2\x99\xAA"})
        symbols.emplace_back(s);
    const std::vector<std::string> misc = {"\xE2\x99\xA9", "\xE2\x99\xAA", "\xE2\x99\xAB", "\xE2\x99\xAC",
                                           "\xE2\x99\xAD", "\xE2\x99\xAE", "\xE2\x99\xAF"};
    std::vector<int32_t> out;
    auto addIf = [&](const std::string& s, bool prefix) {
        if (auto it = byBytes.find(s); it != byBytes.end()) {
            out.push_back(it->second);
            return;
        }
        if (!prefix) return;
        for (size_t n = s.size() - 1; n > 0; --n)
            if (auto it = byBytes.find(s.substr(0, n)); it != byBytes.end()) {
                out.push_back(it->second);
                return;
            }
    };
    addIf(" -", false);
    addIf(" '", false);
    for (const auto& s : symbols) {
        addIf(s, false);
        addIf(" " + s, false);
    }
    for (const auto& s : misc) {
        addIf(s, true);
        addIf(" " + s, true);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace motor::gpu::formats
