#pragma once
// Which files count as video when a folder is imported or searched for moved media.
#include <QString>
#include <QStringList>

namespace motor::io {

class MediaFileFinder {
public:
    static bool hasVideoExtension(const QString& path);
    // Video files under folder, recursively, sorted by path so that imports (and the
    // clip keys they derive) do not depend on directory order.
    static QStringList findVideos(const QString& folder);
};

}  // namespace motor::io
