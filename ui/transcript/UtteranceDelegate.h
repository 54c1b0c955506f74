#pragma once
// In-place editors of the transcript table: a line edit for the text and the times, an
// editable combo of the recording's speakers for the speaker. The delegate never writes
// the table: it hands the edited value to the pane (committed), which commits it
// through core on the undo stack and reloads the table. Enter commits, Esc cancels,
// Tab commits without moving on, and Ctrl+P in the text asks to split it at the cursor.
#include <QStringList>
#include <QStyledItemDelegate>
#include <functional>

namespace motor {
namespace ui {

class UtteranceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // Item data the pane stores: the utterance id, and the text an editor starts with
    // when it differs from what the cell shows (the exact time behind a rounded one).
    static constexpr int IdRole = Qt::UserRole;
    static constexpr int EditTextRole = Qt::UserRole + 1;

    UtteranceDelegate(int speakerColumn, int textColumn, QObject* parent = nullptr);
    // The names the speaker combo offers (the recording's speakers), asked when it opens.
    void setSpeakerSource(std::function<QStringList()> source) { speakers_ = std::move(source); }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

signals:
    void committed(qint64 utteranceId, int column, const QString& value) const;
    void splitRequested(qint64 utteranceId, const QString& text, int cursorPosition) const;

protected:
    bool eventFilter(QObject* object, QEvent* event) override;

private:
    int speakerColumn_;
    int textColumn_;
    std::function<QStringList()> speakers_;
};

}  // namespace ui
}  // namespace motor
