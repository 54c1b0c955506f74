#pragma once
// A saved codebook change as a step on the session's undo stack, beside label and clip
// edits. Versions are history, so undo never deletes one: it stores the codebook as it
// was as a further version, with the renames reversed so that moved labels move back,
// and redo stores the change again, both through core's Project::changeCodebook. Core's
// rules hold for every step: one that would leave labels without a class (a class the
// change added has labels since, from an import or a merge) is refused with core's
// message, changes nothing, and leaves the stack.
#include <QUndoCommand>
#include <QVector>

#include "core/model/Codebook.h"
#include "core/store/Project.h"

namespace motor {
namespace ui {

class ProjectSession;

class CodebookChangeCommand : public QUndoCommand {
public:
    // `before` -> `after` was stored already (the editor saves first, so that a refusal
    // keeps it open); the first redo does nothing.
    CodebookChangeCommand(ProjectSession* session, Codebook before, Codebook after, QVector<CodebookRename> renames);

    void redo() override;
    void undo() override;

    // The renames that take `after`'s names back to `before`'s.
    static QVector<CodebookRename> reversed(const QVector<CodebookRename>& renames);

private:
    void apply(const Codebook& to, const QVector<CodebookRename>& renames);

    ProjectSession* session_;
    Codebook before_;
    Codebook after_;
    QVector<CodebookRename> renames_;
    bool firstRedo_ = true;
};

}  // namespace ui
}  // namespace motor
