#pragma once
// Asks once per project who is labelling. Offers the project's experts and accepts a
// new name; the choice is remembered per project in QSettings.
#include <QDialog>

class QComboBox;

namespace motor {
namespace ui {

class ExpertDialog : public QDialog {
    Q_OBJECT
public:
    ExpertDialog(const QStringList& experts, const QString& suggestion, QWidget* parent = nullptr);
    QString expertName() const;

    static QString remembered(const QString& projectPath);
    static void remember(const QString& projectPath, const QString& expert);

private:
    QComboBox* names_;
};

}  // namespace ui
}  // namespace motor
