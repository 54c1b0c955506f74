// `motor models inspect MODEL`, `motor models generate MODEL --prompt TEXT`,
// `motor models bench MODEL` (prefill/decode speed, to compare with llama-bench) and
// `motor models convert MODEL OUT.gguf`: what the local engine sees in a model file
// (vision tower included), plain text generation with it, and conversion to GGUF
// (+ mmproj GGUF for a multimodal model).
#include <QCommandLineParser>
#include <map>
#include <optional>

#include "Command.h"
#include "core/agents/local/LocalModel.h"
#include "core/media/ImageReader.h"
#include "motor/gpu/bench.h"
#include "motor/gpu/chat.h"
#include "motor/gpu/engine.h"
#include "motor/gpu/token_stream_decoder.h"
#include "motor/gpu/tokenizer.h"

namespace {

using motor::cli::printError;
using motor::cli::printOut;
namespace gpu = motor::gpu;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// The vision tower and projector lines of `inspect` ("no" for a text-only model).
QString visionText(const gpu::ModelWeights& m) {
    const gpu::VisionConfig* v = m.visionConfig();
    if (v == nullptr) return QStringLiteral("vision          no (text-only model)\n");
    int64_t parameters = 0;
    for (const auto& t : m.tensors())
        if (t.name.rfind("v.", 0) == 0 || t.name.rfind("mm.", 0) == 0) parameters += t.elements();
    QString text;
    text += QStringLiteral("vision          InternViT from %1, %2 M parameters\n")
                .arg(qs(m.visionPath()))
                .arg(double(parameters) / 1e6, 0, 'f', 2);
    text += QStringLiteral("  tower         %1 layers, dim %2, mlp %3, heads %4, %5%6%7\n")
                .arg(v->layers)
                .arg(v->dim)
                .arg(v->hiddenDim)
                .arg(v->heads)
                .arg(v->norm == gpu::VisionNorm::LayerNorm ? QStringLiteral("LayerNorm") : QStringLiteral("RMSNorm"))
                .arg(v->qkNorm ? QStringLiteral(", qk norm") : QString())
                .arg(v->layerScale ? QStringLiteral(", layer scale") : QString());
    text += QStringLiteral("  image         %1x%1, patch %2, %3 patches + class token, feature layer %4\n")
                .arg(v->imageSize)
                .arg(v->patchSize)
                .arg(v->patchesPerImage())
                .arg(v->selectLayer);
    text += QStringLiteral("  projector     %1: pixel shuffle %2x%2 (%3), LayerNorm, Linear %4 -> %5, GELU, Linear\n")
                .arg(qs(v->projectorType))
                .arg(v->scaleFactor)
                .arg(qs(v->psVersion))
                .arg(v->dim * v->scaleFactor * v->scaleFactor)
                .arg(v->projectionDim);
    text += QStringLiteral("  tokens/image  %1\n").arg(v->tokensPerImage());
    if (!v->templateName.empty()) text += QStringLiteral("  template      %1\n").arg(qs(v->templateName));
    return text;
}

int cmdInspect(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption mmproj(
        QStringLiteral("mmproj"),
        QStringLiteral("Vision projector GGUF for a .gguf model (default: an mmproj*.gguf beside it)."),
        QStringLiteral("FILE"));
    p.addOption(mmproj);
    p.addPositionalArgument(
        QStringLiteral("MODEL"),
        QStringLiteral(".gguf file or Hugging Face model folder, or its name in ~/.cache/motor-studio/models."));
    if (int rc = motor::cli::parseOrExit(
            p, args,
            QStringLiteral(
                "Show a model's architecture, size, dtypes, context, tokenizer, vision tower and chat template."),
            1, 1);
        rc >= 0)
        return rc;
    gpu::OpenOptions oo;
    oo.mmproj = p.value(mmproj).toStdString();
    auto w = gpu::openModel(motor::agents::resolveModelPath(p.positionalArguments().first()).toStdString(), oo);
    if (!w) {
        printError(qs(w.error().message));
        return 1;
    }
    const gpu::ModelWeights& m = *w.value();
    const gpu::ModelConfig& c = m.config();
    int64_t parameters = 0, bytes = 0;
    std::map<std::string, int64_t> dtypes;
    for (const auto& t : m.tensors()) {
        parameters += t.elements();
        bytes += t.bytes;
        dtypes[gpu::dtypeName(t.dtype)] += t.elements();
    }
    QStringList dt;
    for (const auto& [name, n] : dtypes)
        dt << QStringLiteral("%1 %2%").arg(qs(name)).arg(100.0 * double(n) / double(std::max<int64_t>(1, parameters)),
                                                         0, 'f', 1);
    const gpu::TokenizerData& t = m.tokenizerData();
    QString text;
    text +=
        QStringLiteral("path            %1\nformat          %2\narchitecture    %3\n")
            .arg(qs(m.path()), QString::fromLatin1(m.formatName()), QString::fromLatin1(gpu::architectureName(c.arch)));
    text += QStringLiteral("parameters      %1 (%2 M), %3 MiB of tensors\n")
                .arg(parameters)
                .arg(double(parameters) / 1e6, 0, 'f', 2)
                .arg(double(bytes) / 1048576.0, 0, 'f', 1);
    text += QStringLiteral("dtypes          %1\n").arg(dt.join(QStringLiteral(", ")));
    text += QStringLiteral("layers          %1, dim %2, ffn %3, heads %4 (kv %5), head dim %6\n")
                .arg(c.layers)
                .arg(c.dim)
                .arg(c.hiddenDim)
                .arg(c.heads)
                .arg(c.kvHeads)
                .arg(c.headDim);
    text += QStringLiteral("context length  %1\nrope            theta %2, %3\n")
                .arg(c.contextLength)
                .arg(double(c.ropeTheta))
                .arg(c.ropeStyle == gpu::RopeStyle::NeoX ? QStringLiteral("neox") : QStringLiteral("interleaved"));
    text += QStringLiteral("tokenizer       %1, %2 tokens, bos %3, eos %4%5\n")
                .arg(t.kind == gpu::TokenizerKind::SentencePiece
                         ? QStringLiteral("sentencepiece")
                         : QStringLiteral("byte-level bpe (%1)").arg(qs(t.preTokenizer)))
                .arg(t.tokens.size())
                .arg(t.bos)
                .arg(t.eos)
                .arg(t.extraEos.empty() ? QString() : QStringLiteral(", %1 extra end ids").arg(t.extraEos.size()));
    text += visionText(m);
    const std::string& tmpl = m.chatTemplate();
    text += tmpl.empty() ? QStringLiteral("chat template   none\n")
                         : QStringLiteral("chat template   %1 bytes:\n%2\n").arg(tmpl.size()).arg(qs(tmpl));
    printOut(text);
    return 0;
}

// MODEL (a path, or a name in the models folder) opened and loaded for generate and
// bench; nullptr after printing why not.
// device: auto, cpu or cuda (motor::agents::placeModel); where it runs goes to stderr.
std::unique_ptr<gpu::Model> loadModelOrReport(const QString& pathOrName, const std::string& mmproj, int threads,
                                              const QString& device) {
    gpu::OpenOptions open;
    open.mmproj = mmproj;
    auto w = gpu::openModel(motor::agents::resolveModelPath(pathOrName).toStdString(), open);
    if (!w) {
        printError(qs(w.error().message));
        return nullptr;
    }
    gpu::ModelOptions mo;
    mo.threads = threads;
    auto model = gpu::Model::load(std::move(w.value()), mo);
    if (!model) {
        printError(qs(model.error().message));
        return nullptr;
    }
    auto placed = motor::agents::placeModel(*model.value(), device);
    if (!placed) {
        printError(placed.error().message);
        return nullptr;
    }
    std::fprintf(stderr, "running on %s\n", placed->line().toUtf8().constData());
    std::fflush(stderr);
    return std::move(model.value());
}

QCommandLineOption deviceOption() {
    return QCommandLineOption(QStringLiteral("device"),
                              QStringLiteral("auto (default: the GPU when it can take the model), cpu or cuda."),
                              QStringLiteral("DEVICE"), QStringLiteral("auto"));
}

int cmdGenerate(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption prompt(QStringLiteral("prompt"), QStringLiteral("The prompt text."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption count(QStringList{QStringLiteral("n"), QStringLiteral("max-tokens")},
                                   QStringLiteral("Tokens to generate (default 64)."), QStringLiteral("N"),
                                   QStringLiteral("64"));
    const QCommandLineOption temperature(QStringLiteral("temperature"), QStringLiteral("0 (default) decodes greedily."),
                                         QStringLiteral("T"), QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Sampling seed (default 0)."),
                                  QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: all)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption image(
        QStringLiteral("image"),
        QStringLiteral("A picture (PNG, JPEG...) the model looks at; repeat for several (in order, as video frames)."),
        QStringLiteral("FILE"));
    const QCommandLineOption mmproj(QStringLiteral("mmproj"),
                                    QStringLiteral("The vision projector of a .gguf model (default: beside it)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption chat(
        QStringLiteral("chat"),
        QStringLiteral("Ask as a user turn in the model's chat template (always so with --image)."));
    const QCommandLineOption device = deviceOption();
    for (const auto* o : {&prompt, &count, &temperature, &seed, &threads, &image, &mmproj, &chat, &device})
        p.addOption(*o);
    p.addPositionalArgument(
        QStringLiteral("MODEL"),
        QStringLiteral(".gguf file or Hugging Face model folder, or its name in ~/.cache/motor-studio/models."));
    if (int rc = motor::cli::parseOrExit(
            p, args,
            QStringLiteral("Continue a prompt with the local engine, or answer it about pictures; prints "
                           "only the generated text."),
            1, 1);
        rc >= 0)
        return rc;
    if (!p.isSet(prompt)) {
        printError(QStringLiteral("--prompt is required"));
        return 2;
    }
    bool okN = false, okT = false, okS = false, okThreads = false;
    const int n = p.value(count).toInt(&okN);
    const double temp = p.value(temperature).toDouble(&okT);
    const qulonglong s = p.value(seed).toULongLong(&okS);
    const int th = p.value(threads).toInt(&okThreads);
    if (!okN || n < 0 || !okT || temp < 0 || !okS || !okThreads || th < 0) {
        printError(QStringLiteral("-n, --temperature, --seed and --threads take non-negative numbers"));
        return 2;
    }
    // Pictures first: a missing or broken file is reported before a model is loaded.
    std::vector<motor::media::RgbFrame> pictures;
    for (const QString& file : p.values(image)) {
        auto picture = motor::media::ImageReader::read(file);
        if (!picture) {
            printError(picture.error().message);
            return 1;
        }
        pictures.push_back(std::move(picture.value()));
    }
    auto model = loadModelOrReport(p.positionalArguments().first(), p.value(mmproj).toStdString(), th, p.value(device));
    if (!model) return 1;
    const gpu::Model& m = *model;
    if (!pictures.empty() && !m.vision()) {
        printError(QStringLiteral("%1 has no vision tower: it cannot look at pictures (a GGUF needs its mmproj file)")
                       .arg(p.positionalArguments().first()));
        return 1;
    }
    auto tokenizer = gpu::Tokenizer::create(m.tokenizerData());
    if (!tokenizer) {
        printError(qs(tokenizer.error().message));
        return 1;
    }
    auto chatTemplate = gpu::ChatTemplate::forModel(m);
    if (!chatTemplate) {
        printError(qs(chatTemplate.error().message));
        return 1;
    }
    gpu::Session session = m.newSession();
    gpu::GenerateOptions go;
    go.maxTokens = n;
    go.sampler.temperature = float(temp);
    go.sampler.seed = s;
    if (!pictures.empty() || p.isSet(chat)) {
        // The chat template's user turn (with the pictures in the model's layout) and the
        // assistant header; generation stops at the end of the turn.
        std::optional<gpu::VisionEmbeddings> rows;
        if (!pictures.empty()) {
            std::vector<gpu::RgbImage> frames;
            for (const auto& f : pictures) frames.push_back(gpu::RgbImage{f.width, f.height, f.rgb});
            auto encoded = m.vision()->encode(frames);
            if (!encoded) {
                printError(qs(encoded.error().message));
                return 1;
            }
            rows = std::move(encoded.value());
        }
        const gpu::ChatMessage message{gpu::ChatRole::User, p.value(prompt).toStdString(), int(pictures.size())};
        auto rendered = chatTemplate.value().render(std::span(&message, 1), true, true);
        if (!rendered) {
            printError(qs(rendered.error().message));
            return 1;
        }
        const int length = rendered.value().length(m.vision() ? m.vision()->tokensPerImage() : 0);
        if (length >= session.contextLength()) {
            printError(QStringLiteral("the prompt (%1 positions) does not fit the context (%2)")
                           .arg(length)
                           .arg(session.contextLength()));
            return 1;
        }
        if (auto r = gpu::prefillPrompt(session, rendered.value(), rows ? &*rows : nullptr); !r) {
            printError(qs(r.error().message));
            return 1;
        }
        go.stopIds = chatTemplate.value().stopIds();
    } else {
        const auto ids = tokenizer.value().encode(p.value(prompt).toStdString());
        if (ids.empty()) {
            printError(QStringLiteral("the prompt encodes to no tokens"));
            return 2;
        }
        if (int(ids.size()) >= session.contextLength()) {
            printError(QStringLiteral("the prompt (%1 tokens) does not fit the context (%2)")
                           .arg(ids.size())
                           .arg(session.contextLength()));
            return 1;
        }
        if (auto r = session.prefill(ids); !r) {
            printError(qs(r.error().message));
            return 1;
        }
        const auto& td = m.tokenizerData();
        if (td.eos >= 0) go.stopIds.push_back(td.eos);
        for (int32_t id : td.extraEos) go.stopIds.push_back(id);
    }
    auto out = gpu::generate(session, go);
    if (!out) {
        printError(qs(out.error().message));
        return 1;
    }
    gpu::TokenStreamDecoder decoder(tokenizer.value());
    std::string text;
    for (int32_t id : out.value().tokens) text += decoder.push(id);
    text += decoder.finish();
    printOut(QString::fromUtf8(text.data(), qsizetype(text.size())) + QLatin1Char('\n'));
    return 0;
}

int cmdConvert(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption mmproj(
        QStringLiteral("mmproj"),
        QStringLiteral("Where the vision projector GGUF goes (default: mmproj-OUT beside OUT)."),
        QStringLiteral("FILE"));
    const QCommandLineOption type(QStringLiteral("type"), QStringLiteral("f32, f16 (default), bf16, q8_0 or q4_0."),
                                  QStringLiteral("TYPE"), QStringLiteral("f16"));
    p.addOption(mmproj);
    p.addOption(type);
    p.addPositionalArgument(
        QStringLiteral("MODEL_DIR"),
        QStringLiteral("Hugging Face folder (InternVL original or transformers layout, Llama/Qwen) or .gguf."));
    p.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The text GGUF to write."));
    if (int rc = motor::cli::parseOrExit(
            p, args,
            QStringLiteral(
                "Convert a model to GGUF in llama.cpp's naming (text GGUF + mmproj GGUF for a vision model)."),
            2, 2);
        rc >= 0)
        return rc;
    const std::map<QString, gpu::DType> types = {{QStringLiteral("f32"), gpu::DType::F32},
                                                 {QStringLiteral("f16"), gpu::DType::F16},
                                                 {QStringLiteral("bf16"), gpu::DType::BF16},
                                                 {QStringLiteral("q8_0"), gpu::DType::Q8_0},
                                                 {QStringLiteral("q4_0"), gpu::DType::Q4_0}};
    const auto t = types.find(p.value(type).toLower());
    if (t == types.end()) {
        printError(QStringLiteral("--type must be f32, f16, bf16, q8_0 or q4_0"));
        return 2;
    }
    gpu::ConvertOptions o;
    o.type = t->second;
    o.mmprojPath = p.value(mmproj).toStdString();
    const QStringList pos = p.positionalArguments();
    auto r = gpu::convertToGguf(pos[0].toStdString(), pos[1].toStdString(), o);
    if (!r) {
        printError(qs(r.error().message));
        return 1;
    }
    QString text =
        QStringLiteral("wrote %1 (%2 MiB)\n").arg(qs(r->textPath)).arg(double(r->textBytes) / 1048576.0, 0, 'f', 1);
    if (!r->mmprojPath.empty())
        text += QStringLiteral("wrote %1 (%2 MiB)\n")
                    .arg(qs(r->mmprojPath))
                    .arg(double(r->mmprojBytes) / 1048576.0, 0, 'f', 1);
    printOut(text);
    return 0;
}

int cmdBench(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption promptTokens(QStringLiteral("prompt-tokens"),
                                          QStringLiteral("Tokens prefilled per run (default 128; 0 skips)."),
                                          QStringLiteral("N"), QStringLiteral("128"));
    const QCommandLineOption genTokens(QStringLiteral("gen-tokens"),
                                       QStringLiteral("Tokens decoded one by one per run (default 64; 0 skips)."),
                                       QStringLiteral("M"), QStringLiteral("64"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: all)."),
                                     QStringLiteral("T"), QStringLiteral("0"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QStringLiteral("Timed runs per test (default 3)."),
                                     QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption warmups(QStringLiteral("warmups"), QStringLiteral("Untimed runs first (default 1)."),
                                     QStringLiteral("W"), QStringLiteral("1"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text (default) or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption device = deviceOption();
    for (const auto* o : {&promptTokens, &genTokens, &threads, &repeats, &warmups, &format, &device}) p.addOption(*o);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral(".gguf file or Hugging Face model folder."));
    if (int rc = motor::cli::parseOrExit(
            p, args,
            QStringLiteral(
                "Measure prefill and decode speed of a model through the engine's API (tok/s, mean and standard "
                "deviation over repeats): prefill N tokens in a fresh session, decode M tokens one by one, as "
                "llama-bench's pp/tg tests."),
            1, 1);
        rc >= 0)
        return rc;
    gpu::BenchOptions o;
    int th = 0;
    bool ok[5] = {};
    o.promptTokens = p.value(promptTokens).toInt(&ok[0]);
    o.genTokens = p.value(genTokens).toInt(&ok[1]);
    th = p.value(threads).toInt(&ok[2]);
    o.repeats = p.value(repeats).toInt(&ok[3]);
    o.warmups = p.value(warmups).toInt(&ok[4]);
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || !ok[4] || o.promptTokens < 0 || o.genTokens < 0 || th < 0 ||
        o.repeats < 1 || o.warmups < 0) {
        printError(
            QStringLiteral("--prompt-tokens, --gen-tokens, --threads and --warmups take non-negative numbers, "
                           "--repeats a positive one"));
        return 2;
    }
    const QString fmt = p.value(format);
    if (fmt != QStringLiteral("text") && fmt != QStringLiteral("json")) {
        printError(QStringLiteral("--format must be text or json"));
        return 2;
    }
    const std::string path = p.positionalArguments().first().toStdString();
    auto model = loadModelOrReport(p.positionalArguments().first(), {}, th, p.value(device));
    if (!model) return 1;
    auto report = gpu::benchModel(*model, o);
    if (!report) {
        printError(qs(report.error().message));
        return 1;
    }
    const gpu::BenchReport& r = report.value();
    if (fmt == QStringLiteral("json")) {
        printOut(qs(gpu::benchReportJson(r, path)) + QLatin1Char('\n'));
        return 0;
    }
    QString text = QStringLiteral("model     %1\ndevice    %2\n").arg(qs(path), qs(r.device));
    auto line = [&](const char* name, const gpu::BenchStats& s) {
        if (s.tokens == 0) return;
        text += QStringLiteral("%1 %2 tokens: %3 +- %4 tok/s (%5 runs)\n")
                    .arg(QString::fromLatin1(name))
                    .arg(s.tokens)
                    .arg(s.meanTokensPerSecond, 0, 'f', 1)
                    .arg(s.stddevTokensPerSecond, 0, 'f', 1)
                    .arg(r.repeats);
    };
    line("prefill  ", r.prefill);
    line("decode   ", r.decode);
    printOut(text);
    return 0;
}

const motor::cli::CommandRegistration regConvert(QStringLiteral("models convert"),
                                                 QStringLiteral("convert a model to GGUF (+ mmproj GGUF)"), cmdConvert);
const motor::cli::CommandRegistration regInspect(QStringLiteral("models inspect"),
                                                 QStringLiteral("show what the local engine sees in a model"),
                                                 cmdInspect);
const motor::cli::CommandRegistration regGenerate(QStringLiteral("models generate"),
                                                  QStringLiteral("generate text with a local model"), cmdGenerate);
const motor::cli::CommandRegistration regBench(QStringLiteral("models bench"),
                                               QStringLiteral("measure a local model's prefill and decode speed"),
                                               cmdBench);

}  // namespace
