// Reported: the user guide could not be reached from the application (it was neither in
// the Help menu nor installed). Help ▸ User guide opens its pages, built in, and a link
// from one page to another opens that page.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>
#include <QTextBrowser>

#include "ui/main/Docs.h"
#include "ui/main/MainWindow.h"

namespace motor::testing {
namespace {

TEST(Help, TheUserGuideOpensFromTheHelpMenu) {
    ui::MainWindow window;
    auto* guide = window.menuBar()->findChild<QMenu*>(QStringLiteral("UserGuideMenu"));
    ASSERT_NE(guide, nullptr);
    QStringList titles;
    for (QAction* a : guide->actions()) titles << a->text();
    // Every page of docs/user-guide, by its heading.
    EXPECT_EQ(titles.size(), 5) << titles.join(QStringLiteral(" | ")).toStdString();
    EXPECT_TRUE(titles.contains(QStringLiteral("Blind coding"))) << titles.join(QStringLiteral(" | ")).toStdString();

    for (QAction* a : guide->actions())
        if (a->text() == QStringLiteral("Blind coding")) a->trigger();
    QDialog* dialog = window.findChild<QDialog*>(QStringLiteral("HelpDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* text = dialog->findChild<QTextBrowser*>(QStringLiteral("HelpText"));
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->toPlainText().startsWith(QStringLiteral("Blind coding"))) << text->toPlainText().toStdString();
    EXPECT_FALSE(text->toMarkdown().contains(QStringLiteral("](../screenshots/")));  // pictures left out

    // A link to another page of the guide opens it in the same window.
    emit text->anchorClicked(QUrl(QStringLiteral("merging-copies.md")));
    EXPECT_TRUE(text->toPlainText().startsWith(QStringLiteral("Coders on separate laptops")))
        << text->toPlainText().left(80).toStdString();
    dialog->close();
}

// Reported: over ssh (no display) `motor-studio --help` and `--version` aborted on the
// missing display instead of printing.
TEST(Help, HelpAndVersionNeedNoDisplay) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(QLatin1String(v));
    for (const QString& option : {QStringLiteral("--version"), QStringLiteral("--help")}) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MOTOR_STUDIO), {option});
        ASSERT_TRUE(p.waitForFinished(30000));
        EXPECT_EQ(p.exitStatus(), QProcess::NormalExit) << option.toStdString();
        EXPECT_EQ(p.exitCode(), 0) << option.toStdString() << p.readAllStandardError().toStdString();
        EXPECT_TRUE(
            p.readAllStandardOutput().contains(option == QLatin1String("--version") ? "MOTOR Studio" : "--screenshot"))
            << option.toStdString();
    }
}

}  // namespace
}  // namespace motor::testing
