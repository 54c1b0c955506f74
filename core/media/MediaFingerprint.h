#pragma once
// A content fingerprint to relink media that moved: the size plus SHA-256 of the first
// and last MiB. Reading whole multi-gigabyte recordings would make imports crawl, and
// these two ranges already tell different recordings apart.
#include <QString>

#include "core/util/Result.h"

namespace motor::media {

struct MediaFingerprint {
    int64_t sizeBytes = 0;
    QString hash;  // "v1:<hex>"

    static Result<MediaFingerprint> compute(const QString& path);
};

}  // namespace motor::media
