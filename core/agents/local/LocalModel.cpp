#include "core/agents/local/LocalModel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <algorithm>
#include <cmath>
#include <functional>

#include "core/agents/ReplyParser.h"
#include "core/util/LiveDatabaseFiles.h"
#include "motor/gpu/cuda_plugin.h"
#include "motor/gpu/engine.h"
#include "motor/gpu/speech.h"

namespace motor::agents {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Error engineError(const gpu::Error& e) {
    return makeError(QStringLiteral("local: ") + qs(e.message));
}

// Empty counts as auto.
Status checkDevice(const QString& device) {
    if (!device.isEmpty() && device != QLatin1String("auto") && device != QLatin1String("cpu") &&
        device != QLatin1String("cuda"))
        return makeError(QStringLiteral("local: --device must be auto, cpu or cuda, got '%1'").arg(device));
    return {};
}

gpu::ChatRole chatRole(LmRole r) {
    return r == LmRole::System ? gpu::ChatRole::System : gpu::ChatRole::User;
}

class LocalSession final : public LmSession {
public:
    LocalSession(LocalModel* model, gpu::Session session, bool started)
        : model_(model), session_(std::move(session)), started_(started) {}

    Status prefill(const LmContent& content, const CancelFlag* cancel) override {
        if (cancelled(cancel)) return cancelledError();
        std::optional<gpu::VisionEmbeddings> rows;
        if (!content.images.isEmpty()) {
            const gpu::VisionEncoder* vision = model_->model().vision();
            if (!vision)
                return makeError(QStringLiteral("local: this model has no vision tower; it cannot take frames"));
            std::vector<gpu::RgbImage> frames;
            for (const media::RgbFrame& f : content.images) frames.push_back(gpu::RgbImage{f.width, f.height, f.rgb});
            QElapsedTimer timer;
            timer.start();
            auto encoded = vision->encode(frames);
            model_->addVisionMs(double(timer.nsecsElapsed()) / 1e6);
            if (!encoded) return engineError(encoded.error());
            rows = std::move(encoded.value());
        }
        const gpu::ChatMessage m{chatRole(content.role), content.text.toStdString(), int(content.images.size())};
        auto prompt = model_->chat().render(std::span(&m, 1), !started_, false);
        if (!prompt) return engineError(prompt.error());
        return append(prompt.value(), rows ? &*rows : nullptr, &model_->tokenCounter().context);
    }
    Result<std::unique_ptr<LmSession>> fork() const override {
        return std::unique_ptr<LmSession>(std::make_unique<LocalSession>(model_, session_.fork(), started_));
    }
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override {
        auto out = model_->generateBatch({this}, {request}, cancel);
        return std::move(out.front());
    }

    // counter: where the prompt's tokens are counted (LmTokenCounts), once evaluated.
    Status append(const gpu::ChatPrompt& prompt, const gpu::VisionEmbeddings* rows, int64_t* counter) {
        const gpu::VisionEncoder* vision = model_->model().vision();
        const int length = prompt.length(vision ? vision->tokensPerImage() : 0);
        if (session_.position() + length > session_.contextLength())
            return makeError(QStringLiteral("local: prompt of %1 tokens exceeds the model's context of %2 tokens")
                                 .arg(session_.position() + length)
                                 .arg(session_.contextLength()));
        if (auto r = gpu::prefillPrompt(session_, prompt, rows); !r) return engineError(r.error());
        *counter += length;
        started_ = true;
        return {};
    }

    LocalModel* model_;
    gpu::Session session_;
    bool started_;
};

Result<QByteArray> hashFile(const QString& path, QJsonObject* info) {
    if (auto refused = util::LiveDatabaseFiles::refuse(path, QStringLiteral("a model file")); !refused)
        return refused.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return makeError(QStringLiteral("%1: %2").arg(path, f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    const qint64 size = f.size();
    constexpr qint64 kLimit = qint64(1) << 30, kPart = qint64(64) << 20;
    if (size <= kLimit) {
        if (!h.addData(&f)) return makeError(QStringLiteral("%1: read error").arg(path));
    } else {
        h.addData(QByteArray::number(size));
        h.addData(f.read(kPart));
        f.seek(size - kPart);
        h.addData(f.read(kPart));
        info->insert(QStringLiteral("fingerprint"), QStringLiteral("sha256 of size + first and last 64 MiB"));
    }
    return h.result();
}

// The rationale of a reply the constraint shaped as {"label": ..., "rationale": ...};
// a reply cut short (budget, cancel) keeps what it has.
QString rationaleOf(const std::string& text) {
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text));
    if (doc.isObject()) return doc.object().value(QStringLiteral("rationale")).toString();
    const QString t = QString::fromUtf8(text.data(), qsizetype(text.size()));
    const qsizetype at = t.indexOf(QLatin1String("\"rationale\""));
    if (at < 0) return {};
    const qsizetype q = t.indexOf(QLatin1Char('"'), t.indexOf(QLatin1Char(':'), at) + 1);
    return q >= 0 ? t.mid(q + 1) : QString();
}

QJsonObject visionIdentity(const gpu::VisionEncoder& v) {
    const gpu::VisionConfig& c = v.config();
    return QJsonObject{
        {QStringLiteral("tower"),
         QStringLiteral("%1 layers, dim %2, %3 heads, %4")
             .arg(c.layers)
             .arg(c.dim)
             .arg(c.heads)
             .arg(c.norm == gpu::VisionNorm::LayerNorm ? QStringLiteral("layernorm") : QStringLiteral("rmsnorm"))},
        {QStringLiteral("image_size"), c.imageSize},
        {QStringLiteral("tokens_per_image"), c.tokensPerImage()},
        {QStringLiteral("projector"), qs(c.projectorType)},
        {QStringLiteral("preprocessing"), qs(v.preprocessing().describe())},
        {QStringLiteral("layout"), QStringLiteral("FrameN: <img>...</img> (InternVL video)")}};
}

}  // namespace

Result<QJsonObject> modelContentHash(const QString& path) {
    QJsonObject info;
    const QFileInfo fi(path);
    if (fi.isDir()) {
        QCryptographicHash h(QCryptographicHash::Sha256);
        const QStringList files = QDir(path).entryList(QDir::Files, QDir::Name);
        for (const auto& name : files) {
            auto fh = hashFile(QDir(path).filePath(name), &info);
            if (!fh) return fh.error();
            h.addData(name.toUtf8());
            h.addData(fh.value());
        }
        info.insert(QStringLiteral("sha256"), QString::fromLatin1(h.result().toHex()));
        return info;
    }
    auto fh = hashFile(path, &info);
    if (!fh) return fh.error();
    info.insert(QStringLiteral("sha256"), QString::fromLatin1(fh.value().toHex()));
    return info;
}

namespace {

// The device rule for any engine model: cpu stays; auto and cuda try the CUDA plugin
// (attachGpu loads the model's accelerator and attaches it), cuda insists. describe:
// the model's device() once placed.
Result<Placement> placeOn(const QString& device, const std::function<gpu::Result<void>()>& attachGpu,
                          const std::function<std::string()>& describe) {
    if (auto ok = checkDevice(device); !ok) return ok.error();
    Placement p;
    if (device != QLatin1String("cpu")) {
        auto attached = attachGpu();
        p.onGpu = attached.ok();
        if (!attached && device == QLatin1String("cuda"))
            return makeError(QStringLiteral("local: device cuda: %1; device cpu runs it on the CPU")
                                 .arg(qs(attached.error().message)));
        if (!attached) p.fallback = qs(attached.error().message);
    }
    p.device = qs(describe());
    return p;
}

}  // namespace

QString Placement::line() const {
    return fallback.isEmpty() ? device : device + QStringLiteral("; the GPU was not used: ") + fallback;
}

int defaultBatch(const gpu::Model& model) {
    if (!model.accelerated()) return 4;
    const int64_t capacity = model.capacityTokens();
    if (capacity <= 0) return 8;
    return int(std::clamp<int64_t>(capacity / kPositionsPerClip, 1, 16));
}

Result<Placement> placeModel(gpu::Model& model, const QString& device) {
    return placeOn(
        device,
        [&]() -> gpu::Result<void> {
            auto acc = gpu::loadCudaAccelerator(model);
            if (!acc) return acc.error();
            return model.attachAccelerator(std::move(acc.value()));
        },
        [&] { return model.device(); });
}

Result<Placement> placeSpeechModel(gpu::SpeechModel& model, const QString& device) {
    return placeOn(
        device,
        [&]() -> gpu::Result<void> {
            auto acc = gpu::loadCudaSpeechAccelerator(model);
            if (!acc) return acc.error();
            return model.attachAccelerator(std::move(acc.value()));
        },
        [&] { return model.device(); });
}

LocalModel::LocalModel() = default;
LocalModel::~LocalModel() = default;

Result<std::unique_ptr<LocalModel>> LocalModel::load(const LocalOptions& requested) {
    LocalOptions options = requested;
    options.modelPath = resolveModelPath(requested.modelPath);
    if (auto ok = checkDevice(options.device); !ok) return ok.error();  // before the model is read
    if (options.modelPath.isEmpty()) return makeError(QStringLiteral("local: a model is needed (--model PATH|NAME)"));
    for (const QString& p : {options.modelPath, options.mmprojPath})
        if (auto refused = util::LiveDatabaseFiles::refuse(p, QStringLiteral("a model")); !p.isEmpty() && !refused)
            return refused.error();
    gpu::OpenOptions open;
    open.mmproj = options.mmprojPath.toStdString();
    auto weights = gpu::openModel(options.modelPath.toStdString(), open);
    if (!weights) return engineError(weights.error());
    const std::string format = weights.value()->formatName();
    const bool hasVision = weights.value()->visionConfig() != nullptr;
    const QString visionPath = hasVision ? qs(weights.value()->visionPath()) : QString();
    gpu::ModelOptions mo;
    mo.threads = options.threads;
    auto model = gpu::Model::load(std::move(weights.value()), mo);
    if (!model) return engineError(model.error());
    auto placed = placeModel(*model.value(), options.device);
    if (!placed) return placed.error();
    auto chat = gpu::ChatTemplate::forModel(*model.value());
    if (!chat) return engineError(chat.error());

    std::unique_ptr<LocalModel> m(new LocalModel());
    m->options_ = options;
    if (m->options_.batch <= 0) m->options_.batch = defaultBatch(*model.value());
    m->placement_ = placed.value();
    m->model_ = std::move(model.value());
    m->chat_.emplace(std::move(chat.value()));
    m->tokenBytes_ = gpu::tokenBytesFromTokenizerData(m->model_->tokenizerData());

    const auto& cfg = m->model_->config();
    int64_t parameters = 0;
    for (const auto& t : m->model_->weights().tensors()) parameters += t.elements();
    const QFileInfo fi(options.modelPath);
    QJsonObject id{{QStringLiteral("name"), fi.fileName()},
                   {QStringLiteral("path"), fi.absoluteFilePath()},
                   {QStringLiteral("format"), qs(format)},
                   {QStringLiteral("architecture"), QString::fromLatin1(gpu::architectureName(cfg.arch))},
                   {QStringLiteral("parameters"), double(parameters)},
                   {QStringLiteral("context_length"), cfg.contextLength},
                   {QStringLiteral("chat_format"), QString::fromLatin1(m->chat_->familyName())},
                   {QStringLiteral("vision"),
                    m->model_->vision() ? QJsonValue(visionIdentity(*m->model_->vision())) : QJsonValue(false)}};
    if (options.hashContent) {
        auto h = modelContentHash(options.modelPath);
        if (!h) return h.error();
        for (auto it = h.value().begin(); it != h.value().end(); ++it) id.insert(it.key(), it.value());
        // A GGUF's projector is a second file: it is part of the model's identity.
        if (!visionPath.isEmpty() && QFileInfo(visionPath).absoluteFilePath() != fi.absoluteFilePath() && !fi.isDir()) {
            auto mh = modelContentHash(visionPath);
            if (!mh) return mh.error();
            id.insert(QStringLiteral("mmproj"), QFileInfo(visionPath).absoluteFilePath());
            id.insert(QStringLiteral("mmproj_sha256"), mh.value().value(QStringLiteral("sha256")));
        }
    }
    m->identity_ = id;
    return m;
}

bool LocalModel::sees() const {
    return model_->vision() != nullptr;
}

LmCapabilities LocalModel::capabilities() const {
    LmCapabilities c;
    c.vision = sees();
    c.nativeFrames = true;  // the engine resizes exactly as InternVL does
    c.constrainedDecoding = true;
    c.prefixSharing = true;
    c.preferredBatch = std::max(1, options_.batch);
    return c;
}

Result<const gpu::JsonLabelConstraint*> LocalModel::constraintFor(const QStringList& labels, int maxRationaleChars) {
    std::string key = std::to_string(maxRationaleChars);
    gpu::LabelSchema schema;
    schema.maxRationaleChars = maxRationaleChars;
    for (const auto& l : labels) {
        schema.labels.push_back(l.toStdString());
        key += '\x1f' + l.toStdString();
    }
    auto it = constraints_.find(key);
    if (it != constraints_.end()) return it->second.get();
    auto c = gpu::JsonLabelConstraint::create(schema, tokenBytes_, chat_->stopIds());
    if (!c) return engineError(c.error());
    auto owned = std::make_unique<gpu::JsonLabelConstraint>(std::move(c.value()));
    const gpu::JsonLabelConstraint* p = owned.get();
    constraints_.emplace(key, std::move(owned));
    return p;
}

Result<std::unique_ptr<LmSession>> LocalModel::newSession(const SessionInfo&) {
    return std::unique_ptr<LmSession>(std::make_unique<LocalSession>(this, model_->newSession(), false));
}

std::vector<Result<LmOutput>> LocalModel::generateBatch(const std::vector<LmSession*>& sessions,
                                                        const std::vector<LmRequest>& requests,
                                                        const CancelFlag* cancel) {
    // One reply being decoded: a request's only field, or (single-agent mode) one of
    // its fields on a fork of its session.
    struct Item {
        size_t request = 0;
        QString field;
        LocalSession* session = nullptr;
        std::unique_ptr<LocalSession> owned;
    };
    const size_t n = sessions.size();
    std::vector<std::optional<Error>> requestError(n);
    std::vector<Item> items;
    std::vector<gpu::GenerateOptions> options;
    for (size_t i = 0; i < n && !cancelled(cancel); ++i) {
        auto* s = static_cast<LocalSession*>(sessions[i]);
        const LmRequest& r = requests[i];
        if (r.constraint.fields.isEmpty()) {
            requestError[i] = makeError(QStringLiteral("local: request without a label field"));
            continue;
        }
        const bool multi = r.constraint.fields.size() > 1;
        for (const auto& f : r.constraint.fields) {
            auto c = constraintFor(f.labels, r.constraint.maxRationaleChars);
            if (!c) {
                requestError[i] = c.error();
                break;
            }
            Item item{i, f.name, s, nullptr};
            QString text = r.instruction.text;
            if (multi) {
                // The single-agent ablation asks the same prompt once per field.
                item.owned = std::make_unique<LocalSession>(this, s->session_.fork(), true);
                item.session = item.owned.get();
                text += QStringLiteral("\nNow give only the \"%1\" label, as {\"label\": ..., \"rationale\": ...}.")
                            .arg(f.name);
            }
            const gpu::ChatMessage m{gpu::ChatRole::User, text.toStdString(), 0};
            auto prompt = chat_->render(std::span(&m, 1), !item.session->started_, true);
            if (!prompt) {
                requestError[i] = engineError(prompt.error());
                break;
            }
            if (auto st = item.session->append(prompt.value(), nullptr, &tokens_.instructions); !st) {
                requestError[i] = st.error();
                break;
            }
            gpu::GenerateOptions o;
            o.maxTokens = r.constraint.maxRationaleChars + options_.extraTokens;
            o.constraint = c.value();
            o.stopIds = chat_->stopIds();
            o.tokenBytes = &tokenBytes_;
            options.push_back(o);
            items.push_back(std::move(item));
        }
    }
    // Requests that failed while their items were being set up decode nothing.
    std::vector<gpu::Session*> feed;
    std::vector<gpu::GenerateOptions> feedOptions;
    std::vector<size_t> feedItem;
    for (size_t k = 0; k < items.size(); ++k) {
        if (requestError[items[k].request]) continue;
        feed.push_back(&items[k].session->session_);
        feedOptions.push_back(options[k]);
        feedItem.push_back(k);
    }
    const auto results = gpu::generateBatch(feed, feedOptions, cancel ? cancel->atomic() : nullptr);

    std::vector<LmOutput> outputs(n);
    for (size_t j = 0; j < results.size(); ++j) {
        const Item& it = items[feedItem[j]];
        if (requestError[it.request]) continue;
        if (!results[j]) {
            requestError[it.request] = engineError(results[j].error());
            continue;
        }
        const gpu::GenerateResult& g = results[j].value();
        tokens_.generated += int64_t(g.tokens.size());
        if (!g.label) {
            requestError[it.request] = g.stop == gpu::StopReason::Cancelled || cancelled(cancel)
                                           ? cancelledError()
                                           : makeError(QStringLiteral("local: no label within the token budget"));
            continue;
        }
        const auto& labels = feedOptions[j].constraint->schema().labels;
        LmFieldResult f;
        f.label = qs(*g.label);
        if (g.labelProbabilities.size() == labels.size()) {
            for (size_t k = 0; k < labels.size(); ++k) f.probabilities.insert(qs(labels[k]), g.labelProbabilities[k]);
            f.confidence = g.labelProbabilities[size_t(g.labelIndex)];
        } else {
            f.confidence = 1.0;
        }
        LmOutput& out = outputs[it.request];
        out.constrained = true;
        out.fields.insert(it.field, f);
        out.raw += QString::fromStdString(g.text);
        const QString rationale =
            boundRationale(rationaleOf(g.text), requests[it.request].constraint.maxRationaleChars);
        if (requests[it.request].constraint.fields.size() > 1)
            out.rationale += (out.rationale.isEmpty() ? QString() : QStringLiteral("; ")) + it.field +
                             QStringLiteral(": ") + rationale;
        else
            out.rationale = rationale;
    }
    std::vector<Result<LmOutput>> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (requestError[i])
            out.push_back(*requestError[i]);
        else if (outputs[i].fields.isEmpty())
            out.push_back(cancelledError());
        else
            out.push_back(std::move(outputs[i]));
    }
    return out;
}

QString modelsDirectory() {
    const QString overridden = qEnvironmentVariable("MOTOR_MODELS_DIR");
    if (!overridden.isEmpty()) return QDir::cleanPath(overridden);
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/motor-studio/models");
}

QString resolveModelPath(const QString& pathOrName) {
    if (pathOrName.isEmpty() || QFileInfo::exists(pathOrName) || pathOrName.contains(QLatin1Char('/')))
        return pathOrName;
    const QString inStore = modelsDirectory() + QLatin1Char('/') + pathOrName;
    return QFileInfo::exists(inStore) ? inStore : pathOrName;
}

}  // namespace motor::agents
