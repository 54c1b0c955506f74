#pragma once
// Decodes one small frame per clip (the middle of its range) with core/media's
// Thumbnailer in a worker thread, and hands each image to the GUI thread as it is
// ready. Results are cached per project for the session; a new project cancels.
#include <QHash>
#include <QImage>
#include <QObject>
#include <atomic>
#include <memory>

#include "core/model/Entities.h"

namespace motor {
namespace ui {

class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int kWidth = 64;

    // width: the thumbnails' maximum width (the browser's column, the Predict tab's frames).
    explicit ThumbnailLoader(QObject* parent = nullptr, int width = kWidth);
    ~ThumbnailLoader() override;

    struct Job {
        qint64 clipId;
        QString mediaPath;
        qint64 timeMs;
    };
    void start(QVector<Job> jobs);
    void cancel();

signals:
    void thumbnailReady(qint64 clipId, const QImage& image);

private:
    int width_;
    std::shared_ptr<std::atomic<bool>> cancelled_;
};

}  // namespace ui
}  // namespace motor
