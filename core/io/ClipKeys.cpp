#include "core/io/ClipKeys.h"

namespace motor::io {

Result<bool> ClipKeys::claim(const QString& key) {
    if (taken_.contains(key)) return false;
    auto existing = project_.clipByKey(key);
    if (!existing) return existing.error();
    if (existing->has_value()) return false;
    taken_.insert(key);
    return true;
}

Result<QString> ClipKeys::unique(const QString& wanted) {
    const QString base = wanted.trimmed().isEmpty() ? QStringLiteral("clip") : wanted.trimmed();
    for (int n = 1;; ++n) {
        const QString key = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        auto free = claim(key);
        if (!free) return free.error();
        if (*free) return key;
    }
}

}  // namespace motor::io
