#pragma once
// The one place a prediction backend is built from its settings: `motor predict` parses
// its options into a BackendSpec, the Predict tab fills one from its form, and both get
// the same model with the same provenance parameters.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "core/agents/LanguageModel.h"
#include "core/agents/PredictorMode.h"
#include "core/util/Result.h"

namespace motor {
class Project;
}

namespace motor::agents {

enum class BackendKind { MajorityBaseline, CueBaseline, Local, OpenAi };

struct BackendSpec {
    BackendKind kind = BackendKind::CueBaseline;
    // MajorityBaseline: the expert whose labels are counted.
    QString referenceExpert;
    // Local: a .gguf file or a Hugging Face folder, and optionally the vision projector.
    QString modelPath;
    QString mmprojPath;
    QString device = QStringLiteral("auto");
    int threads = 0;  // 0: all cores
    // Clips decoded together (local) or requests in flight (openai); 0: the backend's default.
    int batch = 0;
    // OpenAi: server URLs (clips are spread over them) and the model name.
    QStringList urls;
    QString modelName;
    int timeoutS = 120;
    int retries = 3;
    bool allowRemoteFrames = false;  // frames may go to a host that is not this machine
};

struct Backend {
    std::unique_ptr<LanguageModel> model;
    // The backend's settings for the run's provenance (device, threads, timeouts...).
    QJsonObject parameters;
    // One line for people: where the model runs ("cuda: NVIDIA H200 ...", "cpu (avx2,
    // 2 threads); no GPU: ...", "http://host:8000/v1").
    QString where;
};

// Builds the backend; errors name what is wrong (a missing model file, an unknown
// expert, a bad URL).
Result<Backend> makeBackend(Project& project, const BackendSpec& spec);

// Server URLs as typed: separated by commas, spaces or new lines; empty parts dropped.
QStringList splitServerUrls(const QString& text);

// "baseline", "local" or "openai", as runs record it.
QString backendKindName(BackendKind kind);

// The run name a run of these settings gets when none is given; the same rule as
// defaultRunName() once the backend is built ("local:model.gguf:motor-mas").
QString suggestedRunName(const BackendSpec& spec, PredictorMode mode);

}  // namespace motor::agents
