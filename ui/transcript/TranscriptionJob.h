#pragma once
// One transcription off the GUI thread, the way PredictionJob runs a prediction: the
// worker opens its own Project connection and calls core's transcribeRecording (as
// `motor transcribe` does); progress comes back queued, cancel() sets core's CancelFlag.
// Nothing is written before the whole recording is done, so a cancelled job leaves the
// project as it was.
#include <QObject>
#include <QString>
#include <memory>

#include "core/speech/Transcriber.h"

namespace motor {
namespace ui {

class TranscriptionJob : public QObject {
    Q_OBJECT
public:
    explicit TranscriptionJob(QObject* parent = nullptr);
    ~TranscriptionJob() override;

    bool isRunning() const { return running_; }
    // False when a job is already going. progress and cancel in `options` are the job's own.
    bool start(const QString& projectPath, const speech::TranscribeOptions& options);
    void cancel();

signals:
    void progressed(qint64 doneMs, qint64 totalMs, double etaSeconds);
    // A server transcription's upload; sentBytes == totalBytes: all sent, the server works.
    // etaSeconds: the upload's time left, < 0 until known.
    void uploaded(qint64 sentBytes, qint64 totalBytes, double etaSeconds);
    // ok=false: nothing was written (message says why; cancelled when asked to stop).
    void finished(bool ok, bool cancelled, const QString& message, qint64 mediaId);

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
    bool running_ = false;
};

}  // namespace ui
}  // namespace motor
