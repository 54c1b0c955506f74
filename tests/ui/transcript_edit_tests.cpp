// Correcting a transcript in the GUI (issue 15): with the transcript pane focused, F2 /
// typing / Enter edits an utterance's text, I / O set its start / end to the playhead,
// Shift / Ctrl + arrows nudge them, P splits at the playhead (Ctrl+P at the text cursor
// while editing), U merges with the next, Shift+F2 sets the speaker of every selected
// line, Delete deletes, Insert / Ctrl+Enter insert a new utterance at the playhead. Each
// edit is in the file at once (read back through a second
// connection); a refused edit changes nothing and shows core's reason; Ctrl+Z gives the
// original file back exactly, ids included, and Ctrl+Shift+Z the edited one.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMap>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <limits>

#include "core/store/Project.h"
#include "support/StudioFixture.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/main/ProjectSession.h"
#include "ui/player/PlayerPane.h"
#include "ui/transcript/TranscriptPane.h"

namespace motor::testing {
namespace {

struct StoredUtterance {
    int64_t startMs = 0;
    int64_t endMs = 0;
    QString speaker;
    QString text;
    QString language;
    bool operator==(const StoredUtterance& o) const {
        return startMs == o.startMs && endMs == o.endMs && speaker == o.speaker && text == o.text &&
               language == o.language;
    }
};
using Stored = QMap<int64_t, StoredUtterance>;  // by id

// The id in `after` that `before` lacks (0: none).
int64_t addedSince(const Stored& before, const Stored& after) {
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        if (!before.contains(it.key())) return it.key();
    return 0;
}

void PrintTo(const StoredUtterance& u, std::ostream* os) {
    *os << "[" << u.startMs << "," << u.endMs << "] " << u.speaker.toStdString() << ": " << u.text.toStdString();
}

std::ostream& operator<<(std::ostream& os, const Stored& rows) {
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        os << "\n#" << it.key() << " [" << it->startMs << "," << it->endMs << "] " << it->speaker.toStdString() << ": "
           << it->text.toStdString();
    return os;
}

using Pane = ui::TranscriptPane;

class TranscriptEditTest : public StudioFixture {
protected:
    void open(const QString& coder) {
        FixtureOptions options;
        options.clipCount = 4;  // clip g1-c001 is 0-4 s: utterances 200-1800 and 2200-3800 ms
        options.withMedia = false;
        options.withModels = false;
        options.experts = {};
        openStudio(options, coder);
        ASSERT_EQ(pane()->utteranceCount(), 2);
    }
    // Every utterance of the recording as the file holds it, read through a second connection.
    Stored stored() {
        Stored out;
        auto project = Project::open(projectPath_);
        EXPECT_TRUE(project.ok());
        if (!project) return out;
        const int64_t mediaId = window_->session()->clips().first().mediaId;
        auto rows = project.value()->utterances(mediaId, std::numeric_limits<int64_t>::min(),
                                                std::numeric_limits<int64_t>::max());
        EXPECT_TRUE(rows.ok());
        for (const Utterance& u : rows.value())
            out.insert(u.id, StoredUtterance{u.startMs, u.endMs, u.speaker, u.text, u.language});
        return out;
    }
    Pane* pane() const { return window_->transcript(); }
    QTableWidget* table() const { return pane()->table(); }
    int64_t idAt(int row) const { return table()->item(row, Pane::TextColumn)->data(Qt::UserRole).toLongLong(); }
    void clickRow(int row, Qt::KeyboardModifiers mods = {}) {
        const QRect r = table()->visualItemRect(table()->item(row, Pane::TextColumn));
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, mods, r.center());
    }
    // The player reports a position, as it does while playing or after a seek.
    void playheadAt(qint64 mediaMs) { emit window_->player()->mediaPositionChanged(mediaMs); }
    void key(Qt::Key k, Qt::KeyboardModifiers mods = {}) { QTest::keyClick(table(), k, mods); }
    // Keys to whatever has the keyboard (an open editor), then the queued commit.
    void type(const QString& text) { QTest::keyClicks(QApplication::focusWidget(), text); }
    void typeKey(Qt::Key k, Qt::KeyboardModifiers mods = {}) {
        QTest::keyClick(QApplication::focusWidget(), k, mods);
        settle();
    }
    // The editor commits queued (Qt's delegate), then the pane (queued again): a few
    // rounds of posted events, however slow the machine.
    static void settle() {
        for (int i = 0; i < 10; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }
    QLineEdit* textEditor() const { return table()->findChild<QLineEdit*>(QStringLiteral("UtteranceTextEditor")); }
};

TEST_F(TranscriptEditTest, KeysEditSplitMergeSpeakerDeleteAndUndoGivesTheFileBack) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    ASSERT_EQ(original.size(), 8);
    const int64_t first = idAt(0);
    const int64_t second = idAt(1);
    const QString secondText = original[second].text;
    ASSERT_EQ(secondText, QString::fromUtf8("Katsotaan vielä ohjeesta, olemmeko oikeilla jäljillä."));

    // F2, typing and Enter: the text is in the file at once; nothing else changed.
    clickRow(0);
    ASSERT_TRUE(table()->hasFocus());
    key(Qt::Key_F2);
    ASSERT_NE(textEditor(), nullptr);
    ASSERT_EQ(QApplication::focusWidget(), textEditor());
    type(QStringLiteral("Okay, what do we do next?"));
    typeKey(Qt::Key_Return);
    Stored expected = original;
    expected[first].text = QStringLiteral("Okay, what do we do next?");
    EXPECT_EQ(stored(), expected);
    EXPECT_EQ(table()->item(0, Pane::TextColumn)->text(), QStringLiteral("Okay, what do we do next?"));

    // Esc cancels an edit (Enter on the row opens the editor too).
    key(Qt::Key_Return);
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("not this"));
    typeKey(Qt::Key_Escape);
    EXPECT_EQ(stored(), expected);

    // I / O: start and end at the playhead; Shift+Right / Ctrl+Left nudge them by 100 ms.
    EXPECT_EQ(table()->currentRow(), 0);
    playheadAt(1500);
    key(Qt::Key_O);
    playheadAt(300);
    key(Qt::Key_I);
    expected[first].startMs = 300;
    expected[first].endMs = 1500;
    EXPECT_EQ(stored(), expected);
    key(Qt::Key_Right, Qt::ShiftModifier);
    key(Qt::Key_Left, Qt::ControlModifier);
    expected[first].startMs = 400;
    expected[first].endMs = 1400;
    EXPECT_EQ(stored(), expected);

    // P splits the second utterance at the playhead, the text at the word nearest the
    // playhead's share of its time (half-way: after "ohjeesta,").
    clickRow(1);
    playheadAt(3000);
    key(Qt::Key_P);
    Stored now = stored();
    ASSERT_EQ(now.size(), 9) << now;
    ASSERT_EQ(pane()->utteranceCount(), 3);
    const int64_t third = idAt(2);
    EXPECT_EQ(now[second].text, QString::fromUtf8("Katsotaan vielä ohjeesta,"));
    EXPECT_EQ(now[second].endMs, 3000);
    EXPECT_EQ(now[third].text, QString::fromUtf8("olemmeko oikeilla jäljillä."));
    EXPECT_EQ(now[third].startMs, 3000);
    EXPECT_EQ(now[third].endMs, 3800);
    EXPECT_EQ(now[third].speaker, original[second].speaker);

    // While editing, Ctrl+P splits at the text cursor (after "olemmeko").
    clickRow(2);
    playheadAt(3400);
    key(Qt::Key_F2);
    ASSERT_NE(textEditor(), nullptr);
    typeKey(Qt::Key_Home);
    for (int i = 0; i < 8; ++i) typeKey(Qt::Key_Right);
    typeKey(Qt::Key_P, Qt::ControlModifier);
    now = stored();
    ASSERT_EQ(now.size(), 10) << now;
    ASSERT_EQ(pane()->utteranceCount(), 4);
    const int64_t fourth = idAt(3);
    EXPECT_EQ(now[third].text, QStringLiteral("olemmeko"));
    EXPECT_EQ(now[third].endMs, 3400);
    EXPECT_EQ(now[fourth].text, QString::fromUtf8("oikeilla jäljillä."));
    EXPECT_EQ(now[fourth].startMs, 3400);

    // U merges it back with the next.
    clickRow(2);
    key(Qt::Key_U);
    now = stored();
    EXPECT_FALSE(now.contains(fourth)) << now;
    EXPECT_EQ(now[third].text, QString::fromUtf8("olemmeko oikeilla jäljillä."));
    EXPECT_EQ(now[third].endMs, 3800);

    // Shift+F2 on three selected lines: one speaker for all, typed into the combo that
    // lists the recording's speakers.
    clickRow(0);
    clickRow(2, Qt::ShiftModifier);
    EXPECT_EQ(table()->selectionModel()->selectedRows().size(), 3);
    key(Qt::Key_F2, Qt::ShiftModifier);
    auto* speakers = table()->findChild<QComboBox*>(QStringLiteral("SpeakerEditor"));
    ASSERT_NE(speakers, nullptr);
    for (const char* name : {"Aino", "Eero", "Lumi", "Onni"})
        EXPECT_GE(speakers->findText(QString::fromLatin1(name)), 0) << name;
    type(QStringLiteral("Teacher"));
    typeKey(Qt::Key_Return);
    now = stored();
    for (int64_t id : {first, second, third}) EXPECT_EQ(now[id].speaker, QStringLiteral("Teacher")) << id;
    EXPECT_EQ(now[idAt(0)].speaker, QStringLiteral("Teacher"));

    // Delete removes the selected line.
    clickRow(1);
    key(Qt::Key_Delete);
    now = stored();
    EXPECT_FALSE(now.contains(second)) << now;
    EXPECT_EQ(pane()->utteranceCount(), 2);
    const Stored edited = now;

    // Refused: an end before the start, a split outside the utterance. The file is
    // unchanged and the pane says why in the clip's times, as the table shows them.
    clickRow(0);
    playheadAt(100);
    key(Qt::Key_O);
    EXPECT_EQ(stored(), edited);
    EXPECT_TRUE(
        pane()->message().startsWith(QStringLiteral("Not changed: the end (0:00.1) must come after the start (")))
        << pane()->message().toStdString();
    playheadAt(3900);
    key(Qt::Key_P);
    EXPECT_EQ(stored(), edited);
    EXPECT_TRUE(pane()->message().startsWith(QStringLiteral("Not split: the playhead (0:03.9) is not inside")))
        << pane()->message().toStdString();

    // Ctrl+Z undoes every edit: the file as it was, ids included; Ctrl+Shift+Z redoes.
    const int steps = window_->session()->undoStack()->count();
    EXPECT_EQ(steps, 10) << window_->session()->undoStack()->text(steps - 1).toStdString();
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(), original);
    EXPECT_EQ(pane()->utteranceCount(), 2);
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(), edited);
}

TEST_F(TranscriptEditTest, InsertAddsAnUtteranceAtThePlayheadAndOpensItsText) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    const int64_t second = idAt(1);

    // Insert between the lines (200-1800 and 2200-3800 ms): from the playhead to the next
    // start, the selected line's speaker; the new line is selected with its text open.
    clickRow(0);
    playheadAt(1900);
    key(Qt::Key_Insert);
    Stored now = stored();
    ASSERT_EQ(now.size(), original.size() + 1) << now;
    const int64_t added = addedSince(original, now);
    ASSERT_NE(added, 0);
    Stored expected = original;
    expected[added] = StoredUtterance{1900, 2200, original[first].speaker, QString(), original[first].language};
    EXPECT_EQ(now, expected);
    ASSERT_EQ(pane()->utteranceCount(), 3);
    EXPECT_EQ(idAt(1), added);
    EXPECT_EQ(table()->currentRow(), 1);
    EXPECT_EQ(table()->selectionModel()->selectedRows().size(), 1);
    EXPECT_TRUE(pane()->message().contains(QStringLiteral("0:01.9"))) << pane()->message().toStdString();
    ASSERT_NE(textEditor(), nullptr);
    ASSERT_EQ(QApplication::focusWidget(), textEditor());
    type(QStringLiteral("Kuka aloittaa?"));
    typeKey(Qt::Key_Return);
    expected[added].text = QStringLiteral("Kuka aloittaa?");
    EXPECT_EQ(stored(), expected);

    // Ctrl+Enter (no Insert key on a laptop) inside the second line: it may overlap it
    // (two speakers at once) and ends where the next clip's first line starts (4.2 s).
    clickRow(2);
    ASSERT_EQ(idAt(2), second);
    playheadAt(3900);
    key(Qt::Key_Return, Qt::ControlModifier);
    now = stored();
    const int64_t another = addedSince(expected, now);
    ASSERT_NE(another, 0) << now;
    expected[another] = StoredUtterance{3900, 4200, original[second].speaker, QString(), original[second].language};
    EXPECT_EQ(now, expected);
    ASSERT_NE(textEditor(), nullptr);
    typeKey(Qt::Key_Escape);  // the text stays empty until typed
    EXPECT_EQ(stored(), expected);
    EXPECT_EQ(idAt(3), another);
    const Stored edited = expected;

    // Refused by core: at the recording's end (16 s) the utterance would end where it
    // starts. The file is unchanged and the pane says why.
    clickRow(0);
    playheadAt(16000);
    key(Qt::Key_Insert);
    EXPECT_EQ(stored(), edited);
    EXPECT_TRUE(pane()->message().contains(QStringLiteral("must come after the start")))
        << pane()->message().toStdString();

    // One undo step each insert (the text typed right after it included): Ctrl+Z gives
    // the file back, the inserted ids gone; Ctrl+Shift+Z brings them back under the same ids.
    const int steps = window_->session()->undoStack()->count();
    EXPECT_EQ(steps, 2);
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(), original);
    EXPECT_EQ(pane()->utteranceCount(), 2);
    for (int i = 0; i < steps; ++i) QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(stored(), edited);
    EXPECT_EQ(pane()->utteranceCount(), 4);
}

// Reported: text typed into an utterance was dropped without a word when the user clicked
// another clip in the clip browser (the commit was applied after the new clip had loaded,
// and looked for the utterance there). It is saved, and undo brings its clip back.
TEST_F(TranscriptEditTest, TextTypedThenAnotherClipClickedIsSaved) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    const int64_t firstClip = window_->session()->currentClipId();
    clickRow(0);
    key(Qt::Key_F2);
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("Typed then clicked away"));
    // A click on another clip in the browser: the editor loses the keyboard, the clip changes.
    auto* view = window_->browser()->findChild<QTableView*>();
    ASSERT_NE(view, nullptr);
    const QRect other = view->visualRect(view->model()->index(2, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, other.center());
    settle();
    ASSERT_NE(window_->session()->currentClipId(), firstClip);
    Stored expected = original;
    expected[first].text = QStringLiteral("Typed then clicked away");
    EXPECT_EQ(stored(), expected);
    window_->session()->undoStack()->undo();
    EXPECT_EQ(stored(), original);
    EXPECT_EQ(window_->session()->currentClipId(), firstClip);
}

// Reported: undo put back the whole recording's transcript as it was before the step, so
// it also reverted an edit made meanwhile to another line (another window on the project,
// an import). Undo and redo write only the step's own lines; a line of the step changed
// meanwhile is not overwritten: the undo is refused, says why, and changes nothing.
TEST_F(TranscriptEditTest, UndoLeavesOtherLinesChangedMeanwhileAndRefusesOverwritingItsOwn) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    const int64_t second = idAt(1);
    clickRow(0);
    key(Qt::Key_F2);
    type(QStringLiteral("Mine"));
    typeKey(Qt::Key_Return);
    // Another window on the same file edits the second line.
    auto elsewhere = [&](int64_t id, const QString& text) {
        auto project = Project::open(projectPath_);
        ASSERT_TRUE(project.ok());
        auto u = project.value()->utteranceById(id);
        ASSERT_TRUE(u.ok());
        Utterance changed = u.value();
        changed.text = text;
        ASSERT_TRUE(project.value()->updateUtterance(changed).ok());
    };
    elsewhere(second, QStringLiteral("Theirs"));
    window_->session()->undoStack()->undo();
    Stored expected = original;
    expected[second].text = QStringLiteral("Theirs");
    EXPECT_EQ(stored(), expected);
    window_->session()->undoStack()->redo();
    expected[first].text = QStringLiteral("Mine");
    EXPECT_EQ(stored(), expected);

    // Now the other window rewrites this step's own line: undo would throw that away.
    elsewhere(first, QStringLiteral("Theirs too"));
    expected[first].text = QStringLiteral("Theirs too");
    window_->session()->undoStack()->undo();
    EXPECT_EQ(stored(), expected);
    EXPECT_TRUE(pane()->message().contains(QStringLiteral("changed there since"))) << pane()->message().toStdString();
}

// Reported (third audit): right after the app opened, I / O / P said "the player has no
// position yet" while the clock showed 0:00.000. The playhead is the clip's start until
// the player reports another position.
TEST_F(TranscriptEditTest, TheKeysWorkAtTheClipsStartBeforeAnyPlay) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    const Clip* clip = window_->session()->clip(window_->session()->currentClipId());
    ASSERT_NE(clip, nullptr);
    clickRow(0);
    key(Qt::Key_I);
    EXPECT_FALSE(pane()->message().contains(QStringLiteral("no position"))) << pane()->message().toStdString();
    Stored expected = original;
    expected[first].startMs = clip->startMs;
    EXPECT_EQ(stored(), expected);
}

// Reported (third audit): every 100-ms nudge was its own undo step (21 presses, 21 steps).
// A run of nudges of one edge of one utterance is one step; the other edge is another.
TEST_F(TranscriptEditTest, ARunOfNudgesIsOneUndoStep) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    QUndoStack* undo = window_->session()->undoStack();
    const int steps = undo->count();
    clickRow(0);
    for (int i = 0; i < 3; ++i) key(Qt::Key_Right, Qt::ShiftModifier);
    Stored expected = original;
    expected[first].startMs += 300;
    EXPECT_EQ(stored(), expected);
    EXPECT_EQ(undo->count(), steps + 1);
    for (int i = 0; i < 2; ++i) key(Qt::Key_Left, Qt::ControlModifier);
    expected[first].endMs -= 200;
    EXPECT_EQ(stored(), expected);
    EXPECT_EQ(undo->count(), steps + 2);
    undo->undo();
    expected[first].endMs = original[first].endMs;
    EXPECT_EQ(stored(), expected);
    undo->undo();
    EXPECT_EQ(stored(), original);
    undo->redo();
    expected[first].startMs = original[first].startMs + 300;
    EXPECT_EQ(stored(), expected);
}

// Reported (third audit): the speaker combo was as narrow as its column ("ppilas D"). It
// is as wide as the names it offers need.
TEST_F(TranscriptEditTest, TheSpeakerEditorShowsWholeNames) {
    open(QStringLiteral("Tester"));
    const int64_t first = idAt(0);
    const qint64 mediaId = window_->session()->clips().first().mediaId;
    ASSERT_TRUE(window_->session()
                    ->editTranscript(mediaId,
                                     [first](Project& p) {
                                         return p.setUtteranceSpeaker({first}, QStringLiteral("Opettaja Virtanen"));
                                     })
                    .ok());
    clickRow(1);
    key(Qt::Key_F2, Qt::ShiftModifier);
    auto* speakers = table()->findChild<QComboBox*>(QStringLiteral("SpeakerEditor"));
    ASSERT_NE(speakers, nullptr);
    ASSERT_GE(speakers->findText(QStringLiteral("Opettaja Virtanen")), 0);
    // The column fits the name as text; the combo needs its arrow and frame beside it.
    EXPECT_GE(speakers->width(), speakers->minimumSizeHint().width())
        << "column " << table()->columnWidth(Pane::SpeakerColumn);
    typeKey(Qt::Key_Escape);
}

TEST_F(TranscriptEditTest, InsertAndTheTextTypedRightAfterAreOneUndoStep) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    QUndoStack* stack = window_->session()->undoStack();

    // Insert, type, Enter: both in the file at once, one step on the stack.
    clickRow(0);
    playheadAt(1900);
    key(Qt::Key_Insert);
    const int64_t added = addedSince(original, stored());
    ASSERT_NE(added, 0);
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("Kuka aloittaa?"));
    typeKey(Qt::Key_Return);
    const Stored typed = stored();
    ASSERT_EQ(typed.value(added).text, QStringLiteral("Kuka aloittaa?")) << typed;
    EXPECT_EQ(stack->count(), 1);
    EXPECT_TRUE(stack->undoText().contains(QStringLiteral("Insert"))) << stack->undoText().toStdString();

    // One Ctrl+Z: the utterance is gone from the file, text and all; one Ctrl+Y: back
    // with its text under the same id.
    QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(), original);
    EXPECT_EQ(pane()->utteranceCount(), 2);
    QTest::keyClick(window_.get(), Qt::Key_Y, Qt::ControlModifier);
    EXPECT_EQ(stored(), typed);
    EXPECT_EQ(pane()->utteranceCount(), 3);
    EXPECT_EQ(idAt(1), added);

    // A later edit of the same text is a step of its own: Ctrl+Z takes back only it.
    clickRow(1);
    key(Qt::Key_F2);
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("Aloitetaan nyt."));
    typeKey(Qt::Key_Return);
    ASSERT_EQ(stored().value(added).text, QStringLiteral("Aloitetaan nyt."));
    EXPECT_EQ(stack->count(), 2);
    QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(), typed);

    // Another step between the insert and its text (here its end at the playhead, after
    // Esc left the text empty): the text is its own step too.
    clickRow(2);
    playheadAt(3900);
    key(Qt::Key_Return, Qt::ControlModifier);
    const int64_t another = addedSince(typed, stored());
    ASSERT_NE(another, 0);
    ASSERT_NE(textEditor(), nullptr);
    typeKey(Qt::Key_Escape);
    ASSERT_EQ(idAt(3), another);
    clickRow(3);
    playheadAt(4100);
    key(Qt::Key_O);
    const Stored shortened = stored();
    ASSERT_EQ(shortened.value(another).endMs, 4100) << shortened;
    key(Qt::Key_F2);
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("Odota."));
    typeKey(Qt::Key_Return);
    ASSERT_EQ(stored().value(another).text, QStringLiteral("Odota."));
    EXPECT_EQ(stack->count(), 4);
    QTest::keyClick(window_.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(stored(), shortened);
}

TEST_F(TranscriptEditTest, AClipWithoutUtterancesGetsOneFromTheContextMenu) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    // Both lines deleted: the table gives way to the empty-clip label.
    clickRow(0);
    clickRow(1, Qt::ShiftModifier);
    key(Qt::Key_Delete);
    ASSERT_EQ(pane()->utteranceCount(), 0);
    EXPECT_TRUE(table()->isHidden());
    const Stored emptied = stored();
    ASSERT_EQ(emptied.size(), original.size() - 2);

    // Right-click offers the new utterance there too; nothing follows within 2 s (the next
    // clip's first line starts at 4.2 s), so it lasts 2 s. No line to take the speaker
    // from: none, the recording's language.
    auto* insert = pane()->findChild<QAction*>(QStringLiteral("TranscriptInsertIntoEmptyAction"));
    ASSERT_NE(insert, nullptr);
    playheadAt(500);
    insert->trigger();
    Stored now = stored();
    ASSERT_EQ(now.size(), emptied.size() + 1) << now;
    int64_t added = 0;
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        if (!emptied.contains(it.key())) added = it.key();
    EXPECT_EQ(now[added], (StoredUtterance{500, 2500, QString(), QString(), QStringLiteral("fi")})) << now;
    ASSERT_EQ(pane()->utteranceCount(), 1);
    EXPECT_FALSE(table()->isHidden());
    ASSERT_NE(textEditor(), nullptr);
    type(QStringLiteral("Aloitetaan."));
    typeKey(Qt::Key_Return);
    EXPECT_EQ(stored()[added].text, QStringLiteral("Aloitetaan."));

    // The table's menu has it too, beside the other edits.
    for (const char* name : {"TranscriptInsertAction", "TranscriptEditTextAction", "TranscriptSplitAction",
                             "TranscriptMergeAction", "TranscriptDeleteAction"})
        EXPECT_TRUE(table()->actions().contains(pane()->findChild<QAction*>(QString::fromLatin1(name)))) << name;
    EXPECT_EQ(table()->contextMenuPolicy(), Qt::ActionsContextMenu);
}

TEST_F(TranscriptEditTest, TypedTimesAreClipTimesAndABadOneIsRefused) {
    open(QStringLiteral("Tester"));
    const Stored original = stored();
    const int64_t first = idAt(0);
    // Double-click the start; the editor has it to the millisecond.
    const QRect r = table()->visualItemRect(table()->item(0, Pane::StartColumn));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, r.center());
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, r.center());
    auto* editor = table()->findChild<QLineEdit*>(QStringLiteral("UtteranceTimeEditor"));
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->text(), QStringLiteral("0:00.200"));
    type(QStringLiteral("0:00,65"));  // a decimal comma is fine
    typeKey(Qt::Key_Return);
    Stored expected = original;
    expected[first].startMs = 650;
    EXPECT_EQ(stored(), expected);

    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, r.center());
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, r.center());
    ASSERT_NE(table()->findChild<QLineEdit*>(QStringLiteral("UtteranceTimeEditor")), nullptr);
    type(QStringLiteral("soon"));
    typeKey(Qt::Key_Return);
    EXPECT_EQ(stored(), expected);
    EXPECT_TRUE(pane()->message().contains(QStringLiteral("soon"))) << pane()->message().toStdString();
}

TEST_F(TranscriptEditTest, WithoutACoderTheTranscriptIsReadOnly) {
    open(QString());
    ASSERT_EQ(window_->session()->currentExpertId(), 0);
    const Stored original = stored();
    clickRow(0);
    key(Qt::Key_F2);
    EXPECT_EQ(textEditor(), nullptr);
    playheadAt(1000);
    key(Qt::Key_O);
    key(Qt::Key_Delete);
    EXPECT_EQ(stored(), original);
    EXPECT_FALSE(pane()->message().isEmpty());
    EXPECT_EQ(window_->session()->undoStack()->count(), 0);
}

}  // namespace
}  // namespace motor::testing
