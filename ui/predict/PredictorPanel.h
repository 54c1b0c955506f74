#pragma once
// The Predict tab: run MOTOR-MAS, an ablation or a baseline over the project's clips as
// a model annotator. Backend (baseline majority / transcript cues, a local model file or
// folder with its vision projector, an OpenAI-compatible server), mode, which clips, run
// name, and under Advanced every other option `motor predict` has; Start / Cancel with a
// progress bar and ETA; each clip's labels and the times of the frames it was given, as
// it finishes, with the frames themselves for the selected clip. Finished clips go
// straight into the session's index, so Review and Metrics follow the run as it goes.
#include <QWidget>

#include "ui/predict/PredictionJob.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace motor {
namespace ui {

class ClipBrowser;
class ProjectSession;
class ThumbnailLoader;

class PredictorPanel : public QWidget {
    Q_OBJECT
public:
    PredictorPanel(ProjectSession* session, ClipBrowser* browser, QWidget* parent = nullptr);

    enum class Clips { All, NoExpertYet, BrowserSelection };

    // Settings as the form holds them (also used by tests and the screenshot).
    void setBackend(agents::BackendKind backend);
    void setReferenceExpert(const QString& name);
    void setModelPath(const QString& path);
    void setMode(agents::PredictorMode mode);
    void setClips(Clips clips);
    void setRunName(const QString& name);
    PredictConfig config() const;

    PredictionJob* job() const { return job_; }
    QTableWidget* resultsTable() const { return results_; }
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }
    QLineEdit* runNameField() const { return runName_; }
    QLabel* modelInfo() const { return modelInfo_; }
    // Where the running model runs (the GPU, or the CPU and why not the GPU).
    QLabel* whereLabel() const { return where_; }
    QWidget* advancedBox() const { return advanced_; }
    // The frames of the selected result row (thumbnails, loaded in the background).
    QWidget* frameStrip() const { return frameStrip_; }
    bool isRunning() const { return job_->isRunning(); }
    QString lastMessage() const { return lastMessage_; }

public slots:
    void startRun();
    void cancelRun();

signals:
    void runFinished(bool ok, bool cancelled, const QString& runName);

private:
    QWidget* buildBackendPages();
    QWidget* buildAdvanced();
    void rebuildExperts();
    void updateForm();
    void inspectModel();
    void onProgress(int finished, int total, int failed, qint64 elapsedMs, qint64 etaMs);
    void onClips(const QVector<agents::FinishedClip>& clips);
    void onStarted(qint64 annotatorId, const QVector<qint64>& finishedEarlier);
    void onFinished(bool ok, bool cancelled, const QString& runName, const QString& message);
    void showFrames(int row);
    QStringList remoteHosts() const;
    static QString duration(qint64 ms);

    ProjectSession* session_;
    ClipBrowser* browser_;
    PredictionJob* job_;
    ThumbnailLoader* frameLoader_;
    QComboBox* backend_;
    QWidget* pages_;  // one child per backend, in backend_'s order
    QComboBox* reference_;
    QLineEdit* modelPath_;
    QLineEdit* mmprojPath_;
    QLabel* modelInfo_;
    QLabel* localHelp_ = nullptr;
    QLineEdit* url_;
    QLineEdit* modelName_;
    QCheckBox* sendFrames_;
    QComboBox* mode_;
    QComboBox* clips_;
    QLineEdit* runName_;
    QToolButton* advancedToggle_;
    QWidget* advanced_;
    QComboBox* device_;
    QSpinBox* threads_;
    QSpinBox* batch_;
    QSpinBox* timeout_;
    QSpinBox* retries_;
    QSpinBox* rationale_;
    QCheckBox* prefixSharing_;
    QLineEdit* promptDir_;
    QPushButton* start_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* where_;
    QTableWidget* results_;
    QWidget* frameStrip_;
    QHBoxLayout* frameStripLayout_;
    QString lastMessage_;
    QString framesPath_;  // media of the clip whose frames the strip shows
};

}  // namespace ui
}  // namespace motor
