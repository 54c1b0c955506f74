#pragma once
// Exports replace their target only when complete: written to a temporary file in the
// same folder (so the rename cannot cross file systems) and renamed over it. A crash
// or a full disk leaves the previous export intact and no half-written file.
#include <QByteArray>
#include <QString>

#include "core/util/Result.h"

namespace motor::io {

class AtomicFile {
public:
    // Creates the parent folder when missing.
    static Status write(const QString& path, const QByteArray& bytes);
};

}  // namespace motor::io
