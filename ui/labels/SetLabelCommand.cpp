#include "ui/labels/SetLabelCommand.h"

#include <QCoreApplication>

#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

SetLabelCommand::SetLabelCommand(ProjectSession* session, int64_t clipId, int64_t annotatorId, QString dimension,
                                 State before, State after)
    : session_(session),
      clipId_(clipId),
      annotatorId_(annotatorId),
      dimension_(std::move(dimension)),
      before_(std::move(before)),
      after_(std::move(after)) {
    const Clip* c = session_->clip(clipId_);
    const QString key = c ? c->key : QString::number(clipId_);
    // Shown in the interface's language ("Tarkkailu"), as the label panel shows them.
    const QString shown = dimensionTitle(session_->codebook(), dimension_);
    if (after_.label.isEmpty())
        setText(QCoreApplication::translate("SetLabelCommand", "Clear %1 of %2").arg(shown, key));
    else if (after_.label == before_.label)
        setText(QCoreApplication::translate("SetLabelCommand", "Edit note of %1 on %2").arg(shown, key));
    else
        setText(QCoreApplication::translate("SetLabelCommand", "Set %1 = %2 on %3")
                    .arg(shown, classTitle(session_->codebook(), dimension_, after_.label), key));
}

void SetLabelCommand::redo() {
    // The first redo is the edit itself; a later one expects the label undo left.
    apply(after_, done_ ? &before_ : nullptr);
    done_ = true;
}
void SetLabelCommand::undo() {
    apply(before_, &after_);
}

void SetLabelCommand::apply(const State& s, const State* expected) {
    session_->setCurrentClip(clipId_);
    // A label changed since in the file (another window as this coder, an import) is not
    // overwritten by an undo or redo: the step is refused and leaves the stack.
    if (expected && session_->project()) {
        auto stored = session_->project()->annotation(clipId_, annotatorId_, dimension_);
        const State now = stored && stored.value() ? State{stored.value()->label, stored.value()->note} : State{};
        if (stored && (now.label != expected->label || now.note != expected->note)) {
            ok_ = false;
            error_ = QCoreApplication::translate("SetLabelCommand",
                                                 "\"%1\" was not undone or redone: that label was changed since "
                                                 "(in another window or by an import). Nothing was changed.")
                         .arg(text());
            setObsolete(true);
            emit session_->writeFailed(error_);
            return;
        }
    }
    const Status st = session_->writeLabel(clipId_, annotatorId_, dimension_, s.label, s.note);
    ok_ = st.ok();
    error_ = st.ok() ? QString() : st.error().message;
    if (!ok_) setObsolete(true);
}

}  // namespace ui
}  // namespace motor
