// Segmenting in the GUI (issue 16): the Segment tab's timeline takes keys to split,
// merge, nudge, set in/out points, add and delete clips; each edit goes to the project
// file at once through core, keeps clip ids and labels (a labelled clip whose range
// changed is flagged), and undo puts the file back exactly. The timeline zooms, scrolls
// and follows the playhead, and a clip's edges can be dragged with the mouse.
#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QMediaPlayer>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/main/ProjectSession.h"
#include "ui/player/PlayerPane.h"
#include "ui/segment/ClipEditCommand.h"
#include "ui/segment/SegmentTimeline.h"
#include "ui/segment/SegmentView.h"

namespace motor::testing {
namespace {

struct StoredClip {
    int64_t id = 0;
    int64_t startMs = 0;
    int64_t endMs = 0;
    bool needsReview = false;
    bool operator==(const StoredClip& o) const {
        return id == o.id && startMs == o.startMs && endMs == o.endMs && needsReview == o.needsReview;
    }
};

std::ostream& operator<<(std::ostream& os, const QMap<QString, StoredClip>& clips) {
    for (auto it = clips.cbegin(); it != clips.cend(); ++it)
        os << it.key().toStdString() << "#" << it->id << "[" << it->startMs << "," << it->endMs << "]"
           << (it->needsReview ? "!" : "") << " ";
    return os;
}

class SegmentTest : public StudioFixture {
protected:
    // The clips as the file holds them, read through a second connection.
    QMap<QString, StoredClip> storedClips() {
        QMap<QString, StoredClip> out;
        auto project = Project::open(projectPath_);
        EXPECT_TRUE(project.ok());
        if (!project) return out;
        auto clips = project.value()->clips();
        EXPECT_TRUE(clips.ok());
        for (const Clip& c : clips.value()) out.insert(c.key, StoredClip{c.id, c.startMs, c.endMs, c.needsReview});
        return out;
    }
    int storedLabelCount() {
        auto project = Project::open(projectPath_);
        if (!project) return -1;
        return int(project.value()->annotations().value().size());
    }
    ui::SegmentTimeline* timeline() const { return window_->segment()->timeline(); }
    // Clicks the timeline at a recording time; returns the time the click stands for.
    int64_t clickAt(int64_t ms) {
        const int x = timeline()->xAt(ms);
        QTest::mouseClick(timeline(), Qt::LeftButton, {}, QPoint(x, timeline()->height() / 2));
        return timeline()->msAt(x);
    }
    void key(Qt::Key k, Qt::KeyboardModifiers mods = {}) { QTest::keyClick(timeline(), k, mods); }
    int laneY() const { return timeline()->height() / 2; }
    // Presses at x, moves the mouse there in steps and releases at toX; returns the time
    // toX stands for.
    int64_t dragX(int x, int toX) {
        ui::SegmentTimeline* t = timeline();
        QTest::mousePress(t, Qt::LeftButton, {}, QPoint(x, laneY()));
        for (int i = 1; i <= 4; ++i) QTest::mouseMove(t, QPoint(x + (toX - x) * i / 4, laneY()));
        QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(toX, laneY()));
        QApplication::processEvents();
        return t->msAt(toX);
    }
    // The mouse over x without a button (what the cursor shape follows).
    void hover(int x) {
        QMouseEvent move(QEvent::MouseMove, QPointF(x, laneY()), timeline()->mapToGlobal(QPointF(x, laneY())),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(timeline(), &move);
    }
    void wheel(int x, int angle, Qt::KeyboardModifiers mods = {}) {
        const QPointF at(x, laneY());
        QWheelEvent e(at, timeline()->mapToGlobal(at), QPoint(), QPoint(0, angle), Qt::NoButton, mods,
                      Qt::NoScrollPhase, false);
        QApplication::sendEvent(timeline(), &e);
    }
    bool shown(int64_t ms) const { return ms >= timeline()->visibleStartMs() && ms <= timeline()->visibleEndMs(); }
    QString selectedKey() const {
        const Clip* c = window_->session()->clip(timeline()->selected());
        return c ? c->key : QString();
    }
};

TEST_F(SegmentTest, KeysSplitMergeNudgeSetAddAndDeleteAndUndoRestoresTheFile) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.experts = {};
    options.clipCount = 4;  // g1-c001 0-4 s, g2-c002 4-8 s, g3-c003 8-12 s, g1-c004 12-16 s
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    // One labelled clip: edits keep its label and flag it for a second look.
    const Clip first = session->clips().first();
    ASSERT_EQ(first.key, QStringLiteral("g1-c001"));
    ASSERT_TRUE(session
                    ->writeLabel(first.id, session->currentExpertId(), QStringLiteral("behavior"),
                                 QStringLiteral("Monitoring"), {})
                    .ok());
    const QMap<QString, StoredClip> original = storedClips();
    ASSERT_EQ(original.size(), 4);

    window_->showView(ui::MainWindow::View::Segment);
    ASSERT_EQ(window_->findChild<QTabWidget*>()->currentWidget(), window_->segment());
    timeline()->setFocus();
    QApplication::processEvents();

    // S: split g1-c001 at the playhead; the first part keeps id, key and label, flagged.
    const int64_t cut = clickAt(2000);
    EXPECT_EQ(selectedKey(), QStringLiteral("g1-c001"));
    EXPECT_EQ(window_->segment()->playheadMs(), cut);
    key(Qt::Key_S);
    QMap<QString, StoredClip> now = storedClips();
    ASSERT_TRUE(now.contains(QStringLiteral("g1-c001.2"))) << now;
    EXPECT_EQ(now[QStringLiteral("g1-c001")], (StoredClip{first.id, 0, cut, true})) << now;
    EXPECT_EQ(now[QStringLiteral("g1-c001.2")].startMs, cut);
    EXPECT_EQ(now[QStringLiteral("g1-c001.2")].endMs, 4000);
    EXPECT_EQ(storedLabelCount(), 1);

    // Down selects the new part; G merges g2-c002 into it.
    key(Qt::Key_Down);
    EXPECT_EQ(selectedKey(), QStringLiteral("g1-c001.2"));
    key(Qt::Key_G);
    now = storedClips();
    EXPECT_FALSE(now.contains(QStringLiteral("g2-c002"))) << now;
    EXPECT_EQ(now[QStringLiteral("g1-c001.2")].endMs, 8000) << now;

    // Shift+Right moves its in point 100 ms later, Ctrl+Left its out point 100 ms earlier;
    // Alt with them moves by one frame (25 fps: 40 ms).
    key(Qt::Key_Right, Qt::ShiftModifier);
    key(Qt::Key_Left, Qt::ControlModifier);
    key(Qt::Key_Left, Qt::ControlModifier | Qt::AltModifier);
    now = storedClips();
    EXPECT_EQ(now[QStringLiteral("g1-c001.2")].startMs, cut + 100) << now;
    EXPECT_EQ(now[QStringLiteral("g1-c001.2")].endMs, 8000 - 100 - 40) << now;
    EXPECT_FALSE(now[QStringLiteral("g1-c001.2")].needsReview);  // no labels on it

    // Delete removes it (it has no labels) and selects the next clip.
    key(Qt::Key_Delete);
    now = storedClips();
    EXPECT_FALSE(now.contains(QStringLiteral("g1-c001.2"))) << now;
    EXPECT_EQ(selectedKey(), QStringLiteral("g3-c003"));

    // O with the playhead before the clip's start: core refuses, the file is unchanged
    // and the view says why.
    const QMap<QString, StoredClip> beforeRefusal = storedClips();
    clickAt(6000);  // a gap now: the playhead moves, the selection stays
    EXPECT_EQ(selectedKey(), QStringLiteral("g3-c003"));
    key(Qt::Key_O);
    EXPECT_EQ(storedClips(), beforeRefusal);
    EXPECT_TRUE(window_->segment()->message().contains(QStringLiteral("not after start")))
        << window_->segment()->message().toStdString();
    // Deleting a labelled clip is refused too.
    key(Qt::Key_Up);
    EXPECT_EQ(selectedKey(), QStringLiteral("g1-c001"));
    key(Qt::Key_Delete);
    EXPECT_EQ(storedClips(), beforeRefusal);
    EXPECT_TRUE(window_->segment()->message().contains(QStringLiteral("has labels")))
        << window_->segment()->message().toStdString();

    // I / O set the in and out points of the selected clip at the playhead.
    const int64_t out = clickAt(3000);  // in the gap after g1-c001's end (the cut)
    EXPECT_EQ(selectedKey(), QStringLiteral("g1-c001"));
    key(Qt::Key_O);
    const int64_t in = clickAt(500);
    key(Qt::Key_I);
    now = storedClips();
    EXPECT_EQ(now[QStringLiteral("g1-c001")], (StoredClip{first.id, in, out, true})) << now;

    // Insert: a new clip from the playhead in the gap, up to the next clip.
    const int64_t gap = clickAt(6000);
    key(Qt::Key_Insert);
    now = storedClips();
    ASSERT_TRUE(now.contains(QStringLiteral("lesson-1"))) << now;
    EXPECT_EQ(now[QStringLiteral("lesson-1")].startMs, gap);
    EXPECT_EQ(now[QStringLiteral("lesson-1")].endMs, 8000);
    EXPECT_EQ(selectedKey(), QStringLiteral("lesson-1"));
    EXPECT_EQ(storedLabelCount(), 1);
    EXPECT_EQ(session->clips().size(), 4);  // the session re-read the clips
    const QMap<QString, StoredClip> edited = storedClips();

    // Ctrl+Z undoes every edit: the file is as it was, ids included; Ctrl+Shift+Z redoes.
    const int steps = session->undoStack()->count();
    EXPECT_EQ(steps, 9) << session->undoStack()->text(steps - 1).toStdString();
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(storedClips(), original) << storedClips();
    EXPECT_EQ(storedLabelCount(), 1);
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(storedClips(), edited) << storedClips();
}

// Dragging a clip's edge with the mouse: the cursor shows where an edge can be taken; a
// drag is one undoable edit through core (a labelled clip keeps its labels and is
// flagged); a drag into a neighbour or past the clip's other end is refused with core's
// message and changes nothing; an edge snaps to a neighbour's; Escape cancels a drag.
// Reported (fourth audit): undoing a clip edit put back every clip of the recording, so it
// also reverted another window's edit of another clip. Undo writes only the step's clips,
// and refuses when one of them was changed meanwhile.
TEST_F(SegmentTest, UndoLeavesOtherClipsChangedMeanwhileAndRefusesOverwritingItsOwn) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.experts = {};
    options.clipCount = 4;  // g1-c001 0-4 s, g2-c002 4-8 s, g3-c003 8-12 s, g1-c004 12-16 s
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    const Clip first = session->clips()[0];
    const Clip third = session->clips()[2];
    QUndoStack* undo = session->undoStack();
    undo->push(new ui::ClipEditCommand(session, first.mediaId, QStringLiteral("shorten g1-c001"),
                                       [&](Project& p) { return p.setClipRange(first.id, 0, 3500); }));
    auto other = Project::open(projectPath_);  // another window on the same file
    ASSERT_TRUE(other.ok());
    const Status theirs = other.value()->setClipRange(third.id, third.startMs, third.endMs - 1000);
    ASSERT_TRUE(theirs.ok()) << theirs.error().message.toStdString();
    EXPECT_TRUE(session->checkForOutsideChanges());  // as the watch does within 2 s
    undo->undo();
    QMap<QString, StoredClip> now = storedClips();
    EXPECT_EQ(now[first.key], (StoredClip{first.id, 0, 4000, false})) << now;
    EXPECT_EQ(now[third.key].endMs, third.endMs - 1000) << now;  // theirs stays
    undo->redo();
    EXPECT_EQ(storedClips()[first.key].endMs, 3500);

    // The other window changes this step's own clip: undo would throw that away.
    ASSERT_TRUE(other.value()->setClipRange(first.id, 0, 3000).ok());
    QSignalSpy failed(session, &ui::ProjectSession::clipEditFailed);
    undo->undo();
    EXPECT_EQ(storedClips()[first.key].endMs, 3000);
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.first().at(0).toString().contains(QStringLiteral("changed since")));
}

TEST_F(SegmentTest, DraggingAClipEdgeIsOneUndoableEditAndRefusalsChangeNothing) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.experts = {};
    options.clipCount = 4;  // g1-c001 0-4 s, g2-c002 4-8 s, g3-c003 8-12 s, g1-c004 12-16 s
    openStudio(options, QStringLiteral("Tester"));
    ui::ProjectSession* session = window_->session();
    const Clip first = session->clips().first();
    ASSERT_TRUE(session
                    ->writeLabel(first.id, session->currentExpertId(), QStringLiteral("behavior"),
                                 QStringLiteral("Monitoring"), {})
                    .ok());
    const QMap<QString, StoredClip> original = storedClips();
    const StoredClip second = original[QStringLiteral("g2-c002")];
    window_->showView(ui::MainWindow::View::Segment);
    timeline()->setFocus();
    QApplication::processEvents();
    ui::SegmentTimeline* t = timeline();
    const int steps = session->undoStack()->count();

    // Over an edge the cursor is the resize arrow; over a clip's middle it is not.
    hover(t->xAt(8000) - 2);
    EXPECT_EQ(t->cursor().shape(), Qt::SizeHorCursor);
    hover(t->xAt(6000));
    EXPECT_NE(t->cursor().shape(), Qt::SizeHorCursor);

    // g2-c002's out point dragged from 8 s to about 7 s: one edit, in the file at once.
    const int64_t seven = dragX(t->xAt(8000) - 2, t->xAt(7000));
    QMap<QString, StoredClip> now = storedClips();
    EXPECT_EQ(now[QStringLiteral("g2-c002")], (StoredClip{second.id, 4000, seven, false})) << now;
    EXPECT_NEAR(double(seven), 7000.0, 100.0);
    EXPECT_EQ(session->undoStack()->count(), steps + 1);
    EXPECT_EQ(selectedKey(), QStringLiteral("g2-c002"));
    const QMap<QString, StoredClip> afterFirst = now;

    // Into g3-c003: core refuses the overlap, the file is unchanged, the view says why.
    dragX(t->xAt(seven) - 2, t->xAt(9000));
    EXPECT_EQ(storedClips(), afterFirst);
    EXPECT_TRUE(window_->segment()->message().contains(QStringLiteral("overlap")))
        << window_->segment()->message().toStdString();
    // The in point past the out point: refused too.
    dragX(t->xAt(4000) + 2, t->xAt(7500));
    EXPECT_EQ(storedClips(), afterFirst);
    EXPECT_TRUE(window_->segment()->message().contains(QStringLiteral("not after start")))
        << window_->segment()->message().toStdString();
    EXPECT_EQ(session->undoStack()->count(), steps + 1);

    // Escape during a drag puts the edge back; nothing is asked of core.
    QTest::mousePress(t, Qt::LeftButton, {}, QPoint(t->xAt(seven) - 2, laneY()));
    QTest::mouseMove(t, QPoint(t->xAt(6000), laneY()));
    QTest::keyClick(t, Qt::Key_Escape);
    QTest::mouseRelease(t, Qt::LeftButton, {}, QPoint(t->xAt(6000), laneY()));
    EXPECT_EQ(storedClips(), afterFirst);
    EXPECT_EQ(session->undoStack()->count(), steps + 1);

    // The labelled g1-c001's out point from 4 s to about 3 s: its label stays, it is flagged.
    const int64_t three = dragX(t->xAt(4000) - 2, t->xAt(3000));
    now = storedClips();
    EXPECT_EQ(now[QStringLiteral("g1-c001")], (StoredClip{first.id, 0, three, true})) << now;
    EXPECT_EQ(storedLabelCount(), 1);

    // Released 3 px short of g3-c003's start, g2-c002's out point snaps to it.
    dragX(t->xAt(seven) - 2, t->xAt(8000) - 3);
    now = storedClips();
    EXPECT_EQ(now[QStringLiteral("g2-c002")].endMs, 8000) << now;
    EXPECT_EQ(session->undoStack()->count(), steps + 3);
    const QMap<QString, StoredClip> edited = storedClips();

    // Ctrl+Z three times: the file as it was; Ctrl+Shift+Z: the drags again.
    for (int i = 0; i < 3; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(storedClips(), original) << storedClips();
    for (int i = 0; i < 3; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(storedClips(), edited) << storedClips();
}

// Zoom (Ctrl+wheel around the mouse, + / - and Ctrl+= around the playhead, 0 for the
// whole recording) and scrolling (wheel, scroll bar); the view follows the playhead past
// its edge and brings the clip chosen with Up/Down into view; the keys work as before.
TEST_F(SegmentTest, ZoomsScrollsAndFollowsThePlayheadAndTheSelectedClip) {
    FixtureOptions options;
    options.withMedia = false;
    options.withModels = false;
    options.experts = {};
    options.clipCount = 8;  // 4 s each: 32 s
    openStudio(options, QStringLiteral("Tester"));
    window_->showView(ui::MainWindow::View::Segment);
    timeline()->setFocus();
    QApplication::processEvents();
    ui::SegmentTimeline* t = timeline();
    ASSERT_EQ(t->visibleStartMs(), 0);
    ASSERT_EQ(t->visibleSpanMs(), 32000);
    EXPECT_FALSE(t->scrollBar()->isEnabled());

    // Ctrl+wheel up over 8 s zooms in; the time under the mouse stays under it.
    const int x8 = t->xAt(8000);
    wheel(x8, 120, Qt::ControlModifier);
    EXPECT_LT(t->visibleSpanMs(), 32000);
    EXPECT_NEAR(double(t->msAt(x8)), 8000.0, 100.0);
    EXPECT_TRUE(t->scrollBar()->isEnabled());

    // + and Ctrl+= zoom in around the playhead, - zooms out.
    const int64_t playhead = clickAt(10000);
    const int playheadX = t->xAt(playhead);
    int64_t span = t->visibleSpanMs();
    key(Qt::Key_Plus);
    EXPECT_LT(t->visibleSpanMs(), span);
    EXPECT_NEAR(t->xAt(playhead), playheadX, 2);
    span = t->visibleSpanMs();
    key(Qt::Key_Equal, Qt::ControlModifier);
    EXPECT_LT(t->visibleSpanMs(), span);
    span = t->visibleSpanMs();
    key(Qt::Key_Minus);
    EXPECT_GT(t->visibleSpanMs(), span);
    for (int i = 0; i < 4 && t->visibleSpanMs() > 6000; ++i) key(Qt::Key_Plus);
    ASSERT_LE(t->visibleSpanMs(), 6000);
    // Zoomed in, a clip's id fits in its block.
    const Clip* c = window_->session()->clip(t->selected());
    ASSERT_NE(c, nullptr);
    EXPECT_GT(t->xAt(c->endMs) - t->xAt(c->startMs), t->fontMetrics().horizontalAdvance(c->key) + 10);

    // The wheel scrolls (down: later), and so does the scroll bar, which follows.
    int64_t start = t->visibleStartMs();
    wheel(t->xAt(playhead), -120);
    EXPECT_GT(t->visibleStartMs(), start);
    EXPECT_EQ(t->scrollBar()->value(), t->visibleStartMs());
    start = t->visibleStartMs();
    t->scrollBar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
    EXPECT_NEAR(double(t->visibleStartMs()), double(start + t->visibleSpanMs()), 2.0);

    // The playhead running past the right edge (as playback moves it; the player's
    // positions arrive through the same seek) takes the view along.
    window_->segment()->seek(t->visibleStartMs() + t->visibleSpanMs() / 2);
    start = t->visibleStartMs();
    for (int64_t ms = window_->segment()->playheadMs(); ms < start + 2 * t->visibleSpanMs(); ms += 200) {
        window_->segment()->seek(ms);
        ASSERT_TRUE(shown(ms)) << ms << " not in " << t->visibleStartMs() << "+" << t->visibleSpanMs();
    }
    EXPECT_GT(t->visibleStartMs(), start + t->visibleSpanMs());

    // Up / Down bring the clip they select into view.
    for (int i = 0; i < 3; ++i) {
        key(Qt::Key_Up);
        const Clip* selected = window_->session()->clip(t->selected());
        ASSERT_NE(selected, nullptr);
        EXPECT_TRUE(shown(selected->startMs)) << selected->key.toStdString();
    }
    t->scrollBar()->setValue(t->scrollBar()->maximum());
    key(Qt::Key_Down);
    EXPECT_TRUE(shown(window_->session()->clip(t->selected())->startMs));

    // Zoomed in, the segmenting keys work as before: S splits at the playhead.
    const QString selected = selectedKey();
    const int64_t cut = clickAt(window_->session()->clip(t->selected())->startMs + 1500);
    key(Qt::Key_S);
    const QMap<QString, StoredClip> now = storedClips();
    ASSERT_TRUE(now.contains(selected + QStringLiteral(".2"))) << now;
    EXPECT_EQ(now[selected + QStringLiteral(".2")].startMs, cut);

    // 0: the whole recording again.
    key(Qt::Key_0);
    EXPECT_EQ(t->visibleStartMs(), 0);
    EXPECT_EQ(t->visibleSpanMs(), 32000);
}

TEST_F(SegmentTest, PlaysTheWholeRecordingAcrossClipBoundaries) {
    FixtureOptions options;
    options.clipCount = 3;
    options.clipMs = 2000;
    options.withModels = false;
    openStudio(options);
    window_->showView(ui::MainWindow::View::Segment);
    ui::SegmentView* segment = window_->segment();
    QMediaPlayer* player = segment->player()->player();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 15000 && player->mediaStatus() != QMediaPlayer::LoadedMedia &&
           player->mediaStatus() != QMediaPlayer::BufferedMedia &&
           player->mediaStatus() != QMediaPlayer::InvalidMedia && player->error() == QMediaPlayer::NoError)
        QTest::qWait(20);
    ASSERT_EQ(player->error(), QMediaPlayer::NoError) << player->errorString().toStdString();
    ASSERT_TRUE(player->mediaStatus() == QMediaPlayer::LoadedMedia ||
                player->mediaStatus() == QMediaPlayer::BufferedMedia);

    // From just before the first clip's end, Space plays on into the second clip. Zoomed
    // in with the view's right edge just after the playhead, the view follows it.
    const Clip first = window_->session()->clips().first();
    segment->seek(first.endMs - 400);
    QTest::qWait(200);
    for (int i = 0; i < 4; ++i) QTest::keyClick(timeline(), Qt::Key_Plus);
    ASSERT_LT(timeline()->visibleSpanMs(), 3000);
    timeline()->scrollBar()->setValue(int(first.endMs + 100 - timeline()->visibleSpanMs()));
    const int64_t viewBefore = timeline()->visibleStartMs();
    ASSERT_LT(timeline()->visibleEndMs(), first.endMs + 300);
    ASSERT_GE(timeline()->visibleEndMs(), segment->playheadMs());
    QTest::keyClick(window_.get(), Qt::Key_Space);
    t.restart();
    while (t.elapsed() < 8000 && segment->playheadMs() < first.endMs + 300) QTest::qWait(50);
    EXPECT_GE(segment->playheadMs(), first.endMs + 300);
    EXPECT_GE(timeline()->playhead(), first.endMs + 300);
    EXPECT_EQ(player->playbackState(), QMediaPlayer::PlayingState);
    EXPECT_GT(timeline()->visibleStartMs(), viewBefore);
    EXPECT_TRUE(timeline()->playhead() >= timeline()->visibleStartMs() &&
                timeline()->playhead() <= timeline()->visibleEndMs())
        << timeline()->playhead() << " not in " << timeline()->visibleStartMs() << "+" << timeline()->visibleSpanMs();
    // The Label tab's player stayed out of it.
    EXPECT_NE(window_->player()->player()->playbackState(), QMediaPlayer::PlayingState);
    QTest::keyClick(window_.get(), Qt::Key_Space);
}

}  // namespace
}  // namespace motor::testing
