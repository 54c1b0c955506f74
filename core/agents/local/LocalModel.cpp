#include "core/agents/local/LocalModel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>

#include "core/agents/ReplyParser.h"
#include "core/util/LiveDatabaseFiles.h"
#include "motor/gpu/engine.h"
#include "motor/gpu/tokenizer.h"

namespace motor::agents {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

class LocalSession final : public LmSession {
public:
    LocalSession(LocalModel* model, gpu::Session session, bool started)
        : model_(model), session_(std::move(session)), started_(started) {}

    Status prefill(const LmContent& content, const CancelFlag* cancel) override {
        if (cancelled(cancel)) return makeError(QStringLiteral("cancelled"));
        const auto tokens = model_->turnTokens(content.role == LmRole::System ? QStringLiteral("system") : QStringLiteral("user"),
                                               content.text, false, !started_);
        return append(tokens);
    }
    Result<std::unique_ptr<LmSession>> fork() const override {
        return std::unique_ptr<LmSession>(std::make_unique<LocalSession>(model_, session_.fork(), started_));
    }
    Result<LmOutput> generate(const LmRequest& request, const CancelFlag* cancel) override {
        auto out = model_->generateBatch({this}, {request}, cancel);
        return std::move(out.front());
    }

    Status append(const std::vector<int32_t>& tokens) {
        if (tokens.empty()) return {};
        if (session_.position() + int(tokens.size()) > session_.contextLength())
            return makeError(QStringLiteral("local: prompt of %1 tokens exceeds the model's context of %2 tokens")
                                 .arg(session_.position() + int(tokens.size()))
                                 .arg(session_.contextLength()));
        auto r = session_.prefill(tokens);
        if (!r) return makeError(QStringLiteral("local: ") + qs(r.error().message));
        started_ = true;
        return {};
    }

    LocalModel* model_;
    gpu::Session session_;
    bool started_;
};

// One constrained reply being decoded.
struct Item {
    size_t request = 0;
    QString field;
    gpu::Session* session = nullptr;
    std::unique_ptr<LocalSession> owned;  // fork for one field of a multi-field request
    const gpu::JsonLabelConstraint* constraint = nullptr;
    gpu::JsonLabelConstraint::State state;
    std::string text;
    std::vector<double> probabilities;
    bool probabilitiesDone = false;
    bool finished = false;
    std::optional<Error> error;
};

Result<QByteArray> hashFile(const QString& path, QJsonObject* info) {
    if (auto refused = util::LiveDatabaseFiles::refuse(path, QStringLiteral("a model file")); !refused) return refused.error();
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

LocalModel::LocalModel() = default;
LocalModel::~LocalModel() = default;

Result<std::unique_ptr<LocalModel>> LocalModel::load(const LocalOptions& options) {
    QString device = options.device.isEmpty() ? QStringLiteral("auto") : options.device;
    if (device != QLatin1String("auto") && device != QLatin1String("cpu") && device != QLatin1String("cuda"))
        return makeError(QStringLiteral("local: --device must be auto, cpu or cuda, got '%1'").arg(device));
    if (device == QLatin1String("cuda"))
        return makeError(QStringLiteral("local: the engine's CUDA backend is not available to the predictor in this build; use --device cpu"));
    device = QStringLiteral("cpu");
    if (options.modelPath.isEmpty()) return makeError(QStringLiteral("local: a model is needed (--model PATH)"));
    if (auto refused = util::LiveDatabaseFiles::refuse(options.modelPath, QStringLiteral("a model")); !refused) return refused.error();
    auto weights = gpu::openModel(options.modelPath.toStdString());
    if (!weights) return makeError(QStringLiteral("local: ") + qs(weights.error().message));
    const std::string format = weights.value()->formatName();
    const std::string chatTemplate = weights.value()->chatTemplate();
    gpu::ModelOptions mo;
    mo.threads = options.threads;
    auto model = gpu::Model::load(std::move(weights.value()), mo);
    if (!model) return makeError(QStringLiteral("local: ") + qs(model.error().message));
    auto tokenizer = gpu::Tokenizer::create(model.value()->tokenizerData());
    if (!tokenizer) return makeError(QStringLiteral("local: tokenizer: ") + qs(tokenizer.error().message));

    std::unique_ptr<LocalModel> m(new LocalModel());
    m->options_ = options;
    m->device_ = device;
    m->model_ = std::move(model.value());
    m->tokenizer_ = std::make_unique<gpu::Tokenizer>(std::move(tokenizer.value()));
    m->tokenBytes_ = gpu::tokenBytesFromTokenizerData(m->model_->tokenizerData());
    const auto& td = m->model_->tokenizerData();
    if (td.eos >= 0) m->endIds_.push_back(td.eos);
    for (int32_t id : td.extraEos) m->endIds_.push_back(id);
    if (m->tokenizer_->tokenId("<|im_start|>") && m->tokenizer_->tokenId("<|im_end|>")) m->format_ = ChatFormat::ChatMl;
    else if (m->tokenizer_->tokenId("<|start_header_id|>") && m->tokenizer_->tokenId("<|eot_id|>")) m->format_ = ChatFormat::Llama3;
    if (auto id = m->tokenizer_->tokenId(m->format_ == ChatFormat::ChatMl ? "<|im_end|>" : "<|eot_id|>"))
        if (m->format_ != ChatFormat::Plain) m->endIds_.push_back(*id);

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
                   {QStringLiteral("chat_format"), m->format_ == ChatFormat::ChatMl ? QStringLiteral("chatml")
                                                   : m->format_ == ChatFormat::Llama3 ? QStringLiteral("llama3")
                                                                                       : QStringLiteral("plain")},
                   {QStringLiteral("vision"), false}};
    if (options.hashContent) {
        auto h = modelContentHash(options.modelPath);
        if (!h) return h.error();
        for (auto it = h.value().begin(); it != h.value().end(); ++it) id.insert(it.key(), it.value());
    }
    m->identity_ = id;
    return m;
}

LmCapabilities LocalModel::capabilities() const {
    LmCapabilities c;
    c.vision = false;
    c.constrainedDecoding = true;
    c.prefixSharing = true;
    c.preferredBatch = std::max(1, options_.batch);
    return c;
}

std::vector<int32_t> LocalModel::turnTokens(const QString& role, const QString& text, bool open, bool first) const {
    using T = gpu::Tokenizer;
    std::vector<int32_t> out;
    auto add = [&](const QString& s) {
        const auto ids = tokenizer_->encode(s.toStdString(), T::AddSpecial::No, T::SpecialText::Plain);
        out.insert(out.end(), ids.begin(), ids.end());
    };
    auto special = [&](const char* piece) {
        if (auto id = tokenizer_->tokenId(piece)) out.push_back(*id);
    };
    const auto& td = model_->tokenizerData();
    if (first && td.addBos && td.bos >= 0) out.push_back(td.bos);
    switch (format_) {
    case ChatFormat::ChatMl:
        special("<|im_start|>");
        add(role + QLatin1Char('\n') + text);
        if (!open) {
            special("<|im_end|>");
            add(QStringLiteral("\n"));
        }
        break;
    case ChatFormat::Llama3:
        special("<|start_header_id|>");
        add(role);
        special("<|end_header_id|>");
        add(QStringLiteral("\n\n") + text);
        if (!open) special("<|eot_id|>");
        break;
    case ChatFormat::Plain: {
        QString r = role;
        if (!r.isEmpty()) r[0] = r[0].toUpper();
        add(QStringLiteral("### %1:\n%2").arg(r, text));
        if (!open) add(QStringLiteral("\n\n"));
        break;
    }
    }
    return out;
}

std::vector<int32_t> LocalModel::assistantStart() const {
    using T = gpu::Tokenizer;
    std::vector<int32_t> out;
    auto add = [&](const char* s) {
        const auto ids = tokenizer_->encode(s, T::AddSpecial::No, T::SpecialText::Plain);
        out.insert(out.end(), ids.begin(), ids.end());
    };
    switch (format_) {
    case ChatFormat::ChatMl:
        if (auto id = tokenizer_->tokenId("<|im_start|>")) out.push_back(*id);
        add("assistant\n");
        break;
    case ChatFormat::Llama3:
        if (auto id = tokenizer_->tokenId("<|start_header_id|>")) out.push_back(*id);
        add("assistant");
        if (auto id = tokenizer_->tokenId("<|end_header_id|>")) out.push_back(*id);
        add("\n\n");
        break;
    case ChatFormat::Plain:
        add("### Assistant:\n");
        break;
    }
    return out;
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
    auto c = gpu::JsonLabelConstraint::create(schema, tokenBytes_, endIds_);
    if (!c) return makeError(QStringLiteral("local: ") + qs(c.error().message));
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
    const size_t n = sessions.size();
    std::vector<std::optional<Error>> requestError(n);
    std::vector<std::unique_ptr<Item>> items;
    int maxTokens = options_.extraTokens;
    // Prefill every instruction (and, per field of a multi-field request, a fork).
    for (size_t i = 0; i < n && !cancelled(cancel); ++i) {
        auto* s = static_cast<LocalSession*>(sessions[i]);
        const LmRequest& r = requests[i];
        maxTokens = std::max(maxTokens, r.constraint.maxRationaleChars + options_.extraTokens);
        if (r.constraint.fields.isEmpty()) {
            requestError[i] = makeError(QStringLiteral("local: request without a label field"));
            continue;
        }
        const bool multi = r.constraint.fields.size() > 1;
        auto tokens = turnTokens(QStringLiteral("user"), r.instruction.text, multi, false);
        if (!multi) {
            const auto a = assistantStart();
            tokens.insert(tokens.end(), a.begin(), a.end());
        }
        if (auto st = s->append(tokens); !st) {
            requestError[i] = st.error();
            continue;
        }
        for (const auto& f : r.constraint.fields) {
            auto item = std::make_unique<Item>();
            item->request = i;
            item->field = f.name;
            auto c = constraintFor(f.labels, r.constraint.maxRationaleChars);
            if (!c) {
                requestError[i] = c.error();
                break;
            }
            item->constraint = c.value();
            item->state = item->constraint->initial();
            if (multi) {
                // The single-agent ablation asks the same prompt once per field.
                item->owned = std::make_unique<LocalSession>(this, s->session_.fork(), true);
                std::vector<int32_t> t;
                const auto ids = tokenizer_->encode(
                    QStringLiteral("\nNow give only the \"%1\" label, as {\"label\": ..., \"rationale\": ...}.").arg(f.name).toStdString(),
                    gpu::Tokenizer::AddSpecial::No, gpu::Tokenizer::SpecialText::Plain);
                t.insert(t.end(), ids.begin(), ids.end());
                if (format_ == ChatFormat::ChatMl) {
                    if (auto id = tokenizer_->tokenId("<|im_end|>")) t.push_back(*id);
                    const auto nl = tokenizer_->encode("\n", gpu::Tokenizer::AddSpecial::No, gpu::Tokenizer::SpecialText::Plain);
                    t.insert(t.end(), nl.begin(), nl.end());
                } else if (format_ == ChatFormat::Llama3) {
                    if (auto id = tokenizer_->tokenId("<|eot_id|>")) t.push_back(*id);
                } else {
                    const auto nl = tokenizer_->encode("\n\n", gpu::Tokenizer::AddSpecial::No, gpu::Tokenizer::SpecialText::Plain);
                    t.insert(t.end(), nl.begin(), nl.end());
                }
                const auto a = assistantStart();
                t.insert(t.end(), a.begin(), a.end());
                if (auto st = item->owned->append(t); !st) {
                    requestError[i] = st.error();
                    break;
                }
                item->session = &item->owned->session_;
            } else {
                item->session = &s->session_;
            }
            items.push_back(std::move(item));
        }
    }

    // Decode all items together, one token per item per pass.
    std::vector<float> logits;
    auto isEnd = [&](int32_t t) { return std::find(endIds_.begin(), endIds_.end(), t) != endIds_.end(); };
    for (int step = 0; step < maxTokens && !cancelled(cancel); ++step) {
        std::vector<gpu::Session*> feedSessions;
        std::vector<int32_t> feedTokens;
        for (auto& it : items) {
            if (it->finished || it->error || requestError[it->request]) continue;
            const gpu::JsonLabelConstraint& c = *it->constraint;
            const auto raw = it->session->logits();
            logits.assign(raw.begin(), raw.end());
            const bool complete = c.complete(it->state);
            c.mask(it->state, logits);
            for (int32_t id : endIds_)
                if (id >= 0 && size_t(id) < logits.size()) logits[size_t(id)] = complete ? raw[size_t(id)] : -INFINITY;
            const int32_t token = gpu::argmax(logits);
            if (token < 0) {
                it->error = makeError(QStringLiteral("local: no token allowed at step %1").arg(step));
                continue;
            }
            if (isEnd(token) || c.isEos(token)) {
                it->finished = true;
                continue;
            }
            gpu::JsonLabelConstraint::State next = it->state;
            if (!c.advance(next, token)) {
                it->error = makeError(QStringLiteral("local: constraint rejected its own token"));
                continue;
            }
            if (!it->probabilitiesDone && !c.labelStarted(it->state) && c.labelStarted(next)) {
                auto p = gpu::labelProbabilities(*it->session, c, it->state);
                if (!p) {
                    it->error = makeError(QStringLiteral("local: ") + qs(p.error().message));
                    continue;
                }
                it->probabilities = std::move(p.value());
                it->probabilitiesDone = true;
            }
            it->state = next;
            if (size_t(token) < tokenBytes_.size()) it->text += tokenBytes_[size_t(token)];
            if (c.complete(it->state) && !c.hasEos()) {
                it->finished = true;
                continue;
            }
            if (it->session->position() >= it->session->contextLength()) {
                it->finished = true;
                continue;
            }
            feedSessions.push_back(it->session);
            feedTokens.push_back(token);
        }
        if (feedSessions.empty()) break;
        auto r = gpu::Session::decodeBatch(feedSessions, feedTokens);
        if (!r) {
            for (auto& it : items)
                if (!it->finished && !it->error) it->error = makeError(QStringLiteral("local: ") + qs(r.error().message));
            break;
        }
    }

    std::vector<LmOutput> outputs(n);
    for (auto& it : items) {
        if (requestError[it->request]) continue;
        if (it->error) {
            requestError[it->request] = *it->error;
            continue;
        }
        const gpu::JsonLabelConstraint& c = *it->constraint;
        const std::optional<int> label = it->state.label >= 0 ? std::optional<int>(it->state.label) : c.determinedLabel(it->state);
        if (!label) {
            requestError[it->request] = cancelled(cancel) ? makeError(QStringLiteral("cancelled"))
                                                          : makeError(QStringLiteral("local: no label within the token budget"));
            continue;
        }
        const auto& labels = c.schema().labels;
        LmFieldResult f;
        f.label = qs(labels[size_t(*label)]);
        if (it->probabilities.size() == labels.size()) {
            for (size_t k = 0; k < labels.size(); ++k) f.probabilities.insert(qs(labels[k]), it->probabilities[k]);
            f.confidence = it->probabilities[size_t(*label)];
        } else {
            f.confidence = 1.0;
        }
        LmOutput& out = outputs[it->request];
        out.constrained = true;
        out.fields.insert(it->field, f);
        const QString text = QString::fromUtf8(it->text);
        out.raw += text;
        QString rationale;
        const QJsonDocument doc = QJsonDocument::fromJson(it->text.c_str());
        if (doc.isObject()) {
            rationale = doc.object().value(QStringLiteral("rationale")).toString();
        } else {
            const qsizetype at = text.indexOf(QLatin1String("\"rationale\""));
            if (at >= 0) {
                const qsizetype q = text.indexOf(QLatin1Char('"'), text.indexOf(QLatin1Char(':'), at) + 1);
                if (q >= 0) rationale = text.mid(q + 1);
            }
        }
        rationale = boundRationale(rationale, requests[it->request].constraint.maxRationaleChars);
        if (requests[it->request].constraint.fields.size() > 1)
            out.rationale += (out.rationale.isEmpty() ? QString() : QStringLiteral("; ")) + it->field + QStringLiteral(": ") + rationale;
        else
            out.rationale = rationale;
    }
    std::vector<Result<LmOutput>> results;
    results.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        if (requestError[i]) results.push_back(*requestError[i]);
        else if (cancelled(cancel) && outputs[i].fields.isEmpty()) results.push_back(makeError(QStringLiteral("cancelled")));
        else results.push_back(std::move(outputs[i]));
    }
    return results;
}

}  // namespace motor::agents
