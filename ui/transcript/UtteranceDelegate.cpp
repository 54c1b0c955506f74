#include "ui/transcript/UtteranceDelegate.h"

#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <algorithm>

namespace motor {
namespace ui {

UtteranceDelegate::UtteranceDelegate(int speakerColumn, int textColumn, QObject* parent)
    : QStyledItemDelegate(parent), speakerColumn_(speakerColumn), textColumn_(textColumn) {}

QWidget* UtteranceDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex& index) const {
    if (index.column() == speakerColumn_) {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("SpeakerEditor"));
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        if (speakers_) combo->addItems(speakers_());
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return combo;
    }
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(index.column() == textColumn_ ? QStringLiteral("UtteranceTextEditor")
                                                      : QStringLiteral("UtteranceTimeEditor"));
    edit->setFrame(false);
    return edit;
}

void UtteranceDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                             const QModelIndex& index) const {
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
    // The speaker column is narrow: its combo is as wide as the names it offers, over the
    // text beside it while open.
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->resize(std::max(option.rect.width(), combo->sizeHint().width()), combo->height());
}

void UtteranceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    const QVariant exact = index.data(EditTextRole);
    const QString text = exact.isValid() ? exact.toString() : index.data(Qt::DisplayRole).toString();
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setCurrentText(text);
        if (combo->lineEdit()) combo->lineEdit()->selectAll();
    } else if (auto* edit = qobject_cast<QLineEdit*>(editor)) {
        edit->setText(text);
        edit->selectAll();
    }
    editor->setProperty("utteranceId", index.data(IdRole));
}

void UtteranceDelegate::setModelData(QWidget* editor, QAbstractItemModel*, const QModelIndex& index) const {
    QString value;
    if (auto* combo = qobject_cast<QComboBox*>(editor))
        value = combo->currentText();
    else if (auto* edit = qobject_cast<QLineEdit*>(editor))
        value = edit->text();
    else
        return;
    emit committed(index.data(IdRole).toLongLong(), index.column(), value);
}

bool UtteranceDelegate::eventFilter(QObject* object, QEvent* event) {
    auto* editor = qobject_cast<QWidget*>(object);
    if (editor && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) {
            // Moving on would open the next cell's editor over a table about to reload.
            emit commitData(editor);
            emit closeEditor(editor, NoHint);
            return true;
        }
        auto* edit = qobject_cast<QLineEdit*>(editor);
        if (edit && edit->objectName() == QLatin1String("UtteranceTextEditor") && key->key() == Qt::Key_P &&
            (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier) {
            const qint64 id = edit->property("utteranceId").toLongLong();
            const QString text = edit->text();
            const int cursor = edit->cursorPosition();
            emit closeEditor(editor, RevertModelCache);
            emit splitRequested(id, text, cursor);
            return true;
        }
    }
    return QStyledItemDelegate::eventFilter(object, event);
}

}  // namespace ui
}  // namespace motor
