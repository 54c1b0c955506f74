#pragma once
// Adds recordings to a project: every file is probed and fingerprinted first (the slow,
// failure-prone part) and only then written in one transaction, so a bad file leaves
// the project exactly as it was.
#include <QString>
#include <QStringList>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

enum class ClipPolicy {
    OneClipPerFile,  // key = file base name, made unique ("lesson", "lesson-2")
    NoClips,         // segments come later (SegmentImporter)
};

struct MediaImportOptions {
    ClipPolicy clips = ClipPolicy::OneClipPerFile;
};

struct MediaImportReport {
    int mediaAdded = 0;
    int clipsAdded = 0;
    QStringList alreadyInProject;  // paths skipped because the project has them
    QStringList warnings;          // e.g. no clip for a file of unknown duration
};

class MediaImporter {
public:
    // paths: files (taken as given, whatever the extension) and folders (searched
    // recursively for video extensions). An empty selection is an error.
    static Result<MediaImportReport> importMedia(Project& project, const QStringList& paths,
                                                 const MediaImportOptions& options = {});
    // Finds the project's media by path as stored, as given, or relative to the project.
    static Result<Media> findMedia(Project& project, const QString& mediaPath);
};

}  // namespace motor::io
