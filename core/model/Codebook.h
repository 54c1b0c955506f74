#pragma once
// A codebook is data: dimensions, each with classes and their definitions. The MOTOR
// default ships in resources/codebooks/motor.json; projects may define their own.
//
// Names are stable ids: labels are stored under them, whatever language the interface
// speaks. A dimension or class may carry display texts per language,
//   "i18n": {"fi": {"name": "Tarkkailu", "definition": "..."}}
// (a dimension's second key is "description"), which the interface shows instead.
// A class may list "examples" (short excerpts that show it), and a dimension may pick
// its keyboard row ("keyRow": 1-4); docs/codebook.md and docs/codebook.schema.json
// describe the format.
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include "core/util/Result.h"

namespace motor {

// Display text of one name/definition pair per language code ("fi").
struct LocalizedTexts {
    QHash<QString, QString> names;
    QHash<QString, QString> texts;
};

struct CodebookClass {
    QString name;
    QString definition;
    QStringList examples;
    LocalizedTexts i18n;

    // The name/definition to show in `language`; the id and the stored text otherwise.
    QString displayName(const QString& language) const { return i18n.names.value(language, name); }
    QString displayDefinition(const QString& language) const { return i18n.texts.value(language, definition); }
};

struct Dimension {
    QString name;
    QString description;
    QVector<CodebookClass> classes;
    LocalizedTexts i18n;
    int keyRow = 0;  // keyboard row 1-4 for this dimension's classes; 0: its position

    // The keyboard row (0-based) this dimension at `index` uses.
    int keyRowIndex(int index) const { return keyRow > 0 ? keyRow - 1 : index; }

    QString displayName(const QString& language) const { return i18n.names.value(language, name); }
    QString displayDescription(const QString& language) const { return i18n.texts.value(language, description); }
    // The display name of class `className` (the id itself when unknown or untranslated).
    QString displayClass(const QString& className, const QString& language) const;

    int classIndex(const QString& className) const;  // -1 when absent
    QStringList classNames() const;
};

struct Codebook {
    QString name;
    int version = 1;
    QString description;
    QVector<Dimension> dimensions;

    const Dimension* dimension(const QString& name) const;  // nullptr when absent
    QStringList dimensionNames() const;

    QJsonObject toJson() const;
    // sourceName is used in error messages ("my.json: dimensions[1].classes: empty").
    static Result<Codebook> fromJson(const QByteArray& json, const QString& sourceName);
    static Result<Codebook> fromFile(const QString& path);
    static Codebook motorDefault();
    // The rules fromJson enforces, for a codebook built in memory (the editor's): the
    // first broken rule, named like fromJson names it.
    Status validate(const QString& sourceName) const;
};

bool operator==(const LocalizedTexts& a, const LocalizedTexts& b);
bool operator==(const CodebookClass& a, const CodebookClass& b);
bool operator==(const Dimension& a, const Dimension& b);
bool operator==(const Codebook& a, const Codebook& b);

}  // namespace motor
