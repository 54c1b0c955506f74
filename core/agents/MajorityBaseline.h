#pragma once
// Baseline: every clip gets, per dimension, the class a chosen expert used most often
// (ties: codebook order). Implements the LanguageModel interface so that it runs, is
// stored and is evaluated like any model; its annotator is AnnotatorKind::Baseline.
#include "core/agents/LanguageModel.h"
#include "core/model/Codebook.h"

namespace motor {
class Project;
}

namespace motor::agents {

class MajorityBaseline final : public LanguageModel {
public:
    // Counts the reference annotator's labels in the project; fails if it has none.
    static Result<std::unique_ptr<MajorityBaseline>> fromProject(Project& project, const QString& referenceAnnotator);
    // Direct construction: {dimension: {label: count}}.
    MajorityBaseline(QString reference, QMap<QString, QMap<QString, int>> counts, const Codebook& codebook);

    QString backendName() const override { return QStringLiteral("baseline"); }
    QJsonObject identity() const override;
    LmCapabilities capabilities() const override;
    Result<std::unique_ptr<LmSession>> newSession(const SessionInfo& info) override;

    // The majority class of a dimension and its share of the reference's labels.
    QString majority(const QString& dimension, double* share = nullptr) const;

private:
    QString reference_;
    QMap<QString, QMap<QString, int>> counts_;
    Codebook codebook_;
};

}  // namespace motor::agents
