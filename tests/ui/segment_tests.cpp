// Segmenting in the GUI (issue 16): the Segment tab's timeline takes keys to split,
// merge, nudge, set in/out points, add and delete clips; each edit goes to the project
// file at once through core, keeps clip ids and labels (a labelled clip whose range
// changed is flagged), and undo puts the file back exactly.
#include <gtest/gtest.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QMediaPlayer>
#include <QTabWidget>
#include <QTest>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/main/ProjectSession.h"
#include "ui/player/PlayerPane.h"
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

    // From just before the first clip's end, Space plays on into the second clip.
    const Clip first = window_->session()->clips().first();
    segment->seek(first.endMs - 400);
    QTest::qWait(200);
    QTest::keyClick(window_.get(), Qt::Key_Space);
    t.restart();
    while (t.elapsed() < 8000 && segment->playheadMs() < first.endMs + 300) QTest::qWait(50);
    EXPECT_GE(segment->playheadMs(), first.endMs + 300);
    EXPECT_GE(timeline()->playhead(), first.endMs + 300);
    EXPECT_EQ(player->playbackState(), QMediaPlayer::PlayingState);
    // The Label tab's player stayed out of it.
    EXPECT_NE(window_->player()->player()->playbackState(), QMediaPlayer::PlayingState);
    QTest::keyClick(window_.get(), Qt::Key_Space);
}

}  // namespace
}  // namespace motor::testing
