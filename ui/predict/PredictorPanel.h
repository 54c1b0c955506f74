#pragma once
// The Predict tab: run MOTOR-MAS, an ablation or a baseline over the project's clips as
// a model annotator. Backend (baseline majority / transcript cues, a local model file,
// an OpenAI-compatible server), mode, which clips, run name; Start / Cancel with a
// progress bar and ETA, and each clip's labels listed as it finishes. When the run ends
// the session reloads, so the run shows in Review and Metrics like any coder.
#include <QWidget>

#include "ui/predict/PredictionJob.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace motor {
namespace ui {

class ClipBrowser;
class ProjectSession;

class PredictorPanel : public QWidget {
    Q_OBJECT
public:
    PredictorPanel(ProjectSession* session, ClipBrowser* browser, QWidget* parent = nullptr);

    enum class Clips { All, NoExpertYet, BrowserSelection };

    // Settings as the form holds them (also used by tests and the screenshot).
    void setBackend(PredictBackend backend);
    void setReferenceExpert(const QString& name);
    void setMode(agents::PredictorMode mode);
    void setClips(Clips clips);
    void setRunName(const QString& name);
    PredictConfig config() const;

    PredictionJob* job() const { return job_; }
    QTableWidget* resultsTable() const { return results_; }
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }
    bool isRunning() const { return job_->isRunning(); }
    QString lastMessage() const { return lastMessage_; }

public slots:
    void startRun();
    void cancelRun();

signals:
    void runFinished(bool ok, bool cancelled, const QString& runName);

private:
    QWidget* buildBackendPages();
    void rebuildExperts();
    void updateForm();
    void onProgress(int finished, int total, int failed, qint64 elapsedMs, qint64 etaMs);
    void onClip(const PredictedClip& clip);
    void onFinished(bool ok, bool cancelled, const QString& runName, const QString& message);
    bool remoteHost() const;
    static QString duration(qint64 ms);

    ProjectSession* session_;
    ClipBrowser* browser_;
    PredictionJob* job_;
    QComboBox* backend_;
    QStackedWidget* pages_;
    QComboBox* reference_;
    QLineEdit* modelPath_;
    QLabel* localHelp_ = nullptr;
    QLineEdit* url_;
    QLineEdit* modelName_;
    QCheckBox* sendFrames_;
    QComboBox* mode_;
    QComboBox* clips_;
    QLineEdit* runName_;
    QPushButton* start_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QTableWidget* results_;
    QString lastMessage_;
};

}  // namespace ui
}  // namespace motor
