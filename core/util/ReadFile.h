#pragma once
// Reads a whole user-chosen file (transcript, labels, codebook, prompt). The one place
// such files are opened: it refuses the database files of projects open in this process,
// whose raw open/close would drop SQLite's locks (see LiveDatabaseFiles.h).
#include <QByteArray>
#include <QString>

#include "core/util/Result.h"

namespace motor::util {

// `what` names what the caller expected ("a transcript") for the refusal message.
Result<QByteArray> readFile(const QString& path, const QString& what);

}  // namespace motor::util
