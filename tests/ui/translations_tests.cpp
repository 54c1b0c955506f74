// The Finnish translation is embedded and complete enough to switch the interface.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QTranslator>

#include "ui/main/MainWindow.h"

namespace {

TEST(Translations, FinnishIsEmbeddedAndTranslatesTheWindow) {
    QTranslator fi;
    ASSERT_TRUE(fi.load(QStringLiteral(":/i18n/motor_fi.qm")));
    EXPECT_EQ(fi.translate("motor::ui::MainWindow", "&File"), QStringLiteral("&Tiedosto"));
    EXPECT_EQ(fi.translate("motor::ui::LabelPanel", "Next unlabeled clip  (N)"),
              QStringLiteral("Seuraava luokittelematon leike  (N)"));
    EXPECT_EQ(fi.translate("motor::ui::ReviewPane", "%n contested clip(s)", nullptr, 3),
              QStringLiteral("%n kiistanalaista leikettä"));
    QCoreApplication::installTranslator(&fi);
    {
        motor::ui::MainWindow window;
        EXPECT_EQ(window.windowTitle(), QStringLiteral("MOTOR Studio"));
        EXPECT_EQ(motor::ui::MainWindow::tr("&Metrics"), QStringLiteral("&Mittarit"));
    }
    QCoreApplication::removeTranslator(&fi);
}

}  // namespace
