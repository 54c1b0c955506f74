#include "ui/main/CodebookText.h"

#include <QLocale>

namespace motor {
namespace ui {

QString uiLanguage() {
    return QLocale().name().left(2);
}

QString dimensionTitle(const Dimension& dimension) {
    return dimension.displayName(uiLanguage());
}

QString dimensionTitle(const Codebook& codebook, const QString& dimensionId) {
    const Dimension* d = codebook.dimension(dimensionId);
    return d ? dimensionTitle(*d) : dimensionId;
}

QString classTitle(const Dimension& dimension, const QString& classId) {
    return dimension.displayClass(classId, uiLanguage());
}

QString classTitle(const Codebook& codebook, const QString& dimensionId, const QString& classId) {
    const Dimension* d = codebook.dimension(dimensionId);
    return d ? classTitle(*d, classId) : classId;
}

}  // namespace ui
}  // namespace motor
