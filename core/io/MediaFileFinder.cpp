#include "core/io/MediaFileFinder.h"

#include <QDirIterator>
#include <QFileInfo>
#include <algorithm>

namespace motor::io {

bool MediaFileFinder::hasVideoExtension(const QString& path) {
    static const QStringList kExtensions = {QStringLiteral("mp4"),  QStringLiteral("m4v"),  QStringLiteral("mov"),
                                            QStringLiteral("mkv"),  QStringLiteral("webm"), QStringLiteral("avi"),
                                            QStringLiteral("mpg"),  QStringLiteral("mpeg"), QStringLiteral("mts"),
                                            QStringLiteral("m2ts"), QStringLiteral("ts"),   QStringLiteral("wmv"),
                                            QStringLiteral("flv"),  QStringLiteral("3gp"),  QStringLiteral("ogv")};
    return kExtensions.contains(QFileInfo(path).suffix().toLower());
}

QStringList MediaFileFinder::findVideos(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // Hidden files are editor droppings and macOS "._" resource forks, not recordings.
        if (QFileInfo(path).fileName().startsWith(QLatin1Char('.'))) continue;
        if (hasVideoExtension(path)) out.append(QFileInfo(path).absoluteFilePath());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace motor::io
