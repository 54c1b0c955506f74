#pragma once
// The utterances inside the current clip's range: start, end, speaker, text. The one
// being spoken is highlighted while the clip plays; clicking a line seeks there.
//
// Correcting the transcript, keyboard-first, with the table focused (click a line or
// Ctrl+T): F2 / Enter / double-click edit the text in place (Enter saves, Esc cancels,
// Ctrl+P splits at the text cursor), Shift+F2 the speaker of every selected line, I / O
// set the start / end to the playhead, Shift / Ctrl + Left / Right move them by 100 ms,
// P splits at the playhead, U merges with the next utterance, Delete deletes, Insert /
// Ctrl+Enter insert a new utterance at the playhead and open its text. Each edit
// is one TranscriptEditCommand on the session's undo stack, committed at once through
// core (an insert and the text typed right after it are one step); a refusal shows core's reason under the table and
// changes nothing. Without a coder the project is read-only and so is the transcript.
#include <QVector>
#include <QWidget>
#include <functional>

#include "core/model/Entities.h"
#include "core/util/Result.h"

class QKeyEvent;
class QLabel;
class QTableWidget;

namespace motor {

class Project;

namespace ui {

class ProjectSession;
class TranscriptEditCommand;
class UtteranceDelegate;

class TranscriptPane : public QWidget {
    Q_OBJECT
public:
    enum Column { StartColumn, EndColumn, SpeakerColumn, TextColumn, ColumnCount };

    explicit TranscriptPane(ProjectSession* session, QWidget* parent = nullptr);

    int utteranceCount() const { return int(utterances_.size()); }
    // The row of the utterance being spoken (highlighted), -1 when none.
    int highlightedRow() const { return highlighted_; }
    QTableWidget* table() const { return table_; }
    // The last edit's description, or why it was refused.
    QString message() const;
    // Gives the table the keyboard (Ctrl+T), the spoken or first line current.
    void focusTable();

public slots:
    void setMediaPosition(qint64 mediaMs);

signals:
    void seekRequested(qint64 mediaMs);
    // The Transcribe… button: transcribe the current clip's recording.
    void transcribeRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Action {
        EditText,
        EditSpeaker,
        SetStart,
        SetEnd,
        StartEarlier,
        StartLater,
        EndEarlier,
        EndLater,
        Split,
        Merge,
        Delete,
        Insert
    };
    using Edit = std::function<Status(Project&)>;

    static bool actionFor(const QKeyEvent* key, Action* action);
    void loadClip();
    void perform(Action action);
    // A cell's edit as it was committed, with the clip it was made in: applied after the
    // editor has closed, when another clip may be shown (a click in the clip browser
    // commits the open editor and then changes the clip).
    struct CellEdit {
        qint64 utteranceId = 0;
        int column = 0;
        QString value;
        Utterance before;             // the utterance as shown while editing
        QVector<Utterance> selected;  // the lines selected with it (the speaker of several)
        int64_t mediaId = 0;
        int64_t clipId = 0;
        int64_t clipStartMs = 0;
    };
    void takeCellEdit(qint64 utteranceId, int column, const QString& value);
    void applyCellEdit(const CellEdit& edit);
    void split(qint64 utteranceId, const QString& text, int textOffset);
    void insertAtPlayhead();
    void setTimes(const Utterance& u, int64_t startMs, int64_t endMs, const QString& description);
    // The step that sets `u`'s times; nullptr (and the reason shown) when they are refused.
    TranscriptEditCommand* timesCommand(const Utterance& u, int64_t startMs, int64_t endMs, const QString& description,
                                        int64_t mediaId, int64_t clipId);
    // Shift / Ctrl + arrows: one edge by 100 ms; a run of them is one undo step.
    void nudge(const Utterance& u, int64_t startMs, int64_t endMs, bool start);
    void setTimes(const Utterance& u, int64_t startMs, int64_t endMs, const QString& description, int64_t mediaId,
                  int64_t clipId);
    void push(const QString& description, Edit edit);
    void push(const QString& description, Edit edit, int64_t mediaId, int64_t clipId);
    void push(TranscriptEditCommand* command);
    bool checkEditable();
    bool checkPlayhead();
    const Utterance* utterance(qint64 id) const;
    QVector<int64_t> selectedIds() const;
    QStringList recordingSpeakers() const;
    QString clipTimeText(int64_t mediaMs) const;
    void highlight(int row);
    void showMessage(const QString& text, bool error);

    ProjectSession* session_;
    QTableWidget* table_;
    UtteranceDelegate* delegate_;
    QLabel* empty_;
    QLabel* message_;
    QVector<Utterance> utterances_;
    int64_t loadedClipId_ = 0;
    int64_t clipStartMs_ = 0;
    int64_t mediaId_ = 0;
    qint64 mediaPositionMs_ = -1;
    int highlighted_ = -1;
};

}  // namespace ui
}  // namespace motor
