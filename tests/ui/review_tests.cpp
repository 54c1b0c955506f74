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

class ReviewTest : public StudioFixture {
protected:
    // The fixture's 16 clips (no media) on the Review tab.
    void openReview() {
        FixtureOptions options;
        options.withMedia = false;
        options.clipCount = 16;
        openStudio(options);
        window_->showView(ui::MainWindow::View::Review);
    }
};

TEST_F(ReviewTest, QueueIsRankedByDissentAndMJumpsThroughIt) {
    openReview();
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
// Reported (fourth audit): after settling the contested clip being shown, M went back to
// the top of the queue, and the queue highlighted another clip than the one shown. M goes
// on from where the settled clip stood, and only the shown clip's row is highlighted.
TEST_F(ReviewTest, SettlingAClipKeepsThePlaceInTheQueue) {
    openReview();
    ui::ProjectSession* session = window_->session();
    ui::ReviewPane* review = window_->review();
    const QVector<qint64> queue = review->queue();
    ASSERT_GE(queue.size(), 3);
    auto* table = review->findChild<QTableWidget*>();
    ASSERT_NE(table, nullptr);
    session->setCurrentClip(queue[1]);
    EXPECT_EQ(table->selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(table->selectionModel()->selectedRows().first().row(), 1);
    // Every expert agrees on queue[1] now.
    for (const Annotator& a : session->annotatorsOfKind(AnnotatorKind::Human))
        for (const Dimension& d : session->codebook().dimensions)
            ASSERT_TRUE(session->writeLabel(queue[1], a.id, d.name, d.classes.front().name, {}).ok());
    QTest::qWait(400);  // the queue is rebuilt after a short pause
    ASSERT_FALSE(review->queue().contains(queue[1]));
    EXPECT_TRUE(table->selectionModel()->selectedRows().isEmpty());
    QTest::keyClick(window_.get(), Qt::Key_M);
    EXPECT_EQ(session->currentClipId(), queue[2]);
}

TEST_F(ReviewTest, ConflictCountsExpertsByDefaultAndAllCodersOnRequest) {
    openReview();
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

// Reported: two experts who disagree were both coloured "agrees with the majority", and a
// single click on a queued clip did nothing. A tie has its own colour, and a click opens
// the clip.
TEST_F(ReviewTest, ATieIsNoMajorityAndOneClickOpensAQueuedClip) {
    openReview();
    ui::ProjectSession* session = window_->session();
    ui::ReviewPane* review = window_->review();
    const QColor agree(0xdc, 0xf1, 0xe1), dissent(0xfb, 0xd5, 0xd1);  // ReviewPane's colours
    const auto experts = session->annotatorsOfKind(AnnotatorKind::Human);
    ASSERT_EQ(experts.size(), 2);
    const QVector<Dimension>& dims = session->codebook().dimensions;
    int ties = 0, agreements = 0;
    for (const Clip& c : session->clips()) {
        const ui::ClipLabels labels = session->labelsOfClip(c.id);
        session->setCurrentClip(c.id);
        QTableWidget* table = review->codersTable();
        ASSERT_GE(table->rowCount(), 2);
        for (int d = 0; d < dims.size(); ++d) {
            const QString a = labels.value(experts[0].id).value(dims[d].name).label;
            const QString b = labels.value(experts[1].id).value(dims[d].name).label;
            if (a.isEmpty() || b.isEmpty()) continue;
            const QColor ca = table->item(0, d)->background().color(), cb = table->item(1, d)->background().color();
            EXPECT_EQ(ca, cb) << c.key.toStdString() << " " << dims[d].name.toStdString();
            if (a == b) {
                EXPECT_EQ(ca, agree) << c.key.toStdString();
                ++agreements;
            } else {
                EXPECT_NE(ca, agree) << "a 1-1 split is no majority: " << c.key.toStdString();
                EXPECT_NE(ca, dissent) << c.key.toStdString();
                ++ties;
            }
        }
    }
    EXPECT_GT(ties, 0);
    EXPECT_GT(agreements, 0);

    // One click on a queued row opens that clip.
    QTableWidget* queue = review->queueTable();
    ASSERT_GE(queue->rowCount(), 2);
    session->setCurrentClip(review->queue().first());
    const int row = queue->rowCount() - 1;
    queue->scrollToItem(queue->item(row, 0));
    QTest::mouseClick(queue->viewport(), Qt::LeftButton, {}, queue->visualItemRect(queue->item(row, 0)).center());
    EXPECT_EQ(session->currentClipId(), review->queue()[row]);
}

}  // namespace
}  // namespace motor::testing
