// `motor models inspect MODEL`, `motor models generate MODEL --prompt TEXT` and
// `motor models bench MODEL`: what the local engine sees in a model file, plain text
// generation with it, and its prefill/decode speed (compare with llama-bench).
#include <QCommandLineParser>

#include <map>

#include "Command.h"
#include "motor/gpu/bench.h"
#include "motor/gpu/engine.h"
#include "motor/gpu/token_stream_decoder.h"
#include "motor/gpu/tokenizer.h"

namespace {

using motor::cli::printError;
using motor::cli::printOut;
namespace gpu = motor::gpu;

QString qs(const std::string& s) { return QString::fromStdString(s); }

int cmdInspect(const QStringList& args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral(".gguf file or Hugging Face model folder."));
    if (int rc = motor::cli::parseOrExit(p, args, QStringLiteral("Show a model's architecture, size, dtypes, context, tokenizer and chat template."), 1, 1);
        rc >= 0)
        return rc;
    auto w = gpu::openModel(p.positionalArguments().first().toStdString());
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
    for (const auto& [name, n] : dtypes) dt << QStringLiteral("%1 %2%").arg(qs(name)).arg(100.0 * double(n) / double(std::max<int64_t>(1, parameters)), 0, 'f', 1);
    const gpu::TokenizerData& t = m.tokenizerData();
    QString text;
    text += QStringLiteral("path            %1\nformat          %2\narchitecture    %3\n").arg(qs(m.path()), QString::fromLatin1(m.formatName()),
                                                                                       QString::fromLatin1(gpu::architectureName(c.arch)));
    text += QStringLiteral("parameters      %1 (%2 M), %3 MiB of tensors\n").arg(parameters).arg(double(parameters) / 1e6, 0, 'f', 2).arg(double(bytes) / 1048576.0, 0, 'f', 1);
    text += QStringLiteral("dtypes          %1\n").arg(dt.join(QStringLiteral(", ")));
    text += QStringLiteral("layers          %1, dim %2, ffn %3, heads %4 (kv %5), head dim %6\n")
                .arg(c.layers).arg(c.dim).arg(c.hiddenDim).arg(c.heads).arg(c.kvHeads).arg(c.headDim);
    text += QStringLiteral("context length  %1\nrope            theta %2, %3\n")
                .arg(c.contextLength)
                .arg(double(c.ropeTheta))
                .arg(c.ropeStyle == gpu::RopeStyle::NeoX ? QStringLiteral("neox") : QStringLiteral("interleaved"));
    text += QStringLiteral("tokenizer       %1, %2 tokens, bos %3, eos %4%5\n")
                .arg(t.kind == gpu::TokenizerKind::SentencePiece ? QStringLiteral("sentencepiece") : QStringLiteral("byte-level bpe (%1)").arg(qs(t.preTokenizer)))
                .arg(t.tokens.size())
                .arg(t.bos)
                .arg(t.eos)
                .arg(t.extraEos.empty() ? QString() : QStringLiteral(", %1 extra end ids").arg(t.extraEos.size()));
    text += QStringLiteral("vision          no (text-only model)\n");
    const std::string& tmpl = m.chatTemplate();
    text += tmpl.empty() ? QStringLiteral("chat template   none\n") : QStringLiteral("chat template   %1 bytes:\n%2\n").arg(tmpl.size()).arg(qs(tmpl));
    printOut(text);
    return 0;
}

int cmdGenerate(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption prompt(QStringLiteral("prompt"), QStringLiteral("The prompt text."), QStringLiteral("TEXT"));
    const QCommandLineOption count(QStringList{QStringLiteral("n"), QStringLiteral("max-tokens")}, QStringLiteral("Tokens to generate (default 64)."),
                                   QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption temperature(QStringLiteral("temperature"), QStringLiteral("0 (default) decodes greedily."), QStringLiteral("T"),
                                         QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Sampling seed (default 0)."), QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: all)."), QStringLiteral("N"), QStringLiteral("0"));
    for (const auto* o : {&prompt, &count, &temperature, &seed, &threads}) p.addOption(*o);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral(".gguf file or Hugging Face model folder."));
    if (int rc = motor::cli::parseOrExit(p, args, QStringLiteral("Continue a prompt with the local engine; prints only the generated text."), 1, 1);
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
    auto w = gpu::openModel(p.positionalArguments().first().toStdString());
    if (!w) {
        printError(qs(w.error().message));
        return 1;
    }
    gpu::ModelOptions mo;
    mo.threads = th;
    auto model = gpu::Model::load(std::move(w.value()), mo);
    if (!model) {
        printError(qs(model.error().message));
        return 1;
    }
    auto tokenizer = gpu::Tokenizer::create(model.value()->tokenizerData());
    if (!tokenizer) {
        printError(qs(tokenizer.error().message));
        return 1;
    }
    const auto ids = tokenizer.value().encode(p.value(prompt).toStdString());
    if (ids.empty()) {
        printError(QStringLiteral("the prompt encodes to no tokens"));
        return 2;
    }
    gpu::Session session = model.value()->newSession();
    if (int(ids.size()) >= session.contextLength()) {
        printError(QStringLiteral("the prompt (%1 tokens) does not fit the context (%2)").arg(ids.size()).arg(session.contextLength()));
        return 1;
    }
    if (auto r = session.prefill(ids); !r) {
        printError(qs(r.error().message));
        return 1;
    }
    gpu::GenerateOptions go;
    go.maxTokens = n;
    go.sampler.temperature = float(temp);
    go.sampler.seed = s;
    const auto& td = model.value()->tokenizerData();
    if (td.eos >= 0) go.stopIds.push_back(td.eos);
    for (int32_t id : td.extraEos) go.stopIds.push_back(id);
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

int cmdBench(const QStringList& args) {
    QCommandLineParser p;
    const QCommandLineOption promptTokens(QStringLiteral("prompt-tokens"), QStringLiteral("Tokens prefilled per run (default 128; 0 skips)."),
                                          QStringLiteral("N"), QStringLiteral("128"));
    const QCommandLineOption genTokens(QStringLiteral("gen-tokens"), QStringLiteral("Tokens decoded one by one per run (default 64; 0 skips)."),
                                       QStringLiteral("M"), QStringLiteral("64"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (default: all)."), QStringLiteral("T"), QStringLiteral("0"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QStringLiteral("Timed runs per test (default 3)."), QStringLiteral("R"),
                                     QStringLiteral("3"));
    const QCommandLineOption warmups(QStringLiteral("warmups"), QStringLiteral("Untimed runs first (default 1)."), QStringLiteral("W"),
                                     QStringLiteral("1"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"),
                                    QStringLiteral("text"));
    for (const auto* o : {&promptTokens, &genTokens, &threads, &repeats, &warmups, &format}) p.addOption(*o);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral(".gguf file or Hugging Face model folder."));
    if (int rc = motor::cli::parseOrExit(
            p, args,
            QStringLiteral("Measure prefill and decode speed of a model through the engine's API (tok/s, mean and standard "
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
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3] || !ok[4] || o.promptTokens < 0 || o.genTokens < 0 || th < 0 || o.repeats < 1 ||
        o.warmups < 0) {
        printError(QStringLiteral("--prompt-tokens, --gen-tokens, --threads and --warmups take non-negative numbers, --repeats a positive one"));
        return 2;
    }
    const QString fmt = p.value(format);
    if (fmt != QStringLiteral("text") && fmt != QStringLiteral("json")) {
        printError(QStringLiteral("--format must be text or json"));
        return 2;
    }
    const std::string path = p.positionalArguments().first().toStdString();
    auto w = gpu::openModel(path);
    if (!w) {
        printError(qs(w.error().message));
        return 1;
    }
    gpu::ModelOptions mo;
    mo.threads = th;
    auto model = gpu::Model::load(std::move(w.value()), mo);
    if (!model) {
        printError(qs(model.error().message));
        return 1;
    }
    auto report = gpu::benchModel(*model.value(), o);
    if (!report) {
        printError(qs(report.error().message));
        return 1;
    }
    const gpu::BenchReport& r = report.value();
    if (fmt == QStringLiteral("json")) {
        printOut(qs(gpu::benchReportJson(r, path)) + QLatin1Char('\n'));
        return 0;
    }
    QString text = QStringLiteral("model     %1\nthreads   %2, %3 kernels\n").arg(qs(path)).arg(r.threads).arg(qs(r.kernelIsa));
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

const motor::cli::CommandRegistration regInspect(QStringLiteral("models inspect"), QStringLiteral("show what the local engine sees in a model"),
                                                 cmdInspect);
const motor::cli::CommandRegistration regGenerate(QStringLiteral("models generate"), QStringLiteral("generate text with a local model"),
                                                  cmdGenerate);
const motor::cli::CommandRegistration regBench(QStringLiteral("models bench"), QStringLiteral("measure a local model's prefill and decode speed"),
                                               cmdBench);

}  // namespace
