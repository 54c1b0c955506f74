#pragma once
// The Segment tab: one recording at a time, played whole by its own player (across clip
// boundaries), over a timeline of its clips. Keys on the timeline set in/out points at the
// playhead, split, merge, nudge, add and delete clips; every edit is one step on the
// session's undo stack and goes through core's clip API, which keeps clip ids and labels
// and flags a labelled clip whose range changed for a second look.
#include <QWidget>
#include <cstdint>
#include <functional>

#include "core/util/Result.h"
#include "ui/segment/SegmentTimeline.h"

class QComboBox;
class QLabel;

namespace motor {

class Project;

namespace ui {

class PlayerPane;
class ProjectSession;

class SegmentView : public QWidget {
    Q_OBJECT
public:
    explicit SegmentView(ProjectSession* session, QWidget* parent = nullptr);

    PlayerPane* player() const { return player_; }
    SegmentTimeline* timeline() const { return timeline_; }
    int64_t mediaId() const { return mediaId_; }
    int64_t playheadMs() const { return playheadMs_; }
    // The last refusal or notice shown under the timeline.
    QString message() const;

public slots:
    // Moves the playhead (and the player) to a recording time.
    void seek(qint64 mediaMs);
    void selectClip(qint64 clipId);
    void perform(motor::ui::SegmentAction action, qint64 stepMs = 100);

protected:
    void showEvent(QShowEvent* e) override;

private:
    void rebuildRecordings();
    void showRecording(int64_t mediaId);
    void refresh();
    void updateInfo();
    void showMessage(const QString& text, bool error);
    // Pushes one undoable edit of the current recording's clips.
    void push(const QString& text, const std::function<Status(Project&)>& edit);
    // One undoable range change of `clip` (nothing when the range is the same).
    void setRange(const Clip& clip, int64_t startMs, int64_t endMs, const QString& text);
    void addClipAtPlayhead();
    const Clip* selectedClip() const;
    const Clip* neighbour(int64_t clipId, int direction) const;

    ProjectSession* session_;
    QComboBox* recordings_;
    PlayerPane* player_;
    SegmentTimeline* timeline_;
    QLabel* info_;
    QLabel* message_;
    int64_t mediaId_ = 0;
    int64_t playheadMs_ = 0;
    bool syncing_ = false;
};

}  // namespace ui
}  // namespace motor
