// The Finnish translation is embedded and complete enough to switch the interface.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFile>
#include <QTranslator>
#include <QXmlStreamReader>

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

// Every string in the interface is translated: no unfinished Finnish entry, and every
// plural has its English forms ("1 recording", not "1 recordings" or "1 recording(s)").
TEST(Translations, CataloguesAreComplete) {
    for (const char* file : {"motor_fi.ts", "motor_en.ts"}) {
        QFile ts(QStringLiteral(MOTOR_TRANSLATIONS_DIR "/") + QLatin1String(file));
        ASSERT_TRUE(ts.open(QIODevice::ReadOnly)) << file;
        QXmlStreamReader xml(&ts);
        QString context, source;
        bool numerus = false;
        int messages = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) continue;
            if (xml.name() == QLatin1String("name")) context = xml.readElementText();
            if (xml.name() == QLatin1String("message")) {
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                ++messages;
            }
            if (xml.name() == QLatin1String("source")) source = xml.readElementText();
            if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                if (QLatin1String(file) == QLatin1String("motor_fi.ts")) {
                    EXPECT_FALSE(unfinished)
                        << "untranslated: " << context.toStdString() << " / " << source.toStdString();
                } else if (numerus) {
                    EXPECT_FALSE(unfinished) << "no English plural forms: " << source.toStdString();
                }
            }
        }
        EXPECT_FALSE(xml.hasError()) << file << ": " << xml.errorString().toStdString();
        EXPECT_GT(messages, 300) << file;
    }
    // Plurals come out right in both languages.
    QTranslator en, fi;
    ASSERT_TRUE(en.load(QStringLiteral(":/i18n/motor_en.qm")));
    ASSERT_TRUE(fi.load(QStringLiteral(":/i18n/motor_fi.qm")));
    EXPECT_EQ(en.translate("motor::ui::DataTransfer", "%n recording(s) imported", nullptr, 1),
              QStringLiteral("%n recording imported"));
    EXPECT_EQ(en.translate("motor::ui::DataTransfer", "%n recording(s) imported", nullptr, 2),
              QStringLiteral("%n recordings imported"));
    EXPECT_EQ(fi.translate("motor::ui::DataTransfer", "%n recording(s) imported", nullptr, 1),
              QStringLiteral("%n tallenne tuotu"));
    EXPECT_EQ(fi.translate("QPlatformTheme", "Cancel"), QStringLiteral("Peruuta"));
}

}  // namespace
