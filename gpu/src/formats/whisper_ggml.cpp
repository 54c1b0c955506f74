// whisper.cpp's model file (models/convert-pt-to-ggml.py): the magic "ggml" as a
// little-endian int32, eleven int32 hyper-parameters (n_vocab, n_audio_ctx,
// n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head,
// n_text_layer, n_mels, ftype), the mel filterbank (n_mel, n_fft, floats), the
// vocabulary (count, then length-prefixed byte strings), then tensors until the end:
// n_dims, name length, ggml type, ne[n_dims] innermost first, the name, the data.
// Special ids are not stored: they follow from n_vocab as whisper.cpp derives them.
#include <cstring>

#include "formats/byte_reader.h"
#include "formats/mapped_file.h"
#include "formats/try.h"
#include "formats/whisper_weights.h"
#include "tokenizer/utf8.h"

namespace motor::gpu::formats {

namespace {

constexpr uint32_t kGgmlMagic = 0x67676D6C;

struct Cursor {
    const std::byte* p;
    uint64_t left;
    bool read(void* out, uint64_t n) {
        if (n > left) return false;
        std::memcpy(out, p, n);
        p += n;
        left -= n;
        return true;
    }
    bool skip(uint64_t n) {
        if (n > left) return false;
        p += n;
        left -= n;
        return true;
    }
};

// ggml type id -> engine dtype; nullopt for types the engine has no kernels for.
std::optional<DType> ggmlType(int32_t t) {
    switch (t) {
        case 0:
            return DType::F32;
        case 1:
            return DType::F16;
        case 2:
            return DType::Q4_0;
        case 8:
            return DType::Q8_0;
        case 30:
            return DType::BF16;
        default:
            return std::nullopt;
    }
}

const char* ggmlTypeName(int32_t t) {
    switch (t) {
        case 3:
            return "Q4_1";
        case 6:
            return "Q5_0";
        case 7:
            return "Q5_1";
        case 10:
            return "Q2_K";
        case 11:
            return "Q3_K";
        case 12:
            return "Q4_K";
        case 13:
            return "Q5_K";
        case 14:
            return "Q6_K";
        default:
            return "an unknown type";
    }
}

}  // namespace

bool isWhisperGgml(const std::string& path) {
    auto f = MappedFile::open(path);
    if (!f || f->size() < 4) return false;
    uint32_t magic = 0;
    std::memcpy(&magic, f->data(), 4);
    return magic == kGgmlMagic;
}

Result<std::unique_ptr<ModelWeights>> openWhisperGgml(const std::string& path) {
    auto file = MappedFile::open(path);
    if (!file) return file.error();
    std::unique_ptr<WhisperWeights> w(new WhisperWeights());
    w->path_ = path;
    w->format_ = "ggml";
    Cursor c{file->data(), file->size()};
    auto truncated = [&](const std::string& where) { return makeError(path + ": truncated " + where); };
    uint32_t magic = 0;
    int32_t h[11];
    if (!c.read(&magic, 4) || magic != kGgmlMagic)
        return makeError(path + ": not a whisper.cpp ggml model (bad magic)");
    if (!c.read(h, sizeof h)) return truncated("header");
    SpeechConfig& s = w->speech_;
    s.vocabSize = h[0];
    s.audioContext = h[1];
    s.audioDim = h[2];
    s.audioHeads = h[3];
    s.audioLayers = h[4];
    s.textContext = h[5];
    s.textDim = h[6];
    s.textHeads = h[7];
    s.textLayers = h[8];
    s.melBins = h[9];
    s.audioFfn = 4 * s.audioDim;
    s.textFfn = 4 * s.textDim;
    if (s.vocabSize < 51864 || s.vocabSize > 51866)
        return makeError(path + ": n_vocab " + std::to_string(s.vocabSize) +
                         " is not a Whisper vocabulary (51864 English-only, 51865 multilingual, 51866 large-v3)");
    int32_t nMel = 0, nFft = 0;
    if (!c.read(&nMel, 4) || !c.read(&nFft, 4)) return truncated("mel filters");
    if (nMel != s.melBins || nFft <= 0 || nFft > 4096)
        return makeError(path + ": mel filterbank is " + std::to_string(nMel) + " x " + std::to_string(nFft) +
                         ", the model has " + std::to_string(s.melBins) + " bins");
    // The engine computes the same Slaney filterbank itself (tested against the
    // reference), so the stored copy is only skipped.
    if (!c.skip(uint64_t(nMel) * uint64_t(nFft) * 4)) return truncated("mel filters");

    int32_t stored = 0;
    if (!c.read(&stored, 4) || stored < 256 || stored > s.vocabSize) return makeError(path + ": bad vocabulary size");
    TokenizerData& td = w->tokenizer_;
    td.kind = TokenizerKind::ByteLevelBpe;
    td.preTokenizer = "gpt2";
    td.addBos = false;
    td.addSpacePrefix = false;
    for (int32_t i = 0; i < stored; ++i) {
        uint32_t len = 0;
        if (!c.read(&len, 4) || len > c.left || len > 1024)
            return truncated("vocabulary at token " + std::to_string(i));
        std::string sym;
        for (uint32_t k = 0; k < len; ++k) sym += tok::byteToUnicode(uint8_t(c.p[k]));
        c.skip(len);
        td.tokens.push_back(std::move(sym));
        td.types.push_back(TokenType::Normal);
    }

    // whisper.cpp's rule (whisper_model_load): English-only defaults, shifted by one
    // on multilingual models and by the language count beyond 98.
    const bool multilingual = s.vocabSize >= 51865;
    const int languages = s.vocabSize - 51765 - (multilingual ? 1 : 0);
    const int dt = multilingual ? languages - 98 : 0;
    SpeechTokenIds& ids = w->ids_;
    ids.eot = 50256 + (multilingual ? 1 : 0);
    ids.sot = 50257 + (multilingual ? 1 : 0);
    ids.translate = multilingual ? 50357 + dt : -1;
    ids.transcribe = multilingual ? 50358 + dt : -1;
    ids.startOfLm = 50359 + dt;
    ids.startOfPrev = 50360 + dt;
    ids.noSpeech = 50361 + dt;
    ids.noTimestamps = 50362 + dt;
    ids.timestampBegin = 50363 + dt;
    if (multilingual) {
        const auto& codes = whisperLanguageCodes();
        for (int i = 0; i < languages && i < int(codes.size()); ++i)
            ids.languages.push_back({codes[size_t(i)], ids.sot + 1 + i});
    }
    // Name the specials the file does not store, as the HF tokenizer names them.
    td.tokens.resize(size_t(s.vocabSize));
    td.types.resize(size_t(s.vocabSize), TokenType::Control);
    auto name = [&](int32_t id, const std::string& text) {
        if (id >= 0 && id < s.vocabSize) {
            td.tokens[size_t(id)] = text;
            td.types[size_t(id)] = TokenType::Control;
        }
    };
    for (int32_t i = stored; i < s.vocabSize; ++i) name(i, "<|extra_" + std::to_string(i) + "|>");
    name(ids.eot, "<|endoftext|>");
    name(ids.sot, "<|startoftranscript|>");
    for (const auto& l : ids.languages) name(l.id, "<|" + l.code + "|>");
    name(ids.translate, "<|translate|>");
    name(ids.transcribe, "<|transcribe|>");
    name(ids.startOfLm, "<|startoflm|>");
    name(ids.startOfPrev, "<|startofprev|>");
    name(ids.noSpeech, "<|nospeech|>");
    name(ids.noTimestamps, "<|notimestamps|>");
    for (int i = 0; i <= 1500 && ids.timestampBegin + i < s.vocabSize; ++i) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "<|%.2f|>", double(i) * 0.02);
        name(ids.timestampBegin + i, buf);
    }
    td.eos = ids.eot;
    // whisper.cpp suppresses nothing by default; openai suppresses the non-speech
    // symbols (suppress_tokens="-1"): the engine follows openai for every format.
    ids.suppress = whisperNonSpeechTokens(td);
    for (size_t i = 0; i < 256 && i < td.tokens.size(); ++i)
        if (td.tokens[i] == "\xC4\xA0") ids.beginSuppress.push_back(int32_t(i));
    ids.beginSuppress.push_back(ids.eot);

    // Tensors: two passes, sizes first so one aligned block holds them all.
    struct Pending {
        std::string name;
        DType dtype;
        std::vector<int64_t> shape;
        const std::byte* data;
        uint64_t bytes;
    };
    std::vector<Pending> pending;
    uint64_t total = 0;
    while (c.left > 0) {
        int32_t hdr[3];
        if (!c.read(hdr, sizeof hdr))
            return truncated("tensor header after " + std::to_string(pending.size()) + " tensors");
        const int32_t nDims = hdr[0], nameLen = hdr[1], ttype = hdr[2];
        if (nDims < 1 || nDims > 4 || nameLen <= 0 || nameLen > 256)
            return makeError(path + ": bad tensor header after " + std::to_string(pending.size()) + " tensors");
        int32_t ne[4] = {1, 1, 1, 1};
        if (!c.read(ne, uint64_t(nDims) * 4)) return truncated("tensor shape");
        std::string tname(size_t(nameLen), '\0');
        if (!c.read(tname.data(), uint64_t(nameLen))) return truncated("tensor name");
        const auto dtype = ggmlType(ttype);
        if (!dtype)
            return makeError(path + ": tensor " + tname + " is " + ggmlTypeName(ttype) + " (ggml type " +
                             std::to_string(ttype) +
                             "), which the engine cannot compute with; use an f16, f32, q8_0 or q4_0 model file");
        std::vector<int64_t> shape;
        int64_t elements = 1;
        for (int i = nDims - 1; i >= 0; --i) {
            if (ne[i] <= 0) return makeError(path + ": tensor " + tname + " has a non-positive dimension");
            shape.push_back(ne[i]);
            elements *= ne[i];
        }
        // Conv biases are stored as [n, 1] (ne = {1, n}); the engine reads them as {n}.
        if (shape.size() == 2 && shape[1] == 1 && tname.find("conv") != std::string::npos) shape.pop_back();
        const int64_t block = dtypeBlockSize(*dtype);
        if (ne[0] % block != 0)
            return makeError(path + ": tensor " + tname + " rows are not whole quantisation blocks");
        const uint64_t bytes = uint64_t(elements / block) * uint64_t(dtypeBlockBytes(*dtype));
        if (bytes > c.left) return truncated("tensor " + tname);
        pending.push_back({std::move(tname), *dtype, std::move(shape), c.p, bytes});
        c.skip(bytes);
        total += (bytes + 63) & ~uint64_t(63);
    }
    if (pending.empty()) return makeError(path + ": no tensors");
    w->owned_.resize(size_t(total) + 64);
    std::byte* base = w->owned_.data();
    base += (64 - reinterpret_cast<uintptr_t>(base) % 64) % 64;
    uint64_t at = 0;
    for (Pending& p : pending) {
        std::memcpy(base + at, p.data, p.bytes);
        TensorView v;
        v.name = std::move(p.name);
        v.dtype = p.dtype;
        v.shape = std::move(p.shape);
        v.data = base + at;
        v.bytes = int64_t(p.bytes);
        at += (p.bytes + 63) & ~uint64_t(63);
        MOTOR_TRY(w->add(std::move(v)));
    }
    // ggml files do not say the feed-forward width; it is the mlp.0 rows.
    if (const TensorView* t = w->find("encoder.blocks.0.mlp.0.weight"); t && t->shape.size() == 2)
        s.audioFfn = int(t->shape[0]);
    if (const TensorView* t = w->find("decoder.blocks.0.mlp.0.weight"); t && t->shape.size() == 2)
        s.textFfn = int(t->shape[0]);
    MOTOR_TRY(w->finish());
    return std::unique_ptr<ModelWeights>(std::move(w));
}

}  // namespace motor::gpu::formats
