#pragma once
// Baseline: a transparent transcript-cue classifier. Each class of the MOTOR codebook
// has SRL cue words in Finnish and English (stems, matched at the start of a word);
// the class with most hits wins, two close classes give the mixed class, no hit gives
// the default class (Neutral when the dimension has one, else its first class). The cue
// table goes into the run's provenance, and each rationale lists the cues it matched.
#include "core/agents/LanguageModel.h"

namespace motor::agents {

class CueBaseline final : public LanguageModel {
public:
    using CueTable = QMap<QString, QMap<QString, QStringList>>;  // dimension -> class -> cues (lower case)

    explicit CueBaseline(CueTable cues = defaultCues());
    static CueTable defaultCues();

    QString backendName() const override { return QStringLiteral("baseline"); }
    QJsonObject identity() const override;
    LmCapabilities capabilities() const override;
    Result<std::unique_ptr<LmSession>> newSession(const SessionInfo& info) override;

    // The decision for one dimension over a transcript; `matched` lists the cues found.
    LmFieldResult classify(const LmLabelField& field, const QString& text, QStringList* matched) const;

private:
    CueTable cues_;
};

}  // namespace motor::agents
