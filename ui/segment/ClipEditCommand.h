#pragma once
// One segmenting edit (range, split, merge, add, delete, review flag) as an undoable
// step on the session's undo stack, beside the label edits. The first redo runs the edit
// through core's clip API; undo and later redos put the clips the step changed back exactly
// as they were (ranges, review flags, and removed clips under their old ids and keys).
// Other clips are left alone, and a clip of the step changed meanwhile elsewhere (another
// window, an import) refuses the undo.
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

class ClipEditCommand : public QUndoCommand {
public:
    using Edit = std::function<Status(Project&)>;
    // `mediaId`: the recording whose clips the edit touches.
    ClipEditCommand(ProjectSession* session, int64_t mediaId, const QString& text, Edit edit);

    void redo() override;
    void undo() override;
    // False when core refused; the command is then dropped from the stack.
    bool succeeded() const { return ok_; }
    QString errorMessage() const { return error_; }

private:
    // The recording's clips as the file holds them now.
    QVector<Clip> snapshot() const;
    // Puts this step's clips as they are in `wanted`, when they are still as in `expected`.
    void restore(const QVector<Clip>& wanted, const QVector<Clip>& expected);

    ProjectSession* session_;
    int64_t mediaId_;
    Edit edit_;
    QVector<Clip> before_;
    QVector<Clip> after_;
    bool done_ = false;
    bool ok_ = true;
    QString error_;
};

}  // namespace ui
}  // namespace motor
