#pragma once
// Plays the current clip's time range of its recording: seeks to the start, loops or
// stops at the end, steps by one frame using the media's frame rate. The segment editor's
// player spans a whole recording instead, playing across clip boundaries.
#include <QWidget>
#include <cstdint>

class QAudioOutput;
class QComboBox;
class QLabel;
class QMediaPlayer;
class QSlider;
class QToolButton;
class QVideoWidget;

namespace motor {
namespace ui {

class ProjectSession;

class PlayerPane : public QWidget {
    Q_OBJECT
public:
    enum class Span { Clip, Recording };
    explicit PlayerPane(ProjectSession* session, QWidget* parent = nullptr, Span span = Span::Clip);
    ~PlayerPane() override;

    QMediaPlayer* player() const { return player_; }
    // Clip-relative position, milliseconds from the clip's start.
    int64_t clipPositionMs() const;
    int64_t mediaPositionMs() const;
    bool isLooping() const { return loop_; }

public slots:
    void togglePlay();
    void stepFrames(int frames);
    void seekBy(int64_t deltaMs);
    // Media time, clamped into the clip's range (the recording's, for Span::Recording).
    void seekMedia(int64_t mediaMs);
    // Span::Recording: loads the recording (if another) and seeks to atMs.
    void showRecording(int64_t mediaId, int64_t atMs);
    void setLooping(bool loop);
    void setRate(double rate);
    void faster();
    void slower();

signals:
    // Media time, for the transcript highlight.
    void mediaPositionChanged(qint64 mediaMs);
    void errorOccurred(const QString& message);

private:
    void loadClip();
    // A stopped player with its media loaded pauses, which shows the frame at the playhead.
    void showFrame();
    void loadMedia(int64_t mediaId);
    void onPosition(qint64 mediaMs);
    void updateTime();
    double frameDurationMs() const;

    ProjectSession* session_;
    Span span_;
    QMediaPlayer* player_;
    QAudioOutput* audio_;
    QVideoWidget* video_;
    QToolButton* playButton_;
    QToolButton* loopButton_;
    QSlider* position_;
    QSlider* volume_;
    QComboBox* speed_;
    QLabel* time_;
    QLabel* message_;
    QString loadedPath_;
    int64_t startMs_ = 0;
    int64_t endMs_ = 0;
    int64_t seekTargetMs_ = 0;  // the last seek, again once the media has loaded
    bool seekPending_ = false;  // ...and until the backend reports a position there
    double fps_ = 25.0;
    bool loop_ = true;
    bool sliderHeld_ = false;
};

}  // namespace ui
}  // namespace motor
