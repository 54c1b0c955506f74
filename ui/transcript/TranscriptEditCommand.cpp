#include "ui/transcript/TranscriptEditCommand.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <limits>

#include "core/store/Project.h"
#include "ui/main/ProjectSession.h"
#include "ui/main/StepRows.h"

namespace motor {
namespace ui {
namespace {
// One id for inserts and text edits: QUndoStack asks mergeWith only between equal ids.
constexpr int kInsertTextMergeId = 0x7e17;
constexpr int kNudgeMergeId = 0x7e18;

bool sameRow(const Utterance& a, const Utterance& b) {
    return a.id == b.id && a.mediaId == b.mediaId && a.startMs == b.startMs && a.endMs == b.endMs &&
           a.speaker == b.speaker && a.text == b.text && a.language == b.language;
}
}  // namespace

TranscriptEditCommand::TranscriptEditCommand(ProjectSession* session, int64_t mediaId, int64_t clipId,
                                             const QString& text, Edit edit)
    : session_(session), mediaId_(mediaId), clipId_(clipId), edit_(std::move(edit)) {
    setText(text);
}

Result<QVector<Utterance>> TranscriptEditCommand::snapshot() const {
    if (!session_->project()) return makeError(QStringLiteral("No project is open."));
    return session_->project()->utterances(mediaId_, std::numeric_limits<int64_t>::min(),
                                           std::numeric_limits<int64_t>::max());
}

void TranscriptEditCommand::fail(const QString& message) {
    ok_ = false;
    error_ = message;
    setObsolete(true);
    emit session_->transcriptEditFailed(error_);
}

void TranscriptEditCommand::redo() {
    if (done_) {
        restore(after_, before_);
        return;
    }
    auto before = snapshot();
    if (!before) return fail(before.error().message);
    before_ = before.value();
    if (const Status s = session_->editTranscript(mediaId_, edit_); !s) return fail(s.error().message);
    auto after = snapshot();
    if (!after) return fail(after.error().message);
    after_ = after.value();
    done_ = true;
    if (insert_) {
        // The one id in the after snapshot that was not there before.
        QSet<int64_t> old;
        for (const Utterance& u : before_) old.insert(u.id);
        for (const Utterance& u : after_)
            if (!old.contains(u.id)) insertedId_ = insertedId_ == 0 ? u.id : -1;
        if (insertedId_ < 0) insertedId_ = 0;
    }
}

int TranscriptEditCommand::id() const {
    if (nudgeOf_ != 0) return kNudgeMergeId;
    return insert_ || textOf_ != 0 ? kInsertTextMergeId : -1;
}

bool TranscriptEditCommand::mergeWith(const QUndoCommand* other) {
    // Called on the stack's top (this) with the step just pushed and already done (other).
    const auto* edit = dynamic_cast<const TranscriptEditCommand*>(other);
    if (nudgeOf_ != 0) {
        if (!edit || !done_ || !ok_ || !edit->done_ || !edit->ok_ || edit->nudgeOf_ != nudgeOf_ ||
            edit->nudgeStart_ != nudgeStart_ || edit->mediaId_ != mediaId_)
            return false;
        after_ = edit->after_;  // from where the first nudge began to where the last one ended
        setText(edit->text());
        return true;
    }
    if (!edit || !insert_ || !done_ || !ok_ || textTakenIn_ || insertedId_ == 0) return false;
    if (!edit->done_ || !edit->ok_ || edit->textOf_ != insertedId_ || edit->mediaId_ != mediaId_) return false;
    // The insert's undo (before_) stays; its redo now gives the utterance with its text.
    after_ = edit->after_;
    textTakenIn_ = true;
    return true;
}

void TranscriptEditCommand::undo() {
    restore(before_, after_);
}

void TranscriptEditCommand::restore(const QVector<Utterance>& wanted, const QVector<Utterance>& expected) {
    auto now = snapshot();
    if (!now) return fail(now.error().message);
    // Only this step's rows are written, so an edit made meanwhile to another line (by
    // another window on the project, an import, the CLI) stays. A row of this step that
    // was changed meanwhile is not overwritten: the step is refused and leaves the stack.
    const auto mine = stepRows(before_, after_, wanted, sameRow);
    const auto current = stepRows(before_, after_, now.value(), sameRow);
    if (!stepRowsUnchanged(stepRows(before_, after_, expected, sameRow), current, sameRow))
        return fail(
            QCoreApplication::translate(
                "TranscriptEditCommand",
                "\"%1\" was not undone or redone: the transcript was changed there since (in another window or by "
                "an import). Nothing was changed.")
                .arg(text()));
    QVector<Utterance> changed;
    QVector<int64_t> removed;
    for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
        if (it.value())
            changed.push_back(*it.value());
        else if (current.value(it.key()))
            removed.push_back(it.key());
    }
    // The clip comes back into view, as label undo does.
    if (session_->clip(clipId_) && session_->currentClipId() != clipId_) session_->setCurrentClip(clipId_);
    const Status s = session_->editTranscript(mediaId_, [&](Project& p) -> Status {
        for (int64_t id : removed)
            if (Status d = p.deleteUtterance(id); !d) return d;
        return p.restoreUtterances(changed);
    });
    if (!s) fail(s.error().message);
}

}  // namespace ui
}  // namespace motor
