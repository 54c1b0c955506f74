// The review pane: coders side by side for the current clip, and the disagreement
// queue ranked by dissent, walked with the M key.
#include <gtest/gtest.h>

#include <QComboBox>
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

// Reported: model runs and baselines counted as dissent where the experts agree. By
// default only experts count; "all coders" is a choice, and the browser's Conflict
// column follows it.
TEST_F(ReviewTest, ConflictCountsExpertsByDefaultAndAllCodersOnRequest) {
    FixtureOptions options;
    options.withMedia = false;
    options.clipCount = 16;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Review);
    ui::ProjectSession* session = window_->session();
    ui::ReviewPane* review = window_->review();
    ASSERT_EQ(session->conflictScope(), metrics::ConflictScope::Experts);
    // A clip where the experts agree but a model or baseline does not.
    qint64 modelOnly = 0;
    for (const Clip& c : session->clips()) {
        const metrics::ClipConflict experts = session->conflict(c.id);
        if (experts.expertConflictDimensions == 0 && experts.modelDiffersFromExpert) modelOnly = c.id;
        EXPECT_EQ(experts.conflictingDimensions, experts.expertConflictDimensions) << c.key.toStdString();
    }
    ASSERT_NE(modelOnly, 0) << "the fixture should have a clip where only a model dissents";
    EXPECT_FALSE(review->queue().contains(modelOnly));

    review->scopeChooser()->setCurrentIndex(review->scopeChooser()->findData(int(metrics::ConflictScope::AllCoders)));
    EXPECT_EQ(session->conflictScope(), metrics::ConflictScope::AllCoders);
    EXPECT_TRUE(session->conflict(modelOnly).any());
    QTest::qWait(200);  // the queue is rebuilt on a short timer
    EXPECT_TRUE(review->queue().contains(modelOnly));
}

}  // namespace
}  // namespace motor::testing
