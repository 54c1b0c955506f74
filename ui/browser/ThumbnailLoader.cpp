#include "ui/browser/ThumbnailLoader.h"

#include <QPointer>
#include <QtConcurrent>

#include "core/media/Thumbnailer.h"

namespace motor {
namespace ui {

ThumbnailLoader::ThumbnailLoader(QObject* parent, int width) : QObject(parent), width_(width) {}

ThumbnailLoader::~ThumbnailLoader() {
    cancel();
}

void ThumbnailLoader::cancel() {
    if (cancelled_) cancelled_->store(true);
    cancelled_.reset();
}

void ThumbnailLoader::start(QVector<Job> jobs) {
    cancel();
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    cancelled_ = cancelled;
    QPointer<ThumbnailLoader> self(this);
    // The worker owns copies of everything it reads; it checks the flag between frames
    // and posts results through the event loop, never touching the loader directly.
    (void)QtConcurrent::run([jobs = std::move(jobs), cancelled, self, width = width_] {
        for (const Job& job : jobs) {
            if (cancelled->load()) return;
            auto frame = media::Thumbnailer::thumbnailAt(job.mediaPath, job.timeMs, width);
            if (!frame) continue;
            const media::RgbFrame& f = frame.value();
            // Deep copy: the frame's buffer dies with this iteration.
            QImage image = QImage(f.rgb.data(), f.width, f.height, 3 * f.width, QImage::Format_RGB888).copy();
            QMetaObject::invokeMethod(qApp, [self, cancelled, id = job.clipId, image] {
                if (self && !cancelled->load()) emit self->thumbnailReady(id, image);
            });
        }
    });
}

}  // namespace ui
}  // namespace motor
