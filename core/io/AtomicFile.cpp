#include "core/io/AtomicFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include "core/util/LiveDatabaseFiles.h"

namespace motor::io {

Status AtomicFile::write(const QString& path, const QByteArray& bytes) {
    if (auto refused = util::LiveDatabaseFiles::refuse(path, QStringLiteral("an export file")); !refused)
        return refused;
    const QString parent = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(parent)) return makeError(parent + QStringLiteral(": cannot create folder"));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return makeError(path + QStringLiteral(": cannot write: ") + f.errorString());
    if (f.write(bytes) != bytes.size()) {
        const QString why = f.errorString();
        f.cancelWriting();
        return makeError(path + QStringLiteral(": write failed: ") + why);
    }
    if (!f.commit()) return makeError(path + QStringLiteral(": cannot finish writing: ") + f.errorString());
    return {};
}

}  // namespace motor::io
