#pragma once
// The whole recording as a strip: its clips as blocks (labelled ones marked, those that
// want a second look outlined), the selected clip, the playhead and a time ruler. Click
// selects a clip and moves the playhead; the segmenting keys arrive as actions.
#include <QSet>
#include <QVector>
#include <QWidget>

#include "core/model/Entities.h"

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
    void setPlayhead(int64_t ms);
    int64_t selected() const { return selected_; }
    int64_t playhead() const { return playheadMs_; }
    // Geometry, for clicks (and tests that click).
    int xAt(int64_t ms) const;
    int64_t msAt(int x) const;
    // A fine nudge (Alt) moves by this much instead of 100 ms.
    void setFrameMs(double frameMs) { frameMs_ = frameMs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void clipClicked(qint64 clipId, qint64 atMs);
    void seekRequested(qint64 atMs);
    // `stepMs` is the nudge for the Nudge actions (100 ms, one frame with Alt).
    void actionRequested(motor::ui::SegmentAction action, qint64 stepMs);

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    bool actionFor(const QKeyEvent* e, SegmentAction* action, qint64* stepMs) const;
    QRect laneRect() const;

    QVector<Clip> clips_;
    QSet<int64_t> labelled_;
    int64_t durationMs_ = 1;
    int64_t selected_ = 0;
    int64_t playheadMs_ = 0;
    double frameMs_ = 40.0;
};

}  // namespace ui
}  // namespace motor
