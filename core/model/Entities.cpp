#include "core/model/Entities.h"

namespace motor {

QString annotatorKindName(AnnotatorKind k) {
    switch (k) {
        case AnnotatorKind::Human:
            return QStringLiteral("human");
        case AnnotatorKind::Model:
            return QStringLiteral("model");
        case AnnotatorKind::Baseline:
            return QStringLiteral("baseline");
    }
    return QStringLiteral("human");
}

bool parseAnnotatorKind(const QString& s, AnnotatorKind* out) {
    if (s == QLatin1String("human"))
        *out = AnnotatorKind::Human;
    else if (s == QLatin1String("model"))
        *out = AnnotatorKind::Model;
    else if (s == QLatin1String("baseline"))
        *out = AnnotatorKind::Baseline;
    else
        return false;
    return true;
}

}  // namespace motor
