#pragma once
// One row per codebook dimension with one checkable button per class (its key in the
// caption, its definition as tooltip) and a note field. Every change is pushed as a
// SetLabelCommand, which commits through core at once: there is no Save button.
#include <QPointer>
#include <QVector>
#include <QWidget>

class QAbstractButton;
class QAction;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace motor {
namespace ui {

class ProjectSession;

class LabelPanel : public QWidget {
    Q_OBJECT
public:
    explicit LabelPanel(ProjectSession* session, QWidget* parent = nullptr);

    // Applies class `classIndex` of dimension `dimensionIndex` for the current expert
    // and clip, or clears it when it is already the label. Used by keys and buttons.
    void toggleClass(int dimensionIndex, int classIndex);
    void setNote(int dimensionIndex, const QString& note);
    void focusNote(int dimensionIndex = 0);
    // The class keys act only while labelling is on screen (the Label and Review views):
    // a digit typed on the Metrics tab must not change a label.
    void setKeysActive(bool active);
    bool keysActive() const { return keysActive_; }

signals:
    void nextUnlabeledRequested();

private:
    struct Row {
        QString dimension;
        QButtonGroup* group = nullptr;
        QVector<QPushButton*> buttons;
        QLineEdit* note = nullptr;
    };
    void rebuild();
    void refresh();
    void pushChange(int dimensionIndex, const QString& label, const QString& note);

    ProjectSession* session_;
    QLabel* header_ = nullptr;
    QVBoxLayout* rowsLayout_ = nullptr;
    QWidget* rowsHost_ = nullptr;
    QPushButton* nextButton_ = nullptr;
    QVector<Row> rows_;
    QVector<QAction*> keyActions_;
    bool keysActive_ = true;
};

}  // namespace ui
}  // namespace motor
