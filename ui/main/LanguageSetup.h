#pragma once
// Picks the interface language: the "ui/language" setting ("system", "en", "fi"),
// where "system" follows the OS locale. The .qm files are embedded under :/i18n.
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace motor {
namespace ui {

struct LanguageSetup {
    static QStringList available();  // language codes with a translation, "en" first
    static QString configured();     // the setting, "system" when unset
    static void setConfigured(const QString& code);
    // Installs Qt's own and our translators; returns the language code in effect.
    static QString install(QCoreApplication& app);
};

}  // namespace ui
}  // namespace motor
