#include "ui/player/PlayerPane.h"

#include <QAudioOutput>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaPlayer>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoWidget>
#include <algorithm>
#include <cmath>

#include "ui/main/ProjectSession.h"
#include "ui/transcript/TranscriptTimes.h"

namespace motor {
namespace ui {
namespace {
const double kRates[] = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

QToolButton* transportButton(QWidget* parent, QStyle::StandardPixmap icon, const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    b->setFocusPolicy(Qt::NoFocus);
    b->setIconSize(QSize(20, 20));
    return b;
}
}  // namespace

PlayerPane::PlayerPane(ProjectSession* session, QWidget* parent, Span span)
    : QWidget(parent), session_(session), span_(span), player_(new QMediaPlayer(this)), audio_(new QAudioOutput(this)) {
    setObjectName(span == Span::Clip ? QStringLiteral("PlayerPane") : QStringLiteral("RecordingPlayer"));
    loop_ = span == Span::Clip;
    player_->setAudioOutput(audio_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    video_ = new QVideoWidget(this);
    video_->setMinimumSize(320, 180);
    video_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    video_->setAspectRatioMode(Qt::KeepAspectRatio);
    video_->setStyleSheet(QStringLiteral("background: #111;"));
    player_->setVideoOutput(video_);
    layout->addWidget(video_, 1);

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("PlayerMessage"));
    message_->setWordWrap(true);
    message_->hide();
    layout->addWidget(message_);

    position_ = new QSlider(Qt::Horizontal, this);
    position_->setFocusPolicy(Qt::NoFocus);
    position_->setToolTip(span == Span::Clip ? tr("Position in the clip") : tr("Position in the recording"));
    layout->addWidget(position_);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 4);
    bar->setSpacing(2);
    auto* back1s = transportButton(this, QStyle::SP_MediaSeekBackward, tr("Back 1 s (Left)"));
    auto* backFrame = transportButton(this, QStyle::SP_MediaSkipBackward, tr("Previous frame (,)"));
    playButton_ = transportButton(this, QStyle::SP_MediaPlay, tr("Play / pause (Space)"));
    auto* fwdFrame = transportButton(this, QStyle::SP_MediaSkipForward, tr("Next frame (.)"));
    auto* fwd1s = transportButton(this, QStyle::SP_MediaSeekForward, tr("Forward 1 s (Right)"));
    loopButton_ = new QToolButton(this);
    loopButton_->setText(tr("Loop"));
    loopButton_->setCheckable(true);
    loopButton_->setChecked(loop_);
    loopButton_->setFocusPolicy(Qt::NoFocus);
    loopButton_->setToolTip(span == Span::Clip ? tr("Loop the clip's range (L)") : tr("Loop the recording (L)"));
    for (QToolButton* b : {back1s, backFrame, playButton_, fwdFrame, fwd1s}) bar->addWidget(b);
    bar->addSpacing(8);
    bar->addWidget(loopButton_);
    bar->addSpacing(8);
    time_ = new QLabel(this);
    time_->setObjectName(QStringLiteral("TimeLabel"));
    time_->setMinimumWidth(time_->fontMetrics().horizontalAdvance(QStringLiteral("00:00.00 / 00:00.00")) + 8);
    bar->addWidget(time_);
    bar->addStretch(1);
    auto* speedLabel = new QLabel(tr("Speed"), this);
    speed_ = new QComboBox(this);
    for (double r : kRates) speed_->addItem(QStringLiteral("%1×").arg(r), r);
    speed_->setCurrentIndex(3);
    speed_->setFocusPolicy(Qt::NoFocus);
    speed_->setToolTip(tr("Playback speed ([ slower, ] faster)"));
    speedLabel->setBuddy(speed_);
    bar->addWidget(speedLabel);
    bar->addWidget(speed_);
    bar->addSpacing(8);
    auto* volumeIcon = new QLabel(this);
    volumeIcon->setPixmap(style()->standardIcon(QStyle::SP_MediaVolume).pixmap(16, 16));
    volume_ = new QSlider(Qt::Horizontal, this);
    volume_->setRange(0, 100);
    volume_->setValue(80);
    volume_->setFixedWidth(90);
    volume_->setFocusPolicy(Qt::NoFocus);
    volume_->setToolTip(tr("Volume"));
    audio_->setVolume(0.8f);
    bar->addWidget(volumeIcon);
    bar->addWidget(volume_);
    layout->addLayout(bar);

    connect(playButton_, &QToolButton::clicked, this, &PlayerPane::togglePlay);
    connect(backFrame, &QToolButton::clicked, this, [this] { stepFrames(-1); });
    connect(fwdFrame, &QToolButton::clicked, this, [this] { stepFrames(1); });
    connect(back1s, &QToolButton::clicked, this, [this] { seekBy(-1000); });
    connect(fwd1s, &QToolButton::clicked, this, [this] { seekBy(1000); });
    connect(loopButton_, &QToolButton::toggled, this, &PlayerPane::setLooping);
    connect(speed_, &QComboBox::currentIndexChanged, this,
            [this] { player_->setPlaybackRate(speed_->currentData().toDouble()); });
    connect(volume_, &QSlider::valueChanged, this, [this](int v) { audio_->setVolume(float(v) / 100.0f); });
    connect(position_, &QSlider::sliderPressed, this, [this] { sliderHeld_ = true; });
    connect(position_, &QSlider::sliderReleased, this, [this] {
        sliderHeld_ = false;
        seekMedia(startMs_ + position_->value());
    });
    connect(position_, &QSlider::sliderMoved, this, [this](int v) { seekMedia(startMs_ + v); });
    connect(player_, &QMediaPlayer::positionChanged, this, &PlayerPane::onPosition);
    connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState s) {
        playButton_->setIcon(
            style()->standardIcon(s == QMediaPlayer::PlayingState ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(player_, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& text) {
        message_->setText(tr("Cannot play this media: %1").arg(text));
        message_->show();
        emit errorOccurred(text);
    });
    connect(player_, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus s) {
        // A stopped player shows no picture (black until Play): paused, it shows the frame
        // at the playhead. Paused first, so that the seeks below land in the paused player.
        if (s == QMediaPlayer::LoadedMedia) showFrame();
        // The first seek must wait until the backend knows the media; before that it is lost.
        if (s == QMediaPlayer::LoadedMedia && span_ == Span::Recording) player_->setPosition(seekTargetMs_);
        if (s == QMediaPlayer::LoadedMedia && player_->position() < startMs_) player_->setPosition(startMs_);
        // A clip that ends where the recording ends never shows a position past its end:
        // the backend stops at the end of the media first. Looping continues from there.
        if (s == QMediaPlayer::EndOfMedia && loop_ && endMs_ > startMs_) {
            player_->setPosition(startMs_);
            player_->play();
        }
    });
    if (span_ == Span::Clip) {
        connect(session_, &ProjectSession::currentClipChanged, this, &PlayerPane::loadClip);
        // The clip's range may have changed in the segment editor.
        connect(session_, &ProjectSession::clipsChanged, this, &PlayerPane::loadClip);
    }
    // Another project (opened over this one, or none): its recording goes, so that an
    // empty project never shows, nor plays, the previous one's classroom.
    auto release = [this] {
        player_->stop();
        player_->setSource(QUrl());
        loadedPath_.clear();
        startMs_ = endMs_ = 0;
        updateTime();
    };
    connect(session_, &ProjectSession::projectClosed, this, release);
    connect(session_, &ProjectSession::projectOpened, this, release);
    updateTime();
}

PlayerPane::~PlayerPane() {
    player_->stop();
}

void PlayerPane::loadClip() {
    const Clip* clip = session_->clip(session_->currentClipId());
    if (!clip) return;
    const bool wasPlaying = player_->playbackState() == QMediaPlayer::PlayingState;
    startMs_ = clip->startMs;
    endMs_ = clip->endMs;
    loadMedia(clip->mediaId);
    position_->setRange(0, int(std::max<int64_t>(1, endMs_ - startMs_)));
    if (!wasPlaying) showFrame();
    player_->setPosition(startMs_);
    if (wasPlaying) player_->play();
    updateTime();
}

void PlayerPane::showFrame() {
    if (player_->playbackState() != QMediaPlayer::StoppedState) return;
    const QMediaPlayer::MediaStatus s = player_->mediaStatus();
    if (s == QMediaPlayer::LoadedMedia || s == QMediaPlayer::BufferedMedia || s == QMediaPlayer::EndOfMedia)
        player_->pause();
}

void PlayerPane::showRecording(int64_t mediaId, int64_t atMs) {
    const Media* media = session_->media(mediaId);
    if (!media) return;
    startMs_ = 0;
    endMs_ = std::max<int64_t>(1, media->durationMs);
    loadMedia(mediaId);
    position_->setRange(0, int(endMs_));
    seekMedia(atMs);
}

void PlayerPane::loadMedia(int64_t mediaId) {
    const Media* media = session_->media(mediaId);
    fps_ = media && media->fps > 0 ? media->fps : 25.0;
    const QString path = session_->mediaPath(mediaId);
    if (path != loadedPath_) {
        loadedPath_ = path;
        message_->hide();
        if (!QFileInfo::exists(path)) {
            message_->setText(tr("Media file not found: %1").arg(path));
            message_->show();
            player_->setSource(QUrl());
        } else {
            player_->setSource(QUrl::fromLocalFile(path));
        }
    }
}

double PlayerPane::frameDurationMs() const {
    return 1000.0 / fps_;
}

int64_t PlayerPane::mediaPositionMs() const {
    return player_->position();
}
int64_t PlayerPane::clipPositionMs() const {
    return player_->position() - startMs_;
}

void PlayerPane::togglePlay() {
    if (player_->playbackState() == QMediaPlayer::PlayingState) {
        player_->pause();
        return;
    }
    if (player_->position() >= endMs_ - 1 || player_->position() < startMs_) {
        player_->setPosition(startMs_);
    } else if (span_ == Span::Recording && seekPending_) {
        // A seek made before the media had loaded may not have reached the backend:
        // play from where the playhead is (the segment editor's timeline shows it).
        player_->setPosition(seekTargetMs_);
    }
    seekPending_ = false;
    player_->play();
}

void PlayerPane::stepFrames(int frames) {
    player_->pause();
    // Land on the target frame's first millisecond (rounded up, so never on the frame
    // before): the clock, I / O and the coding log then read frame starts (0:00.040,
    // not 0:00.060).
    const double frame = frameDurationMs();
    const double current = std::floor((double(player_->position()) + 0.5) / frame);
    seekMedia(int64_t(std::ceil((current + frames) * frame - 1e-6)));
}

void PlayerPane::seekBy(int64_t deltaMs) {
    seekMedia(player_->position() + deltaMs);
}

void PlayerPane::seekMedia(int64_t mediaMs) {
    seekTargetMs_ = std::clamp(mediaMs, startMs_, std::max(startMs_, endMs_ - 1));
    seekPending_ = true;
    player_->setPosition(seekTargetMs_);
    updateTime();
}

void PlayerPane::setLooping(bool loop) {
    loop_ = loop;
    if (loopButton_->isChecked() != loop) loopButton_->setChecked(loop);
}

void PlayerPane::setRate(double rate) {
    for (int i = 0; i < speed_->count(); ++i)
        if (std::abs(speed_->itemData(i).toDouble() - rate) < 1e-9) speed_->setCurrentIndex(i);
}

void PlayerPane::faster() {
    speed_->setCurrentIndex(std::min(speed_->currentIndex() + 1, speed_->count() - 1));
}
void PlayerPane::slower() {
    speed_->setCurrentIndex(std::max(speed_->currentIndex() - 1, 0));
}

void PlayerPane::onPosition(qint64 mediaMs) {
    if (seekPending_ && std::abs(double(mediaMs - seekTargetMs_)) <= frameDurationMs()) seekPending_ = false;
    if (endMs_ > startMs_ && mediaMs >= endMs_ && player_->playbackState() == QMediaPlayer::PlayingState) {
        if (loop_) {
            player_->setPosition(startMs_);
        } else {
            player_->pause();
            player_->setPosition(endMs_ - 1);
        }
    }
    updateTime();
    emit mediaPositionChanged(mediaMs);
}

void PlayerPane::updateTime() {
    const int64_t rel = std::clamp<int64_t>(player_->position() - startMs_, 0, std::max<int64_t>(0, endMs_ - startMs_));
    time_->setText(QStringLiteral("%1 / %2").arg(exactClipTime(rel), exactClipTime(endMs_ - startMs_)));
    time_->setToolTip(tr("Recording time %1").arg(exactClipTime(player_->position())));
    if (!sliderHeld_) {
        const QSignalBlocker block(position_);
        position_->setValue(int(rel));
    }
}

}  // namespace ui
}  // namespace motor
