#pragma once
// The utterances inside the current clip's range: time, speaker, text. The one being
// spoken is highlighted while the clip plays; clicking a line seeks there.
#include <QVector>
#include <QWidget>

#include "core/model/Entities.h"

class QLabel;
class QTableWidget;

namespace motor {
namespace ui {

class ProjectSession;

class TranscriptPane : public QWidget {
    Q_OBJECT
public:
    explicit TranscriptPane(ProjectSession* session, QWidget* parent = nullptr);

    int utteranceCount() const { return int(utterances_.size()); }
    int highlightedRow() const { return highlighted_; }

public slots:
    void setMediaPosition(qint64 mediaMs);

signals:
    void seekRequested(qint64 mediaMs);
    // The Transcribe… button: transcribe the current clip's recording.
    void transcribeRequested();

private:
    void loadClip();

    ProjectSession* session_;
    QTableWidget* table_;
    QLabel* empty_;
    QVector<Utterance> utterances_;
    int64_t clipStartMs_ = 0;
    int highlighted_ = -1;
};

}  // namespace ui
}  // namespace motor
