#pragma once
// Turns a codebook, a mode and the prompt templates into the contents of a prediction:
// the system message, the shared clip context and one request per agent. Everything
// codebook-specific comes from the codebook, so another codebook gets working prompts
// without code change (dimensions without their own template use agent_generic_srl).
#include <QJsonObject>
#include <QPair>
#include <QVector>

#include "core/agents/ClipContext.h"
#include "core/agents/LanguageModel.h"
#include "core/agents/PredictorMode.h"
#include "core/agents/PromptLibrary.h"
#include "core/model/Codebook.h"

namespace motor::agents {

struct Anchor {
    QString dimension;
    QString label;
};

class PromptBuilder {
public:
    PromptBuilder(Codebook codebook, PredictorMode mode, PromptLibrary library, int maxRationaleChars = 300);

    const Codebook& codebook() const { return codebook_; }
    PredictorMode mode() const { return mode_; }
    int maxRationaleChars() const { return maxRationaleChars_; }

    Result<LmContent> system() const;
    // Frames (unless text-only) + transcript + metadata; shared by every agent.
    Result<LmContent> context(const ClipContext& clip) const;
    // The agent for one dimension, given the labels decided before it.
    Result<LmRequest> agentRequest(const Dimension& dimension, const QVector<Anchor>& anchors) const;
    // single-agent mode: every dimension in one reply.
    Result<LmRequest> singleAgentRequest() const;

    // Template names this mode uses, and {name: sha256} of them.
    QStringList templatesUsed() const;
    QJsonObject templateHashes() const;

private:
    QString agentTemplateName(const Dimension& dimension) const;
    Result<QString> outputFormat(const LmConstraint& constraint) const;
    QMap<QString, QString> baseValues() const;

    Codebook codebook_;
    PredictorMode mode_;
    PromptLibrary library_;
    int maxRationaleChars_;
};

QString classList(const Dimension& dimension);
QString transcriptText(const ClipContext& clip);

}  // namespace motor::agents
