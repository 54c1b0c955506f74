// Fuzzes the GGUF reader and everything built on a successfully parsed file: the
// metadata mapping, tensor validation and the tokenizer.
#include <cstddef>
#include <cstdint>

#include "formats/gguf_file.h"
#include "formats/gguf_model.h"
#include "motor/gpu/tokenizer.h"

namespace mf = motor::gpu::formats;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto file = mf::GgufFile::parse("fuzz.gguf", reinterpret_cast<const std::byte*>(data), size);
    if (!file) return 0;
    // Every accepted tensor range must lie inside the input: touch both ends.
    volatile uint8_t sink = 0;
    for (const auto& t : file.value()->tensors()) {
        if (t.bytes > 0) sink = sink + static_cast<uint8_t>(t.data[0]) + static_cast<uint8_t>(t.data[t.bytes - 1]);
    }
    auto model = mf::GgufModel::fromFile(std::move(file.value()));
    if (!model) return 0;
    auto tok = motor::gpu::Tokenizer::create(model.value()->tokenizerData());
    if (!tok) return 0;
    const auto ids = tok->encode("Once upon a time, äiti sanoi 123 <|im_start|> 😀");
    (void)tok->decode(ids);
    for (int32_t id = 0; id < tok->vocabSize() && id < 4096; ++id) (void)tok->tokenPiece(id);
    return 0;
}
