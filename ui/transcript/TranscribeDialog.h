#pragma once
// File ▸ Transcribe recording… and the transcript pane's Transcribe button: choose the
// recording, where it runs (this computer's Whisper model, from the models folder or a
// folder/file, or an OpenAI-compatible server), the language, and whether a transcript
// it has already is replaced or added to. The job runs in the background with progress,
// time left and Cancel; cancelling leaves the project as it was. Not modal: labelling
// goes on meanwhile.
#include <QDialog>

#include "core/speech/Transcriber.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace motor {
namespace ui {

class ProjectSession;
class TranscriptionJob;

class TranscribeDialog : public QDialog {
    Q_OBJECT
public:
    TranscribeDialog(ProjectSession* session, QWidget* parent = nullptr);

    // Preselects a recording (the current clip's, when opened from the pane).
    void setMedia(qint64 mediaId);
    // What the form says, as core's options (without progress/cancel).
    Result<speech::TranscribeOptions> options() const;
    TranscriptionJob* job() const { return job_; }
    bool isRunning() const;
    // The model entries found in the models folder (folders and whisper.cpp .bin files).
    static QStringList modelsInFolder();

public slots:
    void start();
    void cancel();

signals:
    // A transcript was written (the views reload it).
    void transcribed(qint64 mediaId);

protected:
    void closeEvent(QCloseEvent* event) override;
    void reject() override;

private:
    void updateForm();
    int existingUtterances() const;
    void onFinished(bool ok, bool cancelled, const QString& message, qint64 mediaId);

    ProjectSession* session_;
    TranscriptionJob* job_;
    QComboBox* media_;
    QComboBox* backend_;
    QStackedWidget* pages_;
    QComboBox* model_;
    QComboBox* device_;
    QFormLayout* form_;
    QLineEdit* url_;
    QLineEdit* serverModel_;
    QCheckBox* sendAudio_;
    QComboBox* language_;
    QLabel* existing_;
    QRadioButton* replace_;
    QRadioButton* add_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton* startButton_;
    QPushButton* cancelButton_;
};

}  // namespace ui
}  // namespace motor
