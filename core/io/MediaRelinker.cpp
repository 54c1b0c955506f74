#include "core/io/MediaRelinker.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "core/io/MediaFileFinder.h"
#include "core/media/MediaFingerprint.h"
#include "core/util/LiveDatabaseFiles.h"

namespace motor::io {

Result<RelinkReport> MediaRelinker::relink(Project& project, const QString& folder) {
    if (!QFileInfo(folder).isDir()) return makeError(folder + QStringLiteral(": not a folder"));
    auto all = project.media();
    if (!all) return all.error();
    QVector<Media> missing;
    QSet<int64_t> wantedSizes;
    for (const Media& m : *all) {
        if (QFileInfo::exists(project.absoluteMediaPath(m))) continue;
        missing.append(m);
        wantedSizes.insert(m.sizeBytes);
    }
    RelinkReport report;
    if (missing.isEmpty()) return report;

    QHash<QString, QString> pathByHash;
    for (const QString& file : MediaFileFinder::findVideos(folder)) {
        if (!wantedSizes.contains(QFileInfo(file).size()) || util::LiveDatabaseFiles::contains(file)) continue;
        auto fp = media::MediaFingerprint::compute(file);
        if (!fp) return fp.error();
        if (!pathByHash.contains(fp->hash)) pathByHash.insert(fp->hash, file);
    }
    const Status s = project.transaction([&]() -> Status {
        for (const Media& m : missing) {
            const QString found = m.contentHash.isEmpty() ? QString() : pathByHash.value(m.contentHash);
            if (found.isEmpty()) {
                report.stillMissing.append(m.path);
                continue;
            }
            if (auto u = project.updateMediaPath(m.id, project.relativeMediaPath(found)); !u) return u;
            ++report.relinked;
        }
        return {};
    });
    if (!s) return s.error();
    return report;
}

}  // namespace motor::io
