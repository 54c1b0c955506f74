#include "core/io/ClipExporter.h"

#include <QDir>
#include <QFileInfo>

#include "core/io/ExportData.h"
#include "core/io/SafeFileName.h"

namespace motor::io {

Result<QStringList> ClipExporter::exportClips(Project& project, const QString& folder, media::CutMode mode) {
    if (!QDir().mkpath(folder)) return makeError(folder + QStringLiteral(": cannot create folder"));
    auto data = ExportData::load(project);
    if (!data) return data.error();
    QSet<QString> taken;
    QStringList written;
    for (const Clip& c : data->clips) {
        const Media m = data->mediaById.value(c.mediaId);
        const QString source = project.absoluteMediaPath(m);
        // Keep containers that hold whatever stream-copy brings along; others become MP4.
        QString ext = QFileInfo(source).suffix().toLower();
        if (!QStringList{QStringLiteral("mp4"), QStringLiteral("mov"), QStringLiteral("mkv"), QStringLiteral("m4v")}
                 .contains(ext))
            ext = QStringLiteral("mp4");
        const QString target = QDir(folder).filePath(SafeFileName::unique(c.key, QLatin1Char('.') + ext, &taken));
        if (!SafeFileName::isInside(folder, target))
            return makeError(target + QStringLiteral(": refusing to write outside the export folder"));
        auto cut = media::ClipCutter::cut(source, target, c.startMs, c.endMs, mode);
        if (!cut) return makeError(QStringLiteral("clip '%1': %2").arg(c.key, cut.error().message));
        written.append(target);
    }
    return written;
}

}  // namespace motor::io
