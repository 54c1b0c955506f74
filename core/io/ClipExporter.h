#pragma once
// Writes every clip as its own video file ("<clip key>.mp4", name made safe), for
// sharing a labelled data set. Cutting is core/media's ClipCutter; files appear only
// when complete.
#include <QString>
#include <QStringList>

#include "core/media/ClipCutter.h"
#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

class ClipExporter {
public:
    // Stops at the first failure (naming the clip); files already written stay.
    static Result<QStringList> exportClips(Project& project, const QString& folder,
                                           media::CutMode mode = media::CutMode::Auto);
};

}  // namespace motor::io
