#include "core/agents/BackendFactory.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

#include "core/agents/CueBaseline.h"
#include "core/agents/MajorityBaseline.h"
#include "core/agents/OpenAiModel.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/local/LocalModel.h"

namespace motor::agents {

namespace {
// Where a run runs, as the app shows it, through the interface's translator (the CLI
// installs none: English).
struct WhereTexts {
    Q_DECLARE_TR_FUNCTIONS(motor::agents::BackendFactory)
};
}  // namespace

QStringList splitServerUrls(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString backendKindName(BackendKind kind) {
    switch (kind) {
        case BackendKind::MajorityBaseline:
        case BackendKind::CueBaseline:
            return QStringLiteral("baseline");
        case BackendKind::Local:
            return QStringLiteral("local");
        case BackendKind::OpenAi:
            return QStringLiteral("openai");
    }
    return {};
}

QString suggestedRunName(const BackendSpec& spec, PredictorMode mode) {
    switch (spec.kind) {
        case BackendKind::MajorityBaseline:
            return runNameFor(QStringLiteral("baseline"), QStringLiteral("majority"), mode);
        case BackendKind::CueBaseline:
            return runNameFor(QStringLiteral("baseline"), QStringLiteral("transcript-cues"), mode);
        case BackendKind::Local:
            return runNameFor(QStringLiteral("local"),
                              spec.modelPath.isEmpty() ? QStringLiteral("MODEL") : QFileInfo(spec.modelPath).fileName(),
                              mode);
        case BackendKind::OpenAi:
            return runNameFor(QStringLiteral("openai"),
                              spec.modelName.isEmpty() ? QStringLiteral("MODEL") : spec.modelName, mode);
    }
    return {};
}

Result<Backend> makeBackend(Project& project, const BackendSpec& spec) {
    Backend b;
    switch (spec.kind) {
        case BackendKind::MajorityBaseline: {
            if (spec.referenceExpert.isEmpty())
                return makeError(QStringLiteral("the majority baseline needs the expert whose labels it counts"));
            auto m = MajorityBaseline::fromProject(project, spec.referenceExpert);
            if (!m) return m.error();
            b.model = std::move(m.value());
            b.where = WhereTexts::tr("cpu (a baseline: counts %1's labels)").arg(spec.referenceExpert);
            break;
        }
        case BackendKind::CueBaseline:
            b.model = std::make_unique<CueBaseline>();
            b.where = WhereTexts::tr("cpu (a baseline: cue words in the transcript)");
            break;
        case BackendKind::OpenAi: {
            OpenAiOptions o;
            for (const QString& url : spec.urls) o.urls << QUrl(url.trimmed());
            o.model = spec.modelName;
            o.timeoutMs = spec.timeoutS * 1000;
            o.maxRetries = spec.retries;
            if (spec.batch > 0) o.concurrency = spec.batch;
            const bool allow = spec.allowRemoteFrames;
            o.confirmRemoteFrames = [allow](const QString&) { return allow; };
            auto m = OpenAiModel::create(o);
            if (!m) return m.error();
            b.parameters = QJsonObject{
                {QStringLiteral("temperature"), o.temperature}, {QStringLiteral("max_tokens"), o.maxTokens},
                {QStringLiteral("timeout_ms"), o.timeoutMs},    {QStringLiteral("retries"), o.maxRetries},
                {QStringLiteral("concurrency"), o.concurrency}, {QStringLiteral("json_schema"), o.jsonSchema}};
            QStringList servers;
            for (const QUrl& u : o.urls) servers << u.toString(QUrl::RemoveUserInfo);
            b.where = servers.join(QStringLiteral(", "));
            b.model = std::move(m.value());
            break;
        }
        case BackendKind::Local: {
            LocalOptions o;
            o.modelPath = spec.modelPath;
            o.mmprojPath = spec.mmprojPath;
            o.device = spec.device;
            o.threads = spec.threads;
            if (spec.batch > 0) o.batch = spec.batch;
            auto m = LocalModel::load(o);
            if (!m) return m.error();
            b.parameters = QJsonObject{{QStringLiteral("device"), m.value()->deviceUsed()},
                                       {QStringLiteral("device_name"), m.value()->placement().device},
                                       {QStringLiteral("decoding"), QStringLiteral("greedy")},
                                       {QStringLiteral("threads"), spec.threads},
                                       {QStringLiteral("batch"), m.value()->capabilities().preferredBatch}};
            b.where = m.value()->placement().line();
            if (!m.value()->placement().fallback.isEmpty())
                b.parameters.insert(QStringLiteral("device_fallback"), m.value()->placement().fallback);
            b.model = std::move(m.value());
            break;
        }
    }
    return b;
}

}  // namespace motor::agents
