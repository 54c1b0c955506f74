#pragma once
// Versioned prompt templates (resources/prompts/*.txt, or a folder given by the user).
// A template is plain text with {{placeholders}}; lines starting with "##" are comments.
// Each template's SHA-256 (of the file bytes) goes into a run's provenance.
#include <QJsonObject>
#include <QMap>
#include <QString>

#include "core/util/Result.h"

namespace motor::agents {

struct PromptTemplate {
    QString name;    // file name without ".txt"
    QString text;    // comment lines removed
    QString sha256;  // hex, of the file bytes
};

class PromptLibrary {
public:
    // The built-in templates (":/motor/prompts"), or the *.txt files of a folder; a
    // folder may override only some templates, the others come from the built-ins.
    static Result<PromptLibrary> load(const QString& overrideDir = {});

    bool has(const QString& name) const { return templates_.contains(name); }
    const PromptTemplate* find(const QString& name) const;  // nullptr when absent
    // Fills a template; a placeholder without a value is an error naming it.
    Result<QString> fill(const QString& name, const QMap<QString, QString>& values) const;
    // {name: sha256} of every template loaded.
    QJsonObject hashes() const;

private:
    QMap<QString, PromptTemplate> templates_;
};

// Replaces {{key}} by values[key]; an unknown key is an error.
Result<QString> fillPlaceholders(const QString& text, const QMap<QString, QString>& values, const QString& sourceName);

}  // namespace motor::agents
