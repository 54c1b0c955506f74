#pragma once
// A codebook is data: dimensions, each with classes and their definitions. The MOTOR
// default ships in resources/codebooks/motor.json; projects may define their own.
#include <QJsonObject>
#include <QString>
#include <QVector>

#include "core/util/Result.h"

namespace motor {

struct CodebookClass {
    QString name;
    QString definition;
};

struct Dimension {
    QString name;
    QString description;
    QVector<CodebookClass> classes;

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
};

}  // namespace motor
