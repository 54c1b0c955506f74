#include "motor/gpu/engine.h"
#include "motor/gpu/tokenizer.h"

namespace motor::gpu {

Result<std::vector<std::string>> tokenBytesForModel(const Model& model) {
    auto tok = Tokenizer::create(model.tokenizerData());
    if (!tok) return tok.error();
    std::vector<std::string> bytes(size_t(model.vocabSize()));
    for (int32_t id = 0; id < model.vocabSize(); ++id)
        if (!tok->isControl(id)) bytes[size_t(id)] = tok->tokenPiece(id);
    return bytes;
}

Result<GenerateResult> generateText(const Model& model, const std::string& prompt, GenerateOptions options) {
    auto tok = Tokenizer::create(model.tokenizerData());
    if (!tok) return tok.error();
    const std::vector<int32_t> ids = tok->encode(prompt);
    if (ids.empty()) return makeError("generateText: the prompt encodes to no tokens");
    auto bytes = tokenBytesForModel(model);
    if (!bytes) return bytes.error();
    if (options.stopIds.empty())
        for (int32_t id = 0; id < model.vocabSize(); ++id)
            if (tok->isEndOfGeneration(id)) options.stopIds.push_back(id);
    if (!options.tokenBytes) options.tokenBytes = &bytes.value();
    Session session = model.newSession();
    if (auto ok = session.prefill(ids); !ok) return ok.error();
    auto result = generate(session, options);
    if (result.ok()) result->text = tok->decode(result->tokens);
    return result;
}

}  // namespace motor::gpu
