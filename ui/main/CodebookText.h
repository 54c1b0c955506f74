#pragma once
// What the interface shows for codebook ids, in the interface's language: the Finnish
// interface says "Tarkkailu" where the project stores "Monitoring". Stored labels, CSV
// copies and exports keep the ids.
#include <QString>

#include "core/model/Codebook.h"

namespace motor {
namespace ui {

// "fi", "en": the language LanguageSetup installed (the default QLocale's).
QString uiLanguage();
QString dimensionTitle(const Dimension& dimension);
QString dimensionTitle(const Codebook& codebook, const QString& dimensionId);
QString classTitle(const Dimension& dimension, const QString& classId);
QString classTitle(const Codebook& codebook, const QString& dimensionId, const QString& classId);

}  // namespace ui
}  // namespace motor
