#pragma once
// One label change as an undoable step. Undo also brings its clip back into view, so
// undoing after moving on to the next clip shows what was undone.
#include <QUndoCommand>
#include <cstdint>

namespace motor {
namespace ui {

class ProjectSession;

class SetLabelCommand : public QUndoCommand {
public:
    struct State {
        QString label;
        QString note;
    };
    SetLabelCommand(ProjectSession* session, int64_t clipId, int64_t annotatorId, QString dimension, State before,
                    State after);

    void redo() override;
    void undo() override;
    // False when core refused the write; the command is then dropped from the stack.
    bool succeeded() const { return ok_; }
    QString errorMessage() const { return error_; }

private:
    void apply(const State& s, const State* expected);

    ProjectSession* session_;
    int64_t clipId_;
    int64_t annotatorId_;
    QString dimension_;
    State before_;
    State after_;
    bool ok_ = true;
    bool done_ = false;
    QString error_;
};

}  // namespace ui
}  // namespace motor
