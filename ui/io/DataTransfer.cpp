#include "ui/io/DataTransfer.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTime>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent>

#include "core/io/ClipExporter.h"
#include "core/io/CsvLabelExporter.h"
#include "core/io/EafExporter.h"
#include "core/io/JsonlExporter.h"
#include "core/io/LabelImporter.h"
#include "core/io/MediaImporter.h"
#include "core/io/StatisticsExporter.h"
#include "core/io/TranscriptImporter.h"
#include "core/store/Project.h"
#include "ui/main/CodebookText.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/ProjectSession.h"

namespace motor {
namespace ui {

DataTransfer::DataTransfer(ProjectSession* session, QWidget* window)
    : QObject(window), session_(session), window_(window) {
    connect(session_, &ProjectSession::projectOpened, this, &DataTransfer::updateEnabled);
    connect(session_, &ProjectSession::projectClosed, this, &DataTransfer::updateEnabled);
}

DataTransfer::~DataTransfer() {
    // A job still running holds its own connection and finishes on its own; it must not
    // report into a window that is gone.
    if (cancel_) cancel_->store(true);
}

void DataTransfer::addActions(QMenu* file) {
    QAction* media = file->addAction(tr("Import &media…"));
    QAction* transcripts = file->addAction(tr("Import &transcripts…"));
    QAction* labels = file->addAction(tr("Import &labels…"));
    QAction* merge = file->addAction(tr("Mer&ge copies of this project…"));
    exportAction_ = file->addAction(tr("&Export dataset…"));
    exportAction_->setShortcut(QKeySequence(tr("Ctrl+E")));
    connect(media, &QAction::triggered, this, &DataTransfer::importMediaDialog);
    connect(transcripts, &QAction::triggered, this, &DataTransfer::importTranscriptsDialog);
    connect(labels, &QAction::triggered, this, &DataTransfer::importLabelsDialog);
    connect(merge, &QAction::triggered, this, &DataTransfer::mergeProjectsDialog);
    connect(exportAction_, &QAction::triggered, this, &DataTransfer::exportDatasetDialog);
    actions_ = {media, transcripts, labels, merge, exportAction_};
    updateEnabled();
}

void DataTransfer::updateEnabled() {
    for (QAction* a : actions_) a->setEnabled(session_->isOpen() && !busy_);
}

void DataTransfer::importMediaDialog() {
    if (!session_->isOpen() || busy_) return;
    const QStringList files =
        openFileNames(window_, tr("Import media"), QFileInfo(session_->projectPath()).absolutePath(),
                      tr("Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v);;All files (*)"));
    if (!files.isEmpty()) importMedia(files);
}

void DataTransfer::importTranscriptsDialog() {
    if (!session_->isOpen() || busy_) return;
    // The recording the transcript belongs to: the current clip's, or chosen from a list.
    QStringList mediaPaths;
    QString current;
    for (const Clip& c : session_->clips()) {
        const QString p = session_->mediaPath(c.mediaId);
        if (!mediaPaths.contains(p)) mediaPaths << p;
        if (c.id == session_->currentClipId()) current = p;
    }
    if (mediaPaths.isEmpty()) {
        QMessageBox::information(window_, tr("Import transcripts"),
                                 tr("Import the recording first: a transcript belongs to a recording."));
        return;
    }
    QString mediaPath = current.isEmpty() ? mediaPaths.first() : current;
    if (mediaPaths.size() > 1) {
        bool ok = false;
        mediaPath = QInputDialog::getItem(window_, tr("Import transcripts"), tr("Transcript of the recording:"),
                                          mediaPaths, int(mediaPaths.indexOf(mediaPath)), false, &ok);
        if (!ok) return;
    }
    const QStringList files =
        openFileNames(window_, tr("Import transcripts"), QFileInfo(session_->projectPath()).absolutePath(),
                      tr("Transcripts (*.srt *.vtt *.eaf *.txt *.csv *.tsv *.json);;All files (*)"));
    if (files.isEmpty()) return;
    const auto merge = askTranscriptMerge(mediaPath);
    if (merge) importTranscripts(mediaPath, files, {}, *merge);
}

std::optional<io::TranscriptMerge> DataTransfer::askTranscriptMerge(const QString& mediaPath) {
    auto existing = io::TranscriptImporter::existingUtterances(*session_->project(), mediaPath);
    if (!existing || existing.value() == 0) return io::TranscriptMerge::IfEmpty;
    QMessageBox box(QMessageBox::Question, tr("Import transcripts"),
                    tr("%1 already has a transcript of %n utterance(s).", nullptr, existing.value())
                        .arg(QFileInfo(mediaPath).fileName()),
                    QMessageBox::NoButton, window_);
    box.setObjectName(QStringLiteral("TranscriptMergeQuestion"));
    box.setInformativeText(
        tr("Replace it with the new file, or add the new utterances beside it? "
           "Labels are not affected."));
    QPushButton* replace = box.addButton(tr("&Replace"), QMessageBox::DestructiveRole);
    replace->setObjectName(QStringLiteral("ReplaceButton"));
    QPushButton* add = box.addButton(tr("&Add beside it"), QMessageBox::AcceptRole);
    add->setObjectName(QStringLiteral("AddButton"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(add);
    box.exec();
    if (box.clickedButton() == replace) return io::TranscriptMerge::Replace;
    if (box.clickedButton() == add) return io::TranscriptMerge::Add;
    return std::nullopt;
}

void DataTransfer::importLabelsDialog() {
    if (!session_->isOpen() || busy_) return;
    const QString file = openFileName(window_, tr("Import labels"), QFileInfo(session_->projectPath()).absolutePath(),
                                      tr("Label tables (*.csv);;All files (*)"));
    if (!file.isEmpty()) importLabels(file);
}

void DataTransfer::exportDatasetDialog() {
    if (!session_->isOpen() || busy_) return;
    ExportDialog dialog(exportChoice(), window_);
    if (dialog.exec() != QDialog::Accepted) return;
    exportDataset(dialog.choice());
}

void DataTransfer::importMedia(const QStringList& paths) {
    start(Kind::Import, tr("Importing media"), 0,
          [paths](Project& project, const std::function<void(int)>&, const std::atomic<bool>&) -> Result<QString> {
              auto r = io::MediaImporter::importMedia(project, paths, {});
              if (!r) return r.error();
              const io::MediaImportReport& rep = r.value();
              QString text = tr("%n recording(s) imported", nullptr, rep.mediaAdded) + QStringLiteral(", ") +
                             tr("%n clip(s) made.", nullptr, rep.clipsAdded);
              if (!rep.alreadyInProject.isEmpty())
                  text +=
                      QLatin1Char(' ') + tr("%n already in the project.", nullptr, int(rep.alreadyInProject.size()));
              return text;
          });
}

void DataTransfer::importTranscripts(const QString& mediaPath, const QStringList& files, const QString& language,
                                     io::TranscriptMerge merge) {
    start(Kind::Import, tr("Importing transcripts"), 0,
          [mediaPath, files, language, merge](Project& project, const std::function<void(int)>&,
                                              const std::atomic<bool>&) -> Result<QString> {
              io::TranscriptReadOptions options;
              options.language = language;
              auto r = io::TranscriptImporter::importTranscripts(project, mediaPath, files, options, merge);
              if (!r) return r.error();
              const io::TranscriptImportReport& rep = r.value();
              QString text = tr("%n utterance(s) now in the transcript of %1.", nullptr, rep.total)
                                 .arg(QFileInfo(mediaPath).fileName());
              if (rep.replaced > 0)
                  text += QLatin1Char(' ') +
                          tr("Replaced %n earlier utterance(s) (%1–%2).", nullptr, rep.replaced)
                              .arg(QTime(0, 0).addMSecs(int(rep.replacedFromMs)).toString(QStringLiteral("m:ss")),
                                   QTime(0, 0).addMSecs(int(rep.replacedToMs)).toString(QStringLiteral("m:ss")));
              for (const QString& w : rep.warnings) text += QLatin1Char(' ') + tr("Warning: %1.").arg(w);
              return text;
          });
}

void DataTransfer::importLabels(const QString& csvPath, bool overwrite) {
    retry_ = [this, csvPath] { importLabels(csvPath, true); };
    retryQuestion_ = tr("The file would change labels the project has already.");
    retryButton_ = tr("&Overwrite them");
    start(Kind::Import, tr("Importing labels"), 0,
          [csvPath, overwrite](Project& project, const std::function<void(int)>&,
                               const std::atomic<bool>&) -> Result<QString> {
              io::LabelImportOptions options;
              options.overwrite = overwrite;
              auto r = io::LabelImporter::importLabels(project, csvPath, {}, options);
              if (!r) return r.error();
              return tr("%n label(s) imported", nullptr, r.value().labelsWritten) + QStringLiteral(", ") +
                     tr("%n changed", nullptr, int(r.value().changes.size())) + QStringLiteral(", ") +
                     tr("%n new coder(s).", nullptr, r.value().annotatorsCreated);
          });
}

void DataTransfer::mergeProjectsDialog() {
    if (!session_->isOpen() || busy_) return;
    const QStringList files =
        openFileNames(window_, tr("Merge other copies of this project"),
                      QFileInfo(session_->projectPath()).absolutePath(), tr("MOTOR projects (*.motor);;All files (*)"));
    if (!files.isEmpty()) {
        mergeProjects(files);
    } else if (auto* main = qobject_cast<QMainWindow*>(window_)) {
        main->statusBar()->showMessage(tr("Merge cancelled: nothing changed."), 8000);  // it was safe to cancel
    }
}

void DataTransfer::mergeProjects(const QStringList& sources, MergeResolution resolution) {
    retry_ = nullptr;
    if (resolution == MergeResolution::Report) {
        retryQuestion_ = tr("The same coder labelled some clips differently in the two copies.");
        retryChoices_ = {
            {tr("Keep &this project's"), [this, sources] { mergeProjects(sources, MergeResolution::KeepTarget); }},
            {tr("Take the &other copy's"), [this, sources] { mergeProjects(sources, MergeResolution::TakeSource); }},
            {tr("The &newer change wins"), [this, sources] { mergeProjects(sources, MergeResolution::Newer); }}};
    }
    // The worker names dimensions and classes as the interface does, from this copy.
    const Codebook codebook = session_->codebook();
    start(Kind::Merge, tr("Merging projects"), int(sources.size()),
          [sources, resolution, codebook](Project& project, const std::function<void(int)>& step,
                                          const std::atomic<bool>&) -> Result<QString> {
              QStringList done;
              int labels = 0, conflicts = 0;
              for (int i = 0; i < sources.size(); ++i) {
                  auto r = project.mergeFrom(sources[i], resolution);
                  if (!r) return r.error();
                  if (r->unresolved() > 0) {
                      QStringList listed;
                      for (const MergeConflict& c : r->conflicts) {
                          if (listed.size() == 5) break;
                          // Each side with its note, and which is the newer: what "the newer
                          // change wins" would keep.
                          auto side = [&](const QString& label, const QString& note, bool newer) {
                              QString text = classTitle(codebook, c.dimension, label);
                              if (!note.isEmpty()) text += QStringLiteral(" (\"%1\")").arg(note);
                              if (newer) text += QLatin1Char(' ') + tr("(newer)");
                              return text;
                          };
                          listed << tr("clip %1, %2, %3: here %4, there %5")
                                        .arg(c.clipKey, c.coder, dimensionTitle(codebook, c.dimension),
                                             side(c.targetLabel, c.targetNote, c.targetUpdatedMs > c.sourceUpdatedMs),
                                             side(c.sourceLabel, c.sourceNote, c.sourceUpdatedMs > c.targetUpdatedMs));
                      }
                      QString text =
                          tr("%1: %n conflicting label(s); nothing of this copy was merged.", nullptr, r->unresolved())
                              .arg(QFileInfo(sources[i]).fileName()) +
                          QLatin1Char('\n') + listed.join(QLatin1Char('\n'));
                      if (!done.isEmpty())
                          text += QLatin1Char('\n') + tr("Merged before it: %1.").arg(done.join(QStringLiteral(", ")));
                      return Error{text, ErrorCode::Conflict};
                  }
                  labels += r->labelsAdded + r->labelsReplaced;
                  conflicts += int(r->conflicts.size());
                  done << QFileInfo(sources[i]).fileName();
                  step(i + 1);
              }
              QString text =
                  tr("Merged %1: %n label(s) brought in", nullptr, labels).arg(done.join(QStringLiteral(", ")));
              if (conflicts > 0) text += QStringLiteral(", ") + tr("%n conflict(s) settled", nullptr, conflicts);
              return text + QLatin1Char('.');
          });
}

namespace {

// QSettings: the last export of each project, by its absolute path.
const char* const kExportChoices = "export/lastChoices";

QVariantMap toVariant(const ExportChoice& c) {
    return {{QStringLiteral("folder"), c.folder},       {QStringLiteral("csv"), c.csv},
            {QStringLiteral("jsonl"), c.jsonl},         {QStringLiteral("eaf"), c.eaf},
            {QStringLiteral("clips"), c.clips},         {QStringLiteral("wide"), c.wide},
            {QStringLiteral("agreement"), c.agreement}, {QStringLiteral("codingLog"), c.codingLog}};
}

}  // namespace

ExportChoice DataTransfer::exportChoice() const {
    const QFileInfo project(session_->projectPath());
    ExportChoice c;
    c.folder = project.absolutePath() + QStringLiteral("/") + project.completeBaseName() + QStringLiteral("-export");
    const QVariantMap saved =
        QSettings().value(QLatin1String(kExportChoices)).toMap().value(project.absoluteFilePath()).toMap();
    if (saved.value(QStringLiteral("folder")).toString().isEmpty()) return c;
    c.folder = saved.value(QStringLiteral("folder")).toString();
    c.csv = saved.value(QStringLiteral("csv")).toBool();
    c.jsonl = saved.value(QStringLiteral("jsonl")).toBool();
    c.eaf = saved.value(QStringLiteral("eaf")).toBool();
    c.clips = saved.value(QStringLiteral("clips")).toBool();
    c.wide = saved.value(QStringLiteral("wide")).toBool();
    c.agreement = saved.value(QStringLiteral("agreement")).toBool();
    c.codingLog = saved.value(QStringLiteral("codingLog")).toBool();
    return c;
}

void DataTransfer::exportDataset(const ExportChoice& choice) {
    QSettings settings;
    QVariantMap choices = settings.value(QLatin1String(kExportChoices)).toMap();
    choices.insert(QFileInfo(session_->projectPath()).absoluteFilePath(), toVariant(choice));
    settings.setValue(QLatin1String(kExportChoices), choices);
    const int steps = choice.steps();
    start(Kind::Export, tr("Exporting the dataset"), steps,
          [choice](Project& project, const std::function<void(int)>& step,
                   const std::atomic<bool>& cancel) -> Result<QString> {
              const QDir dir(choice.folder);
              if (!QDir().mkpath(choice.folder)) return makeError(tr("Cannot create the folder %1").arg(choice.folder));
              QStringList written;
              int done = 0;
              // Each format is one core call; cancel is honoured between them.
              auto next = [&]() {
                  step(++done);
                  return !cancel.load();
              };
              if (choice.csv) {
                  auto r = io::CsvLabelExporter::exportCsv(project, dir.filePath(QStringLiteral("labels.csv")));
                  if (!r) return r.error();
                  written << tr("%n label row(s)", nullptr, r.value());
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.wide) {
                  auto r = io::StatisticsExporter::exportWide(project, dir.filePath(QStringLiteral("wide.csv")));
                  if (!r) return r.error();
                  written << tr("a wide table of %n clip(s)", nullptr, r.value());
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.agreement) {
                  if (auto s = io::StatisticsExporter::exportAgreement(
                          project, dir.filePath(QStringLiteral("agreement.csv")),
                          dir.filePath(QStringLiteral("per_class.csv")),
                          dir.filePath(QStringLiteral("coefficients.csv")));
                      !s)
                      return s.error();
                  written << tr("the agreement and F1 tables");
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.codingLog) {
                  auto r =
                      io::StatisticsExporter::exportCodingLog(project, dir.filePath(QStringLiteral("coding_log.csv")));
                  if (!r) return r.error();
                  written << tr("a coding log of %n change(s)", nullptr, r.value());
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.jsonl) {
                  auto r = io::JsonlExporter::exportJsonl(project, dir.filePath(QStringLiteral("clips.jsonl")));
                  if (!r) return r.error();
                  written << tr("%n clip(s) in JSONL", nullptr, r.value());
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.eaf) {
                  auto r = io::EafExporter::exportEaf(project, dir.filePath(QStringLiteral("elan")));
                  if (!r) return r.error();
                  written << tr("%n ELAN document(s)", nullptr, int(r.value().size()));
                  if (!next()) return tr("Export cancelled after: %1.").arg(written.join(QStringLiteral(", ")));
              }
              if (choice.clips) {
                  auto r = io::ClipExporter::exportClips(project, dir.filePath(QStringLiteral("clips")));
                  if (!r) return r.error();
                  written << tr("%n clip video(s)", nullptr, int(r.value().size()));
                  step(++done);
              }
              return tr("Exported to %1: %2.")
                  .arg(QDir::toNativeSeparators(choice.folder), written.join(QStringLiteral(", ")));
          });
}

void DataTransfer::start(Kind kind, const QString& title, int steps, Job job) {
    if (!session_->isOpen() || busy_) return;
    busy_ = true;
    session_->beginLocalWrites();
    updateEnabled();
    lastError_.clear();
    lastMessage_.clear();
    const QString path = session_->projectPath();
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancel_ = cancel;

    auto* progress = new QProgressDialog(window_);
    progress->setObjectName(QStringLiteral("TransferProgress"));
    progress->setWindowTitle(title);
    // Honest about what Cancel can do: core's imports are one transaction with no hook
    // to stop them, so the work goes on and only the waiting ends.
    progress->setLabelText(
        kind != Kind::Export
            ? tr("%1…\n\nCancel only stops waiting: the import is one transaction that cannot "
                 "be stopped midway. It either completes in full or changes nothing.")
                  .arg(title)
            : tr("%1…\n\nCancel stops after the file being written; files already written stay.").arg(title));
    progress->setRange(0, steps);
    progress->setMinimumDuration(0);
    progress->setWindowModality(Qt::WindowModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumWidth(460);
    progress_ = progress;
    connect(progress, &QProgressDialog::canceled, this, [cancel, progress] {
        cancel->store(true);
        progress->hide();
        progress->deleteLater();
    });
    progress->show();

    QPointer<QProgressDialog> guard(progress);
    auto step = [guard](int done) {
        QMetaObject::invokeMethod(qApp, [guard, done] {
            if (guard) guard->setValue(done);
        });
    };
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher, kind, title, guard] {
        // QProgressDialog's closeEvent emits canceled(); closing it here is not a cancel.
        if (guard) {
            guard->blockSignals(true);
            guard->close();
        }
        const Result<QString> r = watcher->result();
        watcher->deleteLater();
        done(kind, title, r);
    });
    // The worker's own connection: Project is not shared across threads.
    watcher->setFuture(QtConcurrent::run([path, job, step, cancel]() -> Result<QString> {
        auto project = Project::open(path);
        if (!project) return project.error();
        return job(*project.value(), step, *cancel);
    }));
}

void DataTransfer::done(Kind kind, const QString& title, const Result<QString>& result) {
    busy_ = false;
    session_->endLocalWrites();
    const bool cancelled = cancel_ && cancel_->load();
    cancel_.reset();
    updateEnabled();
    // Even a cancelled import may have committed, and an export never changes the
    // project, so reloading after imports is always right.
    if (kind != Kind::Export && session_->isOpen()) {
        const Status reloaded = session_->reload();
        if (!reloaded && result) {
            lastError_ = reloaded.error().message;
            emit finished(false, lastError_);
            return;
        }
    }
    if (result) {
        lastMessage_ = result.value();
        emit finished(true, lastMessage_);
        return;
    }
    lastError_ = result.error().message;
    if (result.error().code == ErrorCode::Conflict && !cancelled && (retry_ || !retryChoices_.isEmpty())) {
        askToSettle(title);
        emit finished(false, lastError_);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, title, QString(), QMessageBox::Ok, window_);
    box->setObjectName(QStringLiteral("TransferError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setText(kind == Kind::Import ? tr("The import failed. Nothing was changed: an import is one transaction, "
                                           "so the project is exactly as it was.")
                 : kind == Kind::Merge
                     ? tr("The merge failed. The copy it failed on changed nothing (each copy is merged in one "
                          "transaction); copies merged before it stay merged.")
                     : tr("The export failed. Files written before the error stay in the folder."));
    box->setInformativeText(lastError_);
    if (!cancelled)
        box->open();  // not exec(): the event loop (and the tests) keep turning
    else
        box->deleteLater();
    emit finished(false, lastError_);
}

void DataTransfer::askToSettle(const QString& title) {
    auto* box = new QMessageBox(QMessageBox::Question, title, retryQuestion_, QMessageBox::NoButton, window_);
    box->setObjectName(QStringLiteral("ConflictQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Nothing was changed yet.") + QLatin1Char('\n') + lastError_);
    QVector<std::pair<QString, std::function<void()>>> choices = retryChoices_;
    if (retry_) choices.push_back({retryButton_, retry_});
    retry_ = nullptr;
    retryChoices_.clear();
    for (const auto& [text, action] : choices) {
        QPushButton* b = box->addButton(text, QMessageBox::AcceptRole);
        connect(b, &QPushButton::clicked, this, [action] { QTimer::singleShot(0, action); });
    }
    box->addButton(QMessageBox::Cancel);
    box->open();
}

}  // namespace ui
}  // namespace motor
