#include "ui/main/ScreenshotRunner.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QMediaPlayer>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QScreen>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "core/store/Project.h"
#include "ui/codebook/CodebookEditor.h"
#include "ui/io/DataTransfer.h"
#include "ui/io/ExportDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/main/ProjectSession.h"
#include "ui/metrics/MetricsDashboard.h"
#include "ui/player/PlayerPane.h"
#include "ui/predict/PredictorPanel.h"
#include "ui/review/ReviewPane.h"
#include "ui/segment/SegmentView.h"
#include "ui/transcript/TranscribeDialog.h"
#include "ui/transcript/TranscriptPane.h"

namespace motor {
namespace ui {

Status ScreenshotRunner::shootWithDialog(QWidget* dialog, const QString& pngPath) {
    dialog->move(window_->geometry().center() - dialog->rect().center());
    settle(400);
    QPixmap shot;
    if (QGuiApplication::platformName() == QLatin1String("xcb") && window_->screen())
        shot = window_->screen()->grabWindow(0, window_->x(), window_->y(), window_->width(), window_->height());
    if (shot.isNull()) {
        shot = window_->grab();
        QPainter p(&shot);
        p.drawPixmap(dialog->geometry().topLeft() - window_->geometry().topLeft(), dialog->grab());
    }
    QDir().mkpath(QFileInfo(pngPath).absolutePath());
    if (!shot.save(pngPath, "PNG"))
        return makeError(QApplication::translate("ScreenshotRunner", "cannot write %1").arg(pngPath));
    return {};
}

Status ScreenshotRunner::relabelOneClip(const QString& projectPath, const QString& coder) {
    auto project = Project::open(projectPath);
    if (!project) return project.error();
    Project& p = *project.value();
    auto annotator = p.annotatorByName(coder);
    if (!annotator) return annotator.error();
    if (!annotator.value())
        return makeError(QApplication::translate("ScreenshotRunner", "%1 has no coder %2").arg(projectPath, coder));
    const int64_t coderId = annotator.value()->id;
    auto labels = p.annotations();
    if (!labels) return labels.error();
    for (const Annotation& a : labels.value()) {
        if (a.annotatorId != coderId) continue;
        const Dimension* d = p.codebook().dimension(a.dimension);
        if (!d) continue;
        for (const QString& other : d->classNames()) {
            if (other == a.label) continue;
            LabelWrite w;
            w.clipId = a.clipId;
            w.annotatorId = coderId;
            w.dimension = a.dimension;
            w.label = other;
            w.source = LabelSource::Gui;
            return p.setLabel(w);
        }
    }
    return makeError(QApplication::translate("ScreenshotRunner", "%1 has no label of %2").arg(projectPath, coder));
}

void ScreenshotRunner::settle(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 20);
}

Status ScreenshotRunner::run(const QString& project, const QString& view, const QString& expert,
                             const QString& pngPath) {
    if (project.isEmpty())
        return makeError(QApplication::translate("ScreenshotRunner", "--screenshot needs a project"));
    const QStringList views = {QStringLiteral("browser"),   QStringLiteral("review"),  QStringLiteral("metrics"),
                               QStringLiteral("predict"),   QStringLiteral("segment"), QStringLiteral("codebook"),
                               QStringLiteral("export"),    QStringLiteral("merge"),   QStringLiteral("blind"),
                               QStringLiteral("transcribe")};
    if (!views.contains(view))
        return makeError(QApplication::translate("ScreenshotRunner", "unknown view \"%1\"").arg(view));
    // The merge view merges a coder's copy: made before the project is open, so that it
    // is the file as it is on disk.
    QTemporaryDir scratch;
    const QString coderCopy = scratch.filePath(QStringLiteral("coder-laptop.motor"));
    if (view == QLatin1String("merge") && !QFile::copy(QDir::current().absoluteFilePath(project), coderCopy))
        return makeError(QApplication::translate("ScreenshotRunner", "cannot copy %1 to %2").arg(project, coderCopy));

    const QSize size(1600, 1000);
    const QRect available = window_->screen() ? window_->screen()->availableGeometry() : QRect(QPoint(), size);
    window_->resize(size.boundedTo(available.size()));
    window_->move(available.topLeft());
    window_->show();
    settle(200);
    if (!window_->openProject(QDir::current().absoluteFilePath(project), expert, MainWindow::Interaction::Unattended))
        return makeError(window_->lastError());
    ProjectSession* session = window_->session();
    if (session->currentExpertId() == 0) {
        const QVector<Annotator> experts = session->annotatorsOfKind(AnnotatorKind::Human);
        if (!experts.isEmpty()) (void)session->setCurrentExpert(experts.first().name);
    }

    window_->applyDefaultDockSizes();
    settle(100);
    if (view == QLatin1String("blind")) {
        // Blind coding on (this writes the project's setting): the coder who has not
        // finished sees only their own column; Review and Metrics are locked.
        if (const Status s = session->setBlindCoding(true); !s) return s;
        settle(100);
    }
    if (view == QLatin1String("browser") || view == QLatin1String("blind") || view == QLatin1String("export") ||
        view == QLatin1String("merge") || view == QLatin1String("transcribe")) {
        window_->showView(MainWindow::View::Label);
        // A clip with a transcript and a few labels shows every pane at work.
        for (const Clip& c : session->clips()) {
            session->setCurrentClip(c.id);
            if (window_->transcript()->utteranceCount() >= 2 && !session->labelsOfClip(c.id).isEmpty()) break;
        }
        QElapsedTimer wait;
        wait.start();
        QMediaPlayer* player = window_->player()->player();
        while (wait.elapsed() < 8000 && player->mediaStatus() != QMediaPlayer::LoadedMedia &&
               player->mediaStatus() != QMediaPlayer::BufferedMedia &&
               player->mediaStatus() != QMediaPlayer::InvalidMedia)
            settle(50);
        // Play briefly so the video surface has a decoded frame, then hold it.
        window_->player()->togglePlay();
        settle(900);
        window_->player()->togglePlay();
        settle(600);
        if (view == QLatin1String("transcribe")) {  // File ▸ Transcribe recording…
            QWidget* dialog = window_->openTranscribeDialog();
            if (!dialog) return makeError(QApplication::translate("ScreenshotRunner", "no transcription dialog"));
            settle(300);
            return shootWithDialog(dialog, pngPath);
        }
        if (view == QLatin1String("export")) {
            // File ▸ Export dataset… with the tables for statistics chosen.
            ExportChoice choice = window_->transfer()->exportChoice();
            choice.wide = choice.agreement = choice.codingLog = true;
            ExportDialog dialog(choice, window_);
            dialog.show();
            settle(300);
            return shootWithDialog(&dialog, pngPath);
        }
        if (view == QLatin1String("merge")) {
            // On the coder's copy the chosen expert labelled one clip differently: File ▸
            // Merge finds the conflict and asks how to settle it.
            if (const Status s = relabelOneClip(coderCopy, session->currentExpertName()); !s) return s;
            window_->transfer()->mergeProjects({coderCopy});
            QElapsedTimer waitBox;
            waitBox.start();
            QMessageBox* box = nullptr;
            while (!box && waitBox.elapsed() < 30000) {
                settle(50);
                box = window_->findChild<QMessageBox*>(QStringLiteral("ConflictQuestion"));
                if (box && !box->isVisible()) box = nullptr;
            }
            if (!box)
                return makeError(QApplication::translate("ScreenshotRunner", "the merge asked nothing: %1")
                                     .arg(window_->transfer()->lastError() + window_->transfer()->lastMessage()));
            return shootWithDialog(box, pngPath);
        }
    } else if (view == QLatin1String("review")) {
        window_->showView(MainWindow::View::Review);
        settle(300);
        window_->review()->nextInQueue();
        settle(300);
        QTableWidget* coders = window_->review()->codersTable();
        for (int r = 0; r < coders->rowCount(); ++r)
            if (coders->item(r, 0) && coders->item(r, 0)->text().contains(QChar(0x270E))) {
                coders->setCurrentCell(r, 0);
                break;
            }
        settle(600);
    } else if (view == QLatin1String("segment")) {
        // The second clip selected, the playhead inside it: the timeline with its clips,
        // the recording's player on the frame under the playhead.
        window_->showView(MainWindow::View::Segment);
        SegmentView* segment = window_->segment();
        if (session->clips().size() > 1) {
            const Clip c = session->clips()[1];
            segment->selectClip(c.id);
            segment->seek(c.startMs + c.durationMs() / 2);
        }
        QElapsedTimer wait;
        wait.start();
        QMediaPlayer* player = segment->player()->player();
        while (wait.elapsed() < 8000 && player->mediaStatus() != QMediaPlayer::LoadedMedia &&
               player->mediaStatus() != QMediaPlayer::BufferedMedia &&
               player->mediaStatus() != QMediaPlayer::InvalidMedia)
            settle(50);
        segment->player()->togglePlay();
        settle(700);
        segment->player()->togglePlay();
        settle(600);
    } else if (view == QLatin1String("codebook")) {
        // The editor over the window, a class with its definition selected.
        window_->showView(MainWindow::View::Label);
        window_->editCodebook();
        settle(300);
        if (auto* editor = window_->findChild<CodebookEditor*>()) {
            editor->select(0, 0);
            return shootWithDialog(editor, pngPath);
        }
    } else if (view == QLatin1String("predict")) {
        // A finished majority-baseline run of the chosen expert: the panel with results
        // (the window hides the label panel on this view).
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            if (dock->objectName() == QLatin1String("ClipsDock")) window_->resizeDocks({dock}, {420}, Qt::Horizontal);
        window_->showView(MainWindow::View::Predict);
        PredictorPanel* panel = window_->predictor();
        panel->setBackend(agents::BackendKind::MajorityBaseline);
        panel->setReferenceExpert(session->currentExpertName());
        panel->startRun();
        QElapsedTimer wait;
        wait.start();
        settle(100);
        while (panel->isRunning() && wait.elapsed() < 60000) settle(50);
        settle(400);
    } else {
        // The dashboard wants the width (the window hides the label panel on this view).
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            if (dock->objectName() == QLatin1String("ClipsDock")) window_->resizeDocks({dock}, {420}, Qt::Horizontal);
        window_->showView(MainWindow::View::Metrics);
        QElapsedTimer wait;
        wait.start();
        settle(200);
        while (window_->metrics()->isComputing() && wait.elapsed() < 30000) settle(50);
        settle(800);
    }

    QPixmap shot;
    // On a real X server the video surface is composited by the window system, and only
    // a grab of the screen contains it; offscreen, grab the widget tree.
    if (QGuiApplication::platformName() == QLatin1String("xcb") && window_->screen())
        shot = window_->screen()->grabWindow(window_->winId());
    if (shot.isNull()) shot = window_->grab();
    QDir().mkpath(QFileInfo(pngPath).absolutePath());
    if (!shot.save(pngPath, "PNG"))
        return makeError(QApplication::translate("ScreenshotRunner", "cannot write %1").arg(pngPath));
    return {};
}

}  // namespace ui
}  // namespace motor
