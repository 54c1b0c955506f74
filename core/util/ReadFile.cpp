#include "core/util/ReadFile.h"

#include <QFile>

#include "core/util/LiveDatabaseFiles.h"

namespace motor::util {

Result<QByteArray> readFile(const QString& path, const QString& what) {
    if (auto refused = LiveDatabaseFiles::refuse(path, what); !refused) return refused.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return makeError(path + QStringLiteral(": cannot open: ") + f.errorString());
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError) return makeError(path + QStringLiteral(": read error: ") + f.errorString());
    return bytes;
}

}  // namespace motor::util
