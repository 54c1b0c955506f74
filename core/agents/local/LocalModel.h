#pragma once
// Backend on the in-process engine (motor_gpu). A session is an engine Session: the
// clip context is prefilled once and every agent forks it (the KV pages are shared, not
// recomputed). Replies are decoded under the engine's JSON label constraint, so the
// label is always a codebook class and comes with P(label) for every class. The agents
// of several clips decode together (one batched pass per token). The engine has no
// vision encoder yet: the model gets transcript + metadata and runs record
// frames_used=false.
#include <QMap>

#include <map>
#include <string>

#include "core/agents/LanguageModel.h"

namespace motor::gpu {
class Model;
class Tokenizer;
class JsonLabelConstraint;
}  // namespace motor::gpu

namespace motor::agents {

enum class ChatFormat { ChatMl, Llama3, Plain };

struct LocalOptions {
    QString modelPath;        // .gguf file or Hugging Face folder
    QString device = QStringLiteral("auto");  // auto | cpu | cuda
    int threads = 0;          // 0: the engine's default pool
    int batch = 4;            // clips decoded together
    int extraTokens = 48;     // token budget beyond the rationale's characters (JSON, label)
    bool hashContent = true;  // SHA-256 of the model file(s) for the provenance
};

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
    const gpu::Tokenizer& tokenizer() const { return *tokenizer_; }
    ChatFormat chatFormat() const { return format_; }
    QString deviceUsed() const { return device_; }

    // Tokens of a chat turn (role header + text + end marker); text is never parsed for
    // special tokens. open=true leaves the turn open (no end marker).
    std::vector<int32_t> turnTokens(const QString& role, const QString& text, bool open, bool first) const;
    std::vector<int32_t> assistantStart() const;

private:
    LocalModel();
    Result<const gpu::JsonLabelConstraint*> constraintFor(const QStringList& labels, int maxRationaleChars);

    LocalOptions options_;
    std::unique_ptr<gpu::Model> model_;
    std::unique_ptr<gpu::Tokenizer> tokenizer_;
    std::vector<std::string> tokenBytes_;
    std::vector<int32_t> endIds_;
    std::map<std::string, std::unique_ptr<gpu::JsonLabelConstraint>> constraints_;
    ChatFormat format_ = ChatFormat::Plain;
    QJsonObject identity_;
    QString device_;
};

// SHA-256 of a model file, or of a folder's files (name + bytes, sorted); files over
// 1 GiB are fingerprinted (size + first and last 64 MiB) and say so.
Result<QJsonObject> modelContentHash(const QString& path);

}  // namespace motor::agents
