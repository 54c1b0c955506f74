#include "ui/predict/PredictionJob.h"

#include <QFuture>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <QtConcurrent>

#include <cmath>

#include "core/agents/CueBaseline.h"
#include "core/agents/MajorityBaseline.h"
#include "core/agents/MediaFrameSource.h"
#include "core/agents/OpenAiModel.h"
#include "core/agents/local/LocalModel.h"
#include "core/store/Project.h"

namespace motor {
namespace ui {

struct PredictionJob::Shared {
    agents::CancelFlag cancel;
    QFuture<void> future;
};

PredictionJob::PredictionJob(QObject* parent) : QObject(parent), shared_(std::make_shared<Shared>()) {
    qRegisterMetaType<motor::ui::PredictedClip>();
}

PredictionJob::~PredictionJob() {
    // The worker reports into this object; it stops within a second of the flag, and
    // waiting for it keeps every queued call aimed at a live object.
    shared_->cancel.cancel();
    shared_->future.waitForFinished();
}

void PredictionJob::cancel() { shared_->cancel.cancel(); }

bool PredictionJob::start(const PredictConfig& config) {
    if (running_) return false;
    running_ = true;
    shared_->cancel.reset();
    shared_->future = QtConcurrent::run([this, config] {
        const Result<agents::RunSummary> r = run(config);
        QMetaObject::invokeMethod(this, [this, r] {
            running_ = false;
            if (!r) {
                emit finished(false, false, QString(), r.error().message);
                return;
            }
            const agents::RunSummary& s = r.value();
            QString message = tr("%1 labelled now, %2 done earlier, %3 failed, of %n clip(s).", nullptr, s.progress.total)
                                  .arg(s.progress.done)
                                  .arg(s.progress.skipped)
                                  .arg(s.progress.failed);
            if (s.cancelled) message += QLatin1Char(' ') + tr("Cancelled: start the same run again to resume it.");
            if (!s.errors.isEmpty()) message += QLatin1Char('\n') + s.errors.join(QLatin1Char('\n'));
            emit finished(true, s.cancelled, s.runName, message);
        }, Qt::QueuedConnection);
    });
    return true;
}

// Runs in the worker thread: only `config`, the factory and the shared cancel flag are
// touched here, and results leave through queued calls.
Result<agents::RunSummary> PredictionJob::run(const PredictConfig& config) {
    using namespace agents;
    auto opened = Project::open(config.projectPath);
    if (!opened) return opened.error();
    Project& project = *opened.value();

    RunOptions options;
    options.mode = config.mode;
    options.selection = config.selection;
    options.clipIds = config.clipIds;
    options.cancel = &shared_->cancel;
    if (modeUsesFrames(config.mode)) options.frames = mediaFrameSource();

    // The backend, built exactly as app/cli/cmd_predict.cpp builds it.
    std::unique_ptr<LanguageModel> lm;
    if (factoryForTesting_) {
        auto m = factoryForTesting_(project);
        if (!m) return m.error();
        lm = std::move(m.value());
    } else if (config.backend == PredictBackend::MajorityBaseline) {
        auto m = MajorityBaseline::fromProject(project, config.referenceExpert);
        if (!m) return m.error();
        lm = std::move(m.value());
    } else if (config.backend == PredictBackend::CueBaseline) {
        lm = std::make_unique<CueBaseline>();
    } else if (config.backend == PredictBackend::OpenAi) {
        OpenAiOptions o;
        o.url = QUrl(config.url);
        o.model = config.modelName;
        const bool allow = config.allowRemoteFrames;
        o.confirmRemoteFrames = [allow](const QString&) { return allow; };
        auto m = OpenAiModel::create(o);
        if (!m) return m.error();
        options.parameters = QJsonObject{{QStringLiteral("temperature"), o.temperature},
                                         {QStringLiteral("max_tokens"), o.maxTokens},
                                         {QStringLiteral("timeout_ms"), o.timeoutMs},
                                         {QStringLiteral("retries"), o.maxRetries},
                                         {QStringLiteral("concurrency"), o.concurrency},
                                         {QStringLiteral("json_schema"), o.jsonSchema}};
        lm = std::move(m.value());
    } else {
        LocalOptions o;
        o.modelPath = config.modelPath;
        auto m = LocalModel::load(o);
        if (!m) return m.error();
        options.parameters = QJsonObject{{QStringLiteral("device"), m.value()->deviceUsed()},
                                         {QStringLiteral("decoding"), QStringLiteral("greedy")},
                                         {QStringLiteral("threads"), o.threads},
                                         {QStringLiteral("batch"), m.value()->capabilities().preferredBatch}};
        lm = std::move(m.value());
    }
    if (cancelled(&shared_->cancel)) return makeError(tr("Cancelled before the run started."));
    options.runName = config.runName.isEmpty() ? defaultRunName(*lm, config.mode) : config.runName;

    // Live results: after each progress report, the clips the run has newly finished are
    // read back through this thread's connection (core commits clip by clip).
    const QString runName = options.runName;
    QSet<int64_t> reported;
    int64_t annotatorId = 0;
    options.progress = [&, this](const RunProgress& p) {
        QMetaObject::invokeMethod(this, [this, p] {
            emit progressed(p.skipped + p.done, p.total, p.failed, p.elapsedMs, p.etaMs);
        }, Qt::QueuedConnection);
        if (annotatorId == 0) {
            auto a = project.annotatorByName(runName);
            if (!a || !a.value()) return;
            annotatorId = a.value()->id;
        }
        auto finishedClips = project.finishedRunClips(annotatorId);
        if (!finishedClips) return;
        // Clips finished by an earlier session of this run are listed too, once.
        for (int64_t clipId : finishedClips.value()) {
            if (reported.contains(clipId)) continue;
            reported.insert(clipId);
            auto clip = project.clipById(clipId);
            auto annotations = project.annotationsForClip(clipId);
            if (!clip || !annotations) continue;
            PredictedClip out;
            out.clipId = clipId;
            out.clipKey = clip.value().key;
            double sum = 0.0;
            int n = 0;
            for (const Dimension& d : project.codebook().dimensions) {
                out.dimensions << d.name;
                QString label;
                for (const Annotation& a : annotations.value())
                    if (a.annotatorId == annotatorId && a.dimension == d.name) {
                        label = a.label;
                        if (!std::isnan(a.confidence)) {
                            sum += a.confidence;
                            ++n;
                        }
                    }
                out.labels << label;
            }
            out.confidence = n > 0 ? sum / n : -1.0;
            QMetaObject::invokeMethod(this, [this, out] { emit clipPredicted(out); }, Qt::QueuedConnection);
        }
    };
    return runPrediction(project, *lm, options);
}

}  // namespace ui
}  // namespace motor
