#pragma once
// Review of the current clip: every coder's labels side by side (experts, model runs,
// baselines) with rationale and confidence, cells that leave the majority highlighted;
// and the disagreement queue, clips ranked by how many coders dissent.
#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace motor {
namespace ui {

class ProjectSession;

class ReviewPane : public QWidget {
    Q_OBJECT
public:
    explicit ReviewPane(ProjectSession* session, QWidget* parent = nullptr);

    QVector<qint64> queue() const { return queue_; }
    QTableWidget* codersTable() const { return coders_; }
    QTableWidget* queueTable() const { return queueTable_; }
    void setModelVsExpertOnly(bool on);
    // "Count as disagreement": experts only (default) or all coders.
    QComboBox* scopeChooser() const { return scope_; }

public slots:
    // Jumps to the queue entry after the current clip (wrapping).
    void nextInQueue();

signals:
    void clipRequested(qint64 clipId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // Selects the shown clip's row in the queue, or no row.
    void showCurrentInQueue();
    void refreshClip();
    void rebuildQueue();
    void rebuildQueueNow();
    void showDetails(int row, int column);

    ProjectSession* session_;
    QLabel* header_;
    QTableWidget* coders_;
    QTextBrowser* details_;
    QTableWidget* queueTable_;
    QCheckBox* modelOnly_;
    QComboBox* scope_;
    QLabel* legend_;
    QLabel* queueSummary_;
    QTimer* queueTimer_;
    QVector<qint64> queue_;
    QVector<qint64> previousQueue_;  // the queue before its last rebuild: where M goes on from
    bool queueStale_ = false;
    QVector<qint64> rowCoder_;
};

}  // namespace ui
}  // namespace motor
