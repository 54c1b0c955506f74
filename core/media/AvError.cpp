#include "core/media/AvError.h"

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

namespace motor::media {

QString avErrorText(int averror) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, buffer, sizeof buffer);
    return QString::fromUtf8(buffer);
}

Error mediaError(const QString& path, const QString& what) {
    return makeError(QStringLiteral("%1: %2").arg(path, what));
}

Error mediaError(const QString& path, const QString& what, int averror) {
    return makeError(QStringLiteral("%1: %2 (%3)").arg(path, what, avErrorText(averror)));
}

void quietFfmpegLogging() {
    static const bool once = [] {
        av_log_set_level(AV_LOG_FATAL);
        return true;
    }();
    (void)once;
}

QString msText(std::int64_t ms) {
    return QStringLiteral("%1 ms").arg(ms);
}

}  // namespace motor::media
