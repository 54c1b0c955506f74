// A deterministic byte-level BPE vocabulary for random models. The merges are learned
// from a short built-in text so that ordinary English and Finnish words encode to a
// few tokens, like a real vocabulary, instead of one token per byte.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "motor/gpu/model_writer.h"
#include "tokenizer/utf8.h"

namespace motor::gpu {

namespace {

const char* kCorpus =
    "The teacher asks the students to plan their work before they start. "
    "A student who plans the task, monitors the progress and reflects on the result "
    "is learning to regulate the learning process. The group talks about the goal, "
    "then the students take notes and share their ideas with the class. "
    "When the task is hard, the students feel frustrated, but they try again and ask for help. "
    "Opettaja pyytää oppilaita suunnittelemaan työnsä ennen kuin he aloittavat. "
    "Oppilas, joka suunnittelee tehtävän, seuraa edistymistä ja pohtii tulosta, oppii säätelemään oppimistaan. "
    "Ryhmä keskustelee tavoitteesta, ja sitten oppilaat kirjoittavat muistiinpanoja ja jakavat ideoitaan. "
    "Kun tehtävä on vaikea, oppilaat turhautuvat, mutta he yrittävät uudelleen ja pyytävät apua. "
    "Behavior, cognition and emotion: the label is one of the codes in the codebook. "
    "{\"label\": \"planning\", \"rationale\": \"the student sets a goal\"} 0123456789 ";

using Word = std::vector<std::string>;  // symbols of one pre-tokenised word

std::vector<Word> corpusWords() {
    std::vector<Word> words;
    const std::string text = kCorpus;
    size_t i = 0;
    while (i < text.size()) {
        // A word is an optional leading space and a run of non-space bytes, close
        // enough to the regex pre-tokenisers for the merges to be useful.
        size_t j = i;
        if (text[j] == ' ') ++j;
        while (j < text.size() && text[j] != ' ') ++j;
        if (j == i) ++j;
        Word w;
        for (size_t k = i; k < j; ++k) w.push_back(tok::byteToUnicode(static_cast<uint8_t>(text[k])));
        words.push_back(std::move(w));
        i = j;
    }
    return words;
}

}  // namespace

TokenizerData makeSmallByteLevelTokenizer(int vocabSize, Architecture arch) {
    TokenizerData t;
    t.kind = TokenizerKind::ByteLevelBpe;
    t.preTokenizer = arch == Architecture::Llama ? "llama3" : "qwen2";
    t.ignoreMerges = arch == Architecture::Llama;
    t.addBos = false;
    t.addSpacePrefix = false;
    for (int b = 0; b < 256; ++b) t.tokens.push_back(tok::byteToUnicode(static_cast<uint8_t>(b)));
    const int specials = 3;
    const int target = std::max(vocabSize, 256 + specials) - specials;

    std::vector<Word> words = corpusWords();
    while (static_cast<int>(t.tokens.size()) < target) {
        std::map<std::pair<std::string, std::string>, int> counts;
        for (const Word& w : words)
            for (size_t k = 0; k + 1 < w.size(); ++k) ++counts[{w[k], w[k + 1]}];
        // Most frequent pair; std::map order breaks ties deterministically.
        const std::pair<std::string, std::string>* best = nullptr;
        int bestCount = 1;
        for (const auto& [pair, n] : counts)
            if (n > bestCount) {
                bestCount = n;
                best = &pair;
            }
        if (best == nullptr) break;
        const auto [a, b] = *best;
        t.merges.push_back(a + " " + b);
        t.tokens.push_back(a + b);
        for (Word& w : words) {
            Word merged;
            for (size_t k = 0; k < w.size(); ++k) {
                if (k + 1 < w.size() && w[k] == a && w[k + 1] == b) {
                    merged.push_back(a + b);
                    ++k;
                } else {
                    merged.push_back(w[k]);
                }
            }
            w = std::move(merged);
        }
    }
    // Fillers no merge can produce keep the vocabulary at the requested size.
    for (int k = 0; static_cast<int>(t.tokens.size()) < target; ++k)
        t.tokens.push_back("<|extra_" + std::to_string(k) + "|>");
    t.types.assign(t.tokens.size(), TokenType::Normal);
    const auto endOfText = static_cast<int32_t>(t.tokens.size());
    for (const char* s : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}) {
        t.tokens.push_back(s);
        t.types.push_back(TokenType::Control);
    }
    t.bos = endOfText;
    t.eos = endOfText + 2;  // <|im_end|> ends a chat turn
    t.pad = endOfText;
    t.extraEos = {endOfText};
    return t;
}

}  // namespace motor::gpu
