// Prints what the engine's loader sees in a model: configuration, tokenizer summary and
// tensors. Exit status 1 with the loader's error when the model does not open.
#include <cstdio>
#include <string>

#include "motor/gpu/weights.h"

int main(int argc, char** argv) {
    using namespace motor::gpu;
    if (argc < 2) {
        std::fprintf(stderr, "usage: motor-inspect-model MODEL.gguf|HF_FOLDER [--tensors]\n");
        return 2;
    }
    auto m = openModel(argv[1]);
    if (!m) {
        std::fprintf(stderr, "motor-inspect-model: %s\n", m.error().message.c_str());
        return 1;
    }
    const ModelWeights& w = *m.value();
    const ModelConfig& c = w.config();
    std::printf(
        "format        %s\narch          %s\nvocab         %d\ndim           %d\nhidden        %d\n"
        "layers        %d\nheads         %d\nkv heads      %d\nhead dim      %d\ncontext       %d\n"
        "rms eps       %g\nrope theta    %g\nrope style    %s\nrope scaling  %d (factor %g)\n"
        "tied          %d\nqkv bias      %d\nqk norm       %d\n",
        w.formatName(), architectureName(c.arch), c.vocabSize, c.dim, c.hiddenDim, c.layers, c.heads, c.kvHeads,
        c.headDim, c.contextLength, static_cast<double>(c.rmsEps), static_cast<double>(c.ropeTheta),
        c.ropeStyle == RopeStyle::NeoX ? "neox" : "interleaved", static_cast<int>(c.ropeScaling.kind),
        static_cast<double>(c.ropeScaling.factor), c.tiedEmbeddings, c.qkvBias, c.qkNorm);
    const TokenizerData& t = w.tokenizerData();
    std::printf("tokenizer     %s, %zu tokens, %zu merges, pre '%s', bos %d, eos %d, add bos %d\n",
                t.kind == TokenizerKind::SentencePiece ? "sentencepiece" : "byte-level bpe", t.tokens.size(),
                t.merges.size(), t.preTokenizer.c_str(), t.bos, t.eos, t.addBos);
    std::printf("chat template %zu bytes\ntensors       %zu\n", w.chatTemplate().size(), w.tensors().size());
    if (argc > 2 && std::string(argv[2]) == "--tensors") {
        for (const TensorView& v : w.tensors()) {
            std::string shape;
            for (int64_t d : v.shape) shape += (shape.empty() ? "" : " x ") + std::to_string(d);
            std::printf("  %-32s %-5s %s\n", v.name.c_str(), dtypeName(v.dtype), shape.c_str());
        }
    }
    return 0;
}
