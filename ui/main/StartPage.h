#pragma once
// Shown while no project is open: open, create, try the demo, or pick a recent project.
#include <QWidget>

class QListWidget;

namespace motor {
namespace ui {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    void setRecentProjects(const QStringList& paths);

signals:
    void openRequested();
    void createRequested();
    void demoRequested();
    void recentRequested(const QString& path);

private:
    QListWidget* recent_;
};

}  // namespace ui
}  // namespace motor
