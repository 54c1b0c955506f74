#include "core/media/MediaFingerprint.h"

#include <QCryptographicHash>
#include <QFile>

#include "core/util/LiveDatabaseFiles.h"

namespace motor::media {

Result<MediaFingerprint> MediaFingerprint::compute(const QString& path) {
    constexpr qint64 kChunk = 1 << 20;
    if (auto refused = util::LiveDatabaseFiles::refuse(path, QStringLiteral("a recording")); !refused)
        return refused.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return makeError(path + QStringLiteral(": cannot open: ") + f.errorString());
    QCryptographicHash h(QCryptographicHash::Sha256);
    const qint64 size = f.size();
    h.addData(QByteArray::number(size));
    h.addData(f.read(kChunk));
    if (size > kChunk) {
        f.seek(std::max(kChunk, size - kChunk));
        h.addData(f.read(kChunk));
    }
    if (f.error() != QFileDevice::NoError) return makeError(path + QStringLiteral(": read error: ") + f.errorString());
    return MediaFingerprint{size, QStringLiteral("v1:") + QString::fromLatin1(h.result().toHex())};
}

}  // namespace motor::media
