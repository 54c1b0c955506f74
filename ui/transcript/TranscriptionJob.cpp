#include "ui/transcript/TranscriptionJob.h"

#include <QFuture>
#include <QtConcurrent>

#include "core/io/MediaImporter.h"
#include "core/store/Project.h"

namespace motor {
namespace ui {

struct TranscriptionJob::Shared {
    agents::CancelFlag cancel;
    QFuture<void> future;
};

TranscriptionJob::TranscriptionJob(QObject* parent) : QObject(parent), shared_(std::make_shared<Shared>()) {}

TranscriptionJob::~TranscriptionJob() {
    // The worker reports into this object: stop it and wait, so no queued call outlives it.
    shared_->cancel.cancel();
    shared_->future.waitForFinished();
}

void TranscriptionJob::cancel() {
    shared_->cancel.cancel();
}

bool TranscriptionJob::start(const QString& projectPath, const speech::TranscribeOptions& given) {
    if (running_) return false;
    running_ = true;
    shared_->cancel.reset();
    speech::TranscribeOptions options = given;
    options.cancel = &shared_->cancel;
    options.progress = [this](const speech::TranscribeProgress& p) {
        QMetaObject::invokeMethod(
            this,
            [this, p] {
                if (p.stage == speech::TranscribeStage::Recognizing)
                    emit progressed(p.doneMs, p.totalMs, p.etaSeconds);
                else
                    emit uploaded(p.sentBytes, p.totalBytes, p.etaSeconds);
            },
            Qt::QueuedConnection);
    };
    shared_->future = QtConcurrent::run([this, projectPath, options] {
        qint64 mediaId = 0;
        Result<speech::TranscribeReport> r = makeError(QString());
        auto opened = Project::open(projectPath);
        if (!opened) {
            r = opened.error();
        } else {
            if (auto m = io::MediaImporter::findMedia(*opened.value(), options.mediaPath)) mediaId = m->id;
            r = speech::transcribeRecording(*opened.value(), options);
        }
        QMetaObject::invokeMethod(
            this,
            [this, r, mediaId] {
                running_ = false;
                if (!r) {
                    emit finished(
                        false, isCancelled(r.error()),
                        isCancelled(r.error()) ? tr("Cancelled: the transcript is as it was.") : r.error().message,
                        mediaId);
                    return;
                }
                QString message = tr("%n utterance(s) written", nullptr, r->written.added);
                if (r->written.replaced > 0)
                    message += QLatin1String(", ") + tr("%n earlier one(s) replaced", nullptr, r->written.replaced);
                message += QLatin1String(". ") + tr("Language %1; %2 s of audio in %3 s.")
                                                     .arg(r->language.isEmpty() ? QStringLiteral("?") : r->language)
                                                     .arg(double(r->durationMs) / 1000.0, 0, 'f', 1)
                                                     .arg(r->seconds, 0, 'f', 1);
                if (!r->device.isEmpty()) message += QLatin1Char(' ') + tr("Ran on: %1").arg(r->device);
                emit finished(true, false, message, mediaId);
            },
            Qt::QueuedConnection);
    });
    return true;
}

}  // namespace ui
}  // namespace motor
