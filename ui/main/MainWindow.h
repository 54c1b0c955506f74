#pragma once
// The studio window: start page while no project is open; otherwise the clip browser
// and label panel as docks around a tabbed centre (Label: player + transcript,
// Review, Metrics, Predict). Owns the ProjectSession every pane shares.
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QToolButton;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QDockWidget;

namespace motor {
struct Codebook;
namespace ui {

class ClipBrowser;
class LabelPanel;
class DataTransfer;
class MetricsDashboard;
class PlayerPane;
class PredictorPanel;
class ProjectSession;
class ReviewPane;
class SegmentView;
class StartPage;
class TranscriptPane;
class TranscribeDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class View { Label, Review, Metrics, Predict, Segment };
    enum class Interaction { Interactive, Unattended };  // Unattended: never open a dialog

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project; errors are shown in a dialog (Interactive) and returned as false.
    // expert: use this expert instead of asking (and remember it).
    bool openProject(const QString& path, const QString& expert = {},
                     Interaction interaction = Interaction::Interactive);
    void showView(View view);
    void restoreLayout();
    void applyDefaultDockSizes();

    ProjectSession* session() const { return session_; }
    ClipBrowser* browser() const { return browser_; }
    LabelPanel* labelPanel() const { return labels_; }
    PlayerPane* player() const { return player_; }
    TranscriptPane* transcript() const { return transcript_; }
    ReviewPane* review() const { return review_; }
    MetricsDashboard* metrics() const { return metrics_; }
    PredictorPanel* predictor() const { return predictor_; }
    SegmentView* segment() const { return segment_; }
    DataTransfer* transfer() const { return transfer_; }
    // The status bar's "Coder: NAME" switch (a menu button: its arrow is the style's).
    QToolButton* coderButton() const { return coderButton_; }
    // Labels from now on as `name` (an existing expert or a new one) and remembers it.
    bool switchCoder(const QString& name, Interaction interaction = Interaction::Interactive);
    QString lastError() const { return lastError_; }
    // Creates PATH with `codebook` and opens it; false (and lastError()) when it cannot.
    bool createProject(const QString& path, const Codebook& codebook,
                       Interaction interaction = Interaction::Interactive);
    // File ▸ Transcribe recording…: the dialog (one per window), for this recording
    // (0: the current clip's); null while no project is open.
    TranscribeDialog* openTranscribeDialog(qint64 mediaId = 0);

public slots:
    void openProjectDialog();
    void newProjectDialog();
    void openDemo();
    void nextUnlabeled();
    void showShortcuts();
    // Edit ▸ Codebook… (non-modal to the caller: the dialog opens and returns).
    void editCodebook();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void addRecent(const QString& path);
    void refreshRecentMenu();
    void updateTitleAndStatus();
    bool chooseExpert(const QString& forced, Interaction interaction);
    void askForCoder();
    void fillCoderMenu();
    // The label panel and its keys belong to the Label and Review views.
    void updateForView();
    void applyBlind();
    // The Segment tab's player while it is shown; the Label tab's otherwise.
    PlayerPane* activePlayer() const;
    void showError(const QString& title, const QString& message, Interaction interaction);
    QAction* addKey(QMenu* menu, const QString& text, const QKeySequence& key);

    ProjectSession* session_;
    QStackedWidget* stack_;
    StartPage* start_;
    QTabWidget* tabs_;
    ClipBrowser* browser_;
    LabelPanel* labels_;
    PlayerPane* player_;
    TranscriptPane* transcript_;
    ReviewPane* review_;
    MetricsDashboard* metrics_;
    PredictorPanel* predictor_;
    SegmentView* segment_;
    DataTransfer* transfer_;
    QDockWidget* browserDock_;
    QDockWidget* labelDock_;
    QMenu* recentMenu_ = nullptr;
    QToolButton* coderButton_;
    QMenu* coderMenu_;
    bool labelDockHiddenByUser_ = false;
    QLabel* progressStatus_;
    QLabel* pathStatus_;
    QString lastError_;
    bool demoRunning_ = false;
    QAction* blindAction_ = nullptr;
    QAction* reviewAction_ = nullptr;
    QAction* metricsAction_ = nullptr;
    QAction* unlockAction_ = nullptr;
    QPointer<TranscribeDialog> transcribeDialog_;
};

}  // namespace ui
}  // namespace motor
