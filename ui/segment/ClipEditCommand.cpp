#include "ui/segment/ClipEditCommand.h"

#include <QHash>

#include "core/store/Project.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

ClipEditCommand::ClipEditCommand(ProjectSession* session, int64_t mediaId, const QString& text, Edit edit)
    : session_(session), mediaId_(mediaId), edit_(std::move(edit)) {
    setText(text);
}

QVector<Clip> ClipEditCommand::snapshot() const {
    QVector<Clip> out;
    for (const Clip& c : session_->clips())
        if (c.mediaId == mediaId_) out.push_back(c);
    return out;
}

void ClipEditCommand::redo() {
    if (done_) {
        restore(after_);
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
    restore(before_);
}

void ClipEditCommand::restore(const QVector<Clip>& wanted) {
    const QVector<Clip> now = snapshot();
    const Status s = session_->editClips([&](Project& p) -> Status {
        QHash<int64_t, Clip> keep;
        for (const Clip& c : wanted) keep.insert(c.id, c);
        QHash<int64_t, Clip> present;
        for (const Clip& c : now) present.insert(c.id, c);
        for (const Clip& c : now)
            if (!keep.contains(c.id))
                if (auto r = p.deleteClip(c.id); !r)
                    return makeError(QStringLiteral("clip '%1': %2").arg(c.key, r.error().message));
        for (const Clip& c : wanted) {
            if (!present.contains(c.id)) {
                if (auto r = p.restoreClip(c); !r) return r;
                continue;
            }
            const Clip& was = present.value(c.id);
            if (was.startMs != c.startMs || was.endMs != c.endMs)
                if (auto r = p.setClipRange(c.id, c.startMs, c.endMs); !r) return r;
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
