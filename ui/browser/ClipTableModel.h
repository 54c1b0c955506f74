#pragma once
// The project's clips as a table: key, group, duration, one label-state column per
// human expert, and the disagreement count. Reads only the session's in-memory index.
#include <QAbstractTableModel>
#include <QIcon>
#include <QVector>

#include "core/model/Entities.h"

namespace motor {
namespace ui {

class ProjectSession;

class ClipTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KeyColumn, ThumbnailColumn, GroupColumn, DurationColumn, DisagreementColumn, FirstExpertColumn };
    enum Role {
        ClipIdRole = Qt::UserRole + 1,
        SortRole,
        // The expert's labels, "dimension=class" each, for the class filter.
        LabelsRole,
    };

    explicit ClipTableModel(ProjectSession* session, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int rowOfClip(int64_t clipId) const;
    int64_t clipIdAt(int row) const;
    int64_t expertAtColumn(int column) const;
    void setThumbnail(int64_t clipId, const QIcon& icon);
    bool hasThumbnail(int64_t clipId) const { return thumbnails_.contains(clipId); }

private:
    void resetAll();
    QString labelSummary(int64_t clipId, int64_t annotatorId) const;

    ProjectSession* session_;
    QVector<Annotator> experts_;
    QHash<int64_t, QIcon> thumbnails_;
};

}  // namespace ui
}  // namespace motor
