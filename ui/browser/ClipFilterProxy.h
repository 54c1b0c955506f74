#pragma once
// Search and filters of the clip browser. A clip-set filter (from a confusion-matrix
// cell) restricts the view to exactly those clips until it is cleared.
#include <QSet>
#include <QSortFilterProxyModel>

namespace motor {
namespace ui {

class ProjectSession;

class ClipFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StateFilter { All, UnlabeledByMe, LabeledByMe, Disagreements, ModelVsExpert };

    ClipFilterProxy(ProjectSession* session, QObject* parent = nullptr);

    void setSearchText(const QString& text);
    void setStateFilter(StateFilter filter);
    void setGroupFilter(const QString& group);  // empty: all groups
    // "dimension=class": clips where some coder gave that label; empty: all.
    void setClassFilter(const QString& dimensionEqualsClass);
    void setClipSet(const QSet<qint64>& clipIds, const QString& description);
    void clearClipSet();
    bool hasClipSet() const { return clipSetActive_; }
    QString clipSetDescription() const { return clipSetDescription_; }

signals:
    void clipSetChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    // Clip ids in natural order (long-2 before long-10), like the store and the exports.
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ProjectSession* session_;
    QString search_;
    StateFilter state_ = StateFilter::All;
    QString group_;
    QString class_;
    QSet<qint64> clipSet_;
    bool clipSetActive_ = false;
    QString clipSetDescription_;
};

}  // namespace ui
}  // namespace motor
