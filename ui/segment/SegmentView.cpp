#include "ui/segment/SegmentView.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <tuple>

#include "core/store/Project.h"
#include "ui/main/ProjectSession.h"
#include "ui/player/PlayerPane.h"
#include "ui/segment/ClipEditCommand.h"
#include "ui/transcript/TranscriptTimes.h"

namespace motor {
namespace ui {
namespace {
constexpr int64_t kNewClipMs = 5000;
constexpr int64_t kShortestClipMs = 100;

}  // namespace

SegmentView::SegmentView(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName(QStringLiteral("SegmentView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    auto* top = new QHBoxLayout;
    auto* recordingLabel = new QLabel(tr("Recording"), this);
    recordings_ = new QComboBox(this);
    recordings_->setObjectName(QStringLiteral("RecordingChoice"));
    recordings_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    recordingLabel->setBuddy(recordings_);
    info_ = new QLabel(this);
    info_->setObjectName(QStringLiteral("SegmentInfo"));
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // a long id never widens the window
    top->addWidget(recordingLabel);
    top->addWidget(recordings_);
    top->addSpacing(12);
    top->addWidget(info_, 1);
    layout->addLayout(top);

    player_ = new PlayerPane(session_, this, PlayerPane::Span::Recording);
    layout->addWidget(player_, 1);
    timeline_ = new SegmentTimeline(this);
    layout->addWidget(timeline_);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    const QList<std::tuple<SegmentAction, QString, QString>> actions = {
        {SegmentAction::SetIn, tr("Set in"), tr("Start the selected clip at the playhead (I)")},
        {SegmentAction::SetOut, tr("Set out"), tr("End the selected clip at the playhead (O)")},
        {SegmentAction::Split, tr("Split"), tr("Split the selected clip at the playhead (S)")},
        {SegmentAction::MergeWithNext, tr("Merge with next"),
         tr("Join the next clip into the selected one (G); refused when the next clip has labels")},
        {SegmentAction::AddClip, tr("New clip"), tr("A new clip from the playhead, in a gap between clips (Insert)")},
        {SegmentAction::DeleteClip, tr("Delete"), tr("Delete the selected clip (Delete); refused when it has labels")},
        {SegmentAction::ToggleReview, tr("Reviewed"),
         tr("Clear or set the selected clip's \"needs a second look\" flag (R)")},
    };
    for (const auto& [action, text, tip] : actions) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);
        connect(b, &QToolButton::clicked, this, [this, action = action] {
            perform(action);
            timeline_->setFocus(Qt::OtherFocusReason);
        });
        buttons->addWidget(b);
    }
    buttons->addSpacing(12);
    auto* hint = new QLabel(tr("Shift+←/→ nudge in, Ctrl+←/→ nudge out by 100 ms (with Alt: one frame) · "
                               "drag a clip's edge to move it · ↑/↓ previous / next clip · Ctrl+wheel or +/− zoom, "
                               "0 the whole recording · Ctrl+Z undo"),
                            this);
    hint->setObjectName(QStringLiteral("MutedLabel"));
    hint->setWordWrap(true);  // never wider than the window
    hint->setMinimumWidth(120);
    buttons->addWidget(hint, 1);
    layout->addLayout(buttons);
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("SegmentMessage"));
    message_->setWordWrap(true);
    layout->addWidget(message_);

    connect(recordings_, &QComboBox::activated, this,
            [this](int index) { showRecording(recordings_->itemData(index).toLongLong()); });
    connect(timeline_, &SegmentTimeline::clipClicked, this, [this](qint64 clipId, qint64 atMs) {
        selectClip(clipId);
        seek(atMs);
    });
    connect(timeline_, &SegmentTimeline::seekRequested, this, &SegmentView::seek);
    connect(timeline_, &SegmentTimeline::actionRequested, this, &SegmentView::perform);
    connect(timeline_, &SegmentTimeline::boundaryDragged, this, [this](qint64 clipId, qint64 startMs, qint64 endMs) {
        const Clip* c = session_->clip(clipId);
        if (!c || c->mediaId != mediaId_) return;
        const Clip clip = *c;  // the session's copy changes under an edit
        selectClip(clipId);
        const bool in = startMs != clip.startMs;
        setRange(clip, startMs, endMs,
                 in ? tr("Move the in point of %1 to %2").arg(clip.key, exactClipTime(std::max<int64_t>(0, startMs)))
                    : tr("Move the out point of %1 to %2").arg(clip.key, exactClipTime(std::max<int64_t>(0, endMs))));
    });
    connect(player_, &PlayerPane::mediaPositionChanged, this, [this](qint64 ms) {
        playheadMs_ = ms;
        timeline_->setPlayhead(ms);
    });
    connect(session_, &ProjectSession::projectOpened, this, &SegmentView::rebuildRecordings);
    connect(session_, &ProjectSession::projectClosed, this, &SegmentView::rebuildRecordings);
    connect(session_, &ProjectSession::clipsChanged, this, &SegmentView::refresh);
    connect(session_, &ProjectSession::labelsReloaded, this, &SegmentView::refresh);
    connect(session_, &ProjectSession::labelsChanged, this, &SegmentView::refresh);
    connect(session_, &ProjectSession::clipEditFailed, this, [this](const QString& m) { showMessage(m, true); });
    connect(session_, &ProjectSession::currentClipChanged, this, [this](qint64 clipId) {
        if (syncing_) return;
        const Clip* c = session_->clip(clipId);
        if (!c) return;
        const int64_t start = c->startMs;
        timeline_->ensureVisible(start, c->endMs);
        selectClip(clipId);
        seek(start);
    });
}

QString SegmentView::message() const {
    return message_->text();
}

void SegmentView::showMessage(const QString& text, bool error) {
    message_->setText(text);
    message_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void SegmentView::rebuildRecordings() {
    recordings_->clear();
    mediaId_ = 0;
    playheadMs_ = 0;
    showMessage({}, false);
    if (!session_->isOpen()) {
        refresh();
        return;
    }
    auto media = session_->project()->media();
    if (media)
        for (const Media& m : media.value()) recordings_->addItem(QFileInfo(m.path).fileName(), qlonglong(m.id));
    const Clip* current = session_->clip(session_->currentClipId());
    showRecording(current ? current->mediaId : recordings_->count() ? recordings_->itemData(0).toLongLong() : 0);
}

void SegmentView::showRecording(int64_t mediaId) {
    const bool other = mediaId != mediaId_;
    mediaId_ = mediaId;
    const int index = recordings_->findData(qlonglong(mediaId));
    if (index >= 0) recordings_->setCurrentIndex(index);
    const Media* media = session_->media(mediaId);
    timeline_->setFrameMs(media && media->fps > 0 ? 1000.0 / media->fps : 40.0);
    if (other) {
        playheadMs_ = 0;
        timeline_->setSelected(0);
        timeline_->setPlayhead(0);
        timeline_->zoomToFit();
    }
    refresh();
    if (other && timeline_->selected() == 0) {
        // The first clip of the recording, so that the keys have something to work on.
        for (const Clip& c : session_->clips())
            if (c.mediaId == mediaId && (timeline_->selected() == 0 || c.startMs < selectedClip()->startMs))
                timeline_->setSelected(c.id);
        updateInfo();
    }
    if (isVisible() && media) player_->showRecording(mediaId, playheadMs_);
}

void SegmentView::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    if (mediaId_ != 0) player_->showRecording(mediaId_, playheadMs_);
    timeline_->setFocus(Qt::OtherFocusReason);
}

void SegmentView::refresh() {
    QVector<Clip> clips;
    QSet<int64_t> labelled;
    for (const Clip& c : session_->clips()) {
        if (c.mediaId != mediaId_) continue;
        clips.push_back(c);
        if (!session_->labelsOfClip(c.id).isEmpty()) labelled.insert(c.id);
    }
    const Media* media = session_->media(mediaId_);
    timeline_->setRecording(clips, media ? media->durationMs : 0, labelled);
    if (timeline_->selected() != 0 && !selectedClip()) {
        const Clip* current = session_->clip(session_->currentClipId());
        timeline_->setSelected(current && current->mediaId == mediaId_ ? current->id : 0);
    }
    updateInfo();
}

const Clip* SegmentView::selectedClip() const {
    const Clip* c = session_->clip(timeline_->selected());
    return c && c->mediaId == mediaId_ ? c : nullptr;
}

const Clip* SegmentView::neighbour(int64_t clipId, int direction) const {
    const Clip* from = session_->clip(clipId);
    if (!from) return nullptr;
    const Clip* best = nullptr;
    for (const Clip& c : session_->clips()) {
        if (c.mediaId != from->mediaId || c.id == from->id) continue;
        const bool after = c.startMs > from->startMs || (c.startMs == from->startMs && c.id > from->id);
        if (after != (direction > 0)) continue;
        if (!best || (direction > 0 ? c.startMs < best->startMs : c.startMs > best->startMs)) best = &c;
    }
    return best;
}

void SegmentView::updateInfo() {
    const Clip* c = selectedClip();
    if (!c) {
        info_->setText(session_->isOpen() ? tr("No clip selected: click one in the timeline.") : QString());
        return;
    }
    QString text = tr("%1: %2 – %3 (%4 s)")
                       .arg(c->key, exactClipTime(c->startMs), exactClipTime(c->endMs))
                       .arg(double(c->durationMs()) / 1000.0, 0, 'f', 1);
    if (!session_->labelsOfClip(c->id).isEmpty()) text += tr(", labelled");
    if (c->needsReview) text += tr(" — its range changed after labelling: needs a second look");
    info_->setText(text);
}

void SegmentView::seek(qint64 mediaMs) {
    const Media* media = session_->media(mediaId_);
    const int64_t end = media && media->durationMs > 0 ? media->durationMs : mediaMs;
    playheadMs_ = std::clamp<int64_t>(mediaMs, 0, std::max<int64_t>(0, end));
    timeline_->setPlayhead(playheadMs_);
    if (isVisible()) player_->seekMedia(playheadMs_);
}

void SegmentView::selectClip(qint64 clipId) {
    const Clip* c = session_->clip(clipId);
    if (!c) return;
    if (c->mediaId != mediaId_) showRecording(c->mediaId);
    timeline_->setSelected(clipId);
    syncing_ = true;
    session_->setCurrentClip(clipId);
    syncing_ = false;
    updateInfo();
}

void SegmentView::push(const QString& text, const std::function<Status(Project&)>& edit) {
    if (!session_->isOpen() || mediaId_ == 0) return;
    showMessage({}, false);
    auto* command = new ClipEditCommand(session_, mediaId_, text, edit);
    // push() runs redo(); a refusal marks it obsolete, the stack drops it and
    // clipEditFailed shows core's reason.
    session_->undoStack()->push(command);
    if (message_->text().isEmpty()) showMessage(text, false);
}

void SegmentView::setRange(const Clip& clip, int64_t startMs, int64_t endMs, const QString& text) {
    if (startMs == clip.startMs && endMs == clip.endMs) return;
    const int64_t id = clip.id;
    push(text, [id, startMs, endMs](Project& p) { return p.setClipRange(id, startMs, endMs); });
}

void SegmentView::perform(SegmentAction action, qint64 stepMs) {
    if (!session_->isOpen()) return;
    if (action == SegmentAction::AddClip) {
        addClipAtPlayhead();
        return;
    }
    const Clip* c = selectedClip();
    if (!c) {
        showMessage(tr("Select a clip first: click it in the timeline."), true);
        return;
    }
    const Clip clip = *c;  // the session's copy changes under an edit
    const int64_t id = clip.id;
    switch (action) {
        case SegmentAction::SetIn:
            setRange(clip, playheadMs_, clip.endMs,
                     tr("Set the in point of %1 to %2").arg(clip.key, exactClipTime(playheadMs_)));
            break;
        case SegmentAction::SetOut:
            setRange(clip, clip.startMs, playheadMs_,
                     tr("Set the out point of %1 to %2").arg(clip.key, exactClipTime(playheadMs_)));
            break;
        case SegmentAction::NudgeInEarlier:
        case SegmentAction::NudgeInLater: {
            const int64_t start = clip.startMs + (action == SegmentAction::NudgeInLater ? stepMs : -stepMs);
            setRange(clip, start, clip.endMs,
                     tr("Move the in point of %1 to %2").arg(clip.key, exactClipTime(std::max<int64_t>(0, start))));
            break;
        }
        case SegmentAction::NudgeOutEarlier:
        case SegmentAction::NudgeOutLater: {
            const int64_t end = clip.endMs + (action == SegmentAction::NudgeOutLater ? stepMs : -stepMs);
            setRange(clip, clip.startMs, end, tr("Move the out point of %1 to %2").arg(clip.key, exactClipTime(end)));
            break;
        }
        case SegmentAction::Split: {
            const int64_t at = playheadMs_;
            push(tr("Split %1 at %2").arg(clip.key, exactClipTime(at)), [id, at](Project& p) -> Status {
                auto created = p.splitClip(id, at);
                return created ? Status() : Status(created.error());
            });
            break;
        }
        case SegmentAction::MergeWithNext: {
            const Clip* next = neighbour(id, 1);
            if (!next) {
                showMessage(
                    tr("%1 is the last clip of this recording: there is nothing to merge it with.").arg(clip.key),
                    true);
                return;
            }
            const int64_t nextId = next->id;
            push(tr("Merge %1 into %2").arg(next->key, clip.key),
                 [id, nextId](Project& p) { return p.mergeClips(id, nextId); });
            break;
        }
        case SegmentAction::DeleteClip: {
            const Clip* before = neighbour(id, -1);
            const Clip* after = neighbour(id, 1);
            const int64_t then = after ? after->id : before ? before->id : 0;
            push(tr("Delete %1").arg(clip.key), [id](Project& p) { return p.deleteClip(id); });
            if (!session_->clip(id) && then != 0) selectClip(then);
            break;
        }
        case SegmentAction::ToggleReview: {
            const bool flag = !clip.needsReview;
            push(flag ? tr("Flag %1 for a second look").arg(clip.key) : tr("Mark %1 as reviewed").arg(clip.key),
                 [id, flag](Project& p) { return p.setClipNeedsReview(id, flag); });
            break;
        }
        case SegmentAction::PreviousClip:
        case SegmentAction::NextClip:
            if (const Clip* n = neighbour(id, action == SegmentAction::NextClip ? 1 : -1)) {
                const int64_t start = n->startMs;
                timeline_->ensureVisible(start, n->endMs);
                selectClip(n->id);
                seek(start);
            }
            break;
        case SegmentAction::AddClip:
            break;
    }
}

void SegmentView::addClipAtPlayhead() {
    const Media* media = session_->media(mediaId_);
    if (!media) return;
    const int64_t at = playheadMs_;
    int64_t end = std::min<int64_t>(at + kNewClipMs, media->durationMs > 0 ? media->durationMs : at + kNewClipMs);
    const Clip* previous = nullptr;
    for (const Clip& c : session_->clips()) {
        if (c.mediaId != mediaId_) continue;
        if (at >= c.startMs && at < c.endMs) {
            showMessage(tr("The playhead is inside %1: split it (S) or move the playhead to a gap.").arg(c.key), true);
            return;
        }
        if (c.startMs > at) end = std::min(end, c.startMs);
        if (c.endMs <= at && (!previous || c.endMs > previous->endMs)) previous = &c;
    }
    if (end - at < kShortestClipMs) {
        showMessage(tr("No room for a new clip at the playhead."), true);
        return;
    }
    Clip clip;
    clip.mediaId = mediaId_;
    clip.startMs = at;
    clip.endMs = end;
    if (previous) {
        clip.group = previous->group;
        clip.session = previous->session;
    }
    const QString base = QFileInfo(media->path).completeBaseName();
    for (int n = 1;; ++n) {
        clip.key = QStringLiteral("%1-%2").arg(base).arg(n);
        const bool taken = std::any_of(session_->clips().begin(), session_->clips().end(),
                                       [&](const Clip& c) { return c.key == clip.key; });
        if (!taken) break;
    }
    push(tr("New clip %1 at %2").arg(clip.key, exactClipTime(at)), [clip](Project& p) -> Status {
        auto id = p.addClip(clip);
        return id ? Status() : Status(id.error());
    });
    for (const Clip& c : session_->clips())
        if (c.key == clip.key) selectClip(c.id);
}

}  // namespace ui
}  // namespace motor
