#pragma once
// One prediction run off the GUI thread: the worker opens its own Project connection,
// builds the backend with core's BackendFactory (as `motor predict` does) and calls
// core's runPrediction. Each committed clip comes back with the labels the predictor had
// in hand (no store re-reads); the GUI thread takes what has piled up ten times a
// second, so a fast run cannot flood the event loop.
// cancel() sets core's CancelFlag, which stops the run between requests/tokens.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>
#include <functional>
#include <memory>

#include "core/agents/BackendFactory.h"
#include "core/agents/LanguageModel.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/PredictorMode.h"
#include "core/util/Result.h"

namespace motor {
class Project;
namespace ui {

// What the Predict tab asks for: the backend (every `motor predict` option) and the run.
struct PredictConfig {
    QString projectPath;
    agents::BackendSpec backend;
    agents::PredictorMode mode = agents::PredictorMode::MotorMas;
    agents::ClipSelection selection = agents::ClipSelection::All;
    QStringList clipIds;  // ClipSelection::List
    QString runName;      // empty: core's default name
    agents::PrefixSharing prefixSharing = agents::PrefixSharing::On;
    int maxRationaleChars = 300;
    QString promptDir;  // empty: the built-in prompts
};

class PredictionJob : public QObject {
    Q_OBJECT
public:
    using ModelFactory = std::function<Result<std::unique_ptr<agents::LanguageModel>>(Project& project)>;

    explicit PredictionJob(QObject* parent = nullptr);
    ~PredictionJob() override;

    bool isRunning() const { return running_; }
    // False when a run is already going.
    bool start(const PredictConfig& config);
    void cancel();
    // Tests: a backend of their own instead of the one the config names.
    void setModelFactoryForTesting(ModelFactory factory) { factoryForTesting_ = std::move(factory); }

signals:
    void progressed(int finished, int total, int failed, qint64 elapsedMs, qint64 etaMs);
    // The backend is loaded: where it runs (BackendFactory's Backend::where).
    void backendReady(const QString& where);
    // The run's annotator exists; these selected clips were finished by an earlier session.
    void runStarted(qint64 annotatorId, const QVector<qint64>& finishedEarlier);
    // Clips finished since the last signal, in order (failed ones with their error).
    void clipsFinished(const QVector<motor::agents::FinishedClip>& clips);
    // ok=false: the run could not start or stopped on an error (message says why).
    void finished(bool ok, bool cancelled, const QString& runName, const QString& message);

private:
    Result<agents::RunSummary> run(const PredictConfig& config);
    void flush();

    static constexpr int kFlushIntervalMs = 100;
    struct Shared;
    std::shared_ptr<Shared> shared_;
    QTimer* flushTimer_;
    ModelFactory factoryForTesting_;
    bool running_ = false;
};

}  // namespace ui
}  // namespace motor

Q_DECLARE_METATYPE(QVector<motor::agents::FinishedClip>)
