#pragma once
// One prediction run off the GUI thread: the worker opens its own Project connection,
// builds the backend with the same core calls as `motor predict` and calls core's
// runPrediction. Progress and every finished clip's labels come back as queued signals;
// cancel() sets core's CancelFlag, which stops the run between requests/tokens.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>

#include "core/agents/LanguageModel.h"
#include "core/agents/PredictionRun.h"
#include "core/agents/PredictorMode.h"
#include "core/util/Result.h"

namespace motor {
class Project;
namespace ui {

enum class PredictBackend { MajorityBaseline, CueBaseline, Local, OpenAi };

struct PredictConfig {
    QString projectPath;
    PredictBackend backend = PredictBackend::MajorityBaseline;
    QString referenceExpert;  // majority baseline
    QString modelPath;        // local: .gguf file or Hugging Face folder
    QString url;              // openai
    QString modelName;        // openai
    bool allowRemoteFrames = false;
    agents::PredictorMode mode = agents::PredictorMode::MotorMas;
    agents::ClipSelection selection = agents::ClipSelection::All;
    QStringList clipIds;  // ClipSelection::List
    QString runName;      // empty: core's default name
};

// A finished clip as the results list shows it: dimension -> label, mean confidence.
struct PredictedClip {
    qint64 clipId = 0;
    QString clipKey;
    QStringList dimensions;
    QStringList labels;
    double confidence = -1.0;  // < 0: the backend gave none
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
    void clipPredicted(const motor::ui::PredictedClip& clip);
    // ok=false: the run could not start or stopped on an error (message says why).
    void finished(bool ok, bool cancelled, const QString& runName, const QString& message);

private:
    Result<agents::RunSummary> run(const PredictConfig& config);

    struct Shared;
    std::shared_ptr<Shared> shared_;
    ModelFactory factoryForTesting_;
    bool running_ = false;
};

}  // namespace ui
}  // namespace motor

Q_DECLARE_METATYPE(motor::ui::PredictedClip)
