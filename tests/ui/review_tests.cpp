// The review pane: coders side by side for the current clip, and the disagreement
// queue ranked by dissent, walked with the M key.
#include <gtest/gtest.h>

#include <QTableWidget>
#include <QTest>

#include "support/StudioFixture.h"
#include "ui/main/ProjectSession.h"
#include "ui/review/ReviewPane.h"

namespace motor::testing {
namespace {

class ReviewTest : public StudioFixture {};

TEST_F(ReviewTest, QueueIsRankedByDissentAndMJumpsThroughIt) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 16;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Review);
    ui::ProjectSession* session = window_->session();
    ui::ReviewPane* review = window_->review();
    const QVector<qint64> queue = review->queue();
    ASSERT_FALSE(queue.isEmpty());
    for (int i = 1; i < queue.size(); ++i)
        EXPECT_GE(session->conflict(queue[i - 1]).dissentingCoders, session->conflict(queue[i]).dissentingCoders);
    for (const Clip& c : session->clips())
        EXPECT_EQ(queue.contains(c.id), session->conflict(c.id).any()) << c.key.toStdString();

    // M moves from a queued clip to the next one down the queue.
    session->setCurrentClip(queue.first());
    QTest::keyClick(window_.get(), Qt::Key_M);
    EXPECT_EQ(session->currentClipId(), queue.size() > 1 ? queue[1] : queue[0]);

    // Every coder of the clip has a row: two experts, the model run and the baseline.
    EXPECT_EQ(review->codersTable()->rowCount(), 4);
    EXPECT_EQ(review->codersTable()->columnCount(), 3);

    // "Model vs expert differ" keeps only such clips.
    review->setModelVsExpertOnly(true);
    for (qint64 id : review->queue()) EXPECT_TRUE(session->conflict(id).modelDiffersFromExpert);
}

}  // namespace
}  // namespace motor::testing
