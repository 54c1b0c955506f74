#pragma once
// Finds recordings that moved (another disk, a renamed folder) by their content
// fingerprint and points the project at the new paths. Only media whose stored path
// no longer exists are searched for; candidates of another size are not even hashed.
#include <QString>
#include <QStringList>

#include "core/store/Project.h"
#include "core/util/Result.h"

namespace motor::io {

struct RelinkReport {
    int relinked = 0;
    QStringList stillMissing;  // stored paths not found under the folder
};

class MediaRelinker {
public:
    static Result<RelinkReport> relink(Project& project, const QString& folder);
};

}  // namespace motor::io
