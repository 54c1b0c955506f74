// Reported: the user guide could not be reached from the application (it was neither in
// the Help menu nor installed). Help ▸ User guide opens its pages, built in, and a link
// from one page to another opens that page.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
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

}  // namespace
}  // namespace motor::testing
