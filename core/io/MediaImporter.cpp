#include "core/io/MediaImporter.h"

#include <QFileInfo>

#include "core/io/ClipKeys.h"
#include "core/io/MediaFileFinder.h"
#include "core/media/MediaFingerprint.h"
#include "core/media/MediaProbe.h"

namespace motor::io {

Result<Media> MediaImporter::findMedia(Project& project, const QString& mediaPath) {
    for (const QString& candidate : {mediaPath, project.relativeMediaPath(mediaPath)}) {
        auto m = project.mediaByPath(candidate);
        if (!m) return m.error();
        if (m->has_value()) return **m;
    }
    return makeError(mediaPath + QStringLiteral(": not a media file of this project (import it first)"));
}

Result<MediaImportReport> MediaImporter::importMedia(Project& project, const QStringList& paths,
                                                     const MediaImportOptions& options) {
    QStringList files;
    for (const QString& p : paths) {
        const QFileInfo info(p);
        if (info.isDir())
            files += MediaFileFinder::findVideos(p);
        else if (info.isFile())
            files.append(info.absoluteFilePath());
        else
            return makeError(p + QStringLiteral(": no such file or folder"));
    }
    files.removeDuplicates();
    if (files.isEmpty()) return makeError(paths.join(QStringLiteral(", ")) + QStringLiteral(": no video files found"));

    // Probe and hash outside the transaction: it can take minutes on a folder of
    // recordings and must not hold the write lock while the expert labels.
    QVector<Media> staged;
    for (const QString& file : files) {
        auto info = media::MediaProbe::probe(file);
        if (!info) return makeError(file + QStringLiteral(": cannot import: ") + info.error().message);
        if (!info->hasVideo) return makeError(file + QStringLiteral(": cannot import: no video stream"));
        if (info->truncated())
            return makeError(file +
                             QStringLiteral(": cannot import: the file is truncated: its data ends at %1 s of the "
                                            "%2 s its header states (an interrupted copy?). Copy it again from "
                                            "the original.")
                                 .arg(double(info->dataEndMs) / 1000.0, 0, 'f', 2)
                                 .arg(double(info->durationMs) / 1000.0, 0, 'f', 2));
        auto fp = media::MediaFingerprint::compute(file);
        if (!fp) return fp.error();
        Media m;
        m.path = project.relativeMediaPath(file);
        m.sizeBytes = fp->sizeBytes;
        m.contentHash = fp->hash;
        m.durationMs = info->durationMs;
        m.fps = info->fps;
        m.width = info->width;
        m.height = info->height;
        m.rotationDeg = info->rotationDeg;
        m.hasAudio = info->hasAudio;
        staged.append(m);
    }

    MediaImportReport report;
    const Status s = project.transaction([&]() -> Status {
        ClipKeys keys(project);
        for (const Media& m : staged) {
            auto existing = project.mediaByPath(m.path);
            if (!existing) return existing.error();
            if (existing->has_value()) {
                report.alreadyInProject.append(m.path);
                continue;
            }
            auto id = project.addMedia(m);
            if (!id) return id.error();
            ++report.mediaAdded;
            if (options.clips == ClipPolicy::NoClips) continue;
            if (m.durationMs <= 0) {
                report.warnings.append(m.path + QStringLiteral(": unknown duration, no clip made"));
                continue;
            }
            auto key = keys.unique(QFileInfo(m.path).completeBaseName());
            if (!key) return key.error();
            Clip c;
            c.key = *key;
            c.mediaId = *id;
            c.startMs = 0;
            c.endMs = m.durationMs;
            if (auto clip = project.addClip(c); !clip) return clip.error();
            ++report.clipsAdded;
        }
        return {};
    });
    if (!s) return s.error();
    return report;
}

}  // namespace motor::io
