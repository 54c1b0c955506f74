// Writes a random-weight model of a given shape as a Hugging Face folder and/or a
// GGUF file (same weights in both), for tests and benchmarks.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "motor/gpu/convert.h"
#include "motor/gpu/model_writer.h"
#include "motor/gpu/weights.h"

namespace {

void usage() {
    std::fprintf(
        stderr,
        "usage: motor-make-model --arch llama|qwen2|qwen3 --dim D --layers L --heads H --kv-heads K\n"
        "                        --hidden F --vocab V [--head-dim HD] [--tied] [--dtype f32|f16|bf16|q8_0|q4_0]\n"
        "                        [--seed S] [--context N] [--out-hf DIR] [--out-gguf FILE] [--hf-dtype f32|f16|bf16]\n"
        "                        [--vision-dim D --vision-layers L --vision-heads H --vision-hidden F]\n"
        "Quantised dtypes apply to the GGUF file; the HF folder is then written in --hf-dtype (default\n"
        "F32; otherwise the HF folder is in --dtype). Tensors are generated and written one at a time.\n"
        "With --vision-dim the model is an InternVL-3.5-shaped vision-language model (qwen3 only):\n"
        "the HF folder in the original OpenGVLab layout, the GGUF as text model + mmproj-FILE beside it.\n");
}

bool parseDtype(const std::string& s, motor::gpu::DType& out) {
    using motor::gpu::DType;
    if (s == "f32")
        out = DType::F32;
    else if (s == "f16")
        out = DType::F16;
    else if (s == "bf16")
        out = DType::BF16;
    else if (s == "q8_0")
        out = DType::Q8_0;
    else if (s == "q4_0")
        out = DType::Q4_0;
    else
        return false;
    return true;
}

bool parseInt(const char* s, long long& out) {
    char* end = nullptr;
    errno = 0;
    out = std::strtoll(s, &end, 10);
    return errno == 0 && end != s && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
    using namespace motor::gpu;
    std::string arch, dtype = "f32", hfDtype, outHf, outGguf;
    long long dim = 0, layers = 0, heads = 0, kvHeads = 0, hidden = 0, vocab = 0, headDim = 0, seed = 1, context = 0;
    long long visionDim = 0, visionLayers = 0, visionHeads = 0, visionHidden = 0;
    bool tied = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            usage();
            return 0;
        }
        if (a == "--tied") {
            tied = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "motor-make-model: %s needs a value\n", a.c_str());
            return 2;
        }
        const char* v = argv[++i];
        long long* target = a == "--dim"             ? &dim
                            : a == "--layers"        ? &layers
                            : a == "--heads"         ? &heads
                            : a == "--kv-heads"      ? &kvHeads
                            : a == "--hidden"        ? &hidden
                            : a == "--vocab"         ? &vocab
                            : a == "--head-dim"      ? &headDim
                            : a == "--seed"          ? &seed
                            : a == "--context"       ? &context
                            : a == "--vision-dim"    ? &visionDim
                            : a == "--vision-layers" ? &visionLayers
                            : a == "--vision-heads"  ? &visionHeads
                            : a == "--vision-hidden" ? &visionHidden
                                                     : nullptr;
        if (target != nullptr) {
            if (!parseInt(v, *target) || *target < 0 || *target > 1'000'000'000) {
                std::fprintf(stderr, "motor-make-model: %s: '%s' is not a valid number\n", a.c_str(), v);
                return 2;
            }
        } else if (a == "--arch") {
            arch = v;
        } else if (a == "--dtype") {
            dtype = v;
        } else if (a == "--hf-dtype") {
            hfDtype = v;
        } else if (a == "--out-hf") {
            outHf = v;
        } else if (a == "--out-gguf") {
            outGguf = v;
        } else {
            std::fprintf(stderr, "motor-make-model: unknown option %s\n", a.c_str());
            usage();
            return 2;
        }
    }
    Architecture ar;
    if (arch == "llama")
        ar = Architecture::Llama;
    else if (arch == "qwen2")
        ar = Architecture::Qwen2;
    else if (arch == "qwen3")
        ar = Architecture::Qwen3;
    else {
        std::fprintf(stderr, "motor-make-model: --arch must be llama, qwen2 or qwen3\n");
        return 2;
    }
    DType dt, hfDt = DType::F32;
    if (!parseDtype(dtype, dt)) {
        std::fprintf(stderr, "motor-make-model: --dtype must be f32, f16, bf16, q8_0 or q4_0\n");
        return 2;
    }
    const bool quantised = dt == DType::Q8_0 || dt == DType::Q4_0;
    if (!quantised) hfDt = dt;
    if (!hfDtype.empty() && (!quantised || !parseDtype(hfDtype, hfDt) || hfDt == DType::Q8_0 || hfDt == DType::Q4_0)) {
        std::fprintf(stderr, "motor-make-model: --hf-dtype is f32, f16 or bf16, with a quantised --dtype\n");
        return 2;
    }
    if (outHf.empty() && outGguf.empty()) {
        std::fprintf(stderr, "motor-make-model: give --out-hf and/or --out-gguf\n");
        return 2;
    }
    if (kvHeads == 0) kvHeads = heads;
    RandomModelSpec spec;
    spec.config = makeRandomModelConfig(ar, static_cast<int>(dim), static_cast<int>(layers), static_cast<int>(heads),
                                        static_cast<int>(kvHeads), static_cast<int>(hidden), static_cast<int>(vocab));
    if (headDim > 0) spec.config.headDim = static_cast<int>(headDim);
    spec.config.tiedEmbeddings = tied;
    if (context > 0) spec.config.contextLength = static_cast<int>(context);
    spec.seed = static_cast<uint64_t>(seed);
    spec.dtype = dt;
    if (visionDim > 0) {
        if (ar != Architecture::Qwen3 || outHf.empty()) {
            std::fprintf(
                stderr,
                "motor-make-model: a vision model needs --arch qwen3 and --out-hf (the GGUF is converted from it)\n");
            return 2;
        }
        RandomInternVLSpec v;
        v.llm = spec.config;
        v.visionDim = static_cast<int>(visionDim);
        v.visionLayers = static_cast<int>(visionLayers);
        v.visionHeads = static_cast<int>(visionHeads);
        v.visionHiddenDim = static_cast<int>(visionHidden);
        v.seed = spec.seed;
        v.dtype = hfDt;
        if (auto r = writeRandomInternVLHf(v, outHf); !r) {
            std::fprintf(stderr, "motor-make-model: %s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("wrote %s (InternVL, %s)\n", outHf.c_str(), dtypeName(v.dtype));
        if (!outGguf.empty()) {
            ConvertOptions o;
            o.type = dt;
            auto r = convertToGguf(outHf, outGguf, o);
            if (!r) {
                std::fprintf(stderr, "motor-make-model: %s\n", r.error().message.c_str());
                return 1;
            }
            std::printf("wrote %s and %s (%s)\n", r->textPath.c_str(), r->mmprojPath.c_str(), dtypeName(dt));
        }
        return 0;
    }
    if (!outHf.empty()) {
        RandomModelSpec hf = spec;
        hf.dtype = hfDt;
        if (auto r = writeRandomModelHf(hf, outHf); !r) {
            std::fprintf(stderr, "motor-make-model: %s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("wrote %s (%s)\n", outHf.c_str(), dtypeName(hf.dtype));
    }
    if (!outGguf.empty()) {
        if (auto r = writeRandomModelGguf(spec, outGguf); !r) {
            std::fprintf(stderr, "motor-make-model: %s\n", r.error().message.c_str());
            return 1;
        }
        std::printf("wrote %s (%s)\n", outGguf.c_str(), dtypeName(dt));
    }
    return 0;
}
