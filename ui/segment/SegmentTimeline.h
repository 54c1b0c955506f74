#pragma once
// The whole recording as a strip: its clips as blocks (labelled ones marked, those that
// want a second look outlined), the selected clip, the playhead and a time ruler. Click
// selects a clip and moves the playhead; the segmenting keys arrive as actions. The strip
// zooms (Ctrl+wheel, + / -, 0 for the whole recording) and scrolls (wheel, scroll bar),
// follows the playhead when it runs off the visible part, and a clip's edge can be
// dragged: the drag is only drawn here, and on release becomes one request to the view,
// which asks core.
#include <QSet>
#include <QVector>
#include <QWidget>
#include <optional>

#include "core/model/Entities.h"

class QScrollBar;

namespace motor {
namespace ui {

enum class SegmentAction {
    SetIn,
    SetOut,
    Split,
    MergeWithNext,
    AddClip,
    DeleteClip,
    ToggleReview,
    NudgeInEarlier,
    NudgeInLater,
    NudgeOutEarlier,
    NudgeOutLater,
    PreviousClip,
    NextClip,
};

class SegmentTimeline : public QWidget {
    Q_OBJECT
public:
    explicit SegmentTimeline(QWidget* parent = nullptr);

    void setRecording(const QVector<Clip>& clips, int64_t durationMs, const QSet<int64_t>& labelled);
    void setSelected(int64_t clipId);
    // Moves the playhead; when it leaves the visible part from inside it (playback, the
    // one-second keys), the view pages along.
    void setPlayhead(int64_t ms);
    int64_t selected() const { return selected_; }
    int64_t playhead() const { return playheadMs_; }
    // Geometry, for clicks (and tests that click): the visible part maps onto the lane.
    int xAt(int64_t ms) const;
    int64_t msAt(int x) const;
    // A fine nudge (Alt) moves by this much instead of 100 ms.
    void setFrameMs(double frameMs) { frameMs_ = frameMs; }

    // The visible part of the recording.
    int64_t visibleStartMs() const { return viewStartMs_; }
    int64_t visibleSpanMs() const;
    int64_t visibleEndMs() const { return viewStartMs_ + visibleSpanMs(); }
    // Zoom by `factor` (> 1 in) keeping recording time `anchorMs` at the same x.
    void zoomAround(double factor, int64_t anchorMs);
    // The whole recording.
    void zoomToFit();
    // Scrolls (never zooms) so that as much of [startMs, endMs) as fits is visible, its
    // start first.
    void ensureVisible(int64_t startMs, int64_t endMs);
    QScrollBar* scrollBar() const { return scroll_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void clipClicked(qint64 clipId, qint64 atMs);
    void seekRequested(qint64 atMs);
    // `stepMs` is the nudge for the Nudge actions (100 ms, one frame with Alt).
    void actionRequested(motor::ui::SegmentAction action, qint64 stepMs);
    // A clip's edge was dragged: the range it asks for (one of the two changed; core has
    // not seen it yet and may refuse it).
    void boundaryDragged(qint64 clipId, qint64 startMs, qint64 endMs);

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    struct Edge {
        int64_t clipId = 0;
        bool isEnd = false;
    };
    struct Drag {
        Edge edge;
        int pressX = 0;
        int64_t pressMs = 0;
        bool moved = false;
        int64_t startMs = 0;  // the range drawn while dragging
        int64_t endMs = 0;
    };
    enum class ViewKey { None, ZoomIn, ZoomOut, Fit };

    bool actionFor(const QKeyEvent* e, SegmentAction* action, qint64* stepMs) const;
    static ViewKey viewKeyFor(const QKeyEvent* e);
    QRect laneRect() const;
    // A click (or a press on an edge released without moving): select or seek.
    void click(int x);
    void setViewStart(int64_t ms);
    void updateScrollBar();
    std::optional<Edge> edgeAt(const QPoint& pos) const;
    int64_t snapped(int64_t ms, int x, int64_t clipId) const;
    const Clip* clipById(int64_t id) const;

    QVector<Clip> clips_;
    QSet<int64_t> labelled_;
    int64_t durationMs_ = 1;
    int64_t selected_ = 0;
    int64_t playheadMs_ = 0;
    double frameMs_ = 40.0;
    int64_t viewStartMs_ = 0;
    int64_t spanMs_ = 0;  // 0: the whole recording
    std::optional<Drag> drag_;
    QScrollBar* scroll_;
};

}  // namespace ui
}  // namespace motor
