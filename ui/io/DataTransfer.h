#pragma once
// File ▸ Import media / transcripts / labels and Export dataset. Every job runs in a
// worker thread on its own Project connection to the same file (SQLite connections are
// per thread), under a progress dialog; afterwards the session reloads so every view
// shows the new data. Core's imports are single transactions without a cancel hook, so
// Cancel there only stops waiting (the dialog says so); exports stop between files.
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "core/io/TranscriptImporter.h"
#include "core/store/MergeReport.h"
#include "core/util/Result.h"
#include "ui/io/ExportDialog.h"

class QAction;
class QMenu;
class QProgressDialog;
class QWidget;

namespace motor {
class Project;
namespace ui {

class ProjectSession;

class DataTransfer : public QObject {
    Q_OBJECT
public:
    DataTransfer(ProjectSession* session, QWidget* window);
    ~DataTransfer() override;

    // Adds the four actions to the File menu; they are enabled while a project is open.
    void addActions(QMenu* file);
    QAction* exportAction() const { return exportAction_; }

    // The jobs themselves, without file dialogs (the actions ask first; tests call these).
    void importMedia(const QStringList& paths);
    void importTranscripts(const QString& mediaPath, const QStringList& files, const QString& language = {},
                           io::TranscriptMerge merge = io::TranscriptMerge::IfEmpty);
    // When the recording has a transcript already, asks whether the new one replaces it
    // or is added beside it (a message box named "TranscriptMergeQuestion"); nullopt
    // when the user cancels. IfEmpty when there is nothing to ask about.
    std::optional<io::TranscriptMerge> askTranscriptMerge(const QString& mediaPath);
    // A file that would change labels the project has asks first (a message box named
    // "ConflictQuestion"); overwrite replaces them without asking.
    void importLabels(const QString& csvPath, bool overwrite = false);
    // File ▸ Merge: other copies of this project (coders' laptops), one transaction each.
    // Conflicting labels ask how to settle them ("ConflictQuestion") unless `resolution`
    // says.
    void mergeProjects(const QStringList& sources, MergeResolution resolution = MergeResolution::Report);
    // Remembers the choice for this project (exportChoice()), whether or not it succeeds:
    // after a failure the user corrects the folder rather than typing it again.
    void exportDataset(const ExportChoice& choice);
    // What File ▸ Export dataset… starts with: this project's last export (kept across
    // sessions), or labels.csv and clips.jsonl in "<project>-export" beside the project.
    ExportChoice exportChoice() const;

    bool isBusy() const { return busy_; }
    QString lastError() const { return lastError_; }
    QString lastMessage() const { return lastMessage_; }

public slots:
    void importMediaDialog();
    void importTranscriptsDialog();
    void importLabelsDialog();
    void mergeProjectsDialog();
    void exportDatasetDialog();

signals:
    // After every job, once the session has reloaded. message: the summary or the error.
    void finished(bool ok, const QString& message);

private:
    // A job reports steps done through `step` (queued to the dialog) and may look at
    // `cancel` between steps; it returns the summary shown in the status bar.
    using Job = std::function<Result<QString>(Project& project, const std::function<void(int)>& step,
                                              const std::atomic<bool>& cancel)>;
    enum class Kind { Import, Merge, Export };  // Merge: an import of other copies, one transaction each
    void start(Kind kind, const QString& title, int steps, Job job);
    void done(Kind kind, const QString& title, const Result<QString>& result);
    void updateEnabled();
    void askToSettle(const QString& title);

    ProjectSession* session_;
    QWidget* window_;
    QList<QAction*> actions_;
    QAction* exportAction_ = nullptr;
    QPointer<QProgressDialog> progress_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool busy_ = false;
    QString lastError_;
    QString lastMessage_;
    // What a Conflict result offers: one retry (overwrite) or several ways to settle.
    std::function<void()> retry_;
    QString retryQuestion_;
    QString retryButton_;
    QVector<std::pair<QString, std::function<void()>>> retryChoices_;
};

}  // namespace ui
}  // namespace motor
