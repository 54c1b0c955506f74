#include "ui/browser/ClipFilterProxy.h"

#include "core/util/NaturalOrder.h"
#include "ui/browser/ClipTableModel.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

ClipFilterProxy::ClipFilterProxy(ProjectSession* session, QObject* parent)
    : QSortFilterProxyModel(parent), session_(session) {
    setSortRole(ClipTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    // Labels change while the expert works; keep "unlabeled by me" honest without
    // making the row under the cursor vanish mid-keystroke (see MainWindow).
    setDynamicSortFilter(false);
}

void ClipFilterProxy::setSearchText(const QString& text) {
    search_ = text.trimmed();
    invalidateFilter();
}

void ClipFilterProxy::setStateFilter(StateFilter filter) {
    state_ = filter;
    invalidateFilter();
}

void ClipFilterProxy::setGroupFilter(const QString& group) {
    group_ = group;
    invalidateFilter();
}

void ClipFilterProxy::setClassFilter(const QString& dimensionEqualsClass) {
    class_ = dimensionEqualsClass;
    invalidateFilter();
}

void ClipFilterProxy::setClipSet(const QSet<qint64>& clipIds, const QString& description) {
    clipSet_ = clipIds;
    clipSetActive_ = true;
    clipSetDescription_ = description;
    invalidateFilter();
    emit clipSetChanged();
}

void ClipFilterProxy::clearClipSet() {
    if (!clipSetActive_) return;
    clipSet_.clear();
    clipSetActive_ = false;
    clipSetDescription_.clear();
    invalidateFilter();
    emit clipSetChanged();
}

bool ClipFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    if (sourceRow < 0 || sourceRow >= session_->clips().size()) return false;
    const Clip& clip = session_->clips()[sourceRow];
    if (clipSetActive_ && !clipSet_.contains(clip.id)) return false;
    if (!group_.isEmpty() && clip.group != group_) return false;
    if (!search_.isEmpty() && !clip.key.contains(search_, Qt::CaseInsensitive) &&
        !clip.group.contains(search_, Qt::CaseInsensitive) && !clip.session.contains(search_, Qt::CaseInsensitive))
        return false;
    switch (state_) {
        case StateFilter::All:
            break;
        case StateFilter::UnlabeledByMe:
            if (session_->isComplete(clip.id, session_->currentExpertId())) return false;
            break;
        case StateFilter::LabeledByMe:
            if (!session_->isComplete(clip.id, session_->currentExpertId())) return false;
            break;
        case StateFilter::Disagreements:
            if (session_->isBlind() || !session_->conflict(clip.id).any()) return false;
            break;
        case StateFilter::ModelVsExpert:
            if (session_->isBlind() || !session_->conflict(clip.id).modelDiffersFromExpert) return false;
            break;
    }
    if (!class_.isEmpty()) {
        const int eq = class_.indexOf(QLatin1Char('='));
        const QString dim = class_.left(eq);
        const QString cls = class_.mid(eq + 1);
        const auto& labels = session_->labelsOfClip(clip.id);
        bool found = false;
        // Blind coding: only the coder's own labels, or the filter would show the others'.
        const bool blind = session_->isBlind();
        for (auto it = labels.cbegin(); it != labels.cend() && !found; ++it)
            found = (!blind || it.key() == session_->currentExpertId()) && it.value().value(dim).label == cls;
        if (!found) return false;
    }
    return true;
}

bool ClipFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (left.column() == ClipTableModel::KeyColumn && right.column() == ClipTableModel::KeyColumn)
        return util::naturalLess(left.data(sortRole()).toString(), right.data(sortRole()).toString());
    return QSortFilterProxyModel::lessThan(left, right);
}

}  // namespace ui
}  // namespace motor
