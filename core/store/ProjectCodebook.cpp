// Project: codebook versions (split from Project.cpp). A new version never leaves a
// stored label without its class: a change that would is refused, and a rename moves the
// labels (and their audit history) with it, all in one transaction.
#include <QHash>
#include <QJsonDocument>

#include "core/store/Project.h"

namespace motor {

namespace {

// The (dimension, class) a stored label has in `next` after the renames.
struct NameMap {
    QHash<QString, QString> dimensions;               // old -> new
    QHash<QPair<QString, QString>, QString> classes;  // (old dimension, old class) -> new class

    QPair<QString, QString> map(const QString& dimension, const QString& cls) const {
        return {dimensions.value(dimension, dimension), classes.value({dimension, cls}, cls)};
    }
};

Result<NameMap> readRenames(const Codebook& current, const Codebook& next, const QVector<CodebookRename>& renames) {
    NameMap map;
    for (const CodebookRename& r : renames) {
        const Dimension* dim = current.dimension(r.dimension);
        if (!dim) return makeError(QStringLiteral("rename: the codebook has no dimension \"%1\"").arg(r.dimension));
        if (r.to.trimmed().isEmpty())
            return makeError(QStringLiteral("rename of \"%1\": the new name is empty").arg(r.dimension));
        if (r.fromClass.isEmpty()) {
            if (!next.dimension(r.to))
                return makeError(QStringLiteral("rename of dimension \"%1\": the new codebook has no dimension \"%2\"")
                                     .arg(r.dimension, r.to));
            map.dimensions.insert(r.dimension, r.to);
        } else {
            if (dim->classIndex(r.fromClass) < 0)
                return makeError(
                    QStringLiteral("rename: dimension \"%1\" has no class \"%2\"").arg(r.dimension, r.fromClass));
            map.classes.insert({r.dimension, r.fromClass}, r.to);
        }
    }
    for (auto it = map.classes.cbegin(); it != map.classes.cend(); ++it) {
        const QString newDim = map.dimensions.value(it.key().first, it.key().first);
        const Dimension* target = next.dimension(newDim);
        if (!target || target->classIndex(it.value()) < 0)
            return makeError(QStringLiteral("rename of class \"%1/%2\": the new codebook has no class \"%3/%4\"")
                                 .arg(it.key().first, it.key().second, newDim, it.value()));
    }
    return map;
}

}  // namespace

Result<QVector<Codebook>> Project::codebookVersions() {
    auto st = db_.prepare(QStringLiteral("SELECT json FROM codebooks ORDER BY id"));
    if (!st) return st.error();
    QVector<Codebook> out;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        auto cb = Codebook::fromJson(st->text(0).toUtf8(), path_ + QStringLiteral(" (codebook)"));
        if (!cb) return cb.error();
        out.push_back(cb.value());
    }
    return out;
}

Result<CodebookChange> Project::planCodebookChange(const Codebook& next, const QVector<CodebookRename>& renames) {
    if (auto valid = next.validate(QStringLiteral("codebook")); !valid) return valid.error();
    auto map = readRenames(codebook_, next, renames);
    if (!map) return map.error();
    auto st = db_.prepare(QStringLiteral(
        "SELECT dimension, label, COUNT(*) FROM annotations GROUP BY dimension, label ORDER BY dimension, label"));
    if (!st) return st.error();
    CodebookChange change;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!row.value()) break;
        const QString dimension = st->text(0);
        const QString label = st->text(1);
        const int count = int(st->int64(2));
        // Labels the current codebook already lacks (an older version's) are not this
        // change's doing; they stay as they are.
        const Dimension* now = codebook_.dimension(dimension);
        if (!now || now->classIndex(label) < 0) continue;
        const auto [newDim, newClass] = map->map(dimension, label);
        const Dimension* after = next.dimension(newDim);
        if (!after || after->classIndex(newClass) < 0) {
            change.orphaned << QStringLiteral("%1/%2: %3 labels").arg(dimension, label).arg(count);
            continue;
        }
        if (newDim != dimension || newClass != label) change.migratedLabels += count;
    }
    return change;
}

Result<CodebookChange> Project::changeCodebook(Codebook next, const QVector<CodebookRename>& renames) {
    CodebookChange change;
    const Status s = transaction([&]() -> Status {
        auto plan = planCodebookChange(next, renames);
        if (!plan) return plan.error();
        change = plan.value();
        if (!change.orphaned.isEmpty())
            return makeError(QStringLiteral("the new codebook would leave labels without a class (%1); rename the "
                                            "class instead of removing it, or clear those labels first")
                                 .arg(change.orphaned.join(QStringLiteral("; "))));
        next.version = codebook_.version;
        if (next == codebook_ && renames.isEmpty()) return {};
        next.version = codebook_.version + 1;
        // Two steps through placeholders, so that swapping two names works.
        auto rename = [&](const char* table, const char* column, const QString& where, const QString& from,
                          const QString& to) -> Status {
            const QString sql = QStringLiteral("UPDATE %1 SET %2 = ? WHERE %2 = ?%3")
                                    .arg(QLatin1String(table), QLatin1String(column), where);
            auto st = db_.prepare(sql);
            if (!st) return st.error();
            st->bind(1, to).bind(2, from);
            return st->run();
        };
        auto renameClass = [&](const QString& dimension, const QString& from, const QString& to) -> Status {
            auto st = db_.prepare(QStringLiteral("UPDATE annotations SET label = ? WHERE dimension = ? AND label = ?"));
            if (!st) return st.error();
            st->bind(1, to).bind(2, dimension).bind(3, from);
            if (auto r = st->run(); !r) return r;
            for (const char* column : {"old_label", "new_label"}) {
                auto audit = db_.prepare(QStringLiteral("UPDATE audit_log SET %1 = ? WHERE dimension = ? AND %1 = ?")
                                             .arg(QLatin1String(column)));
                if (!audit) return audit.error();
                audit->bind(1, to).bind(2, dimension).bind(3, from);
                if (auto r = audit->run(); !r) return r;
            }
            return {};
        };
        int n = 0;
        QVector<QPair<CodebookRename, QString>> placed;
        for (const CodebookRename& r : renames) {
            const QString placeholder = QStringLiteral("#motor-rename-%1#").arg(n++);
            placed.push_back({r, placeholder});
            if (r.fromClass.isEmpty()) continue;
            if (auto st = renameClass(r.dimension, r.fromClass, placeholder); !st) return st;
        }
        for (const auto& [r, placeholder] : placed)
            if (!r.fromClass.isEmpty())
                if (auto st = renameClass(r.dimension, placeholder, r.to); !st) return st;
        for (const auto& [r, placeholder] : placed)
            if (r.fromClass.isEmpty())
                for (const char* table : {"annotations", "audit_log"})
                    if (auto st = rename(table, "dimension", {}, r.dimension, placeholder); !st) return st;
        for (const auto& [r, placeholder] : placed)
            if (r.fromClass.isEmpty())
                for (const char* table : {"annotations", "audit_log"})
                    if (auto st = rename(table, "dimension", {}, placeholder, r.to); !st) return st;
        return setCodebook(next);
    });
    if (!s) return s.error();
    return change;
}

}  // namespace motor
