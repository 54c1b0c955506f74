#include "ui/segment/SegmentTimeline.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <tuple>

namespace motor {
namespace ui {
namespace {
constexpr int kMargin = 8;
constexpr int kRulerHeight = 18;
constexpr int kLaneHeight = 52;
constexpr int kScrollGap = 4;
constexpr qint64 kNudgeMs = 100;
// Zoomed all the way in, the lane shows 2 s: 100 ms ticks, a frame a few pixels wide.
constexpr int64_t kMinSpanMs = 2000;
constexpr double kZoomStep = 1.5;
// How near (pixels) to a clip's edge the mouse grabs it, and a dragged edge snaps to a
// neighbour's edge or the playhead.
constexpr int kEdgePx = 5;
constexpr int kSnapPx = 6;

QString rulerText(int64_t ms, bool tenths) {
    QString text = QStringLiteral("%1:%2").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
    if (tenths) text += QStringLiteral(".%1").arg(ms / 100 % 10);
    return text;
}

QString edgeText(int64_t ms) {
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000)
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}
}  // namespace

SegmentTimeline::SegmentTimeline(QWidget* parent) : QWidget(parent), scroll_(new QScrollBar(Qt::Horizontal, this)) {
    setObjectName(QStringLiteral("SegmentTimeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);  // the cursor changes over a clip's edge
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(
        tr("Click a clip to select it and move the playhead; drag a clip's edge to move it. I / O: set in / out at "
           "the playhead; S: split; G: merge with next; Insert: new clip; Delete: delete; Shift or Ctrl + arrows: "
           "nudge in / out by 100 ms (Alt: one frame). Ctrl+wheel or + / -: zoom; 0: the whole recording; wheel: "
           "scroll"));
    scroll_->setObjectName(QStringLiteral("SegmentScroll"));
    scroll_->setFocusPolicy(Qt::NoFocus);  // the keys stay with the timeline
    connect(scroll_, &QScrollBar::valueChanged, this, [this](int value) { setViewStart(value); });
    updateScrollBar();
}

QSize SegmentTimeline::sizeHint() const {
    return {800, kRulerHeight + kLaneHeight + 2 * kMargin + kScrollGap + scroll_->sizeHint().height()};
}
QSize SegmentTimeline::minimumSizeHint() const {
    return {200, sizeHint().height()};
}

void SegmentTimeline::setRecording(const QVector<Clip>& clips, int64_t durationMs, const QSet<int64_t>& labelled) {
    clips_ = clips;
    std::sort(clips_.begin(), clips_.end(), [](const Clip& a, const Clip& b) { return a.startMs < b.startMs; });
    durationMs_ = std::max<int64_t>(1, durationMs);
    for (const Clip& c : clips_) durationMs_ = std::max(durationMs_, c.endMs);
    labelled_ = labelled;
    if (drag_ && !clipById(drag_->edge.clipId)) drag_.reset();
    setViewStart(viewStartMs_);
}

void SegmentTimeline::setSelected(int64_t clipId) {
    selected_ = clipId;
    update();
}

void SegmentTimeline::setPlayhead(int64_t ms) {
    const int64_t before = playheadMs_;
    playheadMs_ = std::clamp<int64_t>(ms, 0, durationMs_);
    const int64_t span = visibleSpanMs();
    // Page along only when the playhead leaves the view from inside it: a view the user
    // scrolled elsewhere stays where it is.
    const bool wasShown = before >= viewStartMs_ && before <= visibleEndMs();
    if (!drag_ && span < durationMs_ && wasShown) {
        if (playheadMs_ > visibleEndMs())
            setViewStart(playheadMs_ - span / 10);
        else if (playheadMs_ < viewStartMs_)
            setViewStart(playheadMs_ - span * 9 / 10);
    }
    update();
}

int64_t SegmentTimeline::visibleSpanMs() const {
    return spanMs_ > 0 && spanMs_ < durationMs_ ? spanMs_ : durationMs_;
}

QRect SegmentTimeline::laneRect() const {
    return QRect(kMargin, kMargin + kRulerHeight, std::max(1, width() - 2 * kMargin), kLaneHeight);
}

int SegmentTimeline::xAt(int64_t ms) const {
    const QRect lane = laneRect();
    const double px = double(ms - viewStartMs_) * lane.width() / double(visibleSpanMs());
    // Far outside the view only the side matters; keep it within int.
    return lane.left() + int(std::clamp<long long>(std::llround(px), -1000000, 1000000));
}

int64_t SegmentTimeline::msAt(int x) const {
    const QRect lane = laneRect();
    const double f = double(x - lane.left()) / double(lane.width());
    return std::clamp<int64_t>(viewStartMs_ + std::llround(f * double(visibleSpanMs())), 0, durationMs_);
}

void SegmentTimeline::setViewStart(int64_t ms) {
    viewStartMs_ = std::clamp<int64_t>(ms, 0, std::max<int64_t>(0, durationMs_ - visibleSpanMs()));
    updateScrollBar();
    update();
}

void SegmentTimeline::updateScrollBar() {
    const QSignalBlocker block(scroll_);
    const int64_t span = visibleSpanMs();
    scroll_->setRange(0, int(std::max<int64_t>(0, durationMs_ - span)));
    scroll_->setPageStep(int(span));
    scroll_->setSingleStep(int(std::max<int64_t>(1, span / 20)));
    scroll_->setValue(int(viewStartMs_));
    scroll_->setEnabled(span < durationMs_);
}

void SegmentTimeline::zoomAround(double factor, int64_t anchorMs) {
    if (factor <= 0) return;
    const QRect lane = laneRect();
    const int anchorX = xAt(anchorMs);
    // The anchor keeps its place when it is on screen; otherwise it comes to the middle.
    const double fraction =
        anchorX >= lane.left() && anchorX <= lane.right() ? double(anchorX - lane.left()) / double(lane.width()) : 0.5;
    const int64_t shortest = std::min(kMinSpanMs, durationMs_);
    const int64_t span = std::clamp<int64_t>(std::llround(double(visibleSpanMs()) / factor), shortest, durationMs_);
    spanMs_ = span >= durationMs_ ? 0 : span;
    setViewStart(anchorMs - std::llround(fraction * double(visibleSpanMs())));
}

void SegmentTimeline::zoomToFit() {
    spanMs_ = 0;
    setViewStart(0);
}

void SegmentTimeline::ensureVisible(int64_t startMs, int64_t endMs) {
    if (startMs >= viewStartMs_ && endMs <= visibleEndMs()) return;
    const int64_t span = visibleSpanMs();
    if (endMs - startMs >= span || startMs < viewStartMs_)
        setViewStart(startMs - span / 20);
    else
        setViewStart(endMs - span + span / 20);
}

const Clip* SegmentTimeline::clipById(int64_t id) const {
    for (const Clip& c : clips_)
        if (c.id == id) return &c;
    return nullptr;
}

void SegmentTimeline::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const QRect lane = laneRect();
    scroll_->setGeometry(lane.left(), lane.bottom() + 1 + kScrollGap, lane.width(), scroll_->sizeHint().height());
}

void SegmentTimeline::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QRect lane = laneRect();
    p.fillRect(rect(), pal.window());
    p.fillRect(lane, pal.base());

    // Ruler: a tick every 0.1 s ... 10 min, whichever keeps labels ~80 px apart.
    const int64_t span = visibleSpanMs();
    const double pxPerMs = double(lane.width()) / double(span);
    int64_t step = 100;
    for (int64_t s : {100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000}) {
        step = s;
        if (double(s) * pxPerMs >= 80) break;
    }
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetrics fm = fontMetrics();
    for (int64_t t = viewStartMs_ / step * step; t <= visibleEndMs(); t += step) {
        if (t < viewStartMs_) continue;
        const int x = xAt(t);
        p.drawLine(x, lane.top() - 5, x, lane.top() - 1);
        p.drawText(QRect(x + 2, kMargin, 80, kRulerHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   rulerText(t, step < 1000));
    }

    // Clips: alternating shades so that adjacent clips stay apart. A clip whose start is
    // scrolled off keeps its id at the lane's left edge.
    const QColor a = pal.color(QPalette::Highlight).lighter(170);
    const QColor b = pal.color(QPalette::Highlight).lighter(140);
    p.save();
    p.setClipRect(lane);
    for (int i = 0; i < clips_.size(); ++i) {
        const Clip& c = clips_[i];
        const bool dragged = drag_ && drag_->moved && drag_->edge.clipId == c.id;
        const int64_t start = dragged ? drag_->startMs : c.startMs;
        const int64_t end = dragged ? drag_->endMs : c.endMs;
        if (std::max(start, end) < viewStartMs_ || std::min(start, end) > visibleEndMs()) continue;
        const int left = xAt(start);
        QRect r(QPoint(left, lane.top() + 6), QPoint(std::max(left, xAt(end) - 1), lane.bottom() - 6));
        p.fillRect(r, i % 2 ? b : a);
        if (c.needsReview) {
            p.setPen(QPen(QColor(0xe0, 0x8a, 0x00), 2));
            p.drawRect(r.adjusted(1, 1, -1, -1));
        }
        if (c.id == selected_) {
            p.setPen(QPen(pal.color(QPalette::Highlight).darker(150), 3));
            p.drawRect(r.adjusted(1, 1, -1, -1));
        }
        const QRect shown = r.intersected(lane);
        if (labelled_.contains(c.id))
            p.fillRect(QRect(shown.left() + 3, shown.bottom() - 6, 4, 4), QColor(0x2e, 0x7d, 0x32));
        p.setPen(pal.color(QPalette::Text));
        const QString text = (c.needsReview ? QStringLiteral("! ") : QString()) + c.key;
        p.drawText(shown.adjusted(4, 2, -3, -8), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, std::max(0, shown.width() - 7)));
    }
    p.restore();

    // The dragged edge and its time, over the ruler.
    if (drag_ && drag_->moved) {
        const int64_t at = drag_->edge.isEnd ? drag_->endMs : drag_->startMs;
        const int x = xAt(at);
        p.setPen(QPen(pal.color(QPalette::Highlight).darker(150), 1, Qt::DashLine));
        p.drawLine(x, kMargin, x, lane.bottom());
        const QString t = edgeText(at);
        const QRect box(std::clamp(x - fm.horizontalAdvance(t) / 2 - 3, 0, std::max(0, width() - 80)), kMargin - 2,
                        fm.horizontalAdvance(t) + 6, kRulerHeight - 2);
        p.fillRect(box, pal.toolTipBase());
        p.setPen(pal.color(QPalette::ToolTipText));
        p.drawText(box, Qt::AlignCenter, t);
    }

    // Playhead.
    if (playheadMs_ >= viewStartMs_ && playheadMs_ <= visibleEndMs()) {
        const int x = xAt(playheadMs_);
        p.setPen(QPen(QColor(0xc6, 0x28, 0x28), 2));
        p.drawLine(x, kMargin + kRulerHeight - 6, x, lane.bottom());
    }
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

std::optional<SegmentTimeline::Edge> SegmentTimeline::edgeAt(const QPoint& pos) const {
    const QRect lane = laneRect();
    if (pos.y() < lane.top() || pos.y() > lane.bottom()) return std::nullopt;
    // Where two clips touch, the edge of the clip the mouse is over wins, then the
    // selected clip's.
    std::optional<Edge> best;
    std::tuple<int, int, int> bestRank;
    for (const Clip& c : clips_) {
        const int left = xAt(c.startMs);
        const int right = xAt(c.endMs);
        const bool inside = pos.x() > left && pos.x() < right;
        for (const bool isEnd : {false, true}) {
            const int distance = std::abs(pos.x() - (isEnd ? right : left));
            if (distance > kEdgePx) continue;
            const std::tuple<int, int, int> rank{inside ? 0 : 1, c.id == selected_ ? 0 : 1, distance};
            if (!best || rank < bestRank) {
                best = Edge{c.id, isEnd};
                bestRank = rank;
            }
        }
    }
    return best;
}

int64_t SegmentTimeline::snapped(int64_t ms, int x, int64_t clipId) const {
    int64_t best = ms;
    int bestDistance = kSnapPx + 1;
    auto consider = [&](int64_t t) {
        const int distance = std::abs(xAt(t) - x);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = t;
        }
    };
    for (const Clip& c : clips_)
        if (c.id != clipId) {
            consider(c.startMs);
            consider(c.endMs);
        }
    consider(playheadMs_);
    return best;
}

void SegmentTimeline::click(int x) {
    const int64_t ms = msAt(x);
    for (const Clip& c : clips_)
        if (ms >= c.startMs && ms < c.endMs) {
            emit clipClicked(c.id, ms);
            return;
        }
    emit seekRequested(ms);
}

void SegmentTimeline::mousePressEvent(QMouseEvent* e) {
    setFocus(Qt::MouseFocusReason);
    const QPoint pos = e->position().toPoint();
    if (e->button() == Qt::LeftButton)
        if (const std::optional<Edge> edge = edgeAt(pos)) {
            const Clip* c = clipById(edge->clipId);
            drag_ = Drag{*edge, pos.x(), msAt(pos.x()), false, c->startMs, c->endMs};
            return;
        }
    click(pos.x());
}

void SegmentTimeline::mouseMoveEvent(QMouseEvent* e) {
    const QPoint pos = e->position().toPoint();
    if (!drag_) {
        if (edgeAt(pos))
            setCursor(Qt::SizeHorCursor);
        else
            unsetCursor();
        return;
    }
    if (!drag_->moved && std::abs(pos.x() - drag_->pressX) < QApplication::startDragDistance()) return;
    const Clip* c = clipById(drag_->edge.clipId);
    if (!c) {
        drag_.reset();
        update();
        return;
    }
    drag_->moved = true;
    int64_t ms = msAt(pos.x());
    if (!e->modifiers().testFlag(Qt::ShiftModifier)) ms = snapped(ms, pos.x(), c->id);
    drag_->startMs = drag_->edge.isEnd ? c->startMs : ms;
    drag_->endMs = drag_->edge.isEnd ? ms : c->endMs;
    update();
}

void SegmentTimeline::mouseReleaseEvent(QMouseEvent* e) {
    if (!drag_ || e->button() != Qt::LeftButton) return;
    const Drag d = *drag_;
    drag_.reset();
    update();
    if (!d.moved) {
        click(d.pressX);
        return;
    }
    const Clip* c = clipById(d.edge.clipId);
    if (c && (d.startMs != c->startMs || d.endMs != c->endMs)) emit boundaryDragged(c->id, d.startMs, d.endMs);
}

void SegmentTimeline::leaveEvent(QEvent* e) {
    if (!drag_) unsetCursor();
    QWidget::leaveEvent(e);
}

void SegmentTimeline::wheelEvent(QWheelEvent* e) {
    const QPoint angle = e->angleDelta();
    if (e->modifiers().testFlag(Qt::ControlModifier)) {
        const int delta = angle.y() != 0 ? angle.y() : angle.x();
        if (delta != 0) zoomAround(std::pow(kZoomStep, double(delta) / 120.0), msAt(int(e->position().x())));
        e->accept();
        return;
    }
    // Wheel down (or a swipe to the left) moves on in time, a tenth of the view a notch.
    const int delta = angle.x() != 0 ? angle.x() : angle.y();
    if (delta != 0) setViewStart(viewStartMs_ - std::llround(double(delta) / 120.0 * double(visibleSpanMs()) / 10.0));
    e->accept();
}

SegmentTimeline::ViewKey SegmentTimeline::viewKeyFor(const QKeyEvent* e) {
    // Ctrl and Shift are allowed: Ctrl+= / Ctrl+-, and "+" is Shift+= on many keyboards.
    const Qt::KeyboardModifiers mods = e->modifiers() & ~(Qt::KeypadModifier | Qt::ControlModifier | Qt::ShiftModifier);
    if (mods != Qt::NoModifier) return ViewKey::None;
    switch (e->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            return ViewKey::ZoomIn;
        case Qt::Key_Minus:
            return ViewKey::ZoomOut;
        case Qt::Key_0:
            return ViewKey::Fit;
        default:
            return ViewKey::None;
    }
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
    // The segmenting and zoom keys win over window shortcuts while the timeline has the
    // focus (and Escape while a drag is on).
    if (e->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(e);
        SegmentAction action;
        qint64 step = 0;
        if (actionFor(key, &action, &step) || viewKeyFor(key) != ViewKey::None ||
            (drag_ && key->key() == Qt::Key_Escape)) {
            e->accept();
            return true;
        }
    }
    return QWidget::event(e);
}

void SegmentTimeline::keyPressEvent(QKeyEvent* e) {
    if (drag_ && e->key() == Qt::Key_Escape) {
        drag_.reset();
        update();
        return;
    }
    switch (viewKeyFor(e)) {
        case ViewKey::ZoomIn:
            zoomAround(kZoomStep, playheadMs_);
            return;
        case ViewKey::ZoomOut:
            zoomAround(1.0 / kZoomStep, playheadMs_);
            return;
        case ViewKey::Fit:
            zoomToFit();
            return;
        case ViewKey::None:
            break;
    }
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
