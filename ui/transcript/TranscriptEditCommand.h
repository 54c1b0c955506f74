#pragma once
// One transcript edit (text, speaker, start, end, split, merge, delete, the speaker of
// several) as an undoable step on the session's undo stack, beside label and clip edits.
// The first redo runs the edit through core's utterance API in one transaction; undo and
// later redos put the rows the step changed back exactly as they were, removed ones under
// their old ids (Project::restoreUtterances). Other rows are left alone, and a row of the
// step changed meanwhile elsewhere (another window, an import) refuses the undo.
//
// Typing a new utterance's text is part of inserting it: an insert takes in the first
// text edit of the utterance it made when that edit is the very next step (mergeWith),
// so one Ctrl+Z removes the utterance with its text and one redo brings both back, same
// id. Any other step in between, or a second text edit, stays a step of its own. Each
// edit is still written to the project at once; merging only joins the snapshots.
#include <QUndoCommand>
#include <QVector>
#include <cstdint>
#include <functional>

#include "core/model/Entities.h"
#include "core/util/Result.h"

namespace motor {

class Project;

namespace ui {

class ProjectSession;

class TranscriptEditCommand : public QUndoCommand {
public:
    using Edit = std::function<Status(Project&)>;
    // `mediaId`: the recording whose utterances the edit touches; `clipId`: the clip
    // shown while editing, brought back into view by undo and redo.
    TranscriptEditCommand(ProjectSession* session, int64_t mediaId, int64_t clipId, const QString& text, Edit edit);

    // The edit inserts one utterance: the first text edit of it may join this step.
    void markAsInsert() { insert_ = true; }
    // The edit sets the text of `utteranceId`: it joins that utterance's insert when
    // the insert is the step before.
    void markAsTextEditOf(int64_t utteranceId) { textOf_ = utteranceId; }
    // The edit nudges the start (or the end) of `utteranceId`: nudges of the same edge in
    // a row are one step (twenty presses of Shift+Right, one Ctrl+Z).
    void markAsNudgeOf(int64_t utteranceId, bool start) {
        nudgeOf_ = utteranceId;
        nudgeStart_ = start;
    }

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;
    // False when core refused; the command is then dropped from the stack.
    bool succeeded() const { return ok_; }
    QString errorMessage() const { return error_; }

private:
    Result<QVector<Utterance>> snapshot() const;
    // Puts this step's rows as they are in `wanted`, when they are still as in `expected`.
    void restore(const QVector<Utterance>& wanted, const QVector<Utterance>& expected);
    void fail(const QString& message);

    ProjectSession* session_;
    int64_t mediaId_;
    int64_t clipId_;
    Edit edit_;
    QVector<Utterance> before_;
    QVector<Utterance> after_;
    bool done_ = false;
    bool ok_ = true;
    bool insert_ = false;
    int64_t insertedId_ = 0;  // the utterance an insert made, once done
    bool textTakenIn_ = false;
    int64_t textOf_ = 0;
    int64_t nudgeOf_ = 0;
    bool nudgeStart_ = false;
    QString error_;
};

}  // namespace ui
}  // namespace motor
