#include "ui/browser/ClipTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QStringList>
#include <algorithm>

#include "ui/main/CodebookText.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

ClipTableModel::ClipTableModel(ProjectSession* session, QObject* parent)
    : QAbstractTableModel(parent), session_(session) {
    // Thumbnails belong to a project; other resets (new coder, reload) keep them.
    connect(session_, &ProjectSession::projectOpened, this, [this] { thumbnails_.clear(); });
    connect(session_, &ProjectSession::projectClosed, this, [this] { thumbnails_.clear(); });
    connect(session_, &ProjectSession::projectOpened, this, &ClipTableModel::resetAll);
    connect(session_, &ProjectSession::projectClosed, this, &ClipTableModel::resetAll);
    connect(session_, &ProjectSession::annotatorsChanged, this, &ClipTableModel::resetAll);
    connect(session_, &ProjectSession::labelsReloaded, this, &ClipTableModel::resetAll);
    connect(session_, &ProjectSession::blindChanged, this, &ClipTableModel::resetAll);
    // The current coder's column comes first (in blind coding it is the only one): another
    // coder, another order.
    connect(session_, &ProjectSession::currentExpertChanged, this, &ClipTableModel::resetAll);
    connect(session_, &ProjectSession::conflictScopeChanged, this, [this] {
        if (rowCount() > 0) emit dataChanged(index(0, DisagreementColumn), index(rowCount() - 1, DisagreementColumn));
        emit headerDataChanged(Qt::Horizontal, DisagreementColumn, DisagreementColumn);
    });
    connect(session_, &ProjectSession::labelsChanged, this, [this](const QVector<qint64>& clipIds) {
        int first = rowCount(), last = -1;
        for (qint64 id : clipIds) {
            const int row = rowOfClip(id);
            if (row < 0) continue;
            first = std::min(first, row);
            last = std::max(last, row);
        }
        if (last >= first) emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    });
    resetAll();
}

void ClipTableModel::resetAll() {
    beginResetModel();
    experts_ = session_->annotatorsOfKind(AnnotatorKind::Human);
    // Blind coding: the coder sees only their own column.
    if (session_->isBlind())
        experts_.erase(std::remove_if(experts_.begin(), experts_.end(),
                                      [&](const Annotator& a) { return a.id != session_->currentExpertId(); }),
                       experts_.end());
    // The coder's own column first, in sight however many experts there are.
    std::stable_partition(experts_.begin(), experts_.end(),
                          [&](const Annotator& a) { return a.id == session_->currentExpertId(); });
    endResetModel();
}

int ClipTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(session_->clips().size());
}

int ClipTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstExpertColumn + int(experts_.size());
}

int ClipTableModel::rowOfClip(int64_t clipId) const {
    return session_->clipRow(clipId);
}

int64_t ClipTableModel::clipIdAt(int row) const {
    const auto& clips = session_->clips();
    return row >= 0 && row < clips.size() ? clips[row].id : 0;
}

int64_t ClipTableModel::expertAtColumn(int column) const {
    const int i = column - FirstExpertColumn;
    return i >= 0 && i < experts_.size() ? experts_[i].id : 0;
}

void ClipTableModel::setThumbnail(int64_t clipId, const QIcon& icon) {
    thumbnails_.insert(clipId, icon);
    const int row = rowOfClip(clipId);
    if (row >= 0) emit dataChanged(index(row, ThumbnailColumn), index(row, ThumbnailColumn), {Qt::DecorationRole});
}

QString ClipTableModel::labelSummary(int64_t clipId, int64_t annotatorId) const {
    // Three letters per class keep a row readable: Mon · Neu · Pos.
    QStringList parts;
    const auto& mine = session_->labelsOfClip(clipId).value(annotatorId);
    bool any = false;
    for (const Dimension& d : session_->codebook().dimensions) {
        const QString l = mine.value(d.name).label;
        any = any || !l.isEmpty();
        parts << (l.isEmpty() ? QStringLiteral("–") : classTitle(d, l).left(3));
    }
    return any ? parts.join(QStringLiteral(" · ")) : QString();
}

QVariant ClipTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= session_->clips().size()) return {};
    const Clip& clip = session_->clips()[index.row()];
    const int col = index.column();
    if (role == ClipIdRole) return QVariant::fromValue<qint64>(clip.id);
    if (role == LabelsRole) {
        QStringList out;
        const auto& labels = session_->labelsOfClip(clip.id);
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            for (const Annotation& a : it.value()) out << a.dimension + QLatin1Char('=') + a.label;
        return out;
    }
    if (col == ThumbnailColumn) {
        if (role == Qt::DecorationRole) return thumbnails_.value(clip.id);
        return {};
    }
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (col) {
            case KeyColumn:
                return clip.key;
            case GroupColumn:
                return clip.group;
            case DurationColumn:
                if (role == SortRole) return QVariant::fromValue<qint64>(clip.durationMs());
                return QStringLiteral("%1 s").arg(QLocale().toString(clip.durationMs() / 1000.0, 'f', 1));
            case DisagreementColumn: {
                if (session_->isBlind()) return QVariant();
                const metrics::ClipConflict c = session_->conflict(clip.id);
                if (role == SortRole) return c.dissentingCoders;
                return c.any() ? tr("%n dim.", nullptr, c.conflictingDimensions) : QString();
            }
            default: {
                const int64_t expert = expertAtColumn(col);
                if (role == SortRole)
                    return session_->isComplete(clip.id, expert) ? 2 : labelSummary(clip.id, expert).isEmpty() ? 0 : 1;
                return labelSummary(clip.id, expert);
            }
        }
    }
    if (role == Qt::ToolTipRole && col >= FirstExpertColumn) {
        const int64_t expert = expertAtColumn(col);
        QStringList lines;
        const auto& mine = session_->labelsOfClip(clip.id).value(expert);
        for (const Dimension& d : session_->codebook().dimensions)
            lines << QStringLiteral("%1: %2").arg(dimensionTitle(d), mine.value(d.name).label.isEmpty()
                                                                         ? tr("(none)")
                                                                         : classTitle(d, mine.value(d.name).label));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::ForegroundRole && col >= FirstExpertColumn) {
        if (!session_->isComplete(clip.id, expertAtColumn(col))) return QBrush(QColor(0x8a, 0x6d, 0x1f));
    }
    if (role == Qt::BackgroundRole && col == DisagreementColumn && !session_->isBlind() &&
        session_->conflict(clip.id).any())
        return QBrush(QColor(0xfb, 0xe3, 0xe1));
    if (role == Qt::FontRole && col >= FirstExpertColumn && expertAtColumn(col) == session_->currentExpertId()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && (col == DurationColumn || col == DisagreementColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ClipTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case KeyColumn:
                return tr("Clip");
            case ThumbnailColumn:
                return QString();
            case GroupColumn:
                return tr("Group");
            case DurationColumn:
                return tr("Duration");
            case DisagreementColumn:
                return tr("Conflict");
            default: {
                const int i = section - FirstExpertColumn;
                return i >= 0 && i < experts_.size() ? experts_[i].name : QVariant();
            }
        }
    }
    if (role == Qt::ToolTipRole) {
        if (section == DisagreementColumn)
            return session_->conflictScope() == metrics::ConflictScope::Experts
                       ? tr("Dimensions on which the experts disagree (red). Model runs and baselines are not "
                            "counted; choose \"all coders\" in Review to count them.")
                       : tr("Dimensions on which any two coders disagree, model runs and baselines included (red).");
        if (section >= FirstExpertColumn) return tr("This expert's labels, one per dimension");
    }
    return {};
}

}  // namespace ui
}  // namespace motor
