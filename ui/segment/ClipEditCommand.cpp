#include "ui/segment/ClipEditCommand.h"

#include <QCoreApplication>
#include <QHash>

#include "core/store/Project.h"
#include "ui/main/ProjectSession.h"
#include "ui/main/StepRows.h"

namespace motor {
namespace ui {

ClipEditCommand::ClipEditCommand(ProjectSession* session, int64_t mediaId, const QString& text, Edit edit)
    : session_(session), mediaId_(mediaId), edit_(std::move(edit)) {
    setText(text);
}

namespace {

bool sameClip(const Clip& a, const Clip& b) {
    return a.id == b.id && a.mediaId == b.mediaId && a.key == b.key && a.startMs == b.startMs && a.endMs == b.endMs &&
           a.needsReview == b.needsReview;
}

}  // namespace

QVector<Clip> ClipEditCommand::snapshot() const {
    // From the file, not the session's index: another window may have edited since.
    auto all = session_->project() ? session_->project()->clips() : Result<QVector<Clip>>(session_->clips());
    QVector<Clip> out;
    for (const Clip& c : all ? all.value() : session_->clips())
        if (c.mediaId == mediaId_) out.push_back(c);
    return out;
}

void ClipEditCommand::redo() {
    if (done_) {
        restore(after_, before_);
        return;
    }
    before_ = snapshot();
    const Status s = session_->editClips(edit_);
    ok_ = s.ok();
    error_ = ok_ ? QString() : s.error().message;
    if (!ok_) {
        setObsolete(true);
        emit session_->clipEditFailed(error_);
        return;
    }
    after_ = snapshot();
    done_ = true;
}

void ClipEditCommand::undo() {
    restore(before_, after_);
}

void ClipEditCommand::restore(const QVector<Clip>& wanted, const QVector<Clip>& expected) {
    // Only this step's clips are written, so another window's edit of another clip stays;
    // a clip of this step changed meanwhile is not overwritten: the step is refused.
    const auto mine = stepRows(before_, after_, wanted, sameClip);
    const auto current = stepRows(before_, after_, snapshot(), sameClip);
    if (!stepRowsUnchanged(stepRows(before_, after_, expected, sameClip), current, sameClip)) {
        ok_ = false;
        error_ = QCoreApplication::translate("ClipEditCommand",
                                             "\"%1\" was not undone or redone: its clips were changed since "
                                             "(in another window or by an import). Nothing was changed.")
                     .arg(text());
        setObsolete(true);
        emit session_->clipEditFailed(error_);
        return;
    }
    const Status s = session_->editClips([&](Project& p) -> Status {
        for (auto it = mine.cbegin(); it != mine.cend(); ++it)
            if (!it.value() && current.value(it.key()))
                if (auto r = p.deleteClip(it.key()); !r)
                    return makeError(
                        QStringLiteral("clip '%1': %2").arg(current.value(it.key())->key, r.error().message));
        for (const Clip& c : wanted) {
            if (!mine.contains(c.id)) continue;
            const std::optional<Clip>& was = current.value(c.id);
            if (!was) {
                if (auto r = p.restoreClip(c); !r) return r;
                continue;
            }
            if (was->startMs != c.startMs || was->endMs != c.endMs)
                if (auto r = p.setClipRange(c.id, c.startMs, c.endMs); !r) return r;
            if (was->needsReview != c.needsReview)
                if (auto r = p.setClipNeedsReview(c.id, c.needsReview); !r) return r;
        }
        return {};
    });
    ok_ = s.ok();
    error_ = ok_ ? QString() : s.error().message;
    if (!ok_) {
        setObsolete(true);
        emit session_->clipEditFailed(error_);
    }
}

}  // namespace ui
}  // namespace motor
