#pragma once
// The clip table with its search and filter bar. Its selection drives every other pane
// through ProjectSession::setCurrentClip.
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class QWidget;

namespace motor {
namespace ui {

class ClipFilterProxy;
class ClipTableModel;
class ThumbnailLoader;
class ProjectSession;

class ClipBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ClipBrowser(ProjectSession* session, QWidget* parent = nullptr);

    ClipTableModel* model() const { return model_; }
    ClipFilterProxy* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    QLineEdit* searchField() const { return search_; }

    // Moves the selection by `delta` visible rows (wrapping off).
    void step(int delta);
    // Number of clips the filters currently show.
    int visibleClipCount() const;
    QList<qint64> visibleClipIds() const;

private:
    void rebuildFilterChoices();
    void selectCurrent();
    void onSelectionChanged();
    // When the filters hide the current clip, the first clip they show becomes current.
    void showAClipShown();
    // Applies a filter `change`; with `showShown`, then showAClipShown().
    void filter(const std::function<void()>& change, bool showShown = true);
    void refilter();
    void loadThumbnails();
    void fitColumns();

    ProjectSession* session_;
    ClipTableModel* model_;
    ClipFilterProxy* proxy_;
    QTableView* view_;
    QLineEdit* search_;
    QComboBox* state_;
    QComboBox* group_;
    QComboBox* class_;
    QWidget* chip_;
    QLabel* chipText_;
    QLabel* countLabel_;
    ThumbnailLoader* thumbnails_;
    bool filtering_ = false;
};

}  // namespace ui
}  // namespace motor
