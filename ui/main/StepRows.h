#pragma once
// The rows an undoable step changed (utterances of a transcript edit, clips of a clip
// edit): those that differ between the step's two snapshots, or are in only one of them.
// Undo and redo write these and nothing else, and only while each is still as the step
// left it, so that what another window changed meanwhile is neither reverted nor lost.
#include <QHash>
#include <QSet>
#include <QVector>
#include <cstdint>
#include <optional>

namespace motor {
namespace ui {

// The step's rows (from `before` and `after`) as they are in `snapshot`; nullopt where a
// row is absent there. `same(a, b)` says whether two versions of a row are equal.
template <class Row, class Same>
QHash<int64_t, std::optional<Row>> stepRows(const QVector<Row>& before, const QVector<Row>& after,
                                            const QVector<Row>& snapshot, Same same) {
    QHash<int64_t, Row> was, is, in;
    QSet<int64_t> ids;
    for (const Row& r : before) {
        was.insert(r.id, r);
        ids.insert(r.id);
    }
    for (const Row& r : after) {
        is.insert(r.id, r);
        ids.insert(r.id);
    }
    for (const Row& r : snapshot) in.insert(r.id, r);
    QHash<int64_t, std::optional<Row>> out;
    for (int64_t id : ids) {
        const auto b = was.constFind(id), a = is.constFind(id);
        if (b == was.cend() || a == is.cend() || !same(*b, *a))
            out.insert(id, in.contains(id) ? std::optional<Row>(in.value(id)) : std::nullopt);
    }
    return out;
}

// True when every row of `expected` is in `current` as it is there (both from stepRows).
template <class Row, class Same>
bool stepRowsUnchanged(const QHash<int64_t, std::optional<Row>>& expected,
                       const QHash<int64_t, std::optional<Row>>& current, Same same) {
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const std::optional<Row>& c = current.value(it.key());
        if (it->has_value() != c.has_value() || (*it && !same(**it, *c))) return false;
    }
    return true;
}

}  // namespace ui
}  // namespace motor
