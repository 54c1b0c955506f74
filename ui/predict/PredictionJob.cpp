#include "ui/predict/PredictionJob.h"

#include <QFuture>
#include <QMutex>
#include <QTimer>
#include <QtConcurrent>

#include "core/agents/MediaFrameSource.h"
#include "core/store/Project.h"

namespace motor {
namespace ui {

// Worker -> GUI hand-over: the worker appends, the GUI thread takes everything at once.
struct PredictionJob::Shared {
    agents::CancelFlag cancel;
    QFuture<void> future;
    QMutex mutex;
    QVector<agents::FinishedClip> pending;
    std::optional<agents::RunProgress> progress;
};

PredictionJob::PredictionJob(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()), flushTimer_(new QTimer(this)) {
    qRegisterMetaType<QVector<motor::agents::FinishedClip>>();
    // The GUI takes the worker's results at most this often: a fast run (a baseline does
    // a clip in microseconds) would otherwise keep the event loop busy repainting.
    flushTimer_->setInterval(kFlushIntervalMs);
    connect(flushTimer_, &QTimer::timeout, this, &PredictionJob::flush);
}

PredictionJob::~PredictionJob() {
    // The worker reports into this object; it stops within a second of the flag, and
    // waiting for it keeps every queued call aimed at a live object.
    shared_->cancel.cancel();
    shared_->future.waitForFinished();
}

void PredictionJob::cancel() {
    shared_->cancel.cancel();
}

bool PredictionJob::start(const PredictConfig& config) {
    if (running_) return false;
    running_ = true;
    shared_->cancel.reset();
    flushTimer_->start();
    shared_->future = QtConcurrent::run([this, config] {
        const Result<agents::RunSummary> r = run(config);
        QMetaObject::invokeMethod(
            this,
            [this, r] {
                flushTimer_->stop();
                flush();  // clips reported before the end come first
                running_ = false;
                if (!r) {
                    emit finished(false, isCancelled(r.error()), QString(), r.error().message);
                    return;
                }
                const agents::RunSummary& s = r.value();
                QString message =
                    tr("%1 labelled now, %2 done earlier, %3 failed, of %n clip(s).", nullptr, s.progress.total)
                        .arg(s.progress.done)
                        .arg(s.progress.skipped)
                        .arg(s.progress.failed);
                if (s.cancelled) message += QLatin1Char(' ') + tr("Cancelled: start the same run again to resume it.");
                if (s.stopped)
                    message += QLatin1Char(' ') +
                               tr("Stopped, the finished clips kept: %1 When the server can serve again, start the "
                                  "same run to resume it.")
                                   .arg(s.stopReason);
                if (s.annotatorId == 0 && s.progress.skipped == 0)
                    message += QLatin1Char(' ') + tr("Nothing was stored.");
                if (!s.errors.isEmpty()) message += QLatin1Char('\n') + s.errors.join(QLatin1Char('\n'));
                emit finished(true, s.cancelled, s.runName, message);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void PredictionJob::flush() {
    QVector<agents::FinishedClip> clips;
    std::optional<agents::RunProgress> progress;
    {
        QMutexLocker lock(&shared_->mutex);
        clips.swap(shared_->pending);
        progress.swap(shared_->progress);
    }
    if (progress)
        emit progressed(progress->skipped + progress->done, progress->total, progress->failed, progress->elapsedMs,
                        progress->etaMs);
    if (!clips.isEmpty()) emit clipsFinished(clips);
}

// Runs in the worker thread: only `config`, the factory and the shared state are touched
// here, and results leave through flush() on the GUI thread.
Result<agents::RunSummary> PredictionJob::run(const PredictConfig& config) {
    using namespace agents;
    auto opened = Project::open(config.projectPath);
    if (!opened) return opened.error();
    Project& project = *opened.value();

    RunOptions options;
    options.mode = config.mode;
    options.selection = config.selection;
    options.clipIds = config.clipIds;
    options.prefixSharing = config.prefixSharing;
    options.maxRationaleChars = config.maxRationaleChars;
    options.promptDir = config.promptDir;
    options.batchSize = config.backend.batch;
    options.cancel = &shared_->cancel;
    if (modeUsesFrames(config.mode)) options.frames = mediaFrameSource();

    std::unique_ptr<LanguageModel> lm;
    if (factoryForTesting_) {
        auto m = factoryForTesting_(project);
        if (!m) return m.error();
        lm = std::move(m.value());
    } else {
        auto b = makeBackend(project, config.backend);
        if (!b) return b.error();
        lm = std::move(b.value().model);
        options.parameters = b.value().parameters;
        const QString where = b.value().where;
        QMetaObject::invokeMethod(
            this, [this, where] { emit backendReady(where); }, Qt::QueuedConnection);
    }
    if (cancelled(&shared_->cancel)) return cancelledError(tr("Cancelled before the run started."));
    options.runName = config.runName.isEmpty() ? defaultRunName(*lm, config.mode) : config.runName;

    // The worker only appends; the GUI thread's timer takes what piled up.
    std::shared_ptr<Shared> shared = shared_;
    auto post = [shared](const std::function<void(Shared&)>& add) {
        QMutexLocker lock(&shared->mutex);
        add(*shared);
    };
    options.progress = [post](const RunProgress& p) { post([&](Shared& s) { s.progress = p; }); };
    options.clipFinished = [post](const FinishedClip& c) { post([&](Shared& s) { s.pending.push_back(c); }); };
    options.started = [this](int64_t annotatorId, const QVector<int64_t>& earlier) {
        const QVector<qint64> ids(earlier.begin(), earlier.end());
        QMetaObject::invokeMethod(
            this, [this, annotatorId, ids] { emit runStarted(annotatorId, ids); }, Qt::QueuedConnection);
    };
    return runPrediction(project, *lm, options);
}

}  // namespace ui
}  // namespace motor
