#include "ui/transcript/TranscriptPane.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {
namespace {
QString clipTime(int64_t ms) {
    ms = std::max<int64_t>(0, ms);
    return QStringLiteral("%1:%2.%3").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0')).arg(ms % 1000 / 100);
}
}  // namespace

TranscriptPane::TranscriptPane(ProjectSession* session, QWidget* parent) : QWidget(parent), session_(session) {
    setObjectName(QStringLiteral("TranscriptPane"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    table_ = new QTableWidget(0, 3, this);
    table_->setHorizontalHeaderLabels({tr("Time"), tr("Speaker"), tr("Utterance")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setFocusPolicy(Qt::ClickFocus);
    table_->setWordWrap(true);
    table_->setShowGrid(false);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setToolTip(tr("Click a line to play from there"));
    layout->addWidget(table_);
    empty_ = new QLabel(tr("No transcript for this clip."), this);
    empty_->setObjectName(QStringLiteral("MutedLabel"));
    empty_->setAlignment(Qt::AlignCenter);
    empty_->hide();
    layout->addWidget(empty_);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto* transcribe = new QPushButton(tr("Transcribe…"), this);
    transcribe->setObjectName(QStringLiteral("TranscribeButton"));
    transcribe->setToolTip(tr("Make this recording's transcript from its audio with a Whisper model"));
    transcribe->setFocusPolicy(Qt::NoFocus);
    buttons->addWidget(transcribe);
    layout->addLayout(buttons);
    connect(transcribe, &QPushButton::clicked, this, &TranscriptPane::transcribeRequested);

    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < utterances_.size()) emit seekRequested(std::max(utterances_[row].startMs, clipStartMs_));
    });
    connect(session_, &ProjectSession::currentClipChanged, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::projectClosed, this, &TranscriptPane::loadClip);
    connect(session_, &ProjectSession::transcriptChanged, this, [this](qint64 mediaId) {
        const Clip* clip = session_->clip(session_->currentClipId());
        if (clip && clip->mediaId == mediaId) loadClip();
    });
}

void TranscriptPane::loadClip() {
    table_->setRowCount(0);
    utterances_.clear();
    highlighted_ = -1;
    const Clip* clip = session_->clip(session_->currentClipId());
    if (!clip || !session_->project()) {
        empty_->hide();
        return;
    }
    clipStartMs_ = clip->startMs;
    auto result = session_->project()->utterances(clip->mediaId, clip->startMs, clip->endMs);
    if (result) utterances_ = result.value();
    table_->setRowCount(int(utterances_.size()));
    for (int i = 0; i < utterances_.size(); ++i) {
        const Utterance& u = utterances_[i];
        auto* time = new QTableWidgetItem(clipTime(u.startMs - clip->startMs));
        time->setToolTip(tr("%1 – %2 in the recording").arg(clipTime(u.startMs), clipTime(u.endMs)));
        time->setTextAlignment(Qt::AlignRight | Qt::AlignTop);
        auto* speaker = new QTableWidgetItem(u.speaker);
        speaker->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        QFont bold = speaker->font();
        bold.setBold(true);
        speaker->setFont(bold);
        auto* text = new QTableWidgetItem(u.text);
        text->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);
        table_->setItem(i, 0, time);
        table_->setItem(i, 1, speaker);
        table_->setItem(i, 2, text);
    }
    empty_->setVisible(utterances_.isEmpty());
    table_->setVisible(!utterances_.isEmpty());
}

void TranscriptPane::setMediaPosition(qint64 mediaMs) {
    int row = -1;
    for (int i = 0; i < utterances_.size(); ++i)
        if (utterances_[i].startMs <= mediaMs && mediaMs < utterances_[i].endMs) row = i;
    if (row == highlighted_) return;
    highlighted_ = row;
    const QSignalBlocker block(table_);
    if (row < 0) {
        table_->clearSelection();
        return;
    }
    table_->selectRow(row);
    table_->scrollToItem(table_->item(row, 0));
}

}  // namespace ui
}  // namespace motor
