#include "ui/main/LanguageSetup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace motor {
namespace ui {

namespace {
// Qt's own Finnish says "Peru" on standard buttons where MOTOR Studio says "Peruuta".
// Our catalogue overrides these (it is installed after Qt's, so it is asked first);
// the markers keep lupdate from dropping them.
[[maybe_unused]] const char* const kQtStringsWeTranslate[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QProgressDialog", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
};
}  // namespace

QStringList LanguageSetup::available() {
    return {QStringLiteral("en"), QStringLiteral("fi")};
}

QString LanguageSetup::configured() {
    return QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
}

void LanguageSetup::setConfigured(const QString& code) {
    QSettings().setValue(QStringLiteral("ui/language"), code);
}

QString LanguageSetup::install(QCoreApplication& app) {
    QString code = configured();
    if (code == QLatin1String("system") || !available().contains(code)) {
        code = QStringLiteral("en");
        for (const QString& ui : QLocale::system().uiLanguages()) {
            const QString lang = ui.left(2).toLower();
            if (available().contains(lang)) {
                code = lang;
                break;
            }
        }
    }
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    auto* ours = new QTranslator(&app);
    if (ours->load(QStringLiteral(":/i18n/motor_%1.qm").arg(code))) app.installTranslator(ours);
    QLocale::setDefault(QLocale(code));
    return code;
}

}  // namespace ui
}  // namespace motor
