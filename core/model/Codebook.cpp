#include "core/model/Codebook.h"

#include "core/util/ReadFile.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

static void initMotorResources() { Q_INIT_RESOURCE(resources); }

namespace motor {

int Dimension::classIndex(const QString& className) const {
    for (int i = 0; i < classes.size(); ++i)
        if (classes[i].name == className) return i;
    return -1;
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

QJsonObject Codebook::toJson() const {
    QJsonArray dims;
    for (const auto& d : dimensions) {
        QJsonArray classes;
        for (const auto& c : d.classes)
            classes.append(QJsonObject{{"name", c.name}, {"definition", c.definition}});
        dims.append(QJsonObject{{"name", d.name}, {"description", d.description}, {"classes", classes}});
    }
    return QJsonObject{{"name", name}, {"version", version}, {"description", description},
                       {"dimensions", dims}};
}

Result<Codebook> Codebook::fromJson(const QByteArray& json, const QString& sourceName) {
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("%1: offset %2: %3").arg(sourceName).arg(perr.offset).arg(perr.errorString()));
    if (!doc.isObject()) return makeError(sourceName + QStringLiteral(": top level is not a JSON object"));
    const QJsonObject o = doc.object();
    Codebook cb;
    cb.name = o.value("name").toString();
    if (cb.name.isEmpty()) return makeError(sourceName + QStringLiteral(": \"name\" missing or empty"));
    cb.version = o.value("version").toInt(1);
    cb.description = o.value("description").toString();
    const QJsonValue dimsValue = o.value("dimensions");
    if (!dimsValue.isArray() || dimsValue.toArray().isEmpty())
        return makeError(sourceName + QStringLiteral(": \"dimensions\" must be a non-empty array"));
    const QJsonArray dims = dimsValue.toArray();
    QSet<QString> dimNames;
    for (int i = 0; i < dims.size(); ++i) {
        const QString where = QStringLiteral("%1: dimensions[%2]").arg(sourceName).arg(i);
        const QJsonObject d = dims[i].toObject();
        Dimension dim;
        dim.name = d.value("name").toString().trimmed();
        dim.description = d.value("description").toString();
        if (dim.name.isEmpty()) return makeError(where + QStringLiteral(".name missing or empty"));
        if (dimNames.contains(dim.name)) return makeError(where + QStringLiteral(": duplicate dimension \"%1\"").arg(dim.name));
        dimNames.insert(dim.name);
        const QJsonArray classes = d.value("classes").toArray();
        if (classes.size() < 2) return makeError(where + QStringLiteral(".classes: at least two classes are needed"));
        QSet<QString> classNames;
        for (int j = 0; j < classes.size(); ++j) {
            const QJsonObject c = classes[j].toObject();
            CodebookClass cls{c.value("name").toString().trimmed(), c.value("definition").toString()};
            if (cls.name.isEmpty()) return makeError(QStringLiteral("%1.classes[%2].name missing or empty").arg(where).arg(j));
            if (classNames.contains(cls.name))
                return makeError(QStringLiteral("%1.classes[%2]: duplicate class \"%3\"").arg(where).arg(j).arg(cls.name));
            classNames.insert(cls.name);
            dim.classes.push_back(cls);
        }
        cb.dimensions.push_back(dim);
    }
    return cb;
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
