#pragma once
// Asks who is labelling. Offers the project's experts and accepts a new name; the choice
// is remembered per project in QSettings and reused on the next open, unless "ask every
// time" is set (a shared computer). The status bar's coder switch changes it any time.
#include <QDialog>

class QCheckBox;
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
    // On a shared computer: ask on every open instead of reusing the remembered name.
    static bool askEveryOpen();
    static void setAskEveryOpen(bool ask);

private:
    QComboBox* names_;
    QCheckBox* askEveryOpen_;
};

}  // namespace ui
}  // namespace motor
