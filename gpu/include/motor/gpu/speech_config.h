#pragma once
// What a Whisper model is: its shape and its special tokens. Filled by the format
// readers (HF folder, whisper.cpp ggml file) and carried by ModelWeights.
#include <cstdint>
#include <string>
#include <vector>

namespace motor::gpu {

// Hyper-parameters of a Whisper model: config.json (HF) or the ggml file header.
struct SpeechConfig {
    int melBins = 80;         // 80 (tiny .. large-v2), 128 (large-v3)
    int audioContext = 1500;  // encoder positions per 30 s window
    int audioDim = 0;
    int audioHeads = 0;
    int audioLayers = 0;
    int audioFfn = 0;
    int textContext = 448;  // decoder positions
    int textDim = 0;
    int textHeads = 0;
    int textLayers = 0;
    int textFfn = 0;
    int vocabSize = 0;
    float normEps = 1e-5f;
    // Audio front end (preprocessor_config.json; whisper.cpp files use the defaults).
    int sampleRate = 16000;
    int nFft = 400;
    int hopLength = 160;
    int chunkSeconds = 30;
    int windowFrames() const { return chunkSeconds * sampleRate / hopLength; }  // 3000
};

// Special token ids. Whatever the source, the layout is whisper's: eot, sot, the
// language tokens, translate, transcribe, startoflm, startofprev, nospeech,
// notimestamps, then the timestamps <|0.00|> .. <|30.00|> in 20 ms steps.
struct SpeechTokenIds {
    int32_t eot = -1;
    int32_t sot = -1;
    int32_t translate = -1;  // -1 on English-only models
    int32_t transcribe = -1;
    int32_t startOfLm = -1;
    int32_t startOfPrev = -1;
    int32_t noSpeech = -1;
    int32_t noTimestamps = -1;
    int32_t timestampBegin = -1;  // <|0.00|>
    struct Language {
        std::string code;  // "en", "fi", ...
        int32_t id = -1;
    };
    std::vector<Language> languages;     // empty on English-only models
    std::vector<int32_t> suppress;       // generation_config suppress_tokens (non-speech symbols)
    std::vector<int32_t> beginSuppress;  // at the first sampled position (" " and eot)
    int maxInitialTimestampIndex = 50;   // the first timestamp is at most 1.00 s

    bool multilingual() const { return !languages.empty(); }
    int32_t languageId(const std::string& code) const;
    std::string languageCode(int32_t id) const;
};

}  // namespace motor::gpu
