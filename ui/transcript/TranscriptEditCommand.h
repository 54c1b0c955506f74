#pragma once
// One transcript edit (text, speaker, start, end, split, merge, delete, the speaker of
// several) as an undoable step on the session's undo stack, beside label and clip edits.
// The first redo runs the edit through core's utterance API in one transaction; undo and
// later redos put the recording's utterances back exactly as they were, removed ones
// under their old ids (Project::restoreUtterances).
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

    void redo() override;
    void undo() override;
    // False when core refused; the command is then dropped from the stack.
    bool succeeded() const { return ok_; }
    QString errorMessage() const { return error_; }

private:
    Result<QVector<Utterance>> snapshot() const;
    void restore(const QVector<Utterance>& wanted);
    void fail(const QString& message);

    ProjectSession* session_;
    int64_t mediaId_;
    int64_t clipId_;
    Edit edit_;
    QVector<Utterance> before_;
    QVector<Utterance> after_;
    bool done_ = false;
    bool ok_ = true;
    QString error_;
};

}  // namespace ui
}  // namespace motor
