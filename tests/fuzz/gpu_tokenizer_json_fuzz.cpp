// Fuzzes tokenizer.json / config.json handling and the tokenizers themselves.
// The first byte picks the mode:
//   even: the rest is a tokenizer.json (and config.json) document;
//   odd:  the rest is text for the byte-level and SentencePiece encoders, which must
//         round-trip it exactly (SentencePiece: unless it contains U+2581).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/hf_config.h"
#include "formats/hf_tokenizer.h"
#include "formats/json_value.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/token_stream_decoder.h"
#include "motor/gpu/tokenizer.h"

namespace mg = motor::gpu;
namespace mf = motor::gpu::formats;

namespace {

const mg::Tokenizer& byteLevel(mg::Architecture arch) {
    static const mg::Tokenizer llama =
        mg::Tokenizer::create(mg::makeSmallByteLevelTokenizer(400, mg::Architecture::Llama)).value();
    static const mg::Tokenizer qwen =
        mg::Tokenizer::create(mg::makeSmallByteLevelTokenizer(400, mg::Architecture::Qwen2)).value();
    return arch == mg::Architecture::Llama ? llama : qwen;
}

const mg::Tokenizer& sentencePiece() {
    static const mg::Tokenizer tok = [] {
        mg::TokenizerData d;
        d.kind = mg::TokenizerKind::SentencePiece;
        for (const char* s : {"<unk>", "<s>", "</s>"}) d.tokens.push_back(s);
        for (int b = 0; b < 256; ++b) {
            static const char* hex = "0123456789ABCDEF";
            d.tokens.push_back(std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">");
        }
        for (const char* s : {"\xE2\x96\x81", "\xE2\x96\x81t", "he", "\xE2\x96\x81the", "a", "\xC3\xA4"})
            d.tokens.push_back(s);
        d.scores.assign(d.tokens.size(), 0.0f);
        for (size_t k = 259; k < d.tokens.size(); ++k) d.scores[k] = -static_cast<float>(k);
        d.types.assign(d.tokens.size(), mg::TokenType::Normal);
        d.types[0] = mg::TokenType::Unknown;
        d.types[1] = d.types[2] = mg::TokenType::Control;
        for (int b = 0; b < 256; ++b) d.types[3 + b] = mg::TokenType::Byte;
        d.bos = 1;
        d.eos = 2;
        d.unk = 0;
        return mg::Tokenizer::create(d).value();
    }();
    return tok;
}

void checkText(std::string_view text) {
    for (auto arch : {mg::Architecture::Llama, mg::Architecture::Qwen2}) {
        const mg::Tokenizer& t = byteLevel(arch);
        const auto ids = t.encode(text, mg::Tokenizer::AddSpecial::No, mg::Tokenizer::SpecialText::Plain);
        if (t.decode(ids) != text) std::abort();  // byte-level BPE is lossless for any bytes
        mg::TokenStreamDecoder stream(t);
        for (int32_t id : ids) (void)stream.push(id);
        (void)stream.finish();
        (void)t.encode(text);
    }
    const mg::Tokenizer& spm = sentencePiece();
    const auto ids = spm.encode(text, mg::Tokenizer::AddSpecial::Yes, mg::Tokenizer::SpecialText::Plain);
    // Byte fallback covers every byte; only a literal U+2581 in the input comes back
    // as a space, which is SentencePiece's own convention.
    if (text.find("\xE2\x96\x81") == std::string_view::npos && spm.decode(ids) != text) std::abort();
    (void)spm.encode(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    if (data[0] & 1) {
        checkText(rest);
        return 0;
    }
    auto json = mf::JsonValue::parse(rest, "fuzz.json");
    if (!json) return 0;
    (void)mf::hfModelConfig(json.value(), "config.json");
    mf::HfTokenizerFiles files;
    files.folder = "fuzz";
    files.tokenizer = &json.value();
    files.tokenizerConfig = &json.value();
    std::string chatTemplate;
    auto d = mf::hfTokenizerData(files, chatTemplate);
    if (!d) return 0;
    auto tok = mg::Tokenizer::create(d.value());
    if (!tok) return 0;
    const auto ids = tok->encode("Hello wörld 123 <|im_end|> 😀 \n\n");
    (void)tok->decode(ids);
    return 0;
}
