#pragma once
// Hands out clip keys that are unique in the project and within the running import
// ("lesson", "lesson-2", ...), so two recordings called "lesson.mp4" in different
// folders both get a clip.
#include <QSet>
#include <QString>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class ClipKeys {
public:
    explicit ClipKeys(Project& project) : project_(project) {}
    Result<QString> unique(const QString& wanted);
    // True when the key is free; reserves it.
    Result<bool> claim(const QString& key);
    // Keeps a key out of this import even if its clip is deleted in it: an id that
    // named one stretch of a recording must not silently name another.
    void reserve(const QString& key) { taken_.insert(key); }

private:
    Project& project_;
    QSet<QString> taken_;
};

}  // namespace motor::io
