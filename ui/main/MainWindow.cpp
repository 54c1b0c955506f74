#include "ui/main/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QtConcurrent>

#include "core/demo/DemoProject.h"
#include "core/util/ProjectFolder.h"
#include "ui/browser/ClipBrowser.h"
#include "ui/browser/ClipFilterProxy.h"
#include "ui/codebook/CodebookEditor.h"
#include "ui/codebook/NewProjectCodebook.h"
#include "ui/io/DataTransfer.h"
#include "ui/labels/LabelPanel.h"
#include "ui/main/Docs.h"
#include "ui/main/ExpertDialog.h"
#include "ui/main/FileDialogs.h"
#include "ui/main/LanguageSetup.h"
#include "ui/main/ProjectSession.h"
#include "ui/main/ShortcutsDialog.h"
#include "ui/main/StartPage.h"
#include "ui/metrics/MetricsDashboard.h"
#include "ui/player/PlayerPane.h"
#include "ui/predict/PredictorPanel.h"
#include "ui/review/ReviewPane.h"
#include "ui/segment/SegmentView.h"
#include "ui/transcript/TranscribeDialog.h"
#include "ui/transcript/TranscriptPane.h"

namespace motor {
namespace ui {
namespace {

// A tab's title without its Alt+ mnemonic: tab mnemonics are window-wide and took the
// menus' keys (Alt+P: Playback or Predict; in Finnish Alt+T and Alt+M), and the tabs
// have Ctrl+1 to 5. The same text keeps its mnemonic in the View menu.
QString withoutMnemonic(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    return text.replace(QStringLiteral("\x01"), QStringLiteral("&&"));
}
constexpr int kMaxRecent = 8;
const char* const kRecentKey = "recentProjects";
const char* const kLastClipKey = "lastClips";  // project path -> the clip key it was left on
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), session_(new ProjectSession(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);
    // Roomy where the screen allows, never larger than a laptop's (1366 x 768) screen.
    QSize size(1480, 900);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() - QSize(40, 60));
    resize(size);

    stack_ = new QStackedWidget(this);
    start_ = new StartPage(stack_);
    stack_->addWidget(start_);

    tabs_ = new QTabWidget(stack_);
    tabs_->setDocumentMode(true);
    auto* labelPage = new QSplitter(Qt::Vertical, tabs_);
    labelPage->setObjectName(QStringLiteral("LabelSplitter"));
    player_ = new PlayerPane(session_, labelPage);
    transcript_ = new TranscriptPane(session_, labelPage);
    labelPage->addWidget(player_);
    labelPage->addWidget(transcript_);
    labelPage->setStretchFactor(0, 3);
    labelPage->setStretchFactor(1, 1);
    labelPage->setChildrenCollapsible(false);
    tabs_->addTab(labelPage, withoutMnemonic(tr("&Label")));
    review_ = new ReviewPane(session_, tabs_);
    tabs_->addTab(review_, withoutMnemonic(tr("&Review")));
    metrics_ = new MetricsDashboard(session_, tabs_);
    tabs_->addTab(metrics_, withoutMnemonic(tr("&Metrics")));
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);

    browser_ = new ClipBrowser(session_, this);
    // The predictor reads the browser's filter for "clips shown in the browser".
    predictor_ = new PredictorPanel(session_, browser_, tabs_);
    tabs_->addTab(predictor_, withoutMnemonic(tr("&Predict")));
    segment_ = new SegmentView(session_, tabs_);
    tabs_->addTab(segment_, withoutMnemonic(tr("&Segment")));
    transfer_ = new DataTransfer(session_, this);
    browserDock_ = new QDockWidget(tr("Clips"), this);
    browserDock_->setObjectName(QStringLiteral("ClipsDock"));
    browserDock_->setWidget(browser_);
    // Closable, so that View ▸ Clips hides and shows it (room for the player or review).
    browserDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                              QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, browserDock_);

    labels_ = new LabelPanel(session_, this);
    labelDock_ = new QDockWidget(tr("Labels"), this);
    labelDock_->setObjectName(QStringLiteral("LabelsDock"));
    labelDock_->setWidget(labels_);
    // Not closable: its label keys are its actions, which a hidden panel does not take.
    labelDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, labelDock_);
    applyDefaultDockSizes();

    coderButton_ = new QToolButton(this);
    coderButton_->setObjectName(QStringLiteral("CoderSwitch"));
    coderButton_->setAutoRaise(true);
    coderButton_->setPopupMode(QToolButton::InstantPopup);
    coderButton_->setToolTip(tr("Who is labelling: switch coder, add one, or have MOTOR Studio ask on every open"));
    coderMenu_ = new QMenu(coderButton_);
    coderButton_->setMenu(coderMenu_);
    connect(coderMenu_, &QMenu::aboutToShow, this, &MainWindow::fillCoderMenu);
    progressStatus_ = new QLabel(this);
    pathStatus_ = new QLabel(this);
    pathStatus_->setObjectName(QStringLiteral("MutedLabel"));
    // Permanent: a status message never hides who is labelling (or the progress).
    statusBar()->addPermanentWidget(progressStatus_);
    statusBar()->addPermanentWidget(coderButton_);
    statusBar()->addPermanentWidget(pathStatus_);

    buildMenus();

    connect(start_, &StartPage::openRequested, this, &MainWindow::openProjectDialog);
    connect(start_, &StartPage::createRequested, this, &MainWindow::newProjectDialog);
    connect(start_, &StartPage::demoRequested, this, &MainWindow::openDemo);
    connect(start_, &StartPage::recentRequested, this, [this](const QString& p) { openProject(p); });
    connect(labels_, &LabelPanel::nextUnlabeledRequested, this, &MainWindow::nextUnlabeled);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateForView);
    connect(session_, &ProjectSession::blindChanged, this, &MainWindow::applyBlind);
    connect(session_, &ProjectSession::projectOpened, this, &MainWindow::applyBlind);
    connect(labelDock_->toggleViewAction(), &QAction::triggered, this,
            [this](bool shown) { labelDockHiddenByUser_ = !shown; });
    connect(player_, &PlayerPane::mediaPositionChanged, transcript_, &TranscriptPane::setMediaPosition);
    connect(player_, &PlayerPane::mediaPositionChanged, session_, &ProjectSession::setMediaPosition);
    connect(transcript_, &TranscriptPane::seekRequested, player_, &PlayerPane::seekMedia);
    connect(transcript_, &TranscriptPane::transcribeRequested, this, [this] { openTranscribeDialog(); });
    connect(review_, &ReviewPane::clipRequested, session_, &ProjectSession::setCurrentClip);
    connect(metrics_, &MetricsDashboard::clipsRequested, this, [this](const QSet<qint64>& ids, const QString& what) {
        browser_->proxy()->setClipSet(ids, what);
        browserDock_->raise();
    });
    // Reopening comes back to the clip left (by its key, which survives a re-import).
    connect(session_, &ProjectSession::currentClipChanged, this, [this](qint64 id) {
        const Clip* c = session_->clip(id);
        if (!c) return;
        QSettings settings;
        QVariantMap last = settings.value(QLatin1String(kLastClipKey)).toMap();
        last.insert(QFileInfo(session_->projectPath()).absoluteFilePath(), c->key);
        settings.setValue(QLatin1String(kLastClipKey), last);
    });
    connect(session_, &ProjectSession::changedElsewhere, this, [this] {
        statusBar()->showMessage(
            tr("Updated with changes made elsewhere (another window on this project, the command line)."), 5000);
    });
    connect(session_, &ProjectSession::labelsChanged, this, &MainWindow::updateTitleAndStatus);
    connect(session_, &ProjectSession::currentExpertChanged, this, &MainWindow::updateTitleAndStatus);
    connect(session_, &ProjectSession::labelsReloaded, this, &MainWindow::updateTitleAndStatus);
    connect(session_, &ProjectSession::projectOpened, this, &MainWindow::updateTitleAndStatus);
    connect(session_, &ProjectSession::projectClosed, this, &MainWindow::updateTitleAndStatus);
    connect(transfer_, &DataTransfer::finished, this, [this](bool ok, const QString& message) {
        if (ok) statusBar()->showMessage(message, 8000);
    });
    connect(session_, &ProjectSession::codebookChangeFailed, this, [this](const QString& message) {
        lastError_ = message;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Codebook not changed"),
                                    tr("The codebook change cannot be undone or redone: nothing was changed."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("CodebookUndoRefused"));
        box->setInformativeText(message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();  // not exec(): the undo stack is in the middle of a step
    });
    connect(session_, &ProjectSession::writeFailed, this, [this](const QString& message) {
        lastError_ = message;
        // open(), not exec(): this may come in the middle of an undo step.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Label not saved"), message, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("LabelNotSaved"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    refreshRecentMenu();
    stack_->setCurrentWidget(start_);
    browserDock_->hide();
    labelDock_->hide();
    updateTitleAndStatus();
}

MainWindow::~MainWindow() = default;

QAction* MainWindow::addKey(QMenu* menu, const QString& text, const QKeySequence& key) {
    QAction* a = menu->addAction(text);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WindowShortcut);
    return a;
}

TranscribeDialog* MainWindow::openTranscribeDialog(qint64 mediaId) {
    if (!session_->isOpen()) return nullptr;
    if (mediaId == 0)
        if (const Clip* c = session_->clip(session_->currentClipId())) mediaId = c->mediaId;
    // A finished dialog is made afresh: the project, its recordings or transcripts may have changed.
    if (transcribeDialog_ && !transcribeDialog_->isRunning()) delete transcribeDialog_;
    if (!transcribeDialog_) {
        transcribeDialog_ = new TranscribeDialog(session_, this);
        connect(transcribeDialog_, &TranscribeDialog::transcribed, session_,
                &ProjectSession::announceTranscriptChanged);
        if (mediaId != 0) transcribeDialog_->setMedia(mediaId);
    }
    transcribeDialog_->show();
    transcribeDialog_->raise();
    transcribeDialog_->activateWindow();
    return transcribeDialog_;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    connect(addKey(file, tr("&Open project…"), QKeySequence::Open), &QAction::triggered, this,
            &MainWindow::openProjectDialog);
    connect(addKey(file, tr("&New project…"), QKeySequence(tr("Ctrl+Shift+N"))), &QAction::triggered, this,
            &MainWindow::newProjectDialog);
    connect(file->addAction(tr("Open &demo project")), &QAction::triggered, this, &MainWindow::openDemo);
    recentMenu_ = file->addMenu(tr("&Recent projects"));
    file->addSeparator();
    transfer_->addActions(file);
    QAction* transcribe = file->addAction(tr("Transcri&be recording…"));
    transcribe->setObjectName(QStringLiteral("TranscribeRecordingAction"));
    connect(transcribe, &QAction::triggered, this, [this] { openTranscribeDialog(); });
    file->addSeparator();
    connect(addKey(file, tr("&Close project"), QKeySequence::Close), &QAction::triggered, this, [this] {
        session_->close();
        stack_->setCurrentWidget(start_);
        browserDock_->hide();
        labelDock_->hide();
    });
    connect(addKey(file, tr("&Quit"), QKeySequence::Quit), &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = session_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = session_->undoStack()->createRedoAction(this, tr("&Redo"));
    // Ctrl+Y and Ctrl+Shift+Z everywhere, once each: a key bound twice to one action is
    // ambiguous and does nothing (the Windows key scheme's Redo is Ctrl+Y already).
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence& k : {QKeySequence(tr("Ctrl+Y")), QKeySequence(tr("Ctrl+Shift+Z"))})
        if (!redoKeys.contains(k)) redoKeys << k;
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    connect(addKey(edit, tr("&Find clips"), QKeySequence::Find), &QAction::triggered, this, [this] {
        browserDock_->raise();
        browser_->searchField()->setFocus(Qt::ShortcutFocusReason);
        browser_->searchField()->selectAll();
    });
    connect(addKey(edit, tr("Edit &note"), QKeySequence(Qt::Key_F2)), &QAction::triggered, this,
            [this] { labels_->focusNote(0); });
    edit->addSeparator();
    QAction* codebook = edit->addAction(tr("&Codebook…"));
    codebook->setObjectName(QStringLiteral("CodebookAction"));
    connect(codebook, &QAction::triggered, this, &MainWindow::editCodebook);
    blindAction_ = edit->addAction(tr("&Blind coding"));
    blindAction_->setObjectName(QStringLiteral("BlindCodingAction"));
    blindAction_->setCheckable(true);
    blindAction_->setToolTip(
        tr("Each coder sees only their own labels, without the conflict column, the review "
           "or the metrics, until they have labelled every clip or a lead unlocks them."));
    connect(blindAction_, &QAction::triggered, this, [this](bool on) {
        if (const Status s = session_->setBlindCoding(on); !s)
            showError(tr("Blind coding"), s.error().message, Interaction::Interactive);
        applyBlind();
    });
    unlockAction_ = edit->addAction(tr("Un&lock the review for this coder…"));
    unlockAction_->setObjectName(QStringLiteral("UnlockBlindAction"));
    connect(unlockAction_, &QAction::triggered, this, [this] {
        if (QMessageBox::question(this, tr("Unlock the review"),
                                  tr("%1 will see the other coders' labels, the conflicts, the review and the metrics "
                                     "before finishing. Unlock?")
                                      .arg(session_->currentExpertName())) != QMessageBox::Yes)
            return;
        if (const Status s = session_->unlockBlindCoding(); !s)
            showError(tr("Blind coding"), s.error().message, Interaction::Interactive);
    });

    QMenu* play = menuBar()->addMenu(tr("&Playback"));
    connect(addKey(play, tr("&Play / pause"), QKeySequence(Qt::Key_Space)), &QAction::triggered, this,
            [this] { activePlayer()->togglePlay(); });
    connect(addKey(play, tr("Previous &frame"), QKeySequence(Qt::Key_Comma)), &QAction::triggered, this,
            [this] { activePlayer()->stepFrames(-1); });
    connect(addKey(play, tr("Next f&rame"), QKeySequence(Qt::Key_Period)), &QAction::triggered, this,
            [this] { activePlayer()->stepFrames(1); });
    connect(addKey(play, tr("&Back 1 s"), QKeySequence(Qt::Key_Left)), &QAction::triggered, this,
            [this] { activePlayer()->seekBy(-1000); });
    connect(addKey(play, tr("F&orward 1 s"), QKeySequence(Qt::Key_Right)), &QAction::triggered, this,
            [this] { activePlayer()->seekBy(1000); });
    connect(addKey(play, tr("&Slower"), QKeySequence(Qt::Key_BracketLeft)), &QAction::triggered, this,
            [this] { activePlayer()->slower(); });
    connect(addKey(play, tr("F&aster"), QKeySequence(Qt::Key_BracketRight)), &QAction::triggered, this,
            [this] { activePlayer()->faster(); });
    connect(addKey(play, tr("&Loop clip"), QKeySequence(Qt::Key_L)), &QAction::triggered, this,
            [this] { activePlayer()->setLooping(!activePlayer()->isLooping()); });

    QMenu* nav = menuBar()->addMenu(tr("&Navigate"));
    connect(addKey(nav, tr("Next &unlabelled clip"), QKeySequence(Qt::Key_N)), &QAction::triggered, this,
            &MainWindow::nextUnlabeled);
    connect(addKey(nav, tr("&Next clip"), QKeySequence(Qt::Key_K)), &QAction::triggered, this,
            [this] { browser_->step(1); });
    connect(addKey(nav, tr("&Previous clip"), QKeySequence(Qt::Key_J)), &QAction::triggered, this,
            [this] { browser_->step(-1); });
    connect(addKey(nav, tr("Next &disagreement"), QKeySequence(Qt::Key_M)), &QAction::triggered, this, [this] {
        if (!session_->isBlind()) review_->nextInQueue();
    });
    // The transcript's editing keys (F2, I, O, P, U, ...) act while it has the keyboard.
    connect(addKey(nav, tr("&Transcript"), QKeySequence(tr("Ctrl+T"))), &QAction::triggered, this, [this] {
        showView(View::Label);
        transcript_->focusTable();
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    connect(addKey(view, tr("&Label"), QKeySequence(tr("Ctrl+1"))), &QAction::triggered, this,
            [this] { showView(View::Label); });
    reviewAction_ = addKey(view, tr("&Review"), QKeySequence(tr("Ctrl+2")));
    connect(reviewAction_, &QAction::triggered, this, [this] { showView(View::Review); });
    metricsAction_ = addKey(view, tr("&Metrics"), QKeySequence(tr("Ctrl+3")));
    connect(metricsAction_, &QAction::triggered, this, [this] { showView(View::Metrics); });
    connect(addKey(view, tr("&Predict"), QKeySequence(tr("Ctrl+4"))), &QAction::triggered, this,
            [this] { showView(View::Predict); });
    connect(addKey(view, tr("&Segment"), QKeySequence(tr("Ctrl+5"))), &QAction::triggered, this,
            [this] { showView(View::Segment); });
    view->addSeparator();
    view->addAction(browserDock_->toggleViewAction());
    QMenu* language = view->addMenu(tr("La&nguage"));
    auto* group = new QActionGroup(language);
    const QList<QPair<QString, QString>> languages = {{QStringLiteral("system"), tr("Follow the system")},
                                                      {QStringLiteral("en"), QStringLiteral("English")},
                                                      {QStringLiteral("fi"), QStringLiteral("Suomi")}};
    for (const auto& [code, name] : languages) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(LanguageSetup::configured() == code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            LanguageSetup::setConfigured(code);
            QMessageBox::information(this, tr("Language"), tr("The new language is used after a restart."));
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    connect(addKey(help, tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1)), &QAction::triggered, this,
            &MainWindow::showShortcuts);
    // The user guide, built in (in English): segmenting, transcripts, merging, blind coding...
    QMenu* guide = help->addMenu(tr("User &guide (English)"));
    guide->setObjectName(QStringLiteral("UserGuideMenu"));
    for (const auto& [name, title] : userGuidePages())
        connect(guide->addAction(title), &QAction::triggered, this,
                [this, name = name] { openHelpLink(QStringLiteral("help:") + name, this); });
    connect(help->addAction(tr("&Models and where to get them (English)")), &QAction::triggered, this,
            [this] { openHelpLink(QStringLiteral("help:MODELS.md"), this); });
    connect(help->addAction(tr("&About MOTOR Studio")), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About MOTOR Studio"),
                           tr("<b>MOTOR Studio</b> %1<br/>Label classroom clips for self-regulated learning "
                              "and compare AI models with experts. Everything stays on this computer.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showView(View view) {
    if (!session_->isOpen()) return;
    // A tab blind coding closed stays closed, whatever key asks for it.
    if (!tabs_->isTabEnabled(int(view))) {
        statusBar()->showMessage(tabs_->tabToolTip(int(view)), 8000);
        return;
    }
    tabs_->setCurrentIndex(int(view));  // the tabs are in View's order
}

PlayerPane* MainWindow::activePlayer() const {
    return tabs_->currentWidget() == segment_ ? segment_->player() : player_;
}

void MainWindow::applyBlind() {
    const bool blind = session_->isBlind();
    const QString why =
        blind ? tr("Blind coding: shown once you have labelled every clip, or a lead unlocks it.") : QString();
    // Back to Label from a view that goes (QTabWidget would move to the next enabled tab).
    if (blind && (tabs_->currentIndex() == 1 || tabs_->currentIndex() == 2)) tabs_->setCurrentIndex(0);
    for (int tab : {1, 2}) {
        tabs_->setTabEnabled(tab, !blind);
        tabs_->setTabToolTip(tab, why);
    }
    // Their keys (Ctrl+2, Ctrl+3) and menu items too: the other coders' labels stay unseen.
    for (QAction* a : {reviewAction_, metricsAction_})
        if (a) a->setEnabled(!blind);
    if (blindAction_) blindAction_->setChecked(session_->blindCodingEnabled());
    if (unlockAction_) unlockAction_->setEnabled(blind);
}

void MainWindow::updateForView() {
    const bool labelling = tabs_->currentIndex() == 0 || tabs_->currentIndex() == 1;
    labels_->setKeysActive(labelling);
    // One player sounds at a time: the hidden one pauses.
    (tabs_->currentWidget() == segment_ ? player_ : segment_->player())->player()->pause();
    // Metrics and Predict want the width; the label panel returns with Label/Review
    // unless the user hid it.
    if (session_->isOpen() && !labelDockHiddenByUser_) labelDock_->setVisible(labelling);
}

bool MainWindow::openProject(const QString& path, const QString& expert, Interaction interaction) {
    const Status opened = session_->open(path);
    if (!opened) {
        showError(tr("Cannot open project"), opened.error().message, interaction);
        return false;
    }
    addRecent(session_->projectPath());
    stack_->setCurrentWidget(tabs_);
    const bool firstShow = !browserDock_->isVisible();
    browserDock_->show();
    labelDock_->show();
    if (firstShow && !QSettings().contains(QStringLiteral("window/state"))) applyDefaultDockSizes();
    updateForView();
    if (!chooseExpert(expert, interaction)) {
        // Without a coder the project opens read-only: browse and review, no labels,
        // until one is chosen with the coder switch.
        statusBar()->showMessage(tr("No coder chosen: labelling is off. Choose one with \"Coder\" below."), 8000);
    }
    // The clip this computer was last on in this project; the first one otherwise.
    if (!session_->clips().isEmpty()) {
        const QString last = QSettings()
                                 .value(QLatin1String(kLastClipKey))
                                 .toMap()
                                 .value(QFileInfo(session_->projectPath()).absoluteFilePath())
                                 .toString();
        int64_t clip = session_->clips().first().id;
        for (const Clip& c : session_->clips())
            if (!last.isEmpty() && c.key == last) clip = c.id;
        session_->setCurrentClip(clip);
    }
    updateTitleAndStatus();
    return true;
}

bool MainWindow::chooseExpert(const QString& forced, Interaction interaction) {
    const QString path = session_->projectPath();
    const QString remembered = ExpertDialog::remembered(path);
    // On a shared computer the last coder is not reused silently.
    QString name = !forced.isEmpty() ? forced : ExpertDialog::askEveryOpen() ? QString() : remembered;
    if (name.isEmpty() && interaction == Interaction::Interactive) {
        QStringList experts;
        for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Human)) experts << a.name;
        // Never another expert's name by default: Enter would label as that expert. Only
        // this computer's own last choice, and not when several people share it.
        ExpertDialog dialog(experts, ExpertDialog::askEveryOpen() ? QString() : remembered, this);
        if (dialog.exec() != QDialog::Accepted) return false;
        name = dialog.expertName();
    }
    if (name.isEmpty()) return false;
    return switchCoder(name, interaction);
}

bool MainWindow::switchCoder(const QString& name, Interaction interaction) {
    if (!session_->isOpen() || name.trimmed().isEmpty()) return false;
    const Status s = session_->setCurrentExpert(name.trimmed());
    if (!s) {
        showError(tr("Cannot use this coder"), s.error().message, interaction);
        return false;
    }
    ExpertDialog::remember(session_->projectPath(), name.trimmed());
    updateTitleAndStatus();
    return true;
}

void MainWindow::askForCoder() {
    QStringList experts;
    for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Human)) experts << a.name;
    ExpertDialog dialog(experts, QString(), this);
    if (dialog.exec() == QDialog::Accepted) switchCoder(dialog.expertName());
}

void MainWindow::fillCoderMenu() {
    coderMenu_->clear();
    if (!session_->isOpen()) return;
    for (const Annotator& a : session_->annotatorsOfKind(AnnotatorKind::Human)) {
        QAction* act = coderMenu_->addAction(a.name);
        act->setCheckable(true);
        act->setChecked(a.id == session_->currentExpertId());
        connect(act, &QAction::triggered, this, [this, name = a.name] { switchCoder(name); });
    }
    coderMenu_->addSeparator();
    connect(coderMenu_->addAction(tr("New coder…")), &QAction::triggered, this, &MainWindow::askForCoder);
    QAction* ask = coderMenu_->addAction(tr("Ask who is labelling on every open"));
    ask->setCheckable(true);
    ask->setChecked(ExpertDialog::askEveryOpen());
    connect(ask, &QAction::toggled, this, [](bool on) { ExpertDialog::setAskEveryOpen(on); });
}

void MainWindow::showError(const QString& title, const QString& message, Interaction interaction) {
    lastError_ = message;
    if (interaction == Interaction::Interactive) QMessageBox::warning(this, title, message);
}

void MainWindow::openProjectDialog() {
    const QString start = util::defaultProjectFolder(QSettings().value(QLatin1String(kRecentKey)).toStringList());
    const QString path = openFileName(this, tr("Open project"), start, tr("MOTOR projects (*.motor);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
}

void MainWindow::newProjectDialog() {
    const QString start = util::defaultProjectFolder(QSettings().value(QLatin1String(kRecentKey)).toStringList());
    QString path = saveFileName(this, tr("New project"), start, tr("MOTOR projects (*.motor)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".motor"))) path += QLatin1String(".motor");
    NewProjectCodebook choice(this);
    if (choice.exec() != QDialog::Accepted) return;
    auto codebook = choice.codebook();
    if (codebook && createProject(path, codebook.value()) && choice.source() == NewProjectCodebook::Source::New)
        editCodebook();
}

bool MainWindow::createProject(const QString& path, const Codebook& codebook, Interaction interaction) {
    auto created = Project::create(path, codebook);
    if (!created) {
        showError(tr("Cannot create project"), created.error().message, interaction);
        return false;
    }
    created.value().reset();  // the session opens its own connection
    return openProject(path, {}, interaction);
}

void MainWindow::editCodebook() {
    if (!session_->isOpen()) return;
    auto* editor = new CodebookEditor(session_, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->open();
}

void MainWindow::openDemo() {
    if (demoRunning_) return;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
    const QString existing = dir + QStringLiteral("/demo.motor");
    if (QFileInfo::exists(existing)) {
        openProject(existing);
        return;
    }
    QDir().mkpath(dir);
    demoRunning_ = true;
    auto* progress = new QProgressDialog(tr("Generating the demo clips…"), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<QProgressDialog> guard(progress);
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    // The demo is written by core in a worker thread; progress comes back queued.
    auto future = QtConcurrent::run([dir, guard]() -> Result<QString> {
        return demo::createDemoProject(dir, {}, [guard](int done, int total) {
            QMetaObject::invokeMethod(qApp, [guard, done, total] {
                if (!guard) return;
                guard->setMaximum(total);
                guard->setValue(done);
            });
        });
    });
    connect(progress, &QProgressDialog::canceled, this, [this, watcher] {
        // core cannot stop half-way; the result is dropped and the folder left for reuse.
        watcher->disconnect(this);
        demoRunning_ = false;
    });
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher, guard] {
        demoRunning_ = false;
        if (guard) guard->close();
        const Result<QString> r = watcher->result();
        watcher->deleteLater();
        if (!r) {
            showError(tr("Cannot create the demo project"), r.error().message, Interaction::Interactive);
            return;
        }
        openProject(r.value());
    });
    watcher->setFuture(future);
}

void MainWindow::nextUnlabeled() {
    if (!session_->isOpen() || session_->currentExpertId() == 0) return;
    // In the clip list's order, among the clips its filters show (as K and J move).
    const QList<qint64> shown = browser_->visibleClipIds();
    const qsizetype at = shown.indexOf(session_->currentClipId());
    for (qsizetype step = 1; step <= shown.size(); ++step) {
        const qint64 id = shown[(at + step) % shown.size()];
        if (!session_->isComplete(id, session_->currentExpertId())) {
            session_->setCurrentClip(id);
            return;
        }
    }
    if (session_->nextUnlabeledClip(session_->currentClipId()) != 0) {
        statusBar()->showMessage(tr("Every clip the list shows is labelled; clear its filters for the others."), 8000);
        return;
    }
    statusBar()->showMessage(tr("Every clip is labelled. Well done!"), 5000);
}

void MainWindow::showShortcuts() {
    ShortcutsDialog dialog(session_->codebook().dimensions.isEmpty() ? Codebook::motorDefault() : session_->codebook(),
                           this);
    dialog.exec();
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(QLatin1String(kRecentKey), recent);
    refreshRecentMenu();
}

void MainWindow::refreshRecentMenu() {
    const QStringList recent = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    start_->setRecentProjects(recent);
    if (!recentMenu_) return;
    recentMenu_->clear();
    for (const QString& p : recent)
        connect(recentMenu_->addAction(p), &QAction::triggered, this, [this, p] { openProject(p); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitleAndStatus() {
    if (!session_->isOpen()) {
        setWindowTitle(tr("MOTOR Studio"));
        coderButton_->setText(QString());
        coderButton_->setVisible(false);
        progressStatus_->clear();
        pathStatus_->clear();
        return;
    }
    const int total = int(session_->clips().size());
    const int64_t expert = session_->currentExpertId();
    const int done = expert ? session_->completedClipCount(expert) : 0;
    setWindowTitle(
        tr("%1 — %2 / %n clip(s) labelled — MOTOR Studio", nullptr, total).arg(session_->projectName()).arg(done));
    coderButton_->setVisible(true);
    coderButton_->setText(expert ? tr("Coder: %1").arg(session_->currentExpertName())
                                 : tr("Coder: none (labelling off) — choose"));
    progressStatus_->setText(expert ? tr("%1 / %n clip(s) done", nullptr, total).arg(done) : QString());
    // The file name only: a long path would widen the window past small screens.
    pathStatus_->setText(QFileInfo(session_->projectPath()).fileName());
    pathStatus_->setToolTip(session_->projectPath());
}

void MainWindow::applyDefaultDockSizes() {
    resizeDocks({browserDock_, labelDock_}, {560, 340}, Qt::Horizontal);
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("LabelSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("window/labelSplitter")).toByteArray());
    if (!session_->isOpen()) {
        browserDock_->hide();
        labelDock_->hide();
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    if (session_->isOpen()) settings.setValue(QStringLiteral("window/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("LabelSplitter")))
        settings.setValue(QStringLiteral("window/labelSplitter"), splitter->saveState());
    QMainWindow::closeEvent(event);
}

}  // namespace ui
}  // namespace motor
