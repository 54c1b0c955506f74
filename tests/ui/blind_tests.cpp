// Blind coding (issue 16): a coder who has not finished sees neither the others' labels
// nor the conflicts, the review or the metrics, until every clip is labelled or a lead
// unlocks them; the setting lives in the project.
#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "support/StudioFixture.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/browser/ClipTableModel.h"
#include "ui/main/ProjectSession.h"

namespace motor::testing {
namespace {

class BlindTest : public StudioFixture {
protected:
    QTabWidget* tabs() const { return window_->findChild<QTabWidget*>(); }
    QTableView* table() const { return window_->browser()->findChild<QTableView*>(); }
    QStringList headers() const {
        QStringList out;
        auto* model = table()->model();
        for (int c = 0; c < model->columnCount(); ++c)
            if (!table()->isColumnHidden(c)) out << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        return out;
    }
};

TEST_F(BlindTest, HidesOthersUntilTheCoderFinishesOrIsUnlocked) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 3;
    openStudio(options, QStringLiteral("Expert C"));  // a coder with nothing labelled yet
    ui::ProjectSession* session = window_->session();
    const QStringList open = headers();
    ASSERT_TRUE(open.contains(QStringLiteral("Expert A"))) << open.join(',').toStdString();
    ASSERT_TRUE(open.contains(QStringLiteral("Conflict")));
    EXPECT_FALSE(session->isBlind());

    auto* blind = window_->findChild<QAction*>(QStringLiteral("BlindCodingAction"));
    ASSERT_NE(blind, nullptr);
    tabs()->setCurrentIndex(2);  // the metrics
    blind->trigger();
    EXPECT_TRUE(session->isBlind());
    EXPECT_TRUE(blind->isChecked());
    EXPECT_EQ(tabs()->currentIndex(), 0);
    EXPECT_FALSE(tabs()->isTabEnabled(1));
    EXPECT_FALSE(tabs()->isTabEnabled(2));
    EXPECT_TRUE(tabs()->isTabEnabled(3));
    // Reported (fourth audit): Ctrl+2 and Ctrl+3 still opened the greyed-out Review and
    // Metrics, with every coder's labels. Neither key nor menu item opens them now.
    window_->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
    QTest::keyClick(window_.get(), Qt::Key_2, Qt::ControlModifier);
    EXPECT_EQ(tabs()->currentIndex(), 0);
    QTest::keyClick(window_.get(), Qt::Key_3, Qt::ControlModifier);
    EXPECT_EQ(tabs()->currentIndex(), 0);
    window_->showView(ui::MainWindow::View::Review);
    EXPECT_EQ(tabs()->currentIndex(), 0);
    const QStringList hidden = headers();
    EXPECT_FALSE(hidden.contains(QStringLiteral("Expert A"))) << hidden.join(',').toStdString();
    EXPECT_FALSE(hidden.contains(QStringLiteral("Expert B")));
    EXPECT_FALSE(hidden.contains(QStringLiteral("Conflict")));
    EXPECT_TRUE(hidden.contains(QStringLiteral("Expert C")));
    // Another coder who has not finished either sees only their own column.
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Expert D"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(session->isBlind());
    EXPECT_FALSE(headers().contains(QStringLiteral("Expert C"))) << headers().join(',').toStdString();
    EXPECT_TRUE(headers().contains(QStringLiteral("Expert D")));
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Expert C"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(headers().contains(QStringLiteral("Expert C"))) << headers().join(',').toStdString();
    EXPECT_FALSE(headers().contains(QStringLiteral("Expert D")));

    // The setting is the project's: a reopened window is blind too.
    ASSERT_TRUE(
        window_->openProject(projectPath_, QStringLiteral("Expert C"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(session->isBlind());
    EXPECT_FALSE(tabs()->isTabEnabled(1));

    // Finishing every clip in every dimension lifts it.
    const Codebook& cb = session->codebook();
    const int64_t me = session->currentExpertId();
    for (const Clip& c : session->clips())
        for (const Dimension& d : cb.dimensions) {
            EXPECT_TRUE(session->isBlind());
            ASSERT_TRUE(session->writeLabel(c.id, me, d.name, d.classes.front().name, {}).ok());
        }
    EXPECT_FALSE(session->isBlind());
    EXPECT_TRUE(tabs()->isTabEnabled(1));
    EXPECT_TRUE(headers().contains(QStringLiteral("Expert A")));
    EXPECT_TRUE(headers().contains(QStringLiteral("Conflict")));
}

TEST_F(BlindTest, ALeadUnlocksOneCoder) {
    FixtureOptions options;
    options.withMedia = false;
    openStudio(options, QStringLiteral("Expert C"));
    ui::ProjectSession* session = window_->session();
    ASSERT_TRUE(session->setBlindCoding(true).ok());
    EXPECT_TRUE(session->isBlind());
    ASSERT_TRUE(session->unlockBlindCoding().ok());
    EXPECT_FALSE(session->isBlind());
    EXPECT_TRUE(tabs()->isTabEnabled(2));
    // Another coder who has not finished is still blind.
    ASSERT_TRUE(window_->switchCoder(QStringLiteral("Expert D"), ui::MainWindow::Interaction::Unattended));
    EXPECT_TRUE(session->isBlind());
    EXPECT_FALSE(tabs()->isTabEnabled(2));
    // Turning the setting off shows everything again.
    ASSERT_TRUE(session->setBlindCoding(false).ok());
    EXPECT_FALSE(session->isBlind());
    EXPECT_TRUE(tabs()->isTabEnabled(2));
}

// Reported: with blind coding on, "Any class ▸ behavior: Mixed" listed the clips other
// coders had put in that class. The class filter looks only at the coder's own labels.
TEST_F(BlindTest, TheClassFilterSeesOnlyTheCodersOwnLabels) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 6;
    openStudio(options, QStringLiteral("Expert C"));
    ui::ProjectSession* session = window_->session();
    auto* blind = window_->findChild<QAction*>(QStringLiteral("BlindCodingAction"));
    ASSERT_NE(blind, nullptr);
    QComboBox* classes = nullptr;
    for (QComboBox* c : window_->browser()->findChildren<QComboBox*>())
        if (c->count() > 0 && c->itemData(0).toString().isEmpty() && c->itemText(0) == QStringLiteral("Any class"))
            classes = c;
    ASSERT_NE(classes, nullptr);
    const Dimension& dim = session->codebook().dimensions.front();
    auto shownWith = [&](const QString& cls) {
        classes->setCurrentIndex(0);  // "Any class" between, so that every choice filters anew
        classes->setCurrentIndex(classes->findData(dim.name + QLatin1Char('=') + cls));
        return table()->model()->rowCount();
    };
    // Open, the filter sees the experts' labels; blind, none of them.
    int othersShown = 0;
    for (const CodebookClass& c : dim.classes) othersShown += shownWith(c.name);
    ASSERT_GT(othersShown, 0);
    blind->trigger();
    ASSERT_TRUE(session->isBlind());
    for (const CodebookClass& c : dim.classes) EXPECT_EQ(shownWith(c.name), 0) << c.name.toStdString();
    // Her own label is found.
    const Clip& first = session->clips().front();
    ASSERT_TRUE(session->writeLabel(first.id, session->currentExpertId(), dim.name, dim.classes.back().name, {}).ok());
    EXPECT_EQ(shownWith(dim.classes.back().name), 1);
}

}  // namespace
}  // namespace motor::testing
