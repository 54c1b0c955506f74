#pragma once
// A prediction run: a model (or baseline) annotator with full provenance, whose labels
// are committed clip by clip (one transaction per clip, with the run item that makes
// resuming skip it). Running again under the same name resumes: finished clips are not
// redone. Progress is reported with an ETA; a cancel flag stops the run between
// requests/tokens, leaving every finished clip stored.
#include <QJsonObject>
#include <QStringList>
#include <functional>

#include "core/agents/ClipContext.h"
#include "core/agents/LanguageModel.h"
#include "core/agents/Predictor.h"
#include "core/agents/PredictorMode.h"

namespace motor {
class Project;
}

namespace motor::agents {

enum class ClipSelection {
    All,
    Unlabeled,  // clips no human annotator has labelled yet
    List,       // RunOptions::clipIds: clip keys or numeric ids
};

struct RunProgress {
    int total = 0;    // clips selected
    int skipped = 0;  // finished by an earlier session of this run
    int done = 0;     // finished now
    int failed = 0;
    qint64 elapsedMs = 0;
    qint64 etaMs = -1;  // -1 until something finished and enough is measured (util::RemainingTime)
    QString lastClipKey;
};

// One clip's outcome, as the run stores it: what a view shows without reading the store.
struct FinishedClip {
    int64_t annotatorId = 0;  // the run's annotator; 0 while it has stored nothing
    int64_t clipId = 0;
    QString clipKey;
    bool ok = false;
    QString error;                        // when !ok
    QVector<DimensionPrediction> labels;  // codebook dimension order, when ok
    QVector<int64_t> frameTimesMs;        // the frames the model saw (empty: none)
};

struct RunOptions {
    QString runName;  // annotator name; empty: defaultRunName()
    PredictorMode mode = PredictorMode::MotorMas;
    PrefixSharing prefixSharing = PrefixSharing::On;
    ClipSelection selection = ClipSelection::All;
    QStringList clipIds;
    int batchSize = 0;  // 0: the backend's preferred batch
    int maxRationaleChars = 300;
    QString promptDir;  // overrides of the built-in templates (empty: none)
    ClipContextOptions context;
    FrameSource frames;      // empty: no frames (recorded as frames_used=false)
    QJsonObject parameters;  // backend parameters for the provenance (temperature, device...)
    std::function<void(const RunProgress&)> progress;
    // Called after each clip is committed (or has failed), from the thread running the
    // prediction; finished clips of an earlier session of the run are not reported.
    std::function<void(const FinishedClip&)> clipFinished;
    // Called once before any clip: the run's annotator (0 when the run has stored nothing
    // yet: a run's annotator is created with its first finished clip, so a run that
    // finishes none leaves none) and the selected clips an earlier session of the run
    // finished (they are skipped now).
    std::function<void(int64_t annotatorId, const QVector<int64_t>& finishedEarlier)> started;
    const CancelFlag* cancel = nullptr;
};

struct RunSummary {
    int64_t annotatorId = 0;  // 0: the run stored nothing, and the project has no annotator for it
    QString runName;
    RunProgress progress;
    bool cancelled = false;
    // The backend could not go on (ErrorCode::Fatal: no server reachable, no images
    // taken...): the run stopped, keeping its finished clips; running it again resumes.
    bool stopped = false;
    QString stopReason;
    bool framesUsed = false;
    QStringList errors;  // one per failed clip
    // prefillMs: the clip contexts (system, frames, transcript), visionMs (the vision
    // encoder on the frames, local engine) included.
    double mediaMs = 0.0, visionMs = 0.0, prefillMs = 0.0, decodeMs = 0.0, storeMs = 0.0, totalMs = 0.0;
    // Tokens the engine evaluated for this run (LanguageModel::tokenCounts; zeros for
    // servers and baselines): what the times above were spent on.
    LmTokenCounts tokens;
};

QString defaultRunName(const LanguageModel& model, PredictorMode mode);
// The naming rule: "baseline:NAME" for baselines, "BACKEND:NAME:MODE" otherwise.
QString runNameFor(const QString& backend, const QString& name, PredictorMode mode);

// Fails before any work when the run's settings are unusable (unknown clip id, a run of
// that name made with another model, mode or prompts) or the backend cannot serve it
// (LanguageModel::prepare). Clip failures do not stop the run: they are listed in the
// summary and retried when the run is resumed; a Fatal one stops it (summary.stopped).
Result<RunSummary> runPrediction(Project& project, LanguageModel& model, const RunOptions& options);

}  // namespace motor::agents
