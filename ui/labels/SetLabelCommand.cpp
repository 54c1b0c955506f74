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
    apply(after_);
}
void SetLabelCommand::undo() {
    apply(before_);
}

void SetLabelCommand::apply(const State& s) {
    session_->setCurrentClip(clipId_);
    const Status st = session_->writeLabel(clipId_, annotatorId_, dimension_, s.label, s.note);
    ok_ = st.ok();
    error_ = st.ok() ? QString() : st.error().message;
    if (!ok_) setObsolete(true);
}

}  // namespace ui
}  // namespace motor
