#include "ui/segment/SegmentTimeline.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace motor {
namespace ui {
namespace {
constexpr int kMargin = 8;
constexpr int kRulerHeight = 18;
constexpr int kLaneHeight = 52;
constexpr qint64 kNudgeMs = 100;

QString rulerText(int64_t ms) {
    return QStringLiteral("%1:%2").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

SegmentTimeline::SegmentTimeline(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("SegmentTimeline"));
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(
        tr("Click a clip to select it and move the playhead. I / O: set in / out at the playhead; "
           "S: split; G: merge with next; Insert: new clip; Delete: delete; Shift or Ctrl + arrows: "
           "nudge in / out by 100 ms (Alt: one frame)"));
}

QSize SegmentTimeline::sizeHint() const {
    return {800, kRulerHeight + kLaneHeight + 2 * kMargin};
}
QSize SegmentTimeline::minimumSizeHint() const {
    return {200, kRulerHeight + kLaneHeight + 2 * kMargin};
}

void SegmentTimeline::setRecording(const QVector<Clip>& clips, int64_t durationMs, const QSet<int64_t>& labelled) {
    clips_ = clips;
    std::sort(clips_.begin(), clips_.end(), [](const Clip& a, const Clip& b) { return a.startMs < b.startMs; });
    durationMs_ = std::max<int64_t>(1, durationMs);
    for (const Clip& c : clips_) durationMs_ = std::max(durationMs_, c.endMs);
    labelled_ = labelled;
    update();
}

void SegmentTimeline::setSelected(int64_t clipId) {
    selected_ = clipId;
    update();
}

void SegmentTimeline::setPlayhead(int64_t ms) {
    playheadMs_ = std::clamp<int64_t>(ms, 0, durationMs_);
    update();
}

QRect SegmentTimeline::laneRect() const {
    return QRect(kMargin, kMargin + kRulerHeight, std::max(1, width() - 2 * kMargin), kLaneHeight);
}

int SegmentTimeline::xAt(int64_t ms) const {
    const QRect lane = laneRect();
    return lane.left() + int(std::llround(double(ms) * lane.width() / double(durationMs_)));
}

int64_t SegmentTimeline::msAt(int x) const {
    const QRect lane = laneRect();
    const double f = double(x - lane.left()) / double(lane.width());
    return std::clamp<int64_t>(std::llround(f * double(durationMs_)), 0, durationMs_);
}

void SegmentTimeline::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QRect lane = laneRect();
    p.fillRect(rect(), pal.window());
    p.fillRect(lane, pal.base());

    // Ruler: a tick every 1, 5, 10, 30 or 60 s, whichever keeps labels ~80 px apart.
    const double pxPerMs = double(lane.width()) / double(durationMs_);
    int64_t step = 1000;
    for (int64_t s : {1000, 5000, 10000, 30000, 60000, 300000, 600000}) {
        step = s;
        if (double(s) * pxPerMs >= 80) break;
    }
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetrics fm = fontMetrics();
    for (int64_t t = 0; t <= durationMs_; t += step) {
        const int x = xAt(t);
        p.drawLine(x, lane.top() - 5, x, lane.top() - 1);
        p.drawText(QRect(x + 2, kMargin, 80, kRulerHeight - 4), Qt::AlignLeft | Qt::AlignVCenter, rulerText(t));
    }

    // Clips: alternating shades so that adjacent clips stay apart.
    const QColor a = pal.color(QPalette::Highlight).lighter(170);
    const QColor b = pal.color(QPalette::Highlight).lighter(140);
    for (int i = 0; i < clips_.size(); ++i) {
        const Clip& c = clips_[i];
        QRect r(QPoint(xAt(c.startMs), lane.top() + 6), QPoint(xAt(c.endMs) - 1, lane.bottom() - 6));
        if (r.width() < 1) r.setWidth(1);
        p.fillRect(r, i % 2 ? b : a);
        if (c.needsReview) {
            p.setPen(QPen(QColor(0xe0, 0x8a, 0x00), 2));
            p.drawRect(r.adjusted(1, 1, -1, -1));
        }
        if (c.id == selected_) {
            p.setPen(QPen(pal.color(QPalette::Highlight).darker(150), 3));
            p.drawRect(r.adjusted(1, 1, -1, -1));
        }
        if (labelled_.contains(c.id)) p.fillRect(QRect(r.left() + 3, r.bottom() - 6, 4, 4), QColor(0x2e, 0x7d, 0x32));
        p.setPen(pal.color(QPalette::Text));
        const QString text = (c.needsReview ? QStringLiteral("! ") : QString()) + c.key;
        p.drawText(r.adjusted(4, 2, -3, -8), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, std::max(0, r.width() - 7)));
    }

    // Playhead.
    const int x = xAt(playheadMs_);
    p.setPen(QPen(QColor(0xc6, 0x28, 0x28), 2));
    p.drawLine(x, kMargin + kRulerHeight - 6, x, lane.bottom());
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void SegmentTimeline::mousePressEvent(QMouseEvent* e) {
    setFocus(Qt::MouseFocusReason);
    const int64_t ms = msAt(int(e->position().x()));
    for (const Clip& c : clips_)
        if (ms >= c.startMs && ms < c.endMs) {
            emit clipClicked(c.id, ms);
            return;
        }
    emit seekRequested(ms);
}

bool SegmentTimeline::actionFor(const QKeyEvent* e, SegmentAction* action, qint64* stepMs) const {
    const Qt::KeyboardModifiers mods = e->modifiers() & ~Qt::KeypadModifier;
    const qint64 nudge = mods.testFlag(Qt::AltModifier) ? std::max<qint64>(1, std::llround(frameMs_)) : kNudgeMs;
    *stepMs = nudge;
    const Qt::KeyboardModifiers moves = mods & ~Qt::AltModifier;
    switch (e->key()) {
        case Qt::Key_Left:
        case Qt::Key_Right: {
            const bool later = e->key() == Qt::Key_Right;
            if (moves == Qt::ShiftModifier) {
                *action = later ? SegmentAction::NudgeInLater : SegmentAction::NudgeInEarlier;
                return true;
            }
            if (moves == Qt::ControlModifier) {
                *action = later ? SegmentAction::NudgeOutLater : SegmentAction::NudgeOutEarlier;
                return true;
            }
            return false;
        }
        default:
            break;
    }
    if (mods != Qt::NoModifier) return false;
    switch (e->key()) {
        case Qt::Key_I:
            *action = SegmentAction::SetIn;
            return true;
        case Qt::Key_O:
            *action = SegmentAction::SetOut;
            return true;
        case Qt::Key_S:
            *action = SegmentAction::Split;
            return true;
        case Qt::Key_G:
            *action = SegmentAction::MergeWithNext;
            return true;
        case Qt::Key_Insert:
            *action = SegmentAction::AddClip;
            return true;
        case Qt::Key_Delete:
            *action = SegmentAction::DeleteClip;
            return true;
        case Qt::Key_R:
            *action = SegmentAction::ToggleReview;
            return true;
        case Qt::Key_Up:
            *action = SegmentAction::PreviousClip;
            return true;
        case Qt::Key_Down:
            *action = SegmentAction::NextClip;
            return true;
        default:
            return false;
    }
}

bool SegmentTimeline::event(QEvent* e) {
    // The segmenting keys win over window shortcuts while the timeline has the focus.
    if (e->type() == QEvent::ShortcutOverride) {
        SegmentAction action;
        qint64 step = 0;
        if (actionFor(static_cast<QKeyEvent*>(e), &action, &step)) {
            e->accept();
            return true;
        }
    }
    return QWidget::event(e);
}

void SegmentTimeline::keyPressEvent(QKeyEvent* e) {
    SegmentAction action;
    qint64 step = 0;
    if (!actionFor(e, &action, &step)) {
        QWidget::keyPressEvent(e);
        return;
    }
    emit actionRequested(action, step);
}

}  // namespace ui
}  // namespace motor
