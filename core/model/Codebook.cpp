#include "core/model/Codebook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

#include "core/util/ReadFile.h"

static void initMotorResources() {
    Q_INIT_RESOURCE(resources);
}

namespace motor {

int Dimension::classIndex(const QString& className) const {
    for (int i = 0; i < classes.size(); ++i)
        if (classes[i].name == className) return i;
    return -1;
}

QString Dimension::displayClass(const QString& className, const QString& language) const {
    const int i = classIndex(className);
    return i < 0 ? className : classes[i].displayName(language);
}

QStringList Dimension::classNames() const {
    QStringList out;
    for (const auto& c : classes) out << c.name;
    return out;
}

const Dimension* Codebook::dimension(const QString& dimName) const {
    for (const auto& d : dimensions)
        if (d.name == dimName) return &d;
    return nullptr;
}

QStringList Codebook::dimensionNames() const {
    QStringList out;
    for (const auto& d : dimensions) out << d.name;
    return out;
}

namespace {

// The rules' messages a person reads (the codebook editor and New Project show them) go
// through the interface's translator; the CLI installs none, so it stays English. The
// JSON paths ("dimensions[1].classes[0]") and ids are kept as they are in every language.
struct Texts {
    Q_DECLARE_TR_FUNCTIONS(motor::Codebook)
};

// {"fi": {"name": ..., textKey: ...}}; absent when there are no translations, so codebooks
// without them serialise (and hash) exactly as before.
void writeI18n(QJsonObject& o, const LocalizedTexts& t, const char* textKey) {
    if (t.names.isEmpty() && t.texts.isEmpty()) return;
    QJsonObject langs;
    QStringList codes = t.names.keys() + t.texts.keys();
    codes.removeDuplicates();
    codes.sort();
    for (const QString& lang : codes) {
        QJsonObject entry;
        if (t.names.contains(lang)) entry.insert(QStringLiteral("name"), t.names.value(lang));
        if (t.texts.contains(lang)) entry.insert(QLatin1String(textKey), t.texts.value(lang));
        langs.insert(lang, entry);
    }
    o.insert(QStringLiteral("i18n"), langs);
}

Result<LocalizedTexts> readI18n(const QJsonObject& o, const char* textKey, const QString& where) {
    LocalizedTexts t;
    const QJsonValue v = o.value(QStringLiteral("i18n"));
    if (v.isUndefined()) return t;
    if (!v.isObject()) return makeError(Texts::tr("%1.i18n: must be an object of language codes").arg(where));
    const QJsonObject langs = v.toObject();
    for (auto it = langs.begin(); it != langs.end(); ++it) {
        const QString lang = it.key();
        if (lang.size() < 2 || lang.size() > 8 || !it.value().isObject())
            return makeError(Texts::tr("%1.i18n.%2: expected a language code with {\"name\", \"%3\"}")
                                 .arg(where, lang, QLatin1String(textKey)));
        const QJsonObject entry = it.value().toObject();
        const QString name = entry.value(QStringLiteral("name")).toString().trimmed();
        const QString text = entry.value(QLatin1String(textKey)).toString();
        if (!name.isEmpty()) t.names.insert(lang, name);
        if (!text.isEmpty()) t.texts.insert(lang, text);
    }
    return t;
}

}  // namespace

QJsonObject Codebook::toJson() const {
    QJsonArray dims;
    for (const auto& d : dimensions) {
        QJsonArray classes;
        for (const auto& c : d.classes) {
            QJsonObject co{{"name", c.name}, {"definition", c.definition}};
            if (!c.examples.isEmpty()) co.insert(QStringLiteral("examples"), QJsonArray::fromStringList(c.examples));
            writeI18n(co, c.i18n, "definition");
            classes.append(co);
        }
        QJsonObject dobj{{"name", d.name}, {"description", d.description}, {"classes", classes}};
        if (d.keyRow > 0) dobj.insert(QStringLiteral("keyRow"), d.keyRow);
        writeI18n(dobj, d.i18n, "description");
        dims.append(dobj);
    }
    return QJsonObject{{"name", name}, {"version", version}, {"description", description}, {"dimensions", dims}};
}

Result<Codebook> Codebook::fromJson(const QByteArray& json, const QString& sourceName) {
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return makeError(Texts::tr("%1: offset %2: %3").arg(sourceName).arg(perr.offset).arg(perr.errorString()));
    if (!doc.isObject()) return makeError(Texts::tr("%1: top level is not a JSON object").arg(sourceName));
    const QJsonObject o = doc.object();
    Codebook cb;
    cb.name = o.value("name").toString();
    if (cb.name.trimmed().isEmpty()) return makeError(Texts::tr("%1: \"name\" missing or empty").arg(sourceName));
    cb.version = o.value("version").toInt(1);
    cb.description = o.value("description").toString();
    const QJsonValue dimsValue = o.value("dimensions");
    if (!dimsValue.isArray() || dimsValue.toArray().isEmpty())
        return makeError(Texts::tr("%1: \"dimensions\" must be a non-empty array").arg(sourceName));
    const QJsonArray dims = dimsValue.toArray();
    QSet<QString> dimNames;
    for (int i = 0; i < dims.size(); ++i) {
        const QString where = QStringLiteral("%1: dimensions[%2]").arg(sourceName).arg(i);
        const QJsonObject d = dims[i].toObject();
        Dimension dim;
        dim.name = d.value("name").toString().trimmed();
        dim.description = d.value("description").toString();
        if (dim.name.isEmpty()) return makeError(Texts::tr("%1.name missing or empty").arg(where));
        if (dimNames.contains(dim.name))
            return makeError(Texts::tr("%1: duplicate dimension \"%2\"").arg(where, dim.name));
        dimNames.insert(dim.name);
        if (const QJsonValue row = d.value(QStringLiteral("keyRow")); !row.isUndefined()) {
            dim.keyRow = row.isDouble() ? row.toInt() : -1;
            if (dim.keyRow < 1 || dim.keyRow > 4 || row.toDouble() != dim.keyRow)
                return makeError(Texts::tr("%1.keyRow: must be a keyboard row 1-4").arg(where));
        }
        auto dimI18n = readI18n(d, "description", where);
        if (!dimI18n) return dimI18n.error();
        dim.i18n = dimI18n.value();
        const QJsonArray classes = d.value("classes").toArray();
        if (classes.size() < 2) return makeError(Texts::tr("%1.classes: at least two classes are needed").arg(where));
        QSet<QString> classNames;
        for (int j = 0; j < classes.size(); ++j) {
            const QJsonObject c = classes[j].toObject();
            CodebookClass cls{c.value("name").toString().trimmed(), c.value("definition").toString(), {}, {}};
            if (cls.name.isEmpty())
                return makeError(Texts::tr("%1.classes[%2].name missing or empty").arg(where).arg(j));
            if (classNames.contains(cls.name))
                return makeError(Texts::tr("%1.classes[%2]: duplicate class \"%3\"").arg(where).arg(j).arg(cls.name));
            classNames.insert(cls.name);
            if (const QJsonValue ex = c.value(QStringLiteral("examples")); !ex.isUndefined()) {
                const QJsonArray list = ex.toArray();
                const bool strings = ex.isArray() && std::all_of(list.begin(), list.end(),
                                                                 [](const QJsonValue& v) { return v.isString(); });
                if (!strings)
                    return makeError(
                        Texts::tr("%1.classes[%2].examples: must be an array of strings").arg(where).arg(j));
                for (const QJsonValue& v : list) cls.examples << v.toString();
            }
            auto clsI18n = readI18n(c, "definition", QStringLiteral("%1.classes[%2]").arg(where).arg(j));
            if (!clsI18n) return clsI18n.error();
            cls.i18n = clsI18n.value();
            dim.classes.push_back(cls);
        }
        // Two classes shown under one name in some language could not be told apart.
        QHash<QString, QSet<QString>> shown;
        for (const CodebookClass& cls : dim.classes)
            for (auto it = cls.i18n.names.cbegin(); it != cls.i18n.names.cend(); ++it) {
                if (shown[it.key()].contains(it.value()))
                    return makeError(Texts::tr("%1.classes: two classes are both shown as \"%2\" in %3")
                                         .arg(where, it.value(), it.key()));
                shown[it.key()].insert(it.value());
            }
        cb.dimensions.push_back(dim);
    }
    // Two dimensions on one keyboard row would share keys.
    QHash<int, QString> rows;
    for (int i = 0; i < cb.dimensions.size(); ++i) {
        const int row = cb.dimensions[i].keyRowIndex(i);
        if (row >= 4) continue;
        if (rows.contains(row))
            return makeError(Texts::tr("%1: dimensions[%2]: \"%3\" and \"%4\" both use keyboard row %5")
                                 .arg(sourceName)
                                 .arg(i)
                                 .arg(rows.value(row), cb.dimensions[i].name)
                                 .arg(row + 1));
        rows.insert(row, cb.dimensions[i].name);
    }
    return cb;
}

Status Codebook::validate(const QString& sourceName) const {
    // The same rules as a file: what the editor builds must load again.
    auto again = fromJson(QJsonDocument(toJson()).toJson(QJsonDocument::Compact), sourceName);
    if (!again) return again.error();
    for (int i = 0; i < dimensions.size(); ++i) {
        const Dimension& d = dimensions[i];
        const QString where = QStringLiteral("%1: dimensions[%2]").arg(sourceName).arg(i);
        if (d.name != d.name.trimmed()) return makeError(Texts::tr("%1.name has spaces around it").arg(where));
        for (int j = 0; j < d.classes.size(); ++j)
            if (d.classes[j].name != d.classes[j].name.trimmed())
                return makeError(Texts::tr("%1.classes[%2].name has spaces around it").arg(where).arg(j));
    }
    return {};
}

bool operator==(const LocalizedTexts& a, const LocalizedTexts& b) {
    return a.names == b.names && a.texts == b.texts;
}
bool operator==(const CodebookClass& a, const CodebookClass& b) {
    return a.name == b.name && a.definition == b.definition && a.examples == b.examples && a.i18n == b.i18n;
}
bool operator==(const Dimension& a, const Dimension& b) {
    return a.name == b.name && a.description == b.description && a.classes == b.classes && a.i18n == b.i18n &&
           a.keyRow == b.keyRow;
}
bool operator==(const Codebook& a, const Codebook& b) {
    return a.name == b.name && a.version == b.version && a.description == b.description && a.dimensions == b.dimensions;
}

Result<Codebook> Codebook::fromFile(const QString& path) {
    auto bytes = util::readFile(path, QStringLiteral("a codebook"));
    if (!bytes) return bytes.error();
    return fromJson(bytes.value(), path);
}

Codebook Codebook::motorDefault() {
    initMotorResources();
    auto cb = fromFile(QStringLiteral(":/motor/codebooks/motor.json"));
    Q_ASSERT(cb.ok());  // a build-time resource; its validity is covered by a test
    return cb.ok() ? cb.value() : Codebook{};
}

}  // namespace motor
