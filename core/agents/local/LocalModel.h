#pragma once
// Backend on the in-process engine (motor_gpu). A session is an engine Session: the
// clip context is prefilled once and every agent forks it (the KV pages are shared, not
// recomputed). Chat layout comes from the engine's ChatTemplate for the model; a model
// with a vision tower (InternVL) sees the clip's frames in its video layout, encoded in
// one batched pass per clip. Replies are decoded under the engine's JSON label
// constraint by its generation loop, so the label is always a codebook class and comes
// with P(label) for every class; the agents of several clips decode together.
#include <QMap>
#include <map>
#include <optional>
#include <string>

#include "core/agents/LanguageModel.h"
#include "motor/gpu/chat.h"

namespace motor::gpu {
class Model;
class SpeechModel;
class JsonLabelConstraint;
}  // namespace motor::gpu

namespace motor::agents {

struct LocalOptions {
    QString modelPath;                        // .gguf file or Hugging Face folder
    QString mmprojPath;                       // vision projector GGUF; empty: found beside a .gguf, or none
    QString device = QStringLiteral("auto");  // auto | cpu | cuda
    int threads = 0;                          // 0: the engine's default pool
    int batch = 0;                            // clips decoded together; 0: defaultBatch()
    int extraTokens = 48;                     // token budget beyond the rationale's characters (JSON, label)
    bool hashContent = true;                  // SHA-256 of the model file(s) for the provenance
};

// Where a model was put: what runs it and, when auto stayed on the CPU, why.
struct Placement {
    QString device;    // "cuda: NVIDIA H200 (sm_90, ...)" or "cpu (avx2, 2 threads)"
    QString fallback;  // the CUDA plugin's reason; empty when the GPU took it or the CPU was asked for
    bool onGpu = false;
    // One line for people: device, then "; the GPU was not used: " and the fallback.
    QString line() const;
};

// Puts a freshly loaded model on the device asked for: "auto" (or empty), "cpu" or
// "cuda", the GPU through the engine's CUDA plugin. "cuda" without a usable GPU is an
// error saying why; "auto" then stays on the CPU and keeps the reason. `motor predict`,
// `models generate` and `models bench` share it, and placeSpeechModel is the same for
// Whisper (`motor transcribe`, the app's transcription).
Result<Placement> placeModel(gpu::Model& model, const QString& device);

// Clips a local model decodes together when none is asked for: 4 on the CPU (its steps
// are as slow per row as per batch only up to a few rows); on a GPU as many as its KV
// cache holds at kPositionsPerClip positions a clip (the clip's context, the running
// agent and its label forks), at most 16, and 8 when the cache has no fixed size.
inline constexpr int kPositionsPerClip = 4096;
int defaultBatch(const gpu::Model& model);
Result<Placement> placeSpeechModel(gpu::SpeechModel& model, const QString& device);

class LocalModel final : public LanguageModel {
public:
    static Result<std::unique_ptr<LocalModel>> load(const LocalOptions& options);
    ~LocalModel() override;

    QString backendName() const override { return QStringLiteral("local"); }
    QJsonObject identity() const override { return identity_; }
    LmCapabilities capabilities() const override;
    Result<std::unique_ptr<LmSession>> newSession(const SessionInfo& info) override;
    std::vector<Result<LmOutput>> generateBatch(const std::vector<LmSession*>& sessions,
                                                const std::vector<LmRequest>& requests,
                                                const CancelFlag* cancel) override;

    const gpu::Model& model() const { return *model_; }
    const gpu::ChatTemplate& chat() const { return *chat_; }
    QString deviceUsed() const { return placement_.onGpu ? QStringLiteral("cuda") : QStringLiteral("cpu"); }
    const Placement& placement() const { return placement_; }
    bool sees() const;
    // Wall time spent in the vision encoder (preprocessing included), summed.
    double visionMs() const override { return visionMs_; }
    void addVisionMs(double ms) { visionMs_ += ms; }
    LmTokenCounts tokenCounts() const override { return tokens_; }
    LmTokenCounts& tokenCounter() { return tokens_; }

private:
    LocalModel();
    Result<const gpu::JsonLabelConstraint*> constraintFor(const QStringList& labels, int maxRationaleChars);

    LocalOptions options_;
    std::unique_ptr<gpu::Model> model_;
    std::optional<gpu::ChatTemplate> chat_;
    std::vector<std::string> tokenBytes_;
    std::map<std::string, std::unique_ptr<gpu::JsonLabelConstraint>> constraints_;
    QJsonObject identity_;
    Placement placement_;
    double visionMs_ = 0.0;
    LmTokenCounts tokens_;
};

// SHA-256 of a model file, or of a folder's files (name + bytes, sorted); files over
// 1 GiB are fingerprinted (size + first and last 64 MiB) and say so.
Result<QJsonObject> modelContentHash(const QString& path);

// Where models named without a path live: $MOTOR_MODELS_DIR when set, else
// $XDG_CACHE_HOME/motor-studio/models (~/.cache/motor-studio/models). Nothing is written
// there by the engine; it is the place to put downloaded or converted models.
QString modelsDirectory();
// The model a --model argument means: the path itself when it exists; else, for a bare
// name (no '/'), that entry of modelsDirectory() when it exists; else the argument
// unchanged, so the error names what the user typed.
QString resolveModelPath(const QString& pathOrName);

}  // namespace motor::agents
