#include "core/io/SafeFileName.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>

namespace motor::io {
namespace {

bool isReservedOnWindows(const QString& name) {
    // Device names are reserved with any extension too ("CON.eaf" opens the console).
    static const QRegularExpression re(QStringLiteral(R"(^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QString truncateUtf8(const QString& s, int maxBytes) {
    QString out;
    int bytes = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        // Keep surrogate pairs together.
        const qsizetype len = s.at(i).isHighSurrogate() && i + 1 < s.size() ? 2 : 1;
        const int size = int(s.mid(i, len).toUtf8().size());
        if (bytes + size > maxBytes) break;
        out += s.mid(i, len);
        bytes += size;
        i += len - 1;
    }
    return out;
}

}  // namespace

QString SafeFileName::component(const QString& name, int maxBytes) {
    QString s;
    s.reserve(name.size());
    for (const QChar c : name) {
        const bool forbidden = c.unicode() < 0x20 || c.unicode() == 0x7F || QStringLiteral("/\\:*?\"<>|").contains(c);
        s.append(forbidden ? QLatin1Char('_') : c);
    }
    // Windows drops trailing dots and spaces; leading dots hide files on Unix.
    while (!s.isEmpty() && (s.front() == QLatin1Char('.') || s.front().isSpace())) s.remove(0, 1);
    while (!s.isEmpty() && (s.back() == QLatin1Char('.') || s.back().isSpace())) s.chop(1);
    if (s.isEmpty()) s = QStringLiteral("_");
    if (isReservedOnWindows(s)) s.prepend(QLatin1Char('_'));
    if (s.toUtf8().size() > maxBytes) {
        const QString tag =
            QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex().left(8));
        s = truncateUtf8(s, maxBytes - 9) + QLatin1Char('-') + tag;
    }
    return s;
}

QString SafeFileName::unique(const QString& base, const QString& suffix, QSet<QString>* taken) {
    const QString stem = component(base);
    for (int n = 1;; ++n) {
        const QString candidate = (n == 1 ? stem : QStringLiteral("%1-%2").arg(stem).arg(n)) + suffix;
        if (taken->contains(candidate.toLower())) continue;
        taken->insert(candidate.toLower());
        return candidate;
    }
}

bool SafeFileName::isInside(const QString& folder, const QString& path) {
    const QString root = QDir::cleanPath(QDir(folder).absolutePath()) + QLatin1Char('/');
    const QString p = QDir::cleanPath(QDir(folder).absoluteFilePath(path));
    return p.startsWith(root) && p.size() > root.size();
}

}  // namespace motor::io
